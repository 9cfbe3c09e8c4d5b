package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// The chain: each sealed entry's Hash is
//
//	HMAC-SHA256(key, prev || canonical(entry))
//
// where prev is the Hash of the entry sealed before it (HashSize zero bytes
// for the first entry of the chain) and canonical is the encoding below.
// Without the key nobody can compute a Hash, so a row rewritten in the
// database — even with every later Hash recomputed — no longer verifies.

// HashSize is the length of a Hash.
const HashSize = sha256.Size

// genesis is the prev of the first entry.
var genesis = make([]byte, HashSize)

// Tags that begin each MAC's input, so that no entry's MAC can pass for a
// checkpoint's or a head's, and so that a later format can change them.
const (
	entryTag      = "zhitong-audit-entry-v1\x00"
	checkpointTag = "zhitong-audit-checkpoint-v1\x00"
	headTag       = "zhitong-audit-head-v1\x00"
)

// Canonical returns the bytes of e that the chain covers: a tag, then Seq,
// At (Unix milliseconds, as stored), ActorID, ActorName, UnitID, ClientIP,
// RequestID, Action, Object, Outcome and Detail, in that order; integers as
// 8 bytes big-endian, strings as their 4-byte big-endian length and UTF-8
// bytes. ID is left out: it is only where the row was inserted.
func Canonical(e *Entry) []byte {
	b := make([]byte, 0, 128+len(e.ActorName)+len(e.Detail)+len(e.Object))
	b = append(b, entryTag...)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Seq))
	b = binary.BigEndian.AppendUint64(b, uint64(e.At.UnixMilli()))
	b = binary.BigEndian.AppendUint64(b, uint64(e.ActorID))
	b = appendString(b, e.ActorName)
	b = binary.BigEndian.AppendUint64(b, uint64(e.UnitID))
	for _, s := range []string{e.ClientIP, e.RequestID, e.Action, e.Object, string(e.Outcome), e.Detail} {
		b = appendString(b, s)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// Link seals e after prev (nil for the first entry): it sets e.PrevHash and
// e.Hash. e.Seq must be set.
func Link(key Key, prev []byte, e *Entry) {
	if prev == nil {
		prev = genesis
	}
	m := hmac.New(sha256.New, key)
	m.Write(prev)
	m.Write(Canonical(e))
	e.PrevHash = prev
	e.Hash = m.Sum(nil)
}

// linked reports whether e's Hash is what Link computes after prev.
func linked(key Key, prev []byte, e *Entry) bool {
	stored := e.Hash
	cp := *e
	Link(key, prev, &cp)
	return hmac.Equal(stored, cp.Hash)
}

// Head is the end of the chain: the last sealed entry's Seq and Hash. The
// head is also written outside the database (HeadFile), so that a cut-off
// tail is found.
type Head struct {
	Seq  int64
	Hash []byte
}

// Checkpoint is what pruning leaves of the entries it deletes: the last
// deleted entry's Seq and Hash, so that the chain can be verified from
// there, signed with the key (MAC) so that it cannot be forged.
type Checkpoint struct {
	Seq      int64
	Hash     []byte
	Before   time.Time // the entries sealed before this instant were pruned
	PrunedAt time.Time
	MAC      []byte
}

// Sign sets c.MAC.
func (c *Checkpoint) Sign(key Key) { c.MAC = c.mac(key) }

// Valid reports whether c.MAC is the key's signature of c.
func (c *Checkpoint) Valid(key Key) bool { return hmac.Equal(c.MAC, c.mac(key)) }

func (c *Checkpoint) mac(key Key) []byte {
	b := []byte(checkpointTag)
	b = binary.BigEndian.AppendUint64(b, uint64(c.Seq))
	b = appendString(b, string(c.Hash))
	b = binary.BigEndian.AppendUint64(b, uint64(c.Before.UnixMilli()))
	b = binary.BigEndian.AppendUint64(b, uint64(c.PrunedAt.UnixMilli()))
	return mac(key, b)
}

// headMAC is the key's signature of a head.
func headMAC(key Key, h Head) []byte {
	b := []byte(headTag)
	b = binary.BigEndian.AppendUint64(b, uint64(h.Seq))
	b = appendString(b, string(h.Hash))
	return mac(key, b)
}

func mac(key Key, b []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(b)
	return m.Sum(nil)
}
