package audit

import (
	"bytes"
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"zhitong/internal/fault"
)

// HeadFile is the chain's head kept outside the database: a small JSON file
//
//	{"seq": 1234, "hash": "<hex>", "mac": "<hex>"}
//
// where mac is the key's HMAC of seq and hash. It only ever moves forward:
// several instances may write one file (each writes the head it sealed, if
// it is beyond the file's), or each its own. A database whose chain ends
// before the head in the file has lost its tail.
type HeadFile struct {
	Path string
	Key  Key

	mu   sync.Mutex
	last *Head // the head this process last wrote, or found in the file
}

// DefaultHeadPath is where the head file goes when none is named: next to
// the key file.
func DefaultHeadPath(keyPath string) string {
	return filepath.Join(filepath.Dir(keyPath), "audit-head.json")
}

type headJSON struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
	MAC  string `json:"mac"`
}

// Read returns the head in the file. A missing file is fs.ErrNotExist; a
// file whose signature does not verify with the key (altered, or written
// with another key) is the error audit.head.bad.
func (f *HeadFile) Read() (*Head, error) {
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, err
	}
	var j headJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, f.bad(err)
	}
	h := Head{Seq: j.Seq}
	if h.Hash, err = hex.DecodeString(j.Hash); err != nil {
		return nil, f.bad(err)
	}
	m, err := hex.DecodeString(j.MAC)
	if err != nil {
		return nil, f.bad(err)
	}
	if !hmac.Equal(m, headMAC(f.Key, h)) {
		return nil, f.bad(nil)
	}
	return &h, nil
}

func (f *HeadFile) bad(err error) error {
	return &fault.Error{Kind: fault.Conflict, Key: "audit.head.bad", Args: []any{f.Path}, Err: err}
}

// Advance writes h to the file if it is beyond the head there, atomically
// (a temporary file renamed over it) and under a lock shared with other
// processes, so that the file never moves back. It moves the file only along
// the chain: contains must report that the chain that ends at h holds the
// head in the file (or, should the file have gone, the head this process
// last saw), or else entries were cut off and sealed anew, and the file
// keeps the evidence (the error audit.head.diverged). A file that does not
// verify is left as it is too, for verify to report.
func (f *HeadFile) Advance(h Head, contains func(Head) (bool, error)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last != nil && h.Seq <= f.last.Seq {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o750); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	unlock, err := lockFile(f.Path + ".lock")
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	defer unlock()
	cur, err := f.Read()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		cur = f.last
	case err != nil:
		return err
	case cur.Seq >= h.Seq:
		f.last = cur
		return nil
	}
	if cur != nil {
		ok, err := contains(*cur)
		if err != nil {
			return err
		}
		if !ok {
			return fault.E(fault.Conflict, "audit.head.diverged", cur.Seq, f.Path)
		}
	}
	j := headJSON{Seq: h.Seq, Hash: hex.EncodeToString(h.Hash), MAC: hex.EncodeToString(headMAC(f.Key, h))}
	b, _ := json.Marshal(j)
	if err := replaceFile(f.Path, append(b, '\n')); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	f.last = &h
	return nil
}

// replaceFile writes b to path atomically: to a synced temporary file in
// the same directory, renamed over path.
func replaceFile(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, b)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}
