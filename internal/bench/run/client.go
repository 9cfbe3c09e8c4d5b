package run

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// requestTimeout bounds every request, so that a run ends even against a
// server that stops answering.
const requestTimeout = 30 * time.Second

// errNotLoopback refuses a connection off this machine: the benchmark loads
// only a server of one's own.
var errNotLoopback = errors.New("the benchmark connects only to loopback addresses")

// client is the benchmark's HTTP client: keep-alive connections to one
// server on the loopback interface.
type client struct {
	base string // http://127.0.0.1:8080, no trailing slash
	hc   *http.Client
}

// CheckURL checks that raw is an http URL of a server on this machine.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("%q is not an http:// URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return errNotLoopback
	}
	return nil
}

// newClient returns a client of base that keeps up to conns connections
// open.
func newClient(base string, conns int) *client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				return errNotLoopback
			}
			return nil
		}}
	tr := &http.Transport{
		DialContext:           dialer.DialContext,
		MaxIdleConns:          conns,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       time.Minute,
		ResponseHeaderTimeout: requestTimeout,
		DisableCompression:    true,
	}
	return &client{base: strings.TrimRight(base, "/"), hc: &http.Client{Transport: tr, Timeout: requestTimeout}}
}

// close closes the idle connections.
func (c *client) close() { c.hc.CloseIdleConnections() }

// request is one request of a scenario: the operation it calls (the
// OpenAPI operationId, for the report of failures), and what to send.
type request struct {
	op     string
	method string
	path   string // with the query
	token  string
	body   []byte
	header map[string]string
	want   int  // the status of success; 0: any 2xx
	keep   bool // keep the body of the answer (else it is read and dropped)
}

// response is what answered a request.
type response struct {
	status int
	body   []byte // only when the request asked to keep it
}

// send sends r and reads the whole answer, so that the connection is
// reused.
func (c *client) send(ctx context.Context, r *request) (*response, error) {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, c.base+r.path, body)
	if err != nil {
		return nil, err
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := &response{status: resp.StatusCode}
	if r.keep || !r.ok(resp.StatusCode) {
		out.body, err = io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	} else {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	return out, err
}

// ok reports whether status is r's success.
func (r *request) ok(status int) bool {
	if r.want != 0 {
		return status == r.want
	}
	return status >= 200 && status < 300
}

// failureOf names the kind of a failed request and says what the first of
// its kind answered: the status and the error code of the body, or the
// transport's error.
func failureOf(r *request, resp *response, err error) (kind, first string) {
	if err != nil {
		return fmt.Sprintf("%s %s: transport: %s", r.method, r.op, transportKind(err)),
			fmt.Sprintf("%s %s: %v", r.method, r.path, err)
	}
	var e struct {
		Code   string `json:"code"`
		Reason string `json:"reason"`
	}
	json.Unmarshal(resp.body, &e)
	kind = fmt.Sprintf("%s %s: HTTP %d", r.method, r.op, resp.status)
	if e.Code != "" {
		kind += " " + e.Code
		if e.Reason != "" {
			kind += " (" + e.Reason + ")"
		}
	}
	b := resp.body
	if len(b) > 300 {
		b = b[:300]
	}
	return kind, fmt.Sprintf("%s %s → %d %s", r.method, r.path, resp.status, strings.TrimSpace(string(b)))
}

// transportKind classifies a transport error coarsely, so that failures of
// one cause count as one kind.
func transportKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection reset"
	case errors.Is(err, errNotLoopback):
		return "not loopback"
	}
	return "other"
}
