package web

import (
	"errors"
	"io"
	"net/http"

	"zhitong/internal/fault"
)

// uploaded reads the file of the form's "file" field, of at most limit
// bytes (the form's other fields have a little room besides). A form
// without a file is missing; a file too large is tooBig (nil: a malformed
// form); a broken form is a malformed form, never an internal error.
func (q *req) uploaded(limit int64, missing, tooBig error) ([]byte, error) {
	_, data, err := q.uploadedFile(limit, missing, tooBig)
	return data, err
}

// uploadedFile is uploaded with the file's name as the browser sent it. A
// nil missing makes the file optional: none is no name, no data, no error.
func (q *req) uploadedFile(limit int64, missing, tooBig error) (string, []byte, error) {
	q.r.Body = http.MaxBytesReader(q.w, q.r.Body, limit+64<<10)
	var data []byte
	name := ""
	f, hdr, err := q.r.FormFile("file")
	switch {
	case err == nil:
		defer f.Close()
		name = hdr.Filename
		data, err = io.ReadAll(f)
	case errors.Is(err, http.ErrMissingFile):
		return "", nil, missing
	}
	var large *http.MaxBytesError
	switch {
	case err == nil:
		return name, data, nil
	case errors.As(err, &large) && tooBig != nil:
		return "", nil, tooBig
	case fault.KindOf(err) == fault.Internal:
		return "", nil, fault.E(fault.Invalid, "web.form")
	}
	return "", nil, err
}
