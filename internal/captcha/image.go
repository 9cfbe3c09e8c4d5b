package captcha

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"math/rand/v2"
)

// Picture size in pixels.
const (
	imgW = 160
	imgH = 56
)

// Image returns the token's picture as a PNG. The randomness of the drawing
// is seeded from the key and the nonce, so one token always gives the same
// picture: fetching it many times yields no differently distorted copies to
// average the noise out of.
func (i *Issuer) Image(token string) ([]byte, error) {
	nonce, _, err := i.parse(token)
	if err != nil {
		return nil, fmt.Errorf("captcha: image: %w", err)
	}
	var seed [32]byte
	copy(seed[:], i.mac(imageTag, nonce))
	img := render(i.answer(nonce), rand.New(rand.NewChaCha8(seed)))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("captcha: image: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// render draws text dark on light, the way a person reads easily and a
// simple OCR does not: each character turned, sheared, moved and coloured on
// its own, the whole bent by a wave, and crossed by thin curves and dots of
// similar darkness that defeat a plain threshold.
func render(text string, rng *rand.Rand) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, imgW, imgH))
	bg := color.RGBA{light(rng), light(rng), light(rng), 255}
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)

	ink := newLayer(imgW, imgH)
	noiseCurve(img, ink, rng)
	noiseCurve(img, ink, rng)

	wave := newWave(rng)
	const margin = 10
	pitch := float64(imgW-2*margin) / float64(len(text))
	for k, r := range text { // text is ASCII, so k counts characters
		ink.clear()
		p := placement{
			cx:    margin + pitch*(float64(k)+0.5) + spread(rng, 3),
			cy:    imgH/2 + spread(rng, 3),
			scale: 3.3 + spread(rng, 0.2),
			angle: spread(rng, 0.25),
			shear: spread(rng, 0.2),
		}
		drawGlyph(ink, glyphs[r], p, wave.apply, 1.5+0.4*rng.Float64())
		ink.paint(img, color.RGBA{dark(rng), dark(rng), dark(rng), 255})
	}

	noiseCurve(img, ink, rng)
	for range 90 {
		c := point{rng.Float64() * imgW, rng.Float64() * imgH}
		ink.clear()
		ink.line(c, c, 0.5+0.8*rng.Float64())
		v := uint8(40 + rng.IntN(160))
		ink.paint(img, color.RGBA{v, uint8(40 + rng.IntN(160)), uint8(40 + rng.IntN(160)), 255})
	}
	return img
}

// drawGlyph inks g at p, then bends it through warp, with strokes of radius r
// pixels.
func drawGlyph(ink *layer, g glyph, p placement, warp func(point) point, r float64) {
	for _, stroke := range g {
		pts := make([]point, len(stroke))
		for k, q := range stroke {
			pts[k] = p.apply(q)
		}
		ink.polyline(pts, r, warp)
	}
}

// noiseCurve draws a thin wavy line across the whole picture, thinner than
// glyph strokes so that a person sees it is not part of a character.
func noiseCurve(img *image.RGBA, ink *layer, rng *rand.Rand) {
	y0 := 10 + rng.Float64()*(imgH-20)
	amp := 4 + rng.Float64()*8
	freq := 2 * math.Pi / (50 + rng.Float64()*90)
	phase := rng.Float64() * 2 * math.Pi
	slope := spread(rng, 0.15)
	var pts []point
	for x := -4.0; x <= imgW+4; x += 4 {
		pts = append(pts, point{x, y0 + amp*math.Sin(x*freq+phase) + slope*(x-imgW/2)})
	}
	ink.clear()
	ink.polyline(pts, 0.6+0.4*rng.Float64(), nil)
	ink.paint(img, color.RGBA{mid(rng), mid(rng), mid(rng), 255})
}

// Colour channels: backgrounds stay above 235 and glyphs below 100, which
// keeps the contrast high for any mix; noise sits in between and overlaps
// the glyphs' range.
func light(rng *rand.Rand) uint8 { return uint8(236 + rng.IntN(20)) }
func dark(rng *rand.Rand) uint8  { return uint8(rng.IntN(100)) }
func mid(rng *rand.Rand) uint8   { return uint8(30 + rng.IntN(120)) }

// spread returns a uniform value in [-d, d).
func spread(rng *rand.Rand, d float64) float64 { return (2*rng.Float64() - 1) * d }

