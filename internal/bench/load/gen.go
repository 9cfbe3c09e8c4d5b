package load

import (
	"container/heap"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/sqlstore"
)

// gen generates the whole load on one goroutine, deterministically for a
// seed: the organisation, the enterprises, then the appeals in the order
// they were registered, each with its story, in batches for the writer.
// Ids are given here, from 1, as an empty database would give them.
type gen struct {
	r     *rand.Rand
	now   time.Time // the load's end: everything happened before it
	o     *org
	firms []firm
	cal   *calendar
	words words

	nextTask, nextEvent, nextVisit int64

	day    int      // the next day of the calendar whose registrations are queued
	queue  []queued // the registrations to come, in order
	nextID int64    // the id of the last registration queued
	times  []time.Time
	dups   map[int64]dup // duplicates planned, by their id

	chain  chain
	batch  *sqlstore.BulkBatch
	states map[appeal.State]int
	rows   map[string]int64 // rows sent, by table
}

// queued is a registration to come.
type queued struct {
	id int64
	at time.Time
}

func newGen(opt *Options) *gen {
	r := rand.New(rand.NewPCG(opt.Seed, 0x7a6869746f6e67)) // "zhitong"
	g := &gen{r: r, now: opt.End, dups: map[int64]dup{}, states: map[appeal.State]int{}, rows: map[string]int64{}}
	g.cal = newCalendar(r, opt.End, opt.Years, opt.Appeals)
	first := g.cal.days[0]
	g.o = buildOrg(r, districtsFor(opt.Appeals), first.AddDate(0, 0, -30))
	g.firms = buildFirms(r, g.o, firmsFor(opt.Appeals), first)
	g.chain = chain{key: opt.Key}
	return g
}

// orgBatch is the first batch: units, categories, officers, enterprises.
func (g *gen) orgBatch() *sqlstore.BulkBatch {
	b := &sqlstore.BulkBatch{Units: g.o.units, Users: g.o.users}
	for i, c := range categories {
		b.Categories = append(b.Categories, appeal.Category{ID: int64(i + 1), Code: c.code, Name: c.name, Active: true})
	}
	for i := range g.firms {
		b.Enterprises = append(b.Enterprises, g.firms[i].Enterprise)
	}
	return b
}

