package main

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/report"
)

// The monthly scheduling report of a month whose figures are known in
// advance: March 2027 of the demo district holds the worked example of
// DOMAIN.md (the seed's own figures), April 2027 a case at every edge of
// the counting rules. The appeals go through the services as the people
// would take them; the API, the page and the workbook must show exactly
// the figures counted here by hand.

// story drives appeals of the demo district through the services, with
// the world's clock.
type story struct {
	t      *testing.T
	w      *pageWorld
	clock  *atomic.Pointer[time.Time]
	actors map[string]*account.Actor
}

func (s *story) set(at time.Time) { s.clock.Store(&at) }

func (s *story) advance(d time.Duration) { s.set(s.clock.Load().Add(d)) }

func (s *story) actor(username string) *account.Actor {
	s.t.Helper()
	if a := s.actors[username]; a != nil {
		return a
	}
	a, err := s.w.a.accounts.Authenticate(context.Background(), s.w.users[username].Secret)
	if err != nil {
		s.t.Fatalf("%s: %v", username, err)
	}
	s.actors[username] = a
	return a
}

// create registers an appeal of the demo district at the moment at.
func (s *story) create(who string, at time.Time, in appeal.Intake) int64 {
	s.t.Helper()
	s.set(at)
	in.DistrictID = s.w.units["娄星区"]
	if in.Type == "" {
		in.Type = appeal.Help
	}
	in.Title, in.Content, in.EnterpriseName = "诉求 "+at.Format("0102 15:04"), "企业反映的情况", "娄底某某有限公司"
	c, err := s.w.a.appeals.Create(context.Background(), s.actor(who), in)
	if err != nil {
		s.t.Fatalf("create %+v: %v", in, err)
	}
	return c.Aggregate.Appeal.ID
}

// act takes c on appeal id as who, an hour later.
func (s *story) act(who string, id int64, c appeal.Command) *appeal.Aggregate {
	s.t.Helper()
	s.advance(time.Hour)
	g, err := s.w.a.db.Aggregate(context.Background(), id)
	if err != nil {
		s.t.Fatal(err)
	}
	c.Version = g.Appeal.Version
	out, err := s.w.a.appeals.Act(context.Background(), s.actor(who), id, c)
	if err != nil {
		s.t.Fatalf("%s on %d by %s: %v", c.Action, id, who, err)
	}
	return out
}

// openTask is the open task of unit on appeal id.
func (s *story) openTask(id int64, unitName string) *appeal.Task {
	s.t.Helper()
	g, err := s.w.a.db.Aggregate(context.Background(), id)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, t := range g.Current() {
		if t.UnitID == s.w.units[unitName] && t.State.Open() {
			return t
		}
	}
	s.t.Fatalf("appeal %d has no open task of %s", id, unitName)
	return nil
}

// task takes c on the open task of unit as who, an hour later.
func (s *story) task(who string, id int64, unitName string, c appeal.Command) {
	s.t.Helper()
	s.advance(time.Hour)
	t := s.openTask(id, unitName)
	c.Version = t.Version
	if _, err := s.w.a.appeals.ActOnTask(context.Background(), s.actor(who), t.ID, c); err != nil {
		s.t.Fatalf("%s on task %d: %v", c.Action, t.ID, err)
	}
}

// The demo's people in the story.
const (
	wSeat, wFed, wOffice, wCity = "zx_lixiaoyan", "gsl_liujianhua", "yhb_zhouzhiqiang", "sztc_helixin"
	wFagai, wLeping             = "lx_fgj", "lx_lepingjd"
	fagai, leping               = "区发改局", "乐坪街道"
)

func (s *story) visit(id int64, sat appeal.Satisfaction) {
	s.t.Helper()
	s.act(wFed, id, appeal.Command{Action: appeal.ActVisit, Reached: true, Satisfaction: sat, Resolved: sat != appeal.Dissatisfied})
}

// assign has the office give appeal id to the unit, which accepts it.
func (s *story) assign(id int64, unitName, handler string) {
	s.t.Helper()
	s.act(wOffice, id, appeal.Command{Action: appeal.ActAssign, LeadUnitID: s.w.units[unitName]})
	s.task(handler, id, unitName, appeal.Command{Action: appeal.ActAccept})
}

