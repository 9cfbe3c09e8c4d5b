package appeal

import (
	"strings"
	"unicode/utf8"

	"zhitong/internal/fault"
)

func normalizeLimit(limit int) int {
	switch {
	case limit <= 0:
		return DefaultLimit
	case limit > MaxLimit:
		return MaxLimit
	}
	return limit
}

func normalizeFilter(f *Filter) error {
	f.Limit = normalizeLimit(f.Limit)
	f.Keyword = strings.TrimSpace(f.Keyword)
	if utf8.RuneCountInString(f.Keyword) > MaxKeyword {
		return fault.Field("q", "too_long", "q", MaxKeyword)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) { // To is exclusive
		return fault.Field("from", "filter.range")
	}
	return nil
}
