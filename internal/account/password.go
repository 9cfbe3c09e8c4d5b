package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters of new hashes (OWASP's second recommendation:
// 19 MiB, two passes, one lane; about 45 ms on the servers we run on).
// A stored hash carries its own parameters, so that raising them later
// leaves the old hashes verifiable.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Bounds on the parameters of a stored hash, so that a corrupt row cannot
// make a login allocate gigabytes or spin for minutes.
const (
	maxArgonTime   = 10
	maxArgonMemory = 256 * 1024
)

var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of password with a fresh random
// salt, as a PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errHashFormat is a stored hash that is not an argon2id PHC string.
var errHashFormat = errors.New("password hash: not an argon2id PHC string")

// phc is a parsed argon2id PHC string.
type phc struct {
	time, memory uint32
	threads      uint8
	salt, key    []byte
}

func parsePHC(encoded string) (*phc, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return nil, errHashFormat
	}
	var p phc
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return nil, errHashFormat
	}
	if p.time < 1 || p.time > maxArgonTime || p.memory < 8 || p.memory > maxArgonMemory || p.threads < 1 {
		return nil, errHashFormat
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil || len(p.salt) < 8 {
		return nil, errHashFormat
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) < 16 || len(p.key) > 64 {
		return nil, errHashFormat
	}
	return &p, nil
}

// VerifyPassword reports whether password matches the PHC string encoded,
// comparing in constant time. A malformed hash is an error, not a match.
func VerifyPassword(encoded, password string) (bool, error) {
	p, err := parsePHC(encoded)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

// dummyHash is a hash of nothing anyone types, verified when the user is
// unknown or has no password, so that a login takes as long whether or not
// the user exists.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("zhitong: no such user, no such password")
	if err != nil {
		panic(err) // the system's random source failed: nothing can work
	}
	return h
})

// burned counts the verifications spent on no real hash, so that a test can
// see that an unknown user costs the same work as a known one.
var burned atomic.Int64

// burnPasswordTime spends the time of one verification.
func burnPasswordTime(password string) {
	burned.Add(1)
	_, _ = VerifyPassword(dummyHash(), password)
}