// reply has the unit answer and the office approve.
func (s *story) reply(id int64, unitName, handler string) {
	s.t.Helper()
	s.task(handler, id, unitName, appeal.Command{Action: appeal.ActReply, Outcome: appeal.Solved, Text: "已办结"})
	s.task(wOffice, id, unitName, appeal.Command{Action: appeal.ActApprove})
}

func (s *story) direct(ch appeal.Channel, at time.Time) int64 {
	s.t.Helper()
	id := s.create(wSeat, at, appeal.Intake{Channel: ch, Type: appeal.Consult})
	s.act(wFed, id, appeal.Command{Action: appeal.ActAnswer, Outcome: appeal.Solved, Text: "已答复"})
	return id
}

func (s *story) viaDistrict(at time.Time) int64 {
	s.t.Helper()
	id := s.create(wSeat, at, appeal.Intake{Channel: appeal.OpenDay})
	s.act(wFed, id, appeal.Command{Action: appeal.ActReferDistrict})
	return id
}

// graded returns n ratings: sat 满意, fair 基本满意, the rest 不满意.
func graded(n, sat, fair int) []appeal.Satisfaction {
	out := make([]appeal.Satisfaction, n)
	for i := range out {
		switch {
		case i < sat:
			out[i] = appeal.Satisfied
		case i < sat+fair:
			out[i] = appeal.FairlySatisfied
		default:
			out[i] = appeal.Dissatisfied
		}
	}
	return out
}

// march spreads appeal i over the month, at ten in the morning.
func march(i int) time.Time { return time.Date(2027, 3, 1+i%30, 10, 0, 0, 0, appeal.CST) }

// workedExample registers March 2027 as DOMAIN.md's table has it.
func (s *story) workedExample() {
	// Hotlines: 24 answered directly, 20 满意 and 4 基本满意; the last
	// registered half an hour before the month ends, closed in April.
	for i, sat := range graded(24, 20, 4) {
		ch, at := appeal.Hotline12345, march(i)
		if i%2 == 1 {
			ch = appeal.HotlinePriv
		}
		if i == 23 {
			at = time.Date(2027, 3, 31, 23, 30, 0, 0, appeal.CST)
		}
		s.visit(s.direct(ch, at), sat)
	}
	// Referred to the city: 15, 12 满意, 2 基本满意, 1 不满意.
	for i, sat := range graded(15, 12, 2) {
		id := s.create(wSeat, march(i), appeal.Intake{Channel: appeal.Portal})
		s.act(wFed, id, appeal.Command{Action: appeal.ActReferCity})
		s.act(wCity, id, appeal.Command{Action: appeal.ActCityResult, Outcome: appeal.Solved, Text: "市里已办结"})
		s.visit(id, sat)
	}
	// Referred to the district office: 34, handled by the development and
	// reform bureau; the first redone after a dissatisfied visit.
	for i, sat := range graded(34, 30, 4) {
		id := s.viaDistrict(march(i))
		s.assign(id, fagai, wFagai)
		s.reply(id, fagai, wFagai)
		if i == 0 {
			s.visit(id, appeal.Dissatisfied)
			s.act(wOffice, id, appeal.Command{Action: appeal.ActRedo, Note: "企业不满意，责成重办"})
			s.task(wFagai, id, fagai, appeal.Command{Action: appeal.ActAccept})
			s.reply(id, fagai, wFagai)
		}
		s.visit(id, sat)
	}
	// Assigned by the city: 50, handled by a street office.
	for i, sat := range graded(50, 45, 4) {
		at := march(i)
		id := s.create(wCity, at, appeal.Intake{Channel: appeal.CityAssigned, ExternalNo: fmt.Sprintf("LDS2027%04d", i),
			DueAt: at.AddDate(0, 0, 20)})
		s.assign(id, leping, wLeping)
		s.reply(id, leping, wLeping)
		s.act(wOffice, id, appeal.Command{Action: appeal.ActReportUp})
		s.visit(id, sat)
	}
}

// edges are the appeals of April that the click-through must find.
type edges struct {
	redone, late, acceptedLate, last int64
}

