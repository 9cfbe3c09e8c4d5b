package captcha

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

// clock is a settable Now for Issuer.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newChallenge(t *testing.T, iss *Issuer) (Challenge, string) {
	t.Helper()
	c, err := iss.New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ans, err := iss.Answer(c.Token)
	if err != nil {
		t.Fatalf("Answer: %v", err)
	}
	return c, ans
}

func TestTokenShape(t *testing.T) {
	iss := &Issuer{Key: testKey}
	c, ans := newChallenge(t, iss)
	if len(c.Token) != 76 {
		t.Errorf("token length %d, want 76", len(c.Token))
	}
	if url.PathEscape(c.Token) != c.Token || strings.ContainsAny(c.Token, "=+/") {
		t.Errorf("token %q is not plain base64url", c.Token)
	}
	if len(ans) != answerLen {
		t.Errorf("answer %q has %d characters, want %d", ans, len(ans), answerLen)
	}
	for _, r := range ans {
		if !strings.ContainsRune(alphabet, r) {
			t.Errorf("answer %q has %q, not in the alphabet", ans, r)
		}
	}
}

func TestVerifyRightAnswer(t *testing.T) {
	clk := &clock{time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	iss := &Issuer{Key: testKey, Now: clk.now}
	c, ans := newChallenge(t, iss)
	if want := clk.t.Add(10 * time.Minute); !c.Expires.Equal(want) {
		t.Errorf("Expires = %v, want %v (default TTL)", c.Expires, want)
	}
	fullWidth := strings.Map(func(r rune) rune { return r + ('！' - '!') }, ans)
	for _, typed := range []string{ans, "  " + strings.ToLower(ans) + " \t", "\u3000" + fullWidth} {
		nonce, exp, err := iss.Verify(c.Token, typed)
		if err != nil {
			t.Errorf("Verify(%q) with answer %q: %v", typed, ans, err)
			continue
		}
		if len(nonce) != 22 {
			t.Errorf("nonce %q: length %d, want 22", nonce, len(nonce))
		}
		if !exp.Equal(c.Expires) {
			t.Errorf("expires %v, want %v", exp, c.Expires)
		}
	}
}

func TestVerifyWrongAnswer(t *testing.T) {
	iss := &Issuer{Key: testKey}
	c, ans := newChallenge(t, iss)
	// Change the last character to the next one in the alphabet.
	last := strings.IndexByte(alphabet, ans[len(ans)-1])
	wrong := ans[:len(ans)-1] + string(alphabet[(last+1)%len(alphabet)])
	for _, typed := range []string{wrong, "", ans[:len(ans)-1], ans + ans[:1], ans[:2] + " " + ans[2:]} {
		nonce, _, err := iss.Verify(c.Token, typed)
		if !errors.Is(err, ErrWrong) {
			t.Errorf("Verify(%q) with answer %q: err = %v, want ErrWrong", typed, ans, err)
		}
		if nonce == "" {
			t.Errorf("Verify(%q): no nonce returned with ErrWrong, so the caller cannot spend it", typed)
		}
	}
}

func TestVerifyExpired(t *testing.T) {
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	clk := &clock{start}
	iss := &Issuer{Key: testKey, Now: clk.now, TTL: 5 * time.Minute}
	c, ans := newChallenge(t, iss)

	clk.t = start.Add(5*time.Minute - time.Second)
	if _, _, err := iss.Verify(c.Token, ans); err != nil {
		t.Fatalf("just before expiry: %v", err)
	}
	for _, d := range []time.Duration{5 * time.Minute, 5*time.Minute + time.Second, 24 * time.Hour} {
		clk.t = start.Add(d)
		if _, _, err := iss.Verify(c.Token, ans); !errors.Is(err, ErrExpired) {
			t.Errorf("after %v: err = %v, want ErrExpired", d, err)
		}
	}
}

func TestTamperedToken(t *testing.T) {
	iss := &Issuer{Key: testKey}
	c, ans := newChallenge(t, iss)
	for i := range len(c.Token) {
		b := []byte(c.Token)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		if _, _, err := iss.Verify(string(b), ans); !errors.Is(err, ErrInvalid) {
			t.Errorf("byte %d changed: Verify err = %v, want ErrInvalid", i, err)
		}
	}

	other := &Issuer{Key: bytes.Repeat([]byte{'x'}, 32)}
	foreign, err := other.New()
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{
		"other key": foreign.Token,
		"empty":     "",
		"truncated": c.Token[:len(c.Token)-1],
		"extended":  c.Token + "A",
		"padded":    c.Token + "==",
		"not b64":   strings.Repeat("*", len(c.Token)),
	}
	for name, tok := range bad {
		if _, _, err := iss.Verify(tok, ans); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Verify err = %v, want ErrInvalid", name, err)
		}
		if _, err := iss.Answer(tok); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Answer err = %v, want ErrInvalid", name, err)
		}
		if _, err := iss.Image(tok); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Image err = %v, want ErrInvalid", name, err)
		}
	}
}

