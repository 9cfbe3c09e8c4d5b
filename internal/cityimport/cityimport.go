// Package cityimport registers the city's batch of appeals assigned down to
// a district (市交办批量导入) and sends the district's results back.
//
// The workbook is read by package citybatch, which knows no database; this
// package gives it the names of the district's categories and townships,
// checks every good row as a single registration is checked (appeal
// package), refuses a city number the district holds already, and stores
// the whole batch in one transaction — or, when any row has a problem,
// nothing, reporting every problem at once. A dry run (预检) reports the
// same and writes nothing.
//
// It lives apart from package appeal because citybatch imports appeal.
package cityimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/citybatch"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// MaxFile bounds the size of an uploaded workbook: 5000 rows of long
// content fit in it, compressed as .xlsx is.
const MaxFile = 20 << 20

// Store is what an import needs of the database beyond appeal.Store.
type Store interface {
	// ExternalNos returns, of the city numbers nos, those an appeal of
	// district carries already, each with that appeal's case number.
	ExternalNos(ctx context.Context, district int64, nos []string) (map[string]string, error)
	// CreateAppeals inserts every appeal with its event (same index) and
	// search index in one transaction, all or none; a city number taken
	// meanwhile by another appeal of the district is a Conflict.
	CreateAppeals(ctx context.Context, as []*appeal.Appeal, evs []*appeal.Event) error
}

// Service imports the city's batches and exports their results.
type Service struct {
	Appeals *appeal.Service // drafts, reads and lists appeals; its Units and Store give names
	Store   Store
	Audit   audit.Recorder // records exports; nil records none
}

// Imported is one appeal a batch registered.
type Imported struct {
	Line   int // the workbook's row it came from
	Appeal appeal.Appeal
}

// Result is what an import (or its dry run) found and did.
type Result struct {
	District int64
	DryRun   bool
	Lines    int                 // the data rows read, blank rows not counted
	Ready    int                 // the rows without a problem
	Imported []Imported          // the appeals registered, in file order; none in a dry run or a refused import
	Problems []citybatch.Problem // every problem of every row, by line
}

