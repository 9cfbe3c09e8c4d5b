package captcha

import (
	"fmt"
	"strings"
)

// answerLen is how many characters an answer has: 26^5 is about 12 million
// answers, enough against guessing when each token allows one try.
const answerLen = 5

// alphabet leaves out characters a person confuses once distorted: 0 O Q D
// stay apart by dropping 0, O and Q; likewise 1 I L, 2 Z, 5 S, 8 B and U V.
const alphabet = "23456789ACDEFGHJKMNPRTVWXY"

// The glyphs are drawn, not taken from a font file, so the binary needs no
// font and no outside package. Each is a set of strokes on a grid gridW wide
// and gridH tall, y pointing down. In the table a stroke is a polyline given
// as "xy" digit pairs, and strokes are separated by "|".
const (
	gridW = 6
	gridH = 9
)

var glyphSrc = map[rune]string{
	'2': "01 10 50 61 63 09 69",
	'3': "01 10 50 61 63 54 24 | 54 65 68 59 19 08",
	'4': "59 50 06 66",
	'5': "60 00 04 54 65 68 59 19 08",
	'6': "50 20 03 08 19 59 68 65 54 14 05",
	'7': "00 60 29",
	'8': "10 50 61 63 54 14 03 01 10 | 14 05 08 19 59 68 65 54",
	'9': "65 15 04 01 10 50 61 67 49 19",
	'A': "09 30 69 | 16 56",
	'C': "61 50 10 01 08 19 59 68",
	'D': "00 40 62 67 49 09 00",
	'E': "60 00 09 69 | 04 44",
	'F': "60 00 09 | 04 44",
	'G': "61 50 10 01 08 19 59 68 65 35",
	'H': "00 09 | 60 69 | 04 64",
	'J': "20 60 68 59 19 07",
	'K': "00 09 | 60 06 | 24 69",
	'M': "09 00 35 60 69",
	'N': "09 00 69 60",
	'P': "09 00 50 61 64 55 05",
	'R': "09 00 50 61 64 55 05 | 35 69",
	'T': "00 60 | 30 39",
	'V': "00 39 60",
	'W': "00 19 34 59 60",
	'X': "00 69 | 60 09",
	'Y': "00 34 60 | 34 39",
}

type point struct{ x, y float64 }

// glyph is a list of strokes, each a polyline in grid units.
type glyph [][]point

var glyphs = mustParseGlyphs(glyphSrc)

// mustParseGlyphs panics because the table is a constant: a typo in it is a
// programming error that every test run catches at package load.
func mustParseGlyphs(src map[rune]string) map[rune]glyph {
	out := make(map[rune]glyph, len(src))
	for r, s := range src {
		g, err := parseGlyph(s)
		if err != nil {
			panic(fmt.Sprintf("captcha: glyph %q: %v", r, err))
		}
		out[r] = g
	}
	return out
}

func parseGlyph(s string) (glyph, error) {
	var g glyph
	for _, stroke := range strings.Split(s, "|") {
		var pts []point
		for _, f := range strings.Fields(stroke) {
			if len(f) != 2 || f[0] < '0' || f[0] > '0'+gridW || f[1] < '0' || f[1] > '0'+gridH {
				return nil, fmt.Errorf("bad point %q", f)
			}
			pts = append(pts, point{float64(f[0] - '0'), float64(f[1] - '0')})
		}
		if len(pts) < 2 {
			return nil, fmt.Errorf("stroke %q has fewer than 2 points", stroke)
		}
		g = append(g, pts)
	}
	return g, nil
}