func TestBadConfig(t *testing.T) {
	short := &Issuer{Key: testKey[:31]}
	if _, err := short.New(); err == nil {
		t.Error("New with a 31-byte key: no error")
	}
	c, ans := newChallenge(t, &Issuer{Key: testKey})
	if _, _, err := short.Verify(c.Token, ans); err == nil {
		t.Error("Verify with a 31-byte key: no error")
	}
	if _, err := (&Issuer{Key: testKey, TTL: -time.Second}).New(); err == nil {
		t.Error("New with a negative TTL: no error")
	}
}

func TestNewIsRandom(t *testing.T) {
	iss := &Issuer{Key: testKey}
	tokens, answers := map[string]bool{}, map[string]bool{}
	const n = 50
	for range n {
		c, ans := newChallenge(t, iss)
		tokens[c.Token] = true
		answers[ans] = true
	}
	if len(tokens) != n {
		t.Errorf("%d distinct tokens out of %d", len(tokens), n)
	}
	// 50 answers out of 26^5 collide with probability about 1e-4.
	if len(answers) < n-1 {
		t.Errorf("%d distinct answers out of %d", len(answers), n)
	}
}

func TestImage(t *testing.T) {
	iss := &Issuer{Key: testKey}
	c, _ := newChallenge(t, iss)
	data, err := iss.Image(c.Token)
	if err != nil {
		t.Fatalf("Image: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() != imgW || b.Dy() != imgH {
		t.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), imgW, imgH)
	}
	var dark, light int
	for y := range imgH {
		for x := range imgW {
			switch l := luma(img, x, y); {
			case l < 110:
				dark++
			case l > 220:
				light++
			}
		}
	}
	// Text is dark on light: a fair amount of ink, mostly background.
	if dark < 300 || light < imgW*imgH/2 {
		t.Errorf("%d dark and %d light pixels of %d: not dark text on a light ground", dark, light, imgW*imgH)
	}

	again, err := iss.Image(c.Token)
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("second Image of one token differs (err %v)", err)
	}
	c2, _ := newChallenge(t, iss)
	other, err := iss.Image(c2.Token)
	if err != nil || bytes.Equal(other, data) {
		t.Errorf("two tokens gave the same picture (err %v)", err)
	}
}

// TestRenderShowsText draws two texts with the same seed, hence the same
// noise, so every pixel that differs was inked by a character.
func TestRenderShowsText(t *testing.T) {
	a := render("22222", rand.New(rand.NewPCG(1, 2)))
	b := render("HHHHH", rand.New(rand.NewPCG(1, 2)))
	differ := 0
	for y := range imgH {
		for x := range imgW {
			if d := luma(a, x, y) - luma(b, x, y); d > 80 || d < -80 {
				differ++
			}
		}
	}
	if differ < 500 {
		t.Errorf("only %d pixels tell 22222 from HHHHH: characters barely drawn", differ)
	}
}

func luma(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int(299*r+587*g+114*b) / 1000 >> 8
}

func TestAlphabet(t *testing.T) {
	if strings.ContainsAny(alphabet, "01ILOQSZBU") {
		t.Errorf("alphabet %q has a look-alike character", alphabet)
	}
	seen := map[rune]bool{}
	for _, r := range alphabet {
		if seen[r] {
			t.Errorf("%q twice in the alphabet: answers would be biased", r)
		}
		seen[r] = true
	}
	if len(glyphs) != len(alphabet) {
		t.Errorf("%d glyphs for %d characters", len(glyphs), len(alphabet))
	}
}

// TestGlyphs renders every character alone, without distortion, and checks
// that it leaves ink and that no two look the same.
func TestGlyphs(t *testing.T) {
	bitmaps := map[string]rune{}
	for _, r := range alphabet {
		g, ok := glyphs[r]
		if !ok {
			t.Errorf("no glyph for %q", r)
			continue
		}
		ink := newLayer(40, 50)
		drawGlyph(ink, g, placement{cx: 20, cy: 25, scale: 4}, nil, 1.5)
		var bm strings.Builder
		inked := 0
		for _, c := range ink.a {
			if c > 0.5 {
				inked++
				bm.WriteByte('#')
			} else {
				bm.WriteByte('.')
			}
		}
		// T, with the least stroke (15 grid units, 60 pixels), inks about
		// 120 pixels; an empty or one-stroke glyph inks far fewer.
		if inked < 100 {
			t.Errorf("glyph %q inks %d pixels, want at least 100", r, inked)
		}
		if prev, dup := bitmaps[bm.String()]; dup {
			t.Errorf("glyphs %q and %q render the same", prev, r)
		}
		bitmaps[bm.String()] = r
	}
}

func TestParseGlyphRejectsTypos(t *testing.T) {
	for _, s := range []string{"", "00", "00 7", "00 70", "00 0a", "00 10 |", "000 10"} {
		if _, err := parseGlyph(s); err == nil {
			t.Errorf("parseGlyph(%q): no error", s)
		}
	}
	if _, err := parseGlyph("00 69 | 60 09"); err != nil {
		t.Errorf("parseGlyph of a good X: %v", err)
	}
}
