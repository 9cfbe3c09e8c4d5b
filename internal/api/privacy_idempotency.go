package api

import (
	"net/http"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// The Idempotency-Key header of POST /api/v1/appeals: a client that lost the
// answer to a registration retries with the same key and body and gets the
// appeal registered first, marked with the Idempotent-Replayed header and
// the replayed field, instead of a second appeal.
const (
	idempotencyHeader = "Idempotency-Key"
	replayedHeader    = "Idempotent-Replayed"
)

// idempotencyKey returns the request's Idempotency-Key, "" if none: one
// header of 1 to 100 printable ASCII characters, or a 400.
func idempotencyKey(r *http.Request) (string, error) {
	vs := r.Header.Values(idempotencyHeader)
	switch {
	case len(vs) == 0:
		return "", nil
	case len(vs) > 1 || !appeal.ValidIdempotencyKey(vs[0]):
		return "", fault.Field(idempotencyHeader, "idem.key", appeal.MaxIdempotencyKey)
	}
	return vs[0], nil
}
