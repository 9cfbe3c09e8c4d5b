package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// The audit chain: sealing, the walk of verify, and pruning. Only a sealer
// gives seqs, under the chain's lock: on PostgreSQL an advisory lock held to
// the end of the transaction, which every instance's sealer takes; on SQLite
// the write lock, which the immediate transaction holds from its start. So
// the seqs stay gapless however many instances seal, and intake never waits
// for the chain: it only inserts.

// chainLock is the PostgreSQL advisory lock key of the audit chain
// ("zhitaud" in ASCII).
const chainLock = 0x7a_6869_7461_7564

// sealChunk is how many entries one UPDATE seals (3 parameters each): on
// PostgreSQL many, to save round trips; on SQLite a few, as each looks its
// values up in the list (updateSealSQL).
func (db *DB) sealChunk() int {
	if db.pg() {
		return 250
	}
	return 32
}

// pruneChunk is how many entries one DELETE of a prune removes, so that
// writers wait for no long transaction.
const pruneChunk = 10000

// lockChain takes the chain's lock in tx (PostgreSQL; SQLite holds it).
func (db *DB) lockChain(ctx context.Context, tx *txn) error {
	if !db.pg() {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(chainLock)); err != nil {
		return fault.Wrap(err, "sqlstore: audit chain lock")
	}
	return nil
}

// SealAudit seals up to max unsealed entries, in id order, after the
// chain's head: the next seqs and their hashes (audit.Link), in one
// transaction under the chain's lock. It returns the head after it and how
// many entries it sealed.
func (db *DB) SealAudit(ctx context.Context, key audit.Key, max int) (audit.Head, int, error) {
	var head audit.Head
	n := 0
	err := db.inWrite(ctx, "seal audit", func(ctx context.Context, tx *txn) error {
		if err := db.lockChain(ctx, tx); err != nil {
			return err
		}
		var err error
		if head, err = chainHead(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+auditSelect+` FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT $1`, max)
		if err != nil {
			return fault.Wrap(err, "sqlstore: seal audit")
		}
		es, err := collect(rows, "seal audit", scanAudit)
		if err != nil {
			return err
		}
		for i := range es {
			es[i].Seq = head.Seq + 1
			audit.Link(key, head.Hash, &es[i])
			head = audit.Head{Seq: es[i].Seq, Hash: es[i].Hash}
		}
		if err := db.updateSeals(ctx, tx, es); err != nil {
			return err
		}
		n = len(es)
		return nil
	})
	if err != nil {
		return audit.Head{}, 0, err
	}
	return head, n, nil
}

