package load

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"time"

	"zhitong/internal/appeal"
)

// What happens to each appeal: where it comes from, what it is about, and
// how it goes round the loop. The shares are those a province sees: most
// appeals closed and rated 满意 or 基本满意, some answered at once by the
// federation, some referred to the city, a few rejected, transferred,
// withdrawn or merged; some tasks returned, late or sent back; a few
// redone.

// channelWeights are the shares of the channels, in per mille.
var channelWeights = []struct {
	ch appeal.Channel
	w  int
}{
	{appeal.Hotline12345, 350}, {appeal.HotlinePriv, 130}, {appeal.VisitCh, 140}, {appeal.Portal, 120},
	{appeal.OpenDay, 40}, {appeal.Symposium, 40}, {appeal.CityAssigned, 150}, {appeal.OnSite, 30},
}

func pickChannel(r *rand.Rand) appeal.Channel {
	x := r.IntN(1000)
	for _, c := range channelWeights {
		if x < c.w {
			return c.ch
		}
		x -= c.w
	}
	return appeal.Hotline12345
}

var categoryTotal = func() int {
	t := 0
	for _, c := range categories {
		t += c.weight
	}
	return t
}()

func pickCategory(r *rand.Rand) int {
	x := r.IntN(categoryTotal)
	for i, c := range categories {
		if x < c.weight {
			return i
		}
		x -= c.weight
	}
	return len(categories) - 1
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// dup is an appeal planned as the duplicate of an earlier one, merged into
// it at the time the earlier one's timeline records.
type dup struct {
	target *story
	at     time.Time
}

// draft fills in the appeal id registered at t0: what it is about, who
// brings it, how it came in and its text. It returns the story begun, who
// registers it, and the earlier appeal it duplicates, if it is one.
func (g *gen) draft(id int64, t0 time.Time) (*story, int32, *dup) {
	s, d0 := g.choose(id)
	s.d.appeals++
	g.describe(s, d0)
	by := g.enter(s, t0)
	g.write(s, t0)
	return s, by, d0
}

// choose picks the appeal's district, enterprise, category, matter and
// channel; a duplicate takes those of the appeal it repeats.
func (g *gen) choose(id int64) (*story, *dup) {
	r := g.r
	ch := pickChannel(r)
	if d0, ok := g.dups[id]; ok {
		delete(g.dups, id)
		t := d0.target
		if ch == appeal.CityAssigned || ch == appeal.OnSite || (ch == appeal.Portal && t.firm == nil) {
			ch = appeal.Hotline12345 // a duplicate comes in again by the ordinary channels
		}
		s := &story{g: g, d: t.d, cat: t.cat, issue: t.issue, firm: t.firm, town: t.town}
		s.a.ID, s.a.Channel, s.a.EnterpriseName = id, ch, t.a.EnterpriseName
		return s, &d0
	}
	d := g.o.districts[pickCum(r, g.o.distCum)]
	ci := pickCategory(r)
	c := &categories[ci]
	s := &story{g: g, d: d, cat: ci, issue: &c.issues[zipfIndex(r, len(c.issues), 0.5)], town: r.IntN(len(d.towns))}
	if ch == appeal.Portal || r.IntN(100) < 88 {
		s.firm = &g.firms[d.firms[pickCum(r, d.firmCum)]]
		s.town = int(s.firm.town)
	} else {
		s.a.EnterpriseName = companyName(r, d, &industries[r.IntN(len(industries))])
	}
	s.a.ID, s.a.Channel = id, ch
	return s, nil
}

// describe fills in the appeal's type, urgency, enterprise, contact,
// territory, anonymity and query code.
func (g *gen) describe(s *story, d0 *dup) {
	r := g.r
	a, d, f := &s.a, s.d, s.firm
	a.CategoryID, a.DistrictID, a.Type = int64(s.cat+1), d.id, s.issue.typ
	if r.IntN(100) < 12 {
		a.Type = appeal.Types[r.IntN(len(appeal.Types))]
	}
	a.Urgency = appeal.Normal
	if r.IntN(100) < 8 {
		a.Urgency = appeal.Urgent
	}
	if f != nil {
		a.EnterpriseID, a.EnterpriseName, a.CreditCode = f.ID, f.Name, f.CreditCode
		if r.IntN(100) < 75 {
			a.ContactName, a.ContactPhone = f.ContactName, f.ContactPhone
		}
	}
	if d0 != nil {
		a.ContactName, a.ContactPhone = d0.target.a.ContactName, d0.target.a.ContactPhone
	}
	if a.ContactName == "" {
		a.ContactName, a.ContactPhone = personName(r), mobile(r)
	}
	if r.IntN(100) >= 5 {
		a.TerritoryID = d.towns[s.town].unit
	}
	a.Anonymous = a.Channel != appeal.Portal && r.IntN(100) < 4
	code := make([]byte, 8)
	for i := range code {
		code[i] = queryCodeChars[r.IntN(len(queryCodeChars))]
	}
	sum := sha256.Sum256(code)
	a.QueryCodeHash = sum[:]
}

// enter sets how the appeal entered the loop at t0, by its channel, and
// returns who registered it.
func (g *gen) enter(s *story, t0 time.Time) int32 {
	a, d := &s.a, s.d
	by := g.creator(s, a.Channel)
	if by != appellant {
		a.CreatedBy = g.o.officers[by].id
	}
	switch a.Channel {
	case appeal.CityAssigned: // enters at the office and keeps the city's deadline
		a.Route, a.State = appeal.RouteFromCity, appeal.Unassigned
		a.DueAt = midnight(t0).AddDate(0, 0, 11+g.r.IntN(11))
		year := t0.In(appeal.CST).Year()
		d.city.numbers[year]++
		a.ExternalNo = fmt.Sprintf("%s直通车交〔%d〕%d号", d.city.short, year, d.city.numbers[year])
	case appeal.OnSite: // a leader assigned it on the spot
		a.Route, a.State = appeal.RouteDistrict, appeal.Unassigned
	default:
		a.State = appeal.Registered
	}
	return by
}

// queryCodeChars are those of the query code (package appeal).
const queryCodeChars = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// creator is the officer who registers an appeal that came in by ch.
func (g *gen) creator(s *story, ch appeal.Channel) int32 {
	d := s.d
	switch ch {
	case appeal.Hotline12345, appeal.HotlinePriv:
		return d.intake
	case appeal.VisitCh:
		if g.r.IntN(100) < 60 {
			return d.cadre
		}
		return d.fed
	case appeal.OpenDay, appeal.Symposium:
		return d.fed
	case appeal.CityAssigned:
		return d.city.office
	case appeal.OnSite:
		return d.leader
	}
	return appellant
}

// write fills in the appeal's title and content.
func (g *gen) write(s *story, t0 time.Time) {
	r := g.r
	w := &g.words
	w.r, w.firm, w.name, w.district = r, s.firm, s.a.EnterpriseName, s.d
	w.town = s.d.towns[s.town].name
	w.bank, w.project, w.policy, w.job = pick(r, banks), pick(r, projects), pick(r, policies), pick(r, jobs)
	w.amount = amounts[r.IntN(len(amounts))]
	w.created = t0
	s.lead = g.leadOf(s)
	w.unit = s.d.hs[s.lead].name
	sole := s.firm != nil && s.firm.kind == '2'
	s.a.Title = w.title(s.issue)
	s.a.Content = w.content(s.issue, &categories[s.cat], s.a.Channel, sole)
}

// leadOf is the unit that handles the appeal's matter: the issue's lead
// (the township for 属地), now and then another department.
func (g *gen) leadOf(s *story) int32 {
	return s.unitOf(s.issue.lead[g.r.IntN(len(s.issue.lead))])
}

// unitOf is the handling unit of a key, in the appeal's district.
func (s *story) unitOf(key string) int32 {
	if key == local {
		return int32(s.town)
	}
	return s.d.units[key]
}

// outcome draws a reply's outcome: mostly solved.
func outcome(r *rand.Rand, round int) appeal.Outcome {
	x := r.IntN(100)
	solved := 75
	if round > 1 {
		solved = 82
	}
	switch {
	case x < solved:
		return appeal.Solved
	case x < 92:
		return appeal.PartlySolved
	}
	return appeal.ExplainedNotDone
}

// rating draws the enterprise's rating of an outcome at a visit.
func rating(r *rand.Rand, o appeal.Outcome) (appeal.Satisfaction, bool, string) {
	x := r.IntN(100)
	var sat appeal.Satisfaction
	var resolved bool
	switch o {
	case appeal.Solved:
		sat = pickSat(x, 88, 98)
		resolved = r.IntN(100) < 97
	case appeal.PartlySolved:
		sat = pickSat(x, 45, 90)
		resolved = r.IntN(100) < 40
	default:
		sat = pickSat(x, 35, 75)
		resolved = r.IntN(100) < 5
	}
	switch sat {
	case appeal.Satisfied:
		return sat, resolved, pick(r, satisfiedWords)
	case appeal.FairlySatisfied:
		return sat, resolved, pick(r, fairWords)
	}
	return sat, resolved && r.IntN(2) == 0, pick(r, badWords)
}

func pickSat(x, satisfied, fair int) appeal.Satisfaction {
	switch {
	case x < satisfied:
		return appeal.Satisfied
	case x < fair:
		return appeal.FairlySatisfied
	}
	return appeal.Dissatisfied
}

// run takes the story of s round the loop from its registration at t0.
func (g *gen) run(s *story, t0 time.Time, by int32, d0 *dup) {
	r := g.r
	s.register(t0, by)
	if d0 != nil {
		s.merge(d0.at, d0.target.a.ID, pick(r, mergeNotes))
		return
	}
	if r.IntN(1000) < 25 {
		s.withdrawAt = t0.Add(hours(r, 2+r.Float64()*120))
		switch x := r.IntN(10); {
		case x < 6:
			s.withdrawBy = s.d.fed
		case x < 9:
			s.withdrawBy = s.d.intake
		default:
			s.withdrawBy = appellant
		}
	}
	if s.a.State == appeal.Registered && !g.triage(s) {
		return
	}
	switch s.a.Route {
	case appeal.RouteDirect:
		if r.IntN(100) < 80 {
			s.feedback(work(r, s.t.Add(hours(r, 0.1))), pick(r, answerTold))
		}
		g.visits(s, s.a.ResultOutcome)
	case appeal.RouteCity:
		o := outcome(r, 1)
		if s.cityResult(work(r, s.t.Add(days(r, 4+r.Float64()*20))), o, "经市直通车办协调，"+g.words.reply(s.issue, o)) {
			if r.IntN(100) < 80 {
				s.feedback(work(r, s.t.Add(hours(r, 0.3))), pick(r, cityTold))
			}
			g.visits(s, o)
		}
	case appeal.RouteDistrict, appeal.RouteFromCity:
		g.handle(s)
	}
}

// triage is the federation's first decision; it reports whether the
// appeal goes on round the loop.
func (g *gen) triage(s *story) bool {
	r := g.r
	at := work(r, s.t.Add(lognormal(r, 90*time.Minute, 0.8)))
	x := r.IntN(1000)
	direct := 80
	if s.issue.direct {
		direct = 550
	}
	switch {
	case x < 30:
		s.reject(at)
		return false
	case x < 60:
		s.transfer(at)
		return false
	case x < 60+direct:
		o := appeal.Solved
		if r.IntN(100) < 10 {
			o = appeal.ExplainedNotDone
		}
		return s.answer(at, o, g.words.reply(s.issue, o))
	case x < 140+direct:
		return s.referCity(at)
	}
	return s.referDistrict(at)
}

// handle is the district's handling: assignment, the units' tasks, the
// office's review, feedback and visits, a redo if the enterprise is not
// satisfied, and the report to the city of an appeal it assigned down.
func (g *gen) handle(s *story) {
	r := g.r
	var co []int32
	if len(s.issue.co) > 0 && r.IntN(100) < 35 {
		if h := s.unitOf(s.issue.co[r.IntN(len(s.issue.co))]); h != s.lead {
			co = append(co, h)
		}
	}
	if r.IntN(100) < 5 {
		if h := int32(len(s.d.towns)) + int32(r.IntN(len(s.d.hs)-len(s.d.towns))); h != s.lead && (len(co) == 0 || co[0] != h) {
			co = append(co, h)
		}
	}
	o, ok := g.round(s, s.lead, co)
	if !ok {
		return
	}
	g.feedbackAndVisits(s, o)
	if s.halted || s.a.Unreachable || (s.a.Satisfaction != appeal.Dissatisfied && s.a.Resolved) || r.IntN(100) >= 20 {
		g.reportUp(s)
		return
	}
	i := s.redo(work(r, s.t.Add(days(r, 1+r.Float64()*2))))
	if i < 0 {
		return
	}
	if o, ok = g.task(s, i, nil, 2); ok {
		g.feedbackAndVisits(s, o)
		g.reportUp(s)
	}
}

func (g *gen) feedbackAndVisits(s *story, o appeal.Outcome) {
	r := g.r
	if r.IntN(100) < 80 {
		s.feedback(work(r, s.t.Add(hours(r, 0.3+r.Float64()*3))), pick(r, feedbackTold))
	}
	g.visits(s, o)
}

func (g *gen) reportUp(s *story) {
	if s.a.Route == appeal.RouteFromCity && !s.halted {
		s.reportUp(work(g.r, s.t.Add(hours(g.r, 1+g.r.Float64()*20))))
	}
}

// round is the first round of tasks: the office assigns the lead and
// co-units, a lead may return its task and be replaced, the co-units reply
// to the lead, the lead replies and the office reviews. It returns the
// outcome approved and whether the round was finished.
func (g *gen) round(s *story, lead int32, co []int32) (appeal.Outcome, bool) {
	r := g.r
	ts := s.assign(work(r, s.t.Add(lognormal(r, 3*time.Hour, 0.8))), lead, co)
	if ts == nil {
		return "", false
	}
	li, cos := ts[0], ts[1:]
	if r.IntN(100) < 4 { // the lead returns the task; the office assigns another unit
		if !s.returnTask(work(r, s.t.Add(hours(r, 1+r.Float64()*20))), li) {
			return "", false
		}
		other := int32(len(s.d.towns)) + int32(r.IntN(len(s.d.hs)-len(s.d.towns)))
		for other == lead || containsUnit(co, other) {
			other = int32(len(s.d.towns)) + int32(r.IntN(len(s.d.hs)-len(s.d.towns)))
		}
		nt := s.assign(work(r, s.t.Add(hours(r, 1+r.Float64()*6))), other, nil)
		if nt == nil {
			return "", false
		}
		li = nt[0]
	}
	return g.task(s, li, cos, 1)
}

func containsUnit(hs []int32, h int32) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

// task takes the lead's task li, and the co-units' tasks cos, from
// acceptance to the office's approval.
func (g *gen) task(s *story, li int, cos []int, round int) (appeal.Outcome, bool) {
	r := g.r
	lt := &s.tasks[li]
	at := work(r, s.t.Add(lognormal(r, 2*time.Hour, 1)))
	if r.IntN(100) < 7 { // late
		at = work(r, lt.AcceptDue.Add(hours(r, 1+r.Float64()*40)))
	}
	if !s.accept(at, li) {
		return "", false
	}
	for _, ci := range cos {
		if !s.accept(work(r, s.t.Add(hours(r, 0.2+r.Float64()*4))), ci) {
			return "", false
		}
	}
	for _, ci := range cos {
		if !s.reply(work(r, s.t.Add(lognormal(r, 36*time.Hour, 0.7))), ci, appeal.Solved, pick(r, coReplies)) {
			return "", false
		}
	}
	median := 5 * 24 * time.Hour
	if s.a.Type == appeal.Consult {
		median = 2 * 24 * time.Hour
	}
	due := s.tasks[li].AcceptedAt.Add(lognormal(r, median, 0.6))
	switch x := r.IntN(1000); {
	case x < 10: // stuck for months
		due = s.tasks[li].ReplyDue.Add(days(r, 60+r.Float64()*240))
	case x < 100: // late
		due = s.tasks[li].ReplyDue.Add(days(r, 1+r.Float64()*10))
	}
	o := outcome(r, round)
	text := g.words.reply(s.issue, o)
	if !s.reply(work(r, due), li, o, text) {
		return "", false
	}
	if r.IntN(100) < 5 { // the office sends the reply back
		if !s.sendBack(work(r, s.t.Add(lognormal(r, 5*time.Hour, 0.7))), li) ||
			!s.reply(work(r, s.t.Add(days(r, 1+r.Float64()*2))), li, o, text) {
			return "", false
		}
	}
	if !s.approve(work(r, s.t.Add(lognormal(r, 5*time.Hour, 0.8))), li) {
		return "", false
	}
	return o, true
}

// visits are the federation's return visits: mostly reached at the first
// attempt, sometimes at the second, a few never (unreachable after three).
func (g *gen) visits(s *story, o appeal.Outcome) {
	r := g.r
	at := work(r, s.t.Add(days(r, 0.5+r.Float64()*3)))
	switch x := r.IntN(1000); {
	case x < 25:
		for k := 0; k < appeal.MaxVisitAttempts; k++ {
			if !s.visit(at, false, "", false, pick(r, unreachedWords)) {
				return
			}
			at = work(r, s.t.Add(days(r, 1)))
		}
		return
	case x < 75:
		if !s.visit(at, false, "", false, pick(r, unreachedWords)) {
			return
		}
		at = work(r, s.t.Add(days(r, 1)))
	}
	sat, resolved, words := rating(r, o)
	s.visit(at, true, sat, resolved, words)
}
