package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// The bulk loader of the benchmark (package bench/load): whole batches of
// rows, every id given by the caller, written into an empty database as
// fast as each engine allows — multi-row INSERTs on SQLite with the
// loading connection's sync turned off, COPY on PostgreSQL with the big
// tables' secondary indexes and foreign keys set aside until the end. The
// rows are mapped to columns by the same functions the store uses
// (columns.go), and the keyword index and audit entries are made by the
// store's own functions (IndexTerms, AuditEntryOf), so that the loaded
// rows are the rows the product writes.

// BulkBatch is what one transaction of the loader writes, parents before
// children. Every row's ID is set; audit entries are sealed (Seq, Hash).
type BulkBatch struct {
	Units       []unit.Unit
	Categories  []appeal.Category
	Users       []account.User
	Enterprises []enterprise.Enterprise
	Appeals     []appeal.Appeal
	Tasks       []appeal.Task
	Events      []appeal.Event
	Visits      []appeal.Visit
	Search      []BulkSearch
	Audit       []audit.Entry

	prepared [][]any // the values of each table of bulkOrder, if Prepare made them
}

// BulkSearch is the keyword index of one appeal, as IndexTerms makes it.
type BulkSearch struct {
	AppealID int64
	Terms    []string
}

// IndexTerms returns the terms the store indexes for a, exactly as
// CreateAppeal writes them.
func IndexTerms(a *appeal.Appeal) []string { return indexTerms(a) }

// AuditEntryOf returns the audit entry the store writes for an event of an
// appeal, unsealed, as CreateAppeal and Mutate write it.
func AuditEntryOf(ev *appeal.Event) audit.Entry { return eventEntry(ev) }

// bulkTable is a table the loader writes: its name and columns, id first.
type bulkTable struct {
	name    string
	columns []string
}

// The tables in the order a batch writes them.
var (
	bulkUnits       = bulkTable{"units", strings.Split(unitColumns, ", ")}
	bulkCategories  = bulkTable{"categories", strings.Split(categoryColumns, ", ")}
	bulkUsers       = bulkTable{"users", strings.Split(userColumns, ", ")}
	bulkEnterprises = bulkTable{"enterprises", strings.Split(enterpriseColumns, ", ")}
	bulkNamePairs   = bulkTable{"enterprise_name_pairs", []string{"district_id", "pair", "enterprise_id"}} // no id: name_pairs.go
	bulkAppeals     = bulkTable{"appeals", append([]string{"id"}, appealColumns...)}
	bulkTasks       = bulkTable{"tasks", append([]string{"id"}, taskColumns...)}
	bulkEvents      = bulkTable{"appeal_events", append([]string{"id"}, eventColumns...)}
	bulkVisits      = bulkTable{"visits", append([]string{"id"}, visitColumns...)}
	bulkAudit       = bulkTable{"audit_log", append([]string{"id", "seq", "hash"}, auditColumns...)}
	bulkSearch      = bulkTable{"appeal_search", nil} // columns per engine: searchColumns
)

// BulkTables are the tables the loader fills, by name.
var BulkTables = []string{"units", "categories", "users", "enterprises", "appeals", "tasks", "appeal_events",
	"visits", "appeal_search", "audit_log"}