// generate sends the batches to out, per appeals each, until all are sent
// or ctx ends; prepare, if not nil, is done to each before it is sent.
func (g *gen) generate(ctx context.Context, per int, out chan<- *sqlstore.BulkBatch, prepare func(*sqlstore.BulkBatch)) error {
	send := func(b *sqlstore.BulkBatch) error {
		g.count(b)
		if prepare != nil {
			prepare(b)
		}
		select {
		case out <- b:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := send(g.orgBatch()); err != nil {
		return err
	}
	g.batch = &sqlstore.BulkBatch{}
	for {
		if len(g.queue) > 0 {
			g.fill(g.queue[0].at)
		} else {
			g.fill(time.Time{})
		}
		if len(g.queue) == 0 {
			break
		}
		q := g.queue[0]
		g.queue = g.queue[1:]
		g.chain.sealBefore(g, q.at, g.batch)
		s, by, d0 := g.draft(q.id, q.at)
		g.run(s, q.at, by, d0)
		g.planDuplicate(s)
		g.finish(s)
		if len(g.batch.Appeals) >= per {
			if err := send(g.batch); err != nil {
				return err
			}
			g.batch = &sqlstore.BulkBatch{}
		}
	}
	g.chain.sealBefore(g, g.now.Add(time.Hour), g.batch)
	return send(g.batch)
}

// fill queues the registrations of the next days, so that those of the
// next three days at least are known ahead (for planDuplicate).
func (g *gen) fill(now time.Time) {
	for g.day < len(g.cal.days) && (len(g.queue) < 64 || g.queue[len(g.queue)-1].at.Before(now.Add(dupWindow))) {
		g.times = g.cal.times(g.r, g.day, g.cal.counts[g.day], g.times)
		for _, t := range g.times {
			g.nextID++
			g.queue = append(g.queue, queued{id: g.nextID, at: t})
		}
		g.day++
	}
}

// dupWindow is how long after an appeal its duplicate may come.
const dupWindow = 72 * time.Hour

// planDuplicate now and then makes one of the next registrations a
// duplicate of s (the same enterprise on the same matter, hours or a day or
// two later), merged into s at triage: the merge is in s's timeline as
// merged_in, from and to the state s is in then, which must not be final.
func (g *gen) planDuplicate(s *story) {
	r := g.r
	if s.a.State == appeal.Merged || r.IntN(1000) >= 21 {
		return
	}
	t0 := s.a.CreatedAt
	after := min(max(lognormal(r, 20*time.Hour, 1), 30*time.Minute), dupWindow)
	i, _ := slices.BinarySearchFunc(g.queue, t0.Add(after), func(q queued, t time.Time) int { return q.at.Compare(t) })
	for end := min(i+20, len(g.queue)); i < end; i++ {
		y := g.queue[i]
		if _, taken := g.dups[y.id]; taken {
			continue
		}
		tm := work(r, y.at.Add(lognormal(r, 90*time.Minute, 0.8)))
		if earliest := y.at.Add(2 * time.Minute); tm.Before(earliest) {
			tm = earliest
		}
		if !tm.Before(g.now) || (!s.finalAt.IsZero() && !tm.Before(s.finalAt)) {
			return
		}
		st := s.stateAt(tm)
		if st == "" || st.Final() {
			return
		}
		number := fmt.Sprintf("ZT%s%06d", y.at.In(appeal.CST).Format("20060102"), y.id)
		at := len(s.events)
		for at > 0 && s.events[at-1].At.After(tm) {
			at--
		}
		id, name, u := s.who(s.d.fed)
		ev := appeal.Event{AppealID: s.a.ID, At: tm, ActorID: id, ActorName: name, UnitID: u, Action: appeal.ActMergedIn,
			FromState: st, ToState: st, Note: number}
		s.events = slices.Insert(s.events, at, ev)
		s.actors = slices.Insert(s.actors, at, s.d.fed)
		g.dups[y.id] = dup{target: s, at: tm}
		return
	}
}

// count adds the rows of b to those sent.
func (g *gen) count(b *sqlstore.BulkBatch) {
	rows := g.rows
	rows["units"] += int64(len(b.Units))
	rows["categories"] += int64(len(b.Categories))
	rows["users"] += int64(len(b.Users))
	rows["enterprises"] += int64(len(b.Enterprises))
	rows["appeals"] += int64(len(b.Appeals))
	rows["tasks"] += int64(len(b.Tasks))
	rows["appeal_events"] += int64(len(b.Events))
	rows["visits"] += int64(len(b.Visits))
	rows["appeal_search"] += int64(len(b.Search))
	rows["audit_log"] += int64(len(b.Audit))
}

// finish adds the story's rows to the batch: the appeal, its tasks, events
// (now given their ids), visits and keyword index, and gives its events'
// audit entries to the chain.
func (g *gen) finish(s *story) {
	b := g.batch
	for i := range s.events {
		g.nextEvent++
		s.events[i].ID = g.nextEvent
		g.chain.add(&s.events[i], s.actors[i])
	}
	b.Appeals = append(b.Appeals, s.a)
	b.Tasks = append(b.Tasks, s.tasks...)
	b.Events = append(b.Events, s.events...)
	b.Visits = append(b.Visits, s.visits...)
	b.Search = append(b.Search, sqlstore.BulkSearch{AppealID: s.a.ID, Terms: sqlstore.IndexTerms(&s.a)})
	g.states[s.a.State]++
}

// chain seals the audit entries of the events into the HMAC chain in the
// order of their time (ties in the order they were made), as the server's
// sealer would have sealed them as they were written: an entry waits in a
// heap until no event to come can be earlier.
type chain struct {
	key     audit.Key
	pending pendingHeap
	ord     int64
	head    audit.Head
}

// pendingEntry is an event's audit entry waiting for its place, compact.
type pendingEntry struct {
	at     int64 // Unix ms
	ord    int64
	appeal int64
	task   int64
	actor  int32
	action uint8 // index in actionCodes
	from   uint8 // index in stateCodes
	to     uint8
}

var (
	actionCodes = append([]appeal.Action{appeal.ActRegister, appeal.ActMergedIn}, appeal.Actions...)
	stateCodes  = append([]appeal.State{""}, appeal.States...)
	actionIndex = indexOf(actionCodes)
	stateIndex  = indexOf(stateCodes)
)

func indexOf[T comparable](xs []T) map[T]uint8 {
	m := map[T]uint8{}
	for i, x := range xs {
		m[x] = uint8(i)
	}
	return m
}

func (c *chain) add(ev *appeal.Event, actor int32) {
	c.ord++
	heap.Push(&c.pending, pendingEntry{at: ev.At.UnixMilli(), ord: c.ord, appeal: ev.AppealID, task: ev.TaskID,
		actor: actor, action: actionIndex[ev.Action], from: stateIndex[ev.FromState], to: stateIndex[ev.ToState]})
}

// sealBefore seals the entries of events before t into b.
func (c *chain) sealBefore(g *gen, t time.Time, b *sqlstore.BulkBatch) {
	limit := t.UnixMilli()
	for len(c.pending) > 0 && c.pending[0].at < limit {
		p := heap.Pop(&c.pending).(pendingEntry)
		ev := appeal.Event{AppealID: p.appeal, At: time.UnixMilli(p.at), TaskID: p.task, Action: actionCodes[p.action],
			FromState: stateCodes[p.from], ToState: stateCodes[p.to]}
		var ip string
		if p.actor == appellant {
			ip = fmt.Sprintf("%d.%d.%d.%d", 36+g.r.IntN(180), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
		} else {
			o := &g.o.officers[p.actor]
			ev.ActorID, ev.ActorName, ev.UnitID = o.id, o.name, o.unit
			ip = o.ip
		}
		e := sqlstore.AuditEntryOf(&ev)
		e.ClientIP, e.RequestID = ip, requestID(g.r)
		e.ID = c.head.Seq + 1
		e.Seq = e.ID
		audit.Link(c.key, c.head.Hash, &e)
		c.head = audit.Head{Seq: e.Seq, Hash: e.Hash}
		e.PrevHash = nil
		b.Audit = append(b.Audit, e)
	}
}

// pendingHeap orders the waiting entries by time, then by when they were made.
type pendingHeap []pendingEntry

func (h pendingHeap) Len() int { return len(h) }
func (h pendingHeap) Less(i, j int) bool {
	return h[i].at < h[j].at || (h[i].at == h[j].at && h[i].ord < h[j].ord)
}
func (h pendingHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pendingHeap) Push(x any)   { *h = append(*h, x.(pendingEntry)) }
func (h *pendingHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// requestID is a request id as the API gives one: 16 hexadecimal digits.
func requestID(r *rand.Rand) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], r.Uint64())
	return hex.EncodeToString(b[:])
}
