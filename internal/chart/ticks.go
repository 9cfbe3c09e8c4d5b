package chart

import "math"

// maxIntervals is the most intervals niceTicks puts on an axis.
const maxIntervals = 6

// niceTicks returns the ticks of an axis from 0 to at least top, a step of
// 1, 2 or 5 × 10ⁿ apart, at most six intervals: 37 gives 0, 10, 20, 30, 40.
// With whole set (every value a count), the step is at least 1. A top of 0
// or less is taken as 1.
func niceTicks(top float64, whole bool) []float64 {
	if !(top > 0) || math.IsInf(top, 0) {
		top = 1
	}
	e := int(math.Floor(math.Log10(top / maxIntervals)))
	if whole {
		e = max(e, 0)
	}
	for ; ; e++ {
		for _, m := range [...]int{1, 2, 5} {
			step := scaled(m, e)
			n := int(math.Ceil(top/step - 1e-9))
			if n <= maxIntervals {
				ticks := make([]float64, n+1)
				for i := range ticks {
					ticks[i] = scaled(i*m, e)
				}
				return ticks
			}
		}
	}
}

// scaled returns m × 10^e, as close as a float64 can be: 3 × 10⁻¹ is 0.3,
// not 0.30000000000000004.
func scaled(m, e int) float64 {
	if e < 0 {
		return float64(m) / math.Pow10(-e)
	}
	return float64(m) * math.Pow10(e)
}