// chainHead returns the last sealed entry's seq and hash, or the latest
// checkpoint's if pruning left no sealed entry after it; seq 0 and no hash
// if nothing was ever sealed.
func chainHead(ctx context.Context, q querier) (audit.Head, error) {
	var h audit.Head
	var hash string
	err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`).Scan(&h.Seq, &hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return h, fault.Wrap(err, "sqlstore: audit head")
	}
	h.Hash, _ = hashOf(hash)
	cp, err := latestCheckpoint(ctx, q)
	if err != nil {
		return h, err
	}
	if cp != nil && cp.Seq > h.Seq {
		h = audit.Head{Seq: cp.Seq, Hash: cp.Hash}
	}
	return h, nil
}

// updateSeals writes the seqs and hashes of es, a chunk of entries per
// UPDATE: one statement, prepared once, for all the whole chunks, so that
// neither PostgreSQL's round trips nor SQLite's parsing grow with the entries.
func (db *DB) updateSeals(ctx context.Context, tx *txn, es []audit.Entry) error {
	chunk := db.sealChunk()
	whole := len(es) / chunk * chunk
	if whole > 0 {
		stmt, err := tx.PrepareContext(ctx, db.updateSealSQL(chunk))
		if err != nil {
			return fault.Wrap(err, "sqlstore: seal audit")
		}
		defer stmt.Close()
		for i := 0; i < whole; i += chunk {
			if err := execSeal(ctx, stmt.ExecContext, es[i:i+chunk]); err != nil {
				return err
			}
		}
	}
	if rest := es[whole:]; len(rest) > 0 {
		q := db.updateSealSQL(len(rest))
		return execSeal(ctx, func(ctx context.Context, a ...any) (sql.Result, error) { return tx.ExecContext(ctx, q, a...) }, rest)
	}
	return nil
}

// updateSealSQL is the UPDATE that seals n entries: their ids, seqs and
// hashes are its parameters, three by three. On PostgreSQL it joins the
// values; SQLite would plan that join as a scan of the whole log (with a
// Bloom filter), so there each entry is found by its id and takes its values
// from the list by lookup.
func (db *DB) updateSealSQL(n int) string {
	var a args
	vals := make([]string, n)
	for i := range vals {
		vals[i] = fmt.Sprintf("(CAST(%s AS BIGINT), CAST(%s AS BIGINT), CAST(%s AS TEXT))", a.add(nil), a.add(nil), a.add(nil))
	}
	with := `WITH v (id, seq, hash) AS (VALUES ` + strings.Join(vals, ", ") + `) `
	if db.pg() {
		return with + `UPDATE audit_log SET seq = v.seq, hash = v.hash FROM v WHERE audit_log.id = v.id`
	}
	return with + `UPDATE audit_log SET seq = (SELECT v.seq FROM v WHERE v.id = audit_log.id),
		hash = (SELECT v.hash FROM v WHERE v.id = audit_log.id) WHERE id IN (SELECT id FROM v)`
}

// execSeal runs an UPDATE of updateSealSQL for es through exec.
func execSeal(ctx context.Context, exec func(context.Context, ...any) (sql.Result, error), es []audit.Entry) error {
	a := make([]any, 0, 3*len(es))
	for i := range es {
		a = append(a, es[i].ID, es[i].Seq, hexOf(es[i].Hash))
	}
	res, err := exec(ctx, a...)
	if err != nil {
		return fault.Wrap(err, "sqlstore: seal audit")
	}
	if n, err := res.RowsAffected(); err != nil || n != int64(len(es)) {
		return fault.Wrap(fmt.Errorf("sealed %d of %d entries (%v)", n, len(es), err), "sqlstore: seal audit")
	}
	return nil
}

// latestCheckpoint returns the checkpoint of the latest prune, or nil.
func latestCheckpoint(ctx context.Context, q querier) (*audit.Checkpoint, error) {
	var cp audit.Checkpoint
	var hash, mac string
	err := q.QueryRowContext(ctx, `SELECT seq, hash, before_at, pruned_at, mac FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`).
		Scan(&cp.Seq, &hash, timeOf{&cp.Before}, timeOf{&cp.PrunedAt}, &mac)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: audit checkpoint")
	}
	// What is not hex was written by hand, and verifies as nothing.
	cp.Hash, _ = hashOf(hash)
	cp.MAC, _ = hashOf(mac)
	return &cp, nil
}

// WalkChain reads the latest checkpoint and then every sealed entry after
// it in seq order, one at a time, all in one snapshot (a repeatable-read
// transaction on PostgreSQL, a read transaction on SQLite).
func (db *DB) WalkChain(ctx context.Context, start func(*audit.Checkpoint) error, each func(*audit.Entry) error) error {
	opts := &sql.TxOptions{}
	if db.pg() {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return fault.Wrap(err, "sqlstore: walk audit: begin")
	}
	defer tx.Rollback()
	cp, err := latestCheckpoint(ctx, tx)
	if err != nil {
		return err
	}
	if err := start(cp); err != nil {
		return err
	}
	var from int64
	if cp != nil {
		from = cp.Seq
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditSelect+` FROM audit_log WHERE seq IS NOT NULL AND seq > $1 ORDER BY seq`, from)
	if err != nil {
		return fault.Wrap(err, "sqlstore: walk audit")
	}
	defer rows.Close()
	for rows.Next() {
		var e audit.Entry
		if err := scanAudit(rows, &e); err != nil {
			return fault.Wrap(err, "sqlstore: walk audit")
		}
		if err := each(&e); err != nil {
			return err
		}
	}
	return fault.Wrap(rows.Err(), "sqlstore: walk audit")
}

// UnsealedBefore counts the entries written before t that are not sealed
// yet. (The condition on at is in the count, so that the query reads the
// index of the unsealed entries, not every entry before t.)
func (db *DB) UnsealedBefore(ctx context.Context, t time.Time) (int64, error) {
	var n int64
	err := db.readRow(ctx, `SELECT count(CASE WHEN at < $1 THEN 1 END) FROM audit_log WHERE seq IS NULL`, t.UnixMilli()).Scan(&n)
	return n, fault.Wrap(err, "sqlstore: unsealed audit")
}

// PruneAudit deletes the sealed entries written before before, from the
// chain's start up to the first entry that was written later, after writing
// a checkpoint of the last of them signed with key: first the checkpoint,
// under the chain's lock, then the entries in chunks. Should it stop half
// way, verify still starts from the checkpoint, and pruning again finishes
// the deletion.
func (db *DB) PruneAudit(ctx context.Context, key audit.Key, before, now time.Time) (*audit.Checkpoint, int64, error) {
	var cp *audit.Checkpoint
	err := db.inWrite(ctx, "prune audit", func(ctx context.Context, tx *txn) error {
		if err := db.lockChain(ctx, tx); err != nil {
			return err
		}
		var err error
		cp, err = newCheckpoint(ctx, tx, key, before, now)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	made := cp != nil
	if !made {
		// Finish what an interrupted prune left, if anything.
		if cp, err = latestCheckpoint(ctx, db.read); err != nil || cp == nil {
			return nil, 0, err
		}
	}
	total, err := db.deletePruned(ctx, cp.Seq)
	if !made && total == 0 {
		cp = nil
	}
	return cp, total, err
}

// deletePruned deletes the sealed entries up to seq, a chunk per
// transaction, and returns how many it deleted.
func (db *DB) deletePruned(ctx context.Context, seq int64) (int64, error) {
	var total int64
	for {
		var n int64
		err := db.inWrite(ctx, "prune audit", func(ctx context.Context, tx *txn) error {
			res, err := tx.ExecContext(ctx, `DELETE FROM audit_log WHERE id IN
				(SELECT id FROM audit_log WHERE seq IS NOT NULL AND seq <= $1 ORDER BY seq LIMIT $2)`, seq, pruneChunk)
			if err != nil {
				return fault.Wrap(err, "sqlstore: prune audit")
			}
			n, err = res.RowsAffected()
			return fault.Wrap(err, "sqlstore: prune audit")
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < pruneChunk {
			return total, nil
		}
	}
}

// newCheckpoint writes the checkpoint of a prune before before, in tx, and
// returns it; nil if no entry beyond the latest checkpoint is old enough.
func newCheckpoint(ctx context.Context, tx *txn, key audit.Key, before, now time.Time) (*audit.Checkpoint, error) {
	var first, last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min(seq) FROM audit_log WHERE seq IS NOT NULL AND at >= $1`,
		before.UnixMilli()).Scan(&first); err != nil {
		return nil, fault.Wrap(err, "sqlstore: prune audit")
	}
	if err := tx.QueryRowContext(ctx, `SELECT max(seq) FROM audit_log WHERE seq IS NOT NULL`).Scan(&last); err != nil {
		return nil, fault.Wrap(err, "sqlstore: prune audit")
	}
	cut := last.Int64
	if first.Valid {
		cut = first.Int64 - 1
	}
	prev, err := latestCheckpoint(ctx, tx)
	if err != nil {
		return nil, err
	}
	if cut <= 0 || (prev != nil && cut <= prev.Seq) {
		return nil, nil
	}
	var hash string
	if err := tx.QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE seq = $1`, cut).Scan(&hash); err != nil {
		return nil, fault.Wrap(fmt.Errorf("seq %d: %w", cut, err), "sqlstore: prune audit")
	}
	cp := &audit.Checkpoint{Seq: cut, Before: time.UnixMilli(before.UnixMilli()), PrunedAt: time.UnixMilli(now.UnixMilli())}
	if cp.Hash, err = hashOf(hash); err != nil {
		return nil, fault.Wrap(fmt.Errorf("seq %d: %w", cut, err), "sqlstore: prune audit")
	}
	cp.Sign(key)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_checkpoints (seq, hash, before_at, pruned_at, mac) VALUES ($1, $2, $3, $4, $5)`,
		cp.Seq, hexOf(cp.Hash), msNotNull(cp.Before), msNotNull(cp.PrunedAt), hexOf(cp.MAC))
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: prune audit: checkpoint")
	}
	return cp, nil
}

// ChainContains reports whether the chain holds h: a sealed entry or the
// checkpoint at h.Seq with h.Hash, or a seq pruned before the latest
// checkpoint (which verify holds to its signature).
func (db *DB) ChainContains(ctx context.Context, h audit.Head) (bool, error) {
	var hash string
	err := db.readRow(ctx, `SELECT hash FROM audit_log WHERE seq = $1
		UNION ALL SELECT hash FROM audit_checkpoints WHERE seq = $1`, h.Seq).Scan(&hash)
	if err == nil {
		return hash == hexOf(h.Hash), nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, fault.Wrap(err, "sqlstore: audit chain")
	}
	cp, err := latestCheckpoint(ctx, db.read)
	if err != nil {
		return false, err
	}
	return cp != nil && h.Seq < cp.Seq, nil
}