// rows returns the values of the batch's rows of table t, row after row.
func (b *BulkBatch) rows(t bulkTable, pg bool) []any {
	var vs []any
	switch t.name {
	case "units":
		for i := range b.Units {
			u := &b.Units[i]
			vs = append(vs, u.ID, nullable(u.ParentID), u.Code, u.Name, u.Level, u.Kind, joinList(u.Capabilities),
				nullable(u.DistrictID), u.Path, u.Assessed, u.Active)
		}
	case "categories":
		for _, c := range b.Categories {
			vs = append(vs, c.ID, c.Code, c.Name, c.Active)
		}
	case "users":
		for i := range b.Users {
			u := &b.Users[i]
			vs = append(vs, u.ID, u.Username, u.Name, u.Phone, u.UnitID, joinList(u.Roles), u.Active, msNotNull(u.CreatedAt), u.Email)
		}
	case "enterprises":
		for i := range b.Enterprises {
			vs = append(vs, b.Enterprises[i].ID)
			vs = append(vs, enterpriseValues(&b.Enterprises[i])...)
		}
	case "enterprise_name_pairs":
		for i := range b.Enterprises {
			vs = append(vs, namePairRows(&b.Enterprises[i])...)
		}
	case "appeals":
		for i := range b.Appeals {
			vs = append(vs, b.Appeals[i].ID)
			vs = append(vs, appealValues(&b.Appeals[i])...)
		}
	case "tasks":
		for i := range b.Tasks {
			vs = append(vs, b.Tasks[i].ID)
			vs = append(vs, taskValues(&b.Tasks[i])...)
		}
	case "appeal_events":
		for i := range b.Events {
			vs = append(vs, b.Events[i].ID)
			vs = append(vs, eventValues(&b.Events[i])...)
		}
	case "visits":
		for i := range b.Visits {
			vs = append(vs, b.Visits[i].ID)
			vs = append(vs, visitValues(&b.Visits[i])...)
		}
	case "audit_log":
		for i := range b.Audit {
			e := &b.Audit[i]
			vs = append(vs, e.ID, e.Seq, hexOf(e.Hash), msNotNull(e.At), nullable(e.ActorID), e.ActorName, nullable(e.UnitID),
				e.ClientIP, e.RequestID, e.Action, e.Object, string(e.Outcome), e.Detail)
		}
	case "appeal_search":
		for _, s := range b.Search {
			if pg {
				vs = append(vs, s.AppealID, s.Terms)
			} else {
				vs = append(vs, s.AppealID, strings.Join(s.Terms, " "))
			}
		}
	}
	return vs
}

// values returns the values of table t, the i-th of bulkOrder.
func (b *BulkBatch) values(i int, t bulkTable, pg bool) []any {
	if b.prepared != nil {
		return b.prepared[i]
	}
	return b.rows(t, pg)
}

// Prepare turns the batch's rows into the values the engine is given, so
// that whoever makes the batches can do it while the batch before is
// being written. Write does it itself for a batch not prepared. On SQLite,
// where the keyword index is given its terms as one string, the terms of
// batch.Search are dropped (set to nil) once joined.
func (b *Bulk) Prepare(batch *BulkBatch) {
	batch.prepared = make([][]any, len(bulkOrder))
	for i, t := range bulkOrder {
		batch.prepared[i] = batch.rows(t, b.db.pg())
	}
	if !b.db.pg() {
		for i := range batch.Search {
			batch.Search[i].Terms = nil
		}
	}
}

// searchColumns are the keyword index's columns on an engine.
func searchColumns(pg bool) []string {
	if pg {
		return []string{"appeal_id", "terms"}
	}
	return []string{"rowid", "terms"}
}

// bulkBig are the tables whose secondary indexes (and on PostgreSQL foreign
// keys) are set aside while they are loaded.
var bulkBig = []string{"appeals", "tasks", "appeal_events", "visits", "audit_log", "appeal_search"}

// bulkOrder is the order in which a batch's tables are written.
var bulkOrder = []bulkTable{bulkUnits, bulkCategories, bulkUsers, bulkEnterprises, bulkNamePairs, bulkAppeals, bulkTasks,
	bulkEvents, bulkVisits, bulkSearch, bulkAudit}

// Bulk is a load under way: it holds the writer connection until Finish
// or Close.
type Bulk struct {
	db   *DB
	conn *sql.Conn
	eng  bulkEngine
}

// bulkEngine is what differs between the engines.
type bulkEngine interface {
	start(ctx context.Context, conn *sql.Conn) error
	write(ctx context.Context, conn *sql.Conn, b *BulkBatch) error
	finish(ctx context.Context, conn *sql.Conn) error
	// restore undoes what start did, after a failure, as far as it can.
	restore(ctx context.Context, conn *sql.Conn)
	// notes say what the load does differently from ordinary writes.
	notes() []string
}

