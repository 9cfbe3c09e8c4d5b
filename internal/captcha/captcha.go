// Package captcha puts a picture challenge in front of public forms without
// any outside service and without server-side state: the challenge travels
// as a signed token, so any instance sharing the key can draw and check it.
//
// What the token cannot do by itself is stop replays: a token stays valid
// until it expires. The caller records the nonce Verify returns as spent
// (until the expiry Verify also returns) and refuses a nonce seen before.
package captcha

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Sentinel errors, so that the caller can tell the user something useful
// ("reload the picture" differs from "try again") without parsing text.
var (
	// ErrInvalid: the token is malformed, altered, or signed with another key.
	ErrInvalid = errors.New("captcha: invalid token")
	// ErrExpired: the token was genuine but is past its expiry.
	ErrExpired = errors.New("captcha: token expired")
	// ErrWrong: the token is good but the answer does not match.
	ErrWrong = errors.New("captcha: wrong answer")
)

// minKeyLen is the shortest Key accepted: shorter HMAC keys would be the
// weak point of the signature.
const minKeyLen = 32

// defaultTTL is how long a challenge lives when Issuer.TTL is zero: long
// enough to fill in the form, short enough that the spent-nonce records the
// caller keeps stay few.
const defaultTTL = 10 * time.Minute

// Token layout, before base64url: version (1 byte) | nonce (16) | expiry as
// Unix seconds (8, big-endian) | HMAC-SHA256 over the first three (32).
// 57 bytes is a multiple of 3, so the encoding has no spare bits that would
// let two strings decode to one token.
const (
	version    = 1
	nonceLen   = 16
	payloadLen = 1 + nonceLen + 8
	tokenLen   = payloadLen + sha256.Size
)

// Tags that begin each MAC's input. The token carries its own MAC in the
// clear, so the answer and the picture must come from differently tagged
// MACs, or the token would give its answer away.
const (
	tokenTag  = "zhitong-captcha-token-v1\x00"
	answerTag = "zhitong-captcha-answer-v1\x00"
	imageTag  = "zhitong-captcha-image-v1\x00"
)

// Issuer makes and checks challenges signed with Key (HMAC-SHA256). All
// instances behind one portal need the same Key; it should serve no other
// purpose. An Issuer is not changed by its methods, so one value can serve
// concurrent requests.
type Issuer struct {
	Key []byte           // at least 32 bytes; methods return an error otherwise
	Now func() time.Time // nil means time.Now; tests inject a clock here
	TTL time.Duration    // 0 means 10 minutes
}

// Challenge is what the form needs: the token to embed (and to fetch the
// picture with) and when it stops being accepted.
type Challenge struct {
	Token   string    // base64url without padding, 76 characters
	Expires time.Time // whole seconds
}

// New makes a fresh challenge. The nonce is random so that answers cannot be
// predicted and so that the caller has something unique to record as spent.
func (i *Issuer) New() (Challenge, error) {
	if err := i.checkKey(); err != nil {
		return Challenge{}, fmt.Errorf("captcha: new: %w", err)
	}
	ttl := i.TTL
	if ttl < 0 {
		return Challenge{}, fmt.Errorf("captcha: new: negative TTL %v", ttl)
	}
	if ttl == 0 {
		ttl = defaultTTL
	}
	raw := make([]byte, payloadLen, tokenLen)
	raw[0] = version
	if _, err := rand.Read(raw[1 : 1+nonceLen]); err != nil {
		return Challenge{}, fmt.Errorf("captcha: new: nonce: %w", err)
	}
	exp := i.now().Add(ttl).Unix()
	binary.BigEndian.PutUint64(raw[1+nonceLen:], uint64(exp))
	raw = append(raw, i.mac(tokenTag, raw)...)
	return Challenge{
		Token:   base64.RawURLEncoding.EncodeToString(raw),
		Expires: time.Unix(exp, 0),
	}, nil
}

