package api

import (
	"context"
	"net/http"
	"strconv"

	"zhitong/internal/account"
)

// call is one request as a handler sees it: who is asking, the query read
// against the route's parameters, and the means to answer.
type call struct {
	s     *server
	w     http.ResponseWriter
	r     *http.Request
	route *route
	actor *account.Actor
	q     *query
}

func (c *call) ctx() context.Context { return c.r.Context() }

// id is the {id} of the path: a positive integer, or a 400.
func (c *call) id() (int64, error) { return pathID(c.r, "id") }

// decode reads the request body into v (see decode.go).
func (c *call) decode(v any) error {
	return decode(c.w, c.r, c.s.maxBody, v, c.route.optional)
}

// reply writes v with status.
func (c *call) reply(status int, v any) error {
	writeJSON(c.w, status, v)
	return nil
}

// etag marks the response with the version of what it carries.
func (c *call) etag(version int) {
	c.w.Header().Set("ETag", `"`+strconv.Itoa(version)+`"`)
}

// endpoint wraps a route's handler in the checks every route gets, in one
// place: the query against the route's parameters, the caller against the
// route's access, and the rendering of any error.
func (s *server) endpoint(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{s: s, w: w, r: r, route: rt}
		if err := s.serve(c); err != nil {
			s.fail(w, r, err)
		}
	})
}

func (s *server) serve(c *call) error {
	var err error
	if c.actor, err = s.authenticate(c.r, c.route); err != nil {
		return err
	}
	if c.q, err = readQuery(c.r, c.route.query); err != nil {
		return err
	}
	return c.route.handle(c)
}
