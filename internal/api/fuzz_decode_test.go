package api

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// bodyRoutes are the routes that read a body, in table order.
func bodyRoutes(tb testing.TB) []route {
	tb.Helper()
	var out []route
	for _, rt := range newServer(Config{}).table {
		if rt.body != nil && !fileBody(rt.body) { // a file's bytes are not decoded
			out = append(out, rt)
		}
	}
	if len(out) < 10 {
		tb.Fatalf("only %d routes take a body", len(out))
	}
	return out
}

// wantClientFault fails unless err is nil or a fault the client caused.
func wantClientFault(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var fe *fault.Error
	if !errors.As(err, &fe) || (fe.Kind != fault.Invalid && fe.Kind != fault.TooLarge) || !fault.Known(fe.Key) {
		t.Fatalf("%s: %#v", what, err)
	}
}

// The JSON decoder of the API, on the body of every request type: it never
// panics and refuses only with a client's fault (invalid or too large),
// never an internal error; what it accepts goes on to the command or intake
// it makes, which refuses the same way.
func FuzzDecode(f *testing.F) {
	rs := bodyRoutes(f)
	for i, b := range [][]byte{[]byte(`{}`), []byte(`{"title":"x","channel":"portal","type":"help","content":"y","district_id":1}`),
		[]byte(`{"version":1,"outcome":"solved","text":"ok"}`), []byte(`{"lead_unit_id":3,"co_unit_ids":[4,5],"reply_due":"2026-03-01"}`),
		[]byte(`{"field":"phone","reason":"回访"}`), []byte(`{"reached":true,"satisfaction":"satisfied"}`), []byte(`{"due_at":"2026-13-01"}`),
		[]byte(`[]`), []byte(`{"a":` + string(bytes.Repeat([]byte("["), 3000)) + `}`), []byte("{\"title\":\"\x00\"}"), []byte("\xff"),
		[]byte(`{"title":"a","title":"b"}`), []byte(`{"Title":"x"}`), []byte(`{"version":1e400}`), []byte(``)} {
		f.Add(uint8(i), b)
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		rt := rs[int(which)%len(rs)]
		v := reflect.New(rt.body)
		req := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		err := decode(httptest.NewRecorder(), req, 1<<12, v.Interface(), rt.optional)
		wantClientFault(t, rt.name+": decode", err)
		if err != nil {
			return
		}
		switch b := v.Interface().(type) {
		case commander:
			cmd, err := b.command()
			wantClientFault(t, rt.name+": command", err)
			if err == nil {
				_, action, _ := strings.Cut(rt.name, "_") // appeal_assign, task_reply
				cmd.Action, cmd.TaskID = appeal.Action(action), 7
				wantClientFault(t, rt.name+": validate", cmd.Validate())
			}
		case *NewAppeal:
			in, err := b.intake()
			wantClientFault(t, rt.name+": intake", err)
			if err == nil {
				wantClientFault(t, rt.name+": validate", in.Validate())
			}
		}
	})
}