// placement maps a glyph's grid onto the picture.
type placement struct {
	cx, cy float64 // where the grid's centre lands, in pixels
	scale  float64 // pixels per grid unit
	angle  float64 // rotation, radians
	shear  float64 // x shift per unit of y, before rotation
}

func (p placement) apply(q point) point {
	x := (q.x - gridW/2) * p.scale
	y := (q.y - gridH/2) * p.scale
	x += p.shear * y
	sin, cos := math.Sincos(p.angle)
	return point{p.cx + x*cos - y*sin, p.cy + x*sin + y*cos}
}

// wave is a smooth displacement of the whole text: it bends straight
// strokes, which a person ignores and template matching does not.
type wave struct{ ax, fx, px, ay, fy, py float64 }

func newWave(rng *rand.Rand) wave {
	return wave{
		ax: 1.5 + 1.5*rng.Float64(), fx: 2 * math.Pi / (30 + 25*rng.Float64()), px: 2 * math.Pi * rng.Float64(),
		ay: 1.5 + 1.5*rng.Float64(), fy: 2 * math.Pi / (45 + 40*rng.Float64()), py: 2 * math.Pi * rng.Float64(),
	}
}

func (w wave) apply(p point) point {
	return point{p.x + w.ax*math.Sin(p.y*w.fx+w.px), p.y + w.ay*math.Sin(p.x*w.fy+w.py)}
}

// layer holds how much ink covers each pixel, 0 to 1, for one shape in one
// colour. Overlapping pieces of a shape take the larger coverage rather than
// the sum, so joints are no darker than the rest and edges stay smooth.
type layer struct {
	w, h int
	a    []float32
}

func newLayer(w, h int) *layer { return &layer{w: w, h: h, a: make([]float32, w*h)} }

func (l *layer) clear() { clear(l.a) }

// polyline inks a path through pts. Segments are cut into pieces of at most
// 2 pixels before warp (nil for none) moves them, so the warp bends a
// segment instead of only moving its ends.
func (l *layer) polyline(pts []point, r float64, warp func(point) point) {
	if warp == nil {
		warp = func(p point) point { return p }
	}
	for k := 1; k < len(pts); k++ {
		a, b := pts[k-1], pts[k]
		n := max(1, int(math.Ceil(math.Hypot(b.x-a.x, b.y-a.y)/2)))
		prev := warp(a)
		for j := 1; j <= n; j++ {
			t := float64(j) / float64(n)
			cur := warp(point{a.x + t*(b.x-a.x), a.y + t*(b.y-a.y)})
			l.line(prev, cur, r)
			prev = cur
		}
	}
}

// line inks the pixels within r of segment pq (a dot if p == q), with a
// one-pixel soft edge.
func (l *layer) line(p, q point, r float64) {
	x0 := max(0, int(math.Floor(min(p.x, q.x)-r-1)))
	x1 := min(l.w-1, int(math.Ceil(max(p.x, q.x)+r+1)))
	y0 := max(0, int(math.Floor(min(p.y, q.y)-r-1)))
	y1 := min(l.h-1, int(math.Ceil(max(p.y, q.y)+r+1)))
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := float32(r + 0.5 - segDist(point{float64(x) + 0.5, float64(y) + 0.5}, p, q))
			if c <= 0 {
				continue
			}
			i := y*l.w + x
			l.a[i] = max(l.a[i], min(c, 1))
		}
	}
}

// paint blends col into img in proportion to the coverage.
func (l *layer) paint(img *image.RGBA, col color.RGBA) {
	for i, c := range l.a {
		if c == 0 {
			continue
		}
		px := img.Pix[img.PixOffset(i%l.w, i/l.w):]
		px[0] = blend(px[0], col.R, c)
		px[1] = blend(px[1], col.G, c)
		px[2] = blend(px[2], col.B, c)
	}
}

func blend(under, over uint8, c float32) uint8 {
	return uint8(float32(under)*(1-c) + float32(over)*c + 0.5)
}

// segDist is the distance from c to segment pq.
func segDist(c, p, q point) float64 {
	dx, dy := q.x-p.x, q.y-p.y
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((c.x-p.x)*dx+(c.y-p.y)*dy)/l2))
	}
	return math.Hypot(c.x-(p.x+t*dx), c.y-(p.y+t*dy))
}
