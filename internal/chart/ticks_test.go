package chart

import (
	"slices"
	"testing"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		name  string
		top   float64
		whole bool
		want  []float64
	}{
		{"37", 37, true, []float64{0, 10, 20, 30, 40}},
		{"37 not whole", 37, false, []float64{0, 10, 20, 30, 40}},
		{"100", 100, true, []float64{0, 20, 40, 60, 80, 100}},
		{"101", 101, true, []float64{0, 20, 40, 60, 80, 100, 120}},
		{"12", 12, true, []float64{0, 2, 4, 6, 8, 10, 12}},
		{"15", 15, true, []float64{0, 5, 10, 15}},
		{"1 count", 1, true, []float64{0, 1}},
		{"1 fraction", 1, false, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"0.37", 0.37, false, []float64{0, 0.1, 0.2, 0.3, 0.4}},
		{"0.933", 0.933, false, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"4500", 4500, true, []float64{0, 1000, 2000, 3000, 4000, 5000}},
		{"zero", 0, true, []float64{0, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := niceTicks(tc.top, tc.whole); !slices.Equal(got, tc.want) {
				t.Errorf("niceTicks(%v) = %v, want %v", tc.top, got, tc.want)
			}
		})
	}
}