// april registers one appeal at every edge of the counting rules, the
// last on April 30 at 23:30, left unanswered.
func (s *story) april() edges {
	var e edges
	day := func(d int) time.Time { return time.Date(2027, 4, d, 10, 0, 0, 0, appeal.CST) }
	// An enterprise nobody reaches in three attempts (无法联系).
	id := s.direct(appeal.Hotline12345, day(1))
	for range appeal.MaxVisitAttempts {
		s.act(wFed, id, appeal.Command{Action: appeal.ActVisit, Reached: false, Words: "电话无人接听"})
	}
	// Unreasonable (诉求不合理): dissatisfied, marked by the office.
	id = s.viaDistrict(day(2))
	s.assign(id, fagai, wFagai)
	s.reply(id, fagai, wFagai)
	s.visit(id, appeal.Dissatisfied)
	s.act(wOffice, id, appeal.Command{Action: appeal.ActUnreasonable, Note: "要求超出政策范围"})
	// Redone with a different final rating: 不满意, then 基本满意; and a
	// duplicate merged into it.
	redo := s.viaDistrict(day(5))
	e.redone = redo
	dup := s.create(wSeat, day(5).Add(4*time.Hour), appeal.Intake{Channel: appeal.Hotline12345})
	s.act(wFed, dup, appeal.Command{Action: appeal.ActMerge, TargetID: redo})
	s.assign(redo, fagai, wFagai)
	s.reply(redo, fagai, wFagai)
	s.visit(redo, appeal.Dissatisfied)
	s.act(wOffice, redo, appeal.Command{Action: appeal.ActRedo, Note: "企业不满意，责成重办"})
	s.task(wFagai, redo, fagai, appeal.Command{Action: appeal.ActAccept})
	s.reply(redo, fagai, wFagai)
	s.visit(redo, appeal.FairlySatisfied)
	// Extended, then answered after the extended deadline.
	id = s.viaDistrict(day(7))
	e.late = id
	s.assign(id, leping, wLeping)
	s.task(wLeping, id, leping, appeal.Command{Action: appeal.ActExtend, Days: 2, Note: "需现场核实"})
	s.task(wOffice, id, leping, appeal.Command{Action: appeal.ActGrant})
	s.set(s.openTask(id, leping).ReplyDue.Add(2 * time.Hour))
	s.reply(id, leping, wLeping)
	s.visit(id, appeal.Satisfied)
	// Withdrawn; not accepted.
	id = s.create(wSeat, day(8), appeal.Intake{Channel: appeal.Portal})
	s.act(wFed, id, appeal.Command{Action: appeal.ActWithdraw, Note: "企业撤回"})
	id = s.create(wSeat, day(9), appeal.Intake{Channel: appeal.Symposium})
	s.act(wFed, id, appeal.Command{Action: appeal.ActReject, Note: "已进入诉讼程序"})
	// Supervised (督办), answered.
	id = s.viaDistrict(day(12))
	s.assign(id, fagai, wFagai)
	s.task(wOffice, id, fagai, appeal.Command{Action: appeal.ActSupervise, DocNo: "娄星优督〔2027〕3号", Note: "请加快办理"})
	s.task(wFagai, id, fagai, appeal.Command{Action: appeal.ActRespond, Text: "正在办理"})
	s.reply(id, fagai, wFagai)
	s.visit(id, appeal.Satisfied)
	// Accepted after the time to accept.
	id = s.viaDistrict(day(13))
	e.acceptedLate = id
	s.act(wOffice, id, appeal.Command{Action: appeal.ActAssign, LeadUnitID: s.w.units[leping]})
	s.set(s.openTask(id, leping).AcceptDue.Add(time.Hour))
	s.task(wLeping, id, leping, appeal.Command{Action: appeal.ActAccept})
	s.reply(id, leping, wLeping)
	s.visit(id, appeal.Satisfied)
	// Registered on the month's last evening.
	e.last = s.create(wSeat, time.Date(2027, 4, 30, 23, 30, 0, 0, appeal.CST), appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Consult})
	return e
}

// want is a line of figures counted by hand: received, closed, then
// 满意/基本满意/不满意 and the satisfaction rate as printed.
type want struct {
	received, closed, sat, fair, dis int
	rate                             string
}

func (w want) check(t *testing.T, name string, f report.Figures) {
	t.Helper()
	if f.Received != w.received || f.Closed != w.closed || f.Rated != w.sat+w.fair+w.dis || f.Satisfied != w.sat ||
		f.Fair != w.fair || f.Dissatisfied != w.dis || f.Satisfaction.String() != w.rate {
		t.Errorf("%s: received %d, closed %d, rated %d (%d/%d/%d), %s; counted by hand %+v", name, f.Received, f.Closed,
			f.Rated, f.Satisfied, f.Fair, f.Dissatisfied, f.Satisfaction, w)
	}
}