// StartBulk prepares db, which must be empty, for a bulk load and returns
// the loader. Until Finish or Close, it holds the only writer connection.
func (db *DB) StartBulk(ctx context.Context) (*Bulk, error) {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: bulk")
	}
	var eng bulkEngine = &bulkSQLite{}
	if db.pg() {
		eng = &bulkPostgres{}
	}
	if err := eng.start(ctx, conn); err != nil {
		eng.restore(context.WithoutCancel(ctx), conn)
		conn.Close()
		return nil, fault.Wrap(err, "sqlstore: bulk: start")
	}
	return &Bulk{db: db, conn: conn, eng: eng}, nil
}

// Notes say what the load does differently from the store's ordinary
// writes, for the operator: the sync setting, the indexes set aside.
func (b *Bulk) Notes() []string { return b.eng.notes() }

// Write writes the batch in one transaction.
func (b *Bulk) Write(ctx context.Context, batch *BulkBatch) error {
	return fault.Wrap(b.eng.write(ctx, b.conn, batch), "sqlstore: bulk: write")
}

// Finish ends the load: it puts back what StartBulk set aside (the sync
// setting, the indexes and foreign keys), brings the id sequences up to the
// ids written, and releases the writer connection.
func (b *Bulk) Finish(ctx context.Context) error {
	if b.conn == nil {
		return errors.New("sqlstore: bulk: finished already")
	}
	err := b.eng.finish(ctx, b.conn)
	err = errors.Join(err, b.conn.Close())
	b.conn = nil
	return fault.Wrap(err, "sqlstore: bulk: finish")
}

// Close releases the writer connection of a load that failed, restoring
// what it can; after Finish it does nothing.
func (b *Bulk) Close() {
	if b.conn == nil {
		return
	}
	b.eng.restore(context.Background(), b.conn)
	b.conn.Close()
	b.conn = nil
}

// Counts returns the number of rows of each table named.
func (db *DB) Counts(ctx context.Context, tables ...string) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range tables {
		var n int64
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return nil, fault.Wrap(err, "sqlstore: count "+t)
		}
		out[t] = n
	}
	return out, nil
}

// FirstNonEmpty returns the first of BulkTables, and tokens, that holds a
// row, and how many it holds; "" if they are all empty.
func (db *DB) FirstNonEmpty(ctx context.Context) (string, int64, error) {
	for _, t := range append(BulkTables, "tokens") {
		var one int
		err := db.read.QueryRowContext(ctx, `SELECT 1 FROM `+t+` LIMIT 1`).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return "", 0, fault.Wrap(err, "sqlstore: empty")
		}
		n, err := db.Counts(ctx, t)
		return t, n[t], err
	}
	return "", 0, nil
}

// Analyze gathers the planner's statistics: ANALYZE on SQLite; on
// PostgreSQL VACUUM ANALYZE, which also marks the freshly loaded pages
// all-visible, so that the covering indexes are read without the tables,
// as they are in a database that autovacuum keeps.
func (db *DB) Analyze(ctx context.Context) error {
	q := "ANALYZE"
	if db.pg() {
		q = "VACUUM (ANALYZE)"
	}
	_, err := db.write.ExecContext(ctx, q)
	return fault.Wrap(err, "sqlstore: analyze")
}

// Size returns the database's size on disk in bytes: on SQLite the file
// and its write-ahead log (path is the file), on PostgreSQL
// pg_database_size.
func (db *DB) Size(ctx context.Context, path string) (int64, error) {
	if db.pg() {
		var n int64
		err := db.read.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
		return n, fault.Wrap(err, "sqlstore: size")
	}
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(strings.TrimPrefix(p, "file:"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, fault.Wrap(err, "sqlstore: size")
		}
		total += fi.Size()
	}
	return total, nil
}

// bulkInsertSQL is a multi-row INSERT of n rows into t, for SQLite: with
// anonymous parameters (?), which the driver binds by position; numbered
// ones ($1) it looks up by name, one search of the statement's list per
// parameter, which makes a statement of thousands of them slow.
func bulkInsertSQL(t string, columns []string, n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", t, strings.Join(columns, ", "))
	for r := 0; r < n; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
