package audit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Key is the secret of the chain's HMAC. It is never stored in the
// database: it lives in a file of its own (KeyFile), readable by the
// server's user only, so that someone who can write the database still
// cannot compute a valid Hash.
type Key []byte

// KeySize is the size of a generated key; a key may not be shorter.
const KeySize = 32

// ID is a short fingerprint of the key, safe to log: it tells two keys apart
// without revealing either.
func (k Key) ID() string { return hex.EncodeToString(mac(k, []byte("zhitong-audit-key-id"))[:6]) }

// LoadKey reads a key file: 64 or more hexadecimal digits (what CreateKey
// writes), or at least KeySize bytes of anything else, used as they are.
// Surrounding white space is ignored.
func LoadKey(path string) (Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("audit key: %w", err)
	}
	b = bytes.TrimSpace(b)
	if k, err := hex.DecodeString(string(b)); err == nil && len(k) >= KeySize {
		return k, nil
	}
	if len(b) < KeySize {
		return nil, fmt.Errorf("audit key %s: shorter than %d bytes", path, KeySize)
	}
	return Key(b), nil
}

// CreateKey writes a new random key to path as hexadecimal digits, mode
// 0600, and returns it. The file appears whole or not at all; if path
// exists already (another process made it first), that key is returned
// instead and created is false.
func CreateKey(path string) (k Key, created bool, err error) {
	k = make(Key, KeySize)
	rand.Read(k)
	err = writeNew(path, []byte(hex.EncodeToString(k)+"\n"))
	if errors.Is(err, fs.ErrExist) {
		k, err = LoadKey(path)
		return k, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("audit key: %w", err)
	}
	return k, true, nil
}

// LoadOrCreateKey loads the key at path, creating it first if there is none.
func LoadOrCreateKey(path string) (k Key, created bool, err error) {
	k, err = LoadKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		return CreateKey(path)
	}
	return k, false, err
}

// writeNew writes b to a new file at path, mode 0600, atomically: to a
// temporary file first, synced, then linked to path, which fails with
// fs.ErrExist if path exists.
func writeNew(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	tmp, err := writeTemp(dir, b)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// writeTemp writes b to a new temporary file in dir, mode 0600, synced to
// disk, and returns its name.
func writeTemp(dir string, b []byte) (string, error) {
	f, err := os.CreateTemp(dir, ".zhitong-audit-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
