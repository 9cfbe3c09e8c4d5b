package api

import (
	"errors"
	"net/http"

	"zhitong/internal/fault"
)

// statusOf is the one table from the kinds of error to HTTP statuses.
var statusOf = map[fault.Kind]int{
	fault.Invalid:         http.StatusBadRequest,
	fault.NotFound:        http.StatusNotFound,
	fault.Conflict:        http.StatusConflict,
	fault.Forbidden:       http.StatusForbidden,
	fault.Unauthenticated: http.StatusUnauthorized,
	fault.TooLarge:        http.StatusRequestEntityTooLarge,
	fault.Internal:        http.StatusInternalServerError,
}

// StatusOf is the HTTP status of an error: the pages answer as the API does.
func StatusOf(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.status
	}
	return statusOf[fault.KindOf(err)]
}

// Error is the body of every error response.
type Error struct {
	Code      string `json:"code" enum:"invalid,not_found,conflict,forbidden,unauthenticated,too_large,internal" doc:"the kind of error"`
	Reason    string `json:"reason" doc:"the message's stable key, for programs (such as stale or version.missing)"`
	Message   string `json:"message" doc:"what went wrong, in the request's language (Chinese unless English is preferred)"`
	Field     string `json:"field,omitempty" doc:"the input field at fault"`
	RequestID string `json:"request_id" doc:"quote it to the administrator; the server's log has the rest"`
	// Problems lists every bad row of a city batch refused whole (citybatch.go).
	Problems []CityBatchProblem `json:"problems,omitempty" doc:"a city batch refused for its rows: every problem of every row"`
}

// httpError is an error of the HTTP layer itself that has a status of its
// own beyond the table (a method the endpoint does not accept).
type httpError struct {
	status int
	err    *fault.Error
}

func (e *httpError) Error() string { return e.err.Error() }

func (e *httpError) Unwrap() error { return e.err }

// fail writes err as the JSON error of the request. An internal error is
// logged whole with the request id; the client gets the apology and the id.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	kind := fault.KindOf(err)
	status := statusOf[kind]
	var he *httpError
	if errors.As(err, &he) {
		status = he.status
	}
	lang := language(r)
	body := Error{Code: kind.String(), Reason: "internal", RequestID: requestID(r.Context())}
	var fe *fault.Error
	if kind == fault.Internal || !errors.As(err, &fe) {
		s.log.ErrorContext(r.Context(), "api: internal error", "request_id", body.RequestID,
			"method", r.Method, "route", r.Pattern, "err", err)
		body.Message = fault.Text(lang, "internal")
	} else {
		body.Reason, body.Message, body.Field = fe.Key, fe.Message(lang), fe.Field
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="zhitong"`)
	}
	writeJSON(w, status, body)
}