// Answer returns the characters the token's picture shows. They are derived
// from the nonce with the key, so nothing needs storing. It does not look at
// the expiry (Verify does). Never send its result to the client.
func (i *Issuer) Answer(token string) (string, error) {
	nonce, _, err := i.parse(token)
	if err != nil {
		return "", fmt.Errorf("captcha: answer: %w", err)
	}
	return i.answer(nonce), nil
}

// Verify checks answer against token. On success it returns the nonce (22
// base64url characters) and the token's expiry: the caller must record the
// nonce as spent until then, or the same solved token could be used again.
//
// The nonce and expiry are also returned with ErrWrong and ErrExpired, so
// that the caller can spend the token on a failed try too: one token, one
// guess, or a script could try answers against a single picture.
//
// The comparison ignores case and surrounding spaces, and folds full-width
// letters and digits to ASCII, as a Chinese input method may produce them.
func (i *Issuer) Verify(token, answer string) (nonce string, expires time.Time, err error) {
	raw, exp, err := i.parse(token)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("captcha: verify: %w", err)
	}
	nonce = base64.RawURLEncoding.EncodeToString(raw)
	expires = time.Unix(exp, 0)
	if !i.now().Before(expires) {
		return nonce, expires, fmt.Errorf("captcha: verify: %w at %v", ErrExpired, expires.UTC())
	}
	want := i.answer(raw)
	if subtle.ConstantTimeCompare([]byte(normalize(answer)), []byte(want)) != 1 {
		return nonce, expires, fmt.Errorf("captcha: verify: %w", ErrWrong)
	}
	return nonce, expires, nil
}

// parse checks token's encoding, version and MAC, and returns its nonce and
// expiry (Unix seconds). Every failure is ErrInvalid: the user can only fix
// it by getting a new picture.
func (i *Issuer) parse(token string) (nonce []byte, exp int64, err error) {
	if err := i.checkKey(); err != nil {
		return nil, 0, err
	}
	// Checked before decoding, so an oversized input costs nothing.
	if len(token) != base64.RawURLEncoding.EncodedLen(tokenLen) {
		return nil, 0, fmt.Errorf("%w: length %d", ErrInvalid, len(token))
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: encoding", ErrInvalid)
	}
	if raw[0] != version {
		return nil, 0, fmt.Errorf("%w: version %d", ErrInvalid, raw[0])
	}
	if !hmac.Equal(raw[payloadLen:], i.mac(tokenTag, raw[:payloadLen])) {
		return nil, 0, fmt.Errorf("%w: signature", ErrInvalid)
	}
	exp = int64(binary.BigEndian.Uint64(raw[1+nonceLen : payloadLen]))
	return raw[1 : 1+nonceLen], exp, nil
}

// answer maps the first 8 bytes of the answer MAC to answerLen characters of
// the alphabet. 64 bits against len(alphabet)^5 (about 2^24) leaves a bias
// too small to matter.
func (i *Issuer) answer(nonce []byte) string {
	n := binary.BigEndian.Uint64(i.mac(answerTag, nonce))
	b := make([]byte, answerLen)
	for k := range b {
		b[k] = alphabet[n%uint64(len(alphabet))]
		n /= uint64(len(alphabet))
	}
	return string(b)
}

func (i *Issuer) mac(tag string, data []byte) []byte {
	h := hmac.New(sha256.New, i.Key)
	h.Write([]byte(tag))
	h.Write(data)
	return h.Sum(nil)
}

func (i *Issuer) checkKey() error {
	if len(i.Key) < minKeyLen {
		return fmt.Errorf("key is %d bytes, need at least %d", len(i.Key), minKeyLen)
	}
	return nil
}

func (i *Issuer) now() time.Time {
	if i.Now != nil {
		return i.Now()
	}
	return time.Now()
}

// normalize turns what a person typed into the form the answer is stored in.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' { // full-width ASCII block
			r -= '！' - '!'
		}
		return unicode.ToUpper(r)
	}, strings.TrimSpace(s))
}
