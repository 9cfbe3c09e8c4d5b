package sqlstore

import (
	"database/sql"
	"encoding/hex"
	"strings"
	"time"
)

// The mapping between domain values and columns: an id of 0 and a zero time
// are NULL; a time is BIGINT milliseconds since the Unix epoch (UTC); a list
// of roles or capabilities is one comma-joined string; a hash is lowercase hex.

// nullable returns the column value of an optional foreign key: NULL for 0.
func nullable(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// ms returns the column value of a time: NULL for the zero time.
func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// msNotNull returns the column value of a required time.
func msNotNull(t time.Time) int64 { return t.UnixMilli() }

// nullTime scans an optional time column.
type nullTime struct{ t *time.Time }

// Scan implements sql.Scanner.
func (n nullTime) Scan(src any) error {
	var v sql.NullInt64
	if err := v.Scan(src); err != nil {
		return err
	}
	*n.t = time.Time{}
	if v.Valid {
		*n.t = time.UnixMilli(v.Int64)
	}
	return nil
}

// nullID scans an optional id column into 0 for NULL.
type nullID struct{ p *int64 }

// Scan implements sql.Scanner.
func (n nullID) Scan(src any) error {
	var v sql.NullInt64
	if err := v.Scan(src); err != nil {
		return err
	}
	*n.p = v.Int64
	return nil
}

// nullDays scans an optional count of days into 0 for NULL.
type nullDays struct{ p *int }

// Scan implements sql.Scanner.
func (n nullDays) Scan(src any) error {
	var v sql.NullInt64
	if err := v.Scan(src); err != nil {
		return err
	}
	*n.p = int(v.Int64)
	return nil
}

// timeOf scans a required time column.
type timeOf struct{ t *time.Time }

// Scan implements sql.Scanner.
func (n timeOf) Scan(src any) error {
	var v sql.NullInt64
	if err := v.Scan(src); err != nil {
		return err
	}
	*n.t = time.UnixMilli(v.Int64)
	return nil
}

// joinList joins strings of any string type with commas.
func joinList[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

// splitList is the inverse of joinList; the empty string is no elements.
func splitList[T ~string](s string) []T {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := make([]T, len(parts))
	for i, p := range parts {
		out[i] = T(p)
	}
	return out
}

// hexOf returns the stored form of a hash.
func hexOf(b []byte) string { return hex.EncodeToString(b) }

// hashOf is the inverse of hexOf.
func hashOf(s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	return hex.DecodeString(s)
}

// prefixed qualifies each of a comma-separated list of columns with p.
func prefixed(p, columns string) string {
	cs := strings.Split(columns, ",")
	for i, c := range cs {
		cs[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cs, ", ")
}

// joinColumns joins column names for a select or insert list.
func joinColumns(cs []string) string { return strings.Join(cs, ", ") }
