package appeal

import (
	"slices"
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

// checkTaskFilter refuses a worklist's figure that is not one, and a
// cohort that ends before it begins.
func checkTaskFilter(f *TaskFilter) error {
	if err := CheckFigure(f.Figure); err != nil {
		return err
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) { // To is exclusive
		return fault.Field("from", "filter.range")
	}
	return nil
}

// CheckFigure refuses a figure that is not one of TaskFigures (FigureNone
// is none, and fine).
func CheckFigure(fg TaskFigure) error {
	if fg == FigureNone || slices.Contains(TaskFigures, fg) {
		return nil
	}
	codes := make([]string, len(TaskFigures))
	for i, f := range TaskFigures {
		codes[i] = string(f)
	}
	return fault.Field("figure", "one_of", "figure", strings.Join(codes, ", "))
}