// cells are the figures of a line as the page and the workbook print them.
func (w want) cells() []string {
	return []string{fmt.Sprint(w.received), fmt.Sprint(w.closed), fmt.Sprint(w.sat + w.fair + w.dis), fmt.Sprint(w.sat),
		fmt.Sprint(w.fair), fmt.Sprint(w.dis), w.rate}
}

func routeRow(m *report.Monthly, key appeal.Route) report.Figures {
	for _, r := range m.ByRoute {
		if r.Key == string(key) {
			return r.Figures
		}
	}
	return report.Figures{}
}

func unitRow(m *report.Monthly, id int64) report.UnitRow {
	for _, u := range m.Units {
		if u.UnitID == id {
			return u
		}
	}
	return report.UnitRow{}
}

// pageCells returns the cells of the row key of table name on a report page.
func pageCells(page, name, key string) []string {
	_, rest, ok := strings.Cut(page, `data-table="`+name+`"`)
	if !ok {
		return nil
	}
	rest, _, _ = strings.Cut(rest, "</table>")
	_, row, ok := strings.Cut(rest, `<tr data-row="`+key+`">`)
	if !ok {
		return nil
	}
	row, _, _ = strings.Cut(row, "</tr>")
	var out []string
	for _, m := range regexp.MustCompile(`<td[^>]*>([^<]*)</td>`).FindAllStringSubmatch(row, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func TestMonthlyReportOfKnownFigures(t *testing.T) {
	var clock atomic.Pointer[time.Time]
	start := time.Date(2027, 3, 1, 9, 0, 0, 0, appeal.CST)
	clock.Store(&start)
	w := newPageWorldAt(t, func() time.Time { return *clock.Load() })
	s := &story{t: t, w: w, clock: &clock, actors: map[string]*account.Actor{}}
	district := w.units["娄星区"]
	// The story runs past the demo passwords' 90 days: the security
	// administrator lets them last a year.
	if _, err := w.a.accounts.SetPasswordMaxAge(context.Background(), s.actor("admin_sec_wangjing"), 365); err != nil {
		t.Fatal(err)
	}
	monthly := func(from, to string) *report.Monthly {
		var m report.Monthly
		w.apiGet(wOffice, fmt.Sprintf("/api/v1/reports/monthly?from=%s&to=%s&district_id=%d", from, to, district), &m)
		return &m
	}

	s.workedExample()
	edge := s.april()
	// On April 30 at 23:45 the last appeal is received, not yet closed.
	s.set(time.Date(2027, 4, 30, 23, 45, 0, 0, appeal.CST))
	if m := monthly("2027-04-01", "2027-04-30"); m.Total.Received != 9 || m.Total.Closed != 6 {
		t.Errorf("April as of its last evening: received %d, closed %d; want 9 and 6", m.Total.Received, m.Total.Closed)
	}
	s.visit(s.actOn(edge.last), appeal.Satisfied) // answered and visited on May 1
	s.set(time.Date(2027, 5, 6, 9, 0, 0, 0, appeal.CST))

	// March: DOMAIN.md's table.
	mar := monthly("2027-03-01", "2027-03-31")
	if mar.AsOf != "2027-05-06T09:00:00+08:00" {
		t.Errorf("as of %s", mar.AsOf)
	}
	hotline, city := want{24, 24, 20, 4, 0, "100.0%"}, want{15, 15, 12, 2, 1, "93.3%"}
	district34, cityAssigned := want{34, 34, 30, 4, 0, "100.0%"}, want{50, 50, 45, 4, 1, "98.0%"}
	hotline.check(t, "hotlines", mar.Hotline)
	city.check(t, "referred to the city", routeRow(mar, appeal.RouteCity))
	district34.check(t, "referred to the district office", routeRow(mar, appeal.RouteDistrict))
	cityAssigned.check(t, "assigned by the city", routeRow(mar, appeal.RouteFromCity))
	total := want{123, 123, 107, 14, 2, "98.4%"}
	total.check(t, "March in all", mar.Total)
	if mar.Total.Resolution.String() != "98.4%" {
		t.Errorf("March's resolution rate %s, want 121/123 = 98.4%%", mar.Total.Resolution)
	}
	// 34 + 1 redone + 50 tasks, all accepted and answered in time.
	if tk := mar.Tasks; tk.Assigned != 85 || tk.Response.String() != "100.0%" || tk.OnTime.String() != "100.0%" || tk.Overdue != 0 ||
		tk.Redone != 1 || tk.Supervised != 0 {
		t.Errorf("March's tasks: %+v", tk)
	}
	if u := unitRow(mar, w.units[fagai]); u.Assigned != 35 || u.Redone != 1 || u.Rated != 34 || u.Satisfaction.String() != "100.0%" {
		t.Errorf("March, %s: %+v", fagai, u.UnitCounts)
	}
	if u := unitRow(mar, w.units[leping]); u.Assigned != 50 || u.Rated != 50 || u.Satisfaction.String() != "98.0%" || u.Resolution.String() != "98.0%" {
		t.Errorf("March, %s: %+v", leping, u.UnitCounts)
	}

	// The ranking: each unit first of its kind; the bureau 100 less 2 for
	// its redo, the street office 20 + 30 + 20×49/50 + 30×49/50.
	scores := map[int64]string{}
	for _, k := range mar.Ranking {
		for _, u := range k.Units {
			scores[u.UnitID] = fmt.Sprintf("%s #%d %.1f", k.Kind, u.Rank, u.Score)
		}
	}
	if got := scores[w.units[fagai]]; got != "department #1 98.0" {
		t.Errorf("March's ranking, %s: %q", fagai, got)
	}
	if got := scores[w.units[leping]]; got != "township #1 99.0" {
		t.Errorf("March's ranking, %s: %q", leping, got)
	}

	// April: the edges.
	apr := monthly("2027-04-01", "2027-04-30")
	// Received: all but the merged duplicate; closed: all but the merged,
	// withdrawn and not accepted; rated: the closed less the unreachable
	// and the unreasonable.
	aprTotal := want{9, 7, 4, 1, 0, "100.0%"}
	aprTotal.check(t, "April in all", apr.Total)
	if f := apr.Total; f.Merged != 1 || f.Withdrawn != 1 || f.NotAccepted != 1 || f.Unreachable != 1 || f.Unreasonable != 1 ||
		f.UnreasonableRated != 1 || f.SatisfactionAll.String() != "83.3%" {
		t.Errorf("April apart: merged %d, withdrawn %d, not accepted %d, unreachable %d, unreasonable %d (rated %d), with them %s",
			f.Merged, f.Withdrawn, f.NotAccepted, f.Unreachable, f.Unreasonable, f.UnreasonableRated, f.SatisfactionAll)
	}
	// Six tasks: the redone appeal's two rounds, one accepted late, one
	// answered after its extended deadline.
	if tk := apr.Tasks; tk.Assigned != 6 || tk.Response.String() != "83.3%" || tk.OnTime.String() != "83.3%" || tk.Overdue != 1 ||
		tk.OpenOverdue != 0 || tk.Redone != 1 || tk.Supervised != 1 {
		t.Errorf("April's tasks: %+v", tk)
	}
	fg, lp := unitRow(apr, w.units[fagai]), unitRow(apr, w.units[leping])
	if fg.Assigned != 4 || fg.Redone != 1 || fg.Supervised != 1 || fg.Rated != 2 || fg.Satisfaction.String() != "100.0%" ||
		fg.OnTimeRate.String() != "100.0%" {
		t.Errorf("April, %s: %+v", fagai, fg.UnitCounts)
	}
	if lp.Assigned != 2 || lp.Responded != 1 || lp.OnTime != 1 || lp.Overdue != 1 || lp.Extended != 1 || lp.Rated != 2 {
		t.Errorf("April, %s: %+v", leping, lp.UnitCounts)
	}

	// The page prints the same lines.
	leader := w.signInHTTP("ld_pengjianguo")
	q := fmt.Sprintf("?from=2027-03-01&to=2027-03-31&district_id=%d", district)
	page := w.page(leader, "/reports/monthly"+q)
	for _, c := range []struct {
		table, key string
		want       want
	}{{"total", "hotline", hotline}, {"total", "all", total}, {"route", "city", city}, {"route", "district", district34},
		{"route", "city_assigned", cityAssigned}} {
		got := pageCells(page, c.table, c.key)
		if len(got) < 7 || strings.Join(got[:7], " ") != strings.Join(c.want.cells(), " ") {
			t.Errorf("the page's %s/%s: %v; want %v", c.table, c.key, got, c.want.cells())
		}
	}
	if !regexp.MustCompile(fmt.Sprintf(`<tr data-ranked="%d"><td class="num">1</td><th scope="row">%s</th><td class="num" data-score>98.0</td>`,
		w.units[fagai], fagai)).MatchString(page) {
		t.Errorf("the page does not rank %s first with 98.0", fagai)
	}
	aprPage := w.page(leader, fmt.Sprintf("/reports/monthly?from=2027-04-01&to=2027-04-30&district_id=%d", district))
	if got := pageCells(aprPage, "total", "all"); len(got) < 14 || strings.Join(got, " ") !=
		"9 7 5 4 1 0 100.0% 100.0% 1 1 1 1 1 83.3%" {
		t.Errorf("April's total on the page: %v", got)
	}

	// Every unit figure opens the tasks behind it: the street office's
	// overdue task on the report, the bureau's redone task and the
	// street office's late response on the assessment.
	clickThrough(t, w, leader, aprPage, fmt.Sprintf(`(?s)<tr data-unit="%d">.*?</tr>`, w.units[leping]), "overdue", edge.late)
	assessed := w.page(leader, fmt.Sprintf("/reports/assessment?from=2027-04-01&to=2027-04-30&district_id=%d", district))
	clickThrough(t, w, leader, assessed, fmt.Sprintf(`(?s)<tr data-unit="%d">.*?</tr>`, w.units[fagai]), "redone", edge.redone)
	clickThrough(t, w, leader, assessed, fmt.Sprintf(`(?s)<tr data-unit="%d">.*?</tr>`, w.units[leping]), "late_response", edge.acceptedLate)

	// The workbook's cells.
	x := w.workbook(w.signInHTTP(wOffice), "/reports/monthly.xlsx"+q)
	sheet := x.GetSheetName(0)
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	line := map[string][]string{}
	for _, r := range rows {
		if len(r) > 7 {
			line[r[0]] = r[1:8]
		}
	}
	for name, c := range map[string]want{"热线（12345政企通+民企热线）": hotline, "报市直通车办": city, "报区优化办": district34,
		"市交办": cityAssigned, "全部诉求": total} {
		if got := line[name]; strings.Join(got, " ") != strings.Join(c.cells(), " ") {
			t.Errorf("the workbook's line %s: %v; want %v", name, got, c.cells())
		}
	}
	ranked := false
	for _, r := range rows {
		if len(r) == 5 && r[2] == leping {
			ranked = r[1] == "1" && r[3] == "99"
		}
	}
	if !ranked {
		t.Errorf("the workbook does not rank %s first with 99.0", leping)
	}
	// The rates are numbers formatted as percentages, not text.
	for i, r := range rows {
		if len(r) > 7 && r[0] == "报市直通车办" {
			raw, _ := x.GetCellValue(sheet, fmt.Sprintf("H%d", i+1), excelize.Options{RawCellValue: true})
			if raw != "0.933" {
				t.Errorf("the city's satisfaction is stored as %q, want the number 0.933", raw)
			}
		}
	}
}

// actOn answers the last appeal directly, an hour later.
func (s *story) actOn(id int64) int64 {
	s.t.Helper()
	s.set(time.Date(2027, 5, 1, 9, 0, 0, 0, appeal.CST))
	s.act(wFed, id, appeal.Command{Action: appeal.ActAnswer, Outcome: appeal.Solved, Text: "已答复"})
	return id
}

// clickThrough follows the link of figure in the part of page that row
// matches, and checks that the list it opens holds the tasks of exactly
// the appeals want.
func clickThrough(t *testing.T, w *pageWorld, c *http.Client, page, row, figure string, want ...int64) {
	t.Helper()
	part := regexp.MustCompile(row).FindString(page)
	link := regexp.MustCompile(`<a href="([^"]+)" data-figure="` + figure + `"`).FindStringSubmatch(part)
	if link == nil {
		t.Errorf("no link to the %s tasks in %s", figure, part)
		return
	}
	list := w.page(c, html.UnescapeString(link[1]))
	_, table, _ := strings.Cut(list, `<table class="grid">`)
	var got []int64
	for _, m := range regexp.MustCompile(`<a href="/appeals/([0-9]+)">`).FindAllStringSubmatch(table, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		got = append(got, id)
	}
	if !slices.Equal(got, want) || !strings.Contains(list, `id="figure-caption"`) {
		t.Errorf("%s lists the tasks of appeals %v, want %v", link[1], got, want)
	}
}
