package sqlstore

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// The city's batches (市交办批量导入): the city numbers a district already
// holds, and a whole batch of appeals inserted in one transaction.

// externalNoChunk is how many city numbers a look-up asks for by name. It
// asks for exactly that many (the last number repeated), so that its text
// is one prepared statement whatever the size of the batch.
const externalNoChunk = 200

// cityBatchLock is the PostgreSQL advisory lock class of a district's
// batches (pg_advisory_xact_lock(class, district)): two imports into one
// district take turns, so that the second sees the first's numbers. On
// SQLite the writer's transaction is alone already.
const cityBatchLock = 0x7a74_6362 // "ztcb"

// ExternalNos returns, of the city numbers nos, those that an appeal of
// district already carries, each with that appeal's case number.
func (db *DB) ExternalNos(ctx context.Context, district int64, nos []string) (map[string]string, error) {
	out := map[string]string{}
	if len(nos) == 0 {
		return out, nil
	}
	err := db.inRead(ctx, "external nos", func(tx *txn) error {
		return externalNos(ctx, tx, district, nos, out)
	})
	return out, err
}

// externalNos adds to out the numbers of nos that appeals of district
// carry, in q. No index leads from a number to its appeal, so each look-up
// reads the district's appeals once: a batch of up to externalNoChunk
// numbers asks for those, a bigger one reads every number of the district
// (one pass rather than one per chunk).
func externalNos(ctx context.Context, q querier, district int64, nos []string, out map[string]string) error {
	query := `SELECT external_no, id, created_at FROM appeals WHERE district_id = $1 AND external_no <> '' ORDER BY id`
	args := []any{district}
	var wanted map[string]bool
	if len(nos) <= externalNoChunk {
		var ps strings.Builder
		for i := range externalNoChunk {
			if i > 0 {
				ps.WriteString(", ")
			}
			ps.WriteString("$" + strconv.Itoa(i+2))
			args = append(args, nos[min(i, len(nos)-1)])
		}
		query = `SELECT external_no, id, created_at FROM appeals WHERE district_id = $1 AND external_no IN (` + ps.String() + `) ORDER BY id`
	} else {
		wanted = make(map[string]bool, len(nos))
		for _, no := range nos {
			wanted[no] = true
		}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fault.Wrap(err, "sqlstore: external nos")
	}
	found, err := collect(rows, "external nos", func(r scanner, a *appeal.Appeal) error {
		return r.Scan(&a.ExternalNo, &a.ID, timeOf{&a.CreatedAt})
	})
	if err != nil {
		return err
	}
	for i := range found {
		no := found[i].ExternalNo
		if _, seen := out[no]; !seen && (wanted == nil || wanted[no]) {
			out[no] = found[i].Number()
		}
	}
	return nil
}

// CreateAppeals inserts every appeal of as, each with its event of evs (at
// the same index) and its search index, in one transaction: all of them or
// none. Before it inserts, it looks the appeals' city numbers up again in
// that transaction, and inserts none with a Conflict (cityimport.taken) if
// an appeal of the same district already carries one: an import that
// committed since the caller looked.
func (db *DB) CreateAppeals(ctx context.Context, as []*appeal.Appeal, evs []*appeal.Event) error {
	if len(as) != len(evs) {
		return fault.Wrap(errors.New("one event per appeal"), "sqlstore: create appeals")
	}
	if len(as) == 0 {
		return nil
	}
	terms := make([][]string, len(as)) // here, not on the writer's goroutine
	nos := map[int64][]string{}        // the city numbers of each district
	for i, a := range as {
		terms[i] = indexTerms(a)
		if a.ExternalNo != "" {
			nos[a.DistrictID] = append(nos[a.DistrictID], a.ExternalNo)
		}
	}
	err := db.inWrite(ctx, "create appeals", func(ctx context.Context, tx *txn) error {
		for district, list := range nos {
			if db.pg() {
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1, $2)", int32(cityBatchLock), int32(district)); err != nil {
					return fault.Wrap(err, "sqlstore: create appeals: lock")
				}
			}
			taken := map[string]string{}
			if err := externalNos(ctx, tx, district, list, taken); err != nil {
				return err
			}
			for _, no := range list {
				if number, ok := taken[no]; ok {
					return fault.E(fault.Conflict, "cityimport.taken", no, number)
				}
			}
		}
		for i, a := range as {
			if err := db.createAppeal(ctx, tx, a, evs[i], terms[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for i, a := range as {
			a.ID = 0
			if evs[i] != nil {
				evs[i].ID, evs[i].AppealID = 0, 0
			}
		}
	}
	return err
}