// May reports whether actor may import the city's batches: who may
// register a city-assigned appeal (the office, the city office).
func May(actor *account.Actor) error {
	if !appeal.MayCreate(actor, appeal.CityAssigned) || actor.IsEnterprise() {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}

// MayRead reports whether actor may read what goes with the batches — the
// template, the districts to choose from, the results to send back — with
// a read-only token too: the office and the city office.
func MayRead(actor *account.Actor) error {
	if actor == nil || actor.IsEnterprise() || !(actor.System || actor.HasAny(account.Office, account.CityOffice)) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}

// District resolves the district of a batch: id if actor may work in it,
// or actor's only district when id is 0.
func District(actor *account.Actor, id int64) (int64, error) {
	id, ok := actor.District(id)
	if !ok {
		return 0, fault.Field("district_id", "intake.district")
	}
	return id, nil
}

// Districts lists the districts actor may import into, for a form to choose
// from.
func (s *Service) Districts(ctx context.Context, actor *account.Actor) ([]unit.Unit, error) {
	if err := MayRead(actor); err != nil {
		return nil, err
	}
	var out []unit.Unit
	for _, id := range actor.Districts {
		u, err := s.Appeals.Units.Unit(ctx, id)
		if fault.Is(err, fault.NotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		if u.Level == unit.District && u.Kind == unit.Region && u.Active {
			out = append(out, *u)
		}
	}
	return out, nil
}

// Template is the empty workbook the city fills in.
func (s *Service) Template(actor *account.Actor) ([]byte, error) {
	if err := MayRead(actor); err != nil {
		return nil, err
	}
	return citybatch.Template()
}

// Import reads the workbook data of appeals the city assigns down to
// district (0: actor's only district) and registers them on behalf of
// actor, all in one transaction, unless dryRun or any row has a problem.
//
// The error is a refusal of the whole file (not a workbook, a column
// missing, too many rows; actor or district wrong), a failure of the
// database, or — with a Result that lists the problems — the refusal of
// an import whose rows have problems (cityimport.refused). A dry run
// returns the problems without an error.
func (s *Service) Import(ctx context.Context, actor *account.Actor, district int64, data []byte, dryRun bool) (*Result, error) {
	if err := May(actor); err != nil {
		return nil, err
	}
	d, err := District(actor, district)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFile {
		return nil, fault.E(fault.TooLarge, "cityimport.too_big", MaxFile>>20)
	}
	names, err := s.names(ctx, d)
	if err != nil {
		return nil, err
	}
	b, err := citybatch.Parse(data, d, names, s.Appeals.Now())
	if err != nil {
		return nil, err
	}
	res := &Result{District: d, DryRun: dryRun, Lines: b.Lines, Problems: b.Problems}
	ready, err := s.check(ctx, actor, d, b, res)
	if err != nil {
		return nil, err
	}
	res.Ready = len(ready)
	switch {
	case dryRun:
		return res, nil
	case len(res.Problems) > 0:
		return res, fault.E(fault.Invalid, "cityimport.refused", len(res.Problems))
	}
	as, evs := make([]*appeal.Appeal, len(ready)), make([]*appeal.Event, len(ready))
	for i, r := range ready {
		as[i], evs[i] = r.draft.Appeal, r.draft.Event
	}
	if err := s.Store.CreateAppeals(ctx, as, evs); err != nil {
		return nil, err
	}
	res.Imported = make([]Imported, len(ready))
	for i, r := range ready {
		res.Imported[i] = Imported{Line: r.line, Appeal: *r.draft.Appeal}
	}
	return res, nil
}

// readyRow is a row that passed every check, drafted.
type readyRow struct {
	line  int
	draft appeal.Draft
}

// check holds the good rows of b to what the workbook alone cannot tell:
// the city numbers the district holds already, and the checks of a single
// registration. It adds the problems it finds to res and returns the rows
// without any.
func (s *Service) check(ctx context.Context, actor *account.Actor, district int64, b *citybatch.Batch, res *Result) ([]readyRow, error) {
	nos := make([]string, len(b.Rows))
	ins := make([]appeal.Intake, len(b.Rows))
	for i := range b.Rows {
		nos[i], ins[i] = b.Rows[i].Intake.ExternalNo, b.Rows[i].Intake
	}
	taken, err := s.Store.ExternalNos(ctx, district, nos)
	if err != nil {
		return nil, err
	}
	drafts, errs, err := s.Appeals.DraftAll(ctx, actor, ins)
	if err != nil {
		return nil, err
	}
	var ready []readyRow
	added := false
	for i, row := range b.Rows {
		bad := false
		if number, ok := taken[nos[i]]; ok {
			res.Problems = append(res.Problems, citybatch.Problem{Line: row.Line, Column: citybatch.HeadExternalNo,
				Err: fault.Field("external_no", "cityimport.exists", quoted(nos[i]), number)})
			bad = true
		}
		if errs[i] != nil {
			res.Problems = append(res.Problems, problemOf(row.Line, errs[i]))
			bad = true
		}
		if bad {
			added = true
			continue
		}
		ready = append(ready, readyRow{line: row.Line, draft: drafts[i]})
	}
	if added {
		slices.SortStableFunc(res.Problems, func(a, b citybatch.Problem) int { return a.Line - b.Line })
	}
	return ready, nil
}

// names are the names a workbook of district may use: the active
// categories and the district's townships.
func (s *Service) names(ctx context.Context, district int64) (citybatch.Names, error) {
	n := citybatch.Names{Categories: map[string]int64{}, Territories: map[string]int64{}}
	d, err := s.Appeals.Units.Unit(ctx, district)
	if fault.Is(err, fault.NotFound) || (err == nil && (d.Level != unit.District || d.Kind != unit.Region || !d.Active)) {
		return n, fault.Field("district_id", "intake.district")
	} else if err != nil {
		return n, err
	}
	cs, err := s.Appeals.Store.Categories(ctx)
	if err != nil {
		return n, err
	}
	for _, c := range cs {
		if c.Active {
			n.Categories[c.Name] = c.ID
		}
	}
	us, err := s.Appeals.Units.Units(ctx, district)
	if err != nil {
		return n, err
	}
	for _, u := range us {
		if u.Kind != unit.TownshipK || u.DistrictID != district {
			continue
		}
		if _, dup := n.Territories[u.Name]; !dup || u.Active {
			n.Territories[u.Name] = u.ID // an active township wins over a closed one of its name
		}
	}
	return n, nil
}

// columnOf is the heading of the column that fills each field of an
// intake, for the refusals of a single registration.
var columnOf = map[string]string{
	"external_no": citybatch.HeadExternalNo, "title": citybatch.HeadTitle, "content": citybatch.HeadContent,
	"type": citybatch.HeadType, "category_id": citybatch.HeadCategory, "urgency": citybatch.HeadUrgency,
	"enterprise_name": citybatch.HeadEnterprise, "enterprise_id": citybatch.HeadEnterprise,
	"credit_code": citybatch.HeadCreditCode, "contact_name": citybatch.HeadContact,
	"contact_phone": citybatch.HeadPhone, "territory_id": citybatch.HeadTerritory, "due_at": citybatch.HeadDueAt,
}

// problemOf is the problem of a row that a single registration refused.
func problemOf(line int, err error) citybatch.Problem {
	var fe *fault.Error
	col := ""
	if errors.As(err, &fe) {
		col = columnOf[fe.Field]
	}
	return citybatch.Problem{Line: line, Column: col, Err: err}
}

// maxQuoted is how many characters of a cell a message repeats.
const maxQuoted = 30

// quoted shortens a cell's value to repeat it in a message.
func quoted(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	return string([]rune(s)[:maxQuoted]) + "…"
}

// Export writes the city-assigned appeals of district (0: actor's only
// district) registered from the day of from to the day of to, inclusive
// (China Standard Time), in the workbook's layout with the district's
// result of each: the answer the district sends the city. Personal data
// are as actor sees them in a list; every export is recorded.
func (s *Service) Export(ctx context.Context, actor *account.Actor, district int64, from, to time.Time) ([]byte, int, error) {
	if err := MayRead(actor); err != nil {
		return nil, 0, err
	}
	d, err := District(actor, district)
	if err != nil {
		return nil, 0, err
	}
	switch {
	case from.IsZero():
		return nil, 0, fault.Field("from", "required", "from")
	case to.IsZero():
		return nil, 0, fault.Field("to", "required", "to")
	case to.Before(from):
		return nil, 0, fault.Field("from", "filter.range")
	}
	f := appeal.Filter{Channel: appeal.CityAssigned, DistrictID: d, From: day(from), To: day(to).AddDate(0, 0, 1),
		Oldest: true, Limit: appeal.MaxLimit}
	var items []appeal.Appeal
	for {
		p, err := s.Appeals.List(ctx, actor, f)
		if err != nil {
			return nil, 0, err
		}
		items = append(items, p.Items...)
		if len(items) > citybatch.MaxRows {
			return nil, 0, fault.Field("to", "cityimport.export_many", citybatch.MaxRows)
		}
		if p.Next == 0 {
			break
		}
		f.Before = p.Next
	}
	cats, places, err := s.labels(ctx, d)
	if err != nil {
		return nil, 0, err
	}
	rows := make([]citybatch.ExportRow, len(items))
	for i := range items {
		rows[i] = citybatch.NewExportRow(&items[i], cats[items[i].CategoryID], places[items[i].TerritoryID])
	}
	out, err := citybatch.Export(rows)
	if err != nil {
		return nil, 0, fault.Wrap(err, "cityimport: export")
	}
	if s.Audit != nil {
		if err := s.Audit.Record(ctx, audit.Entry{ActorID: actor.UserID, ActorName: actor.Username, UnitID: actor.UnitID,
			Action: "export.city_batch", Object: fmt.Sprintf("district:%d", d),
			Detail: fmt.Sprintf("%d rows, registered %s to %s", len(rows), day(from).Format(time.DateOnly), day(to).Format(time.DateOnly))}); err != nil {
			return nil, 0, err
		}
	}
	return out, len(rows), nil
}

// labels are the names of every category and of the district's townships,
// by id, for an export.
func (s *Service) labels(ctx context.Context, district int64) (cats, places map[int64]string, err error) {
	cats, places = map[int64]string{}, map[int64]string{}
	cs, err := s.Appeals.Store.Categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range cs {
		cats[c.ID] = c.Name
	}
	us, err := s.Appeals.Units.Units(ctx, district)
	if err != nil {
		return nil, nil, err
	}
	for _, u := range us {
		places[u.ID] = u.Name
	}
	return cats, places, nil
}

// day is the midnight that begins t's day in China Standard Time.
func day(t time.Time) time.Time {
	y, m, dd := t.In(appeal.CST).Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, appeal.CST)
}
