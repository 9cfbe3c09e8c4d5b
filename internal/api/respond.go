package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// writeJSON writes v as the JSON body of a response with status. HTML
// characters in strings are escaped (\u003c), so that text a person typed
// is data wherever the JSON lands. Every response of the API may carry
// personal data or a caller's view of it: none may be cached.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		// Every view is plain data; this cannot happen short of a bug.
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"code":"internal","reason":"internal","message":"internal error","request_id":""}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// language returns the language of the request's messages: "en" when the
// query says lang=en or Accept-Language prefers English to Chinese, else "zh".
func language(r *http.Request) string {
	switch strings.ToLower(r.URL.Query().Get("lang")) {
	case "en":
		return "en"
	case "zh":
		return "zh"
	}
	var en, zh float64
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		switch {
		case primary == "en" && q > en:
			en = q
		case primary == "zh" && q > zh:
			zh = q
		}
	}
	if en > zh {
		return "en"
	}
	return "zh"
}
