package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// The demo is written as stories, one per appeal: each is a list of steps
// at increasing times. All steps of all stories are then run in the order
// of their times, with the services' clock set to each, so that ids, times
// and the timeline agree as if the months had really passed.

type step struct {
	at   time.Time
	seq  int
	what string
	run  func(ctx context.Context) error
}

// story is the plan of one appeal.
type story struct {
	s     *seeder
	t     time.Time // the time of the next step
	ent   string    // the enterprise, by name
	title string
	id    int64 // the appeal, once registered
}

// story begins a story n working days before the demo's end, at hh:mm.
func (s *seeder) story(n, hh, mm int) *story {
	return &story{s: s, t: s.day(n).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)}
}

// after moves the story on by d.
func (p *story) after(d time.Duration) *story { p.t = p.t.Add(d); return p }

// next moves the story to hh:mm of the n-th working day after its current one.
func (p *story) next(n, hh, mm int) *story {
	y, m, d := p.t.In(appeal.CST).Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, appeal.CST)
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if workday(t) {
			n--
		}
	}
	p.t = t.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
	return p
}

// add appends a step at the story's time, and moves the story on a minute
// so that the next step comes after it. No step happens after the demo's end.
func (p *story) add(what string, fn func(ctx context.Context) error) *story {
	at := p.t
	if limit := p.s.end.Add(-time.Minute); at.After(limit) {
		at = limit
	}
	p.s.steps = append(p.s.steps, step{at: at, seq: len(p.s.steps), what: what, run: fn})
	p.t = p.t.Add(time.Minute)
	return p
}

// run takes every planned step in time order.
func (s *seeder) run(ctx context.Context) error {
	sort.SliceStable(s.steps, func(i, j int) bool { return s.steps[i].at.Before(s.steps[j].at) })
	for _, st := range s.steps {
		s.clock.t = st.at
		if err := st.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
	}
	s.steps = nil
	return nil
}

// spec is what an appeal is registered with.
type spec struct {
	ch       appeal.Channel
	typ      appeal.Type
	cat      string
	ent      string // a registered enterprise, or a name alone if unknown
	title    string
	content  string
	urgent   bool
	anon     bool
	extNo    string // the city's number
	dueDays  int    // the city's deadline, in days after registration
	byPortal bool   // filed by the enterprise's own account
}

// who returns the actor for a username; "" is the story's enterprise.
func (p *story) who(by string) (*account.Actor, error) {
	if by == "" {
		if a := p.s.entActor[p.ent]; a != nil {
			return a, nil
		}
		return nil, fmt.Errorf("no portal account for %s", p.ent)
	}
	if a := p.s.actor[by]; a != nil {
		return a, nil
	}
	return nil, fmt.Errorf("no user %s", by)
}

// create registers the appeal; by is the officer, or "" for the portal.
func (p *story) create(by string, sp spec) *story {
	p.ent, p.title = sp.ent, sp.title
	return p.add("register "+sp.title, func(ctx context.Context) error {
		actor, err := p.who(by)
		if err != nil {
			return err
		}
		in := appeal.Intake{Channel: sp.ch, Type: sp.typ, CategoryID: p.s.cat[sp.cat], Urgency: appeal.Normal,
			Title: sp.title, Content: sp.content, Anonymous: sp.anon, ExternalNo: sp.extNo}
		if sp.urgent {
			in.Urgency = appeal.Urgent
		}
		if e := p.s.ent[sp.ent]; e != nil {
			in.EnterpriseID, in.ContactName, in.ContactPhone = e.ID, e.ContactName, e.ContactPhone
			in.DistrictID, in.TerritoryID = e.DistrictID, e.TerritoryID
		} else {
			// Registered against a name alone, to be matched later.
			in.EnterpriseName, in.DistrictID = sp.ent, p.s.unit["娄星区"].ID
			in.ContactName, in.ContactPhone = "方先生", "13907381234"
		}
		if sp.dueDays > 0 {
			y, m, d := p.s.clock.Now().In(appeal.CST).Date()
			in.DueAt = time.Date(y, m, d+sp.dueDays+1, 0, 0, 0, 0, appeal.CST)
		}
		c, err := p.s.appeals.Create(ctx, actor, in)
		if err != nil {
			return err
		}
		p.id = c.Aggregate.Appeal.ID
		p.s.appealN++
		return nil
	})
}

// act takes an action on the appeal, with the version it has now.
func (p *story) act(by string, c appeal.Command) *story {
	return p.add(string(c.Action)+" "+p.title, func(ctx context.Context) error {
		actor, err := p.who(by)
		if err != nil {
			return err
		}
		g, err := p.s.st.Aggregate(ctx, p.id)
		if err != nil {
			return err
		}
		c.Version = g.Appeal.Version
		_, err = p.s.appeals.Act(ctx, actor, p.id, c)
		return err
	})
}

// onTask takes a task action on the current round's latest task of unit.
func (p *story) onTask(by, unitName string, c appeal.Command) *story {
	return p.add(string(c.Action)+" "+unitName+" "+p.title, func(ctx context.Context) error {
		if by == "" {
			by = p.s.handler[unitName]
		}
		actor, err := p.who(by)
		if err != nil {
			return err
		}
		u := p.s.unit[unitName]
		if u == nil {
			return fmt.Errorf("no unit %s", unitName)
		}
		g, err := p.s.st.Aggregate(ctx, p.id)
		if err != nil {
			return err
		}
		var t *appeal.Task
		for i := range g.Tasks {
			if g.Tasks[i].UnitID == u.ID && g.Tasks[i].Round == g.Appeal.Round {
				t = &g.Tasks[i]
			}
		}
		if t == nil {
			return fmt.Errorf("%s has no task in round %d", unitName, g.Appeal.Round)
		}
		c.Version = t.Version
		_, err = p.s.appeals.ActOnTask(ctx, actor, t.ID, c)
		return err
	})
}

// The actions of the loop, in its order.

func (p *story) answer(by string, o appeal.Outcome, text string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActAnswer, Outcome: o, Text: text})
}

func (p *story) referDistrict(by, note string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActReferDistrict, Note: note})
}

func (p *story) referCity(by, note string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActReferCity, Note: note})
}

func (p *story) reject(by, note, told string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActReject, Note: note, Told: told})
}

func (p *story) transfer(by, to, note, told string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActTransfer, TransferTo: to, Note: note, Told: told})
}

func (p *story) assign(by, note, lead string, co ...string) *story {
	return p.add("assign "+p.title, func(ctx context.Context) error {
		c := appeal.Command{Action: appeal.ActAssign, Note: note}
		if lead != "" {
			u := p.s.unit[lead]
			if u == nil {
				return fmt.Errorf("no unit %s", lead)
			}
			c.LeadUnitID = u.ID
		}
		for _, n := range co {
			u := p.s.unit[n]
			if u == nil {
				return fmt.Errorf("no unit %s", n)
			}
			c.CoUnitIDs = append(c.CoUnitIDs, u.ID)
		}
		actor, err := p.who(by)
		if err != nil {
			return err
		}
		g, err := p.s.st.Aggregate(ctx, p.id)
		if err != nil {
			return err
		}
		c.Version = g.Appeal.Version
		_, err = p.s.appeals.Act(ctx, actor, p.id, c)
		return err
	})
}

func (p *story) accept(unitName string) *story {
	return p.onTask("", unitName, appeal.Command{Action: appeal.ActAccept})
}

func (p *story) giveBack(unitName, reason string) *story {
	return p.onTask("", unitName, appeal.Command{Action: appeal.ActReturn, Note: reason})
}

func (p *story) reply(unitName string, o appeal.Outcome, text string) *story {
	return p.onTask("", unitName, appeal.Command{Action: appeal.ActReply, Outcome: o, Text: text})
}

func (p *story) approve(by, unitName string) *story {
	return p.onTask(by, unitName, appeal.Command{Action: appeal.ActApprove, Note: "答复内容属实，审核通过"})
}

func (p *story) sendBack(by, unitName, reason string) *story {
	return p.onTask(by, unitName, appeal.Command{Action: appeal.ActSendBack, Note: reason})
}

func (p *story) cityResult(by string, o appeal.Outcome, text string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActCityResult, Outcome: o, Text: text})
}

func (p *story) feedback(by, told string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActFeedback, Told: told})
}

func (p *story) visit(by string, sat appeal.Satisfaction, resolved bool, words string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActVisit, Reached: true, Satisfaction: sat, Resolved: resolved, Words: words})
}

func (p *story) missVisit(by, words string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActVisit, Reached: false, Words: words})
}

func (p *story) redo(by, note string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActRedo, Note: note})
}

func (p *story) reportUp(by, note string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActReportUp, Note: note})
}

func (p *story) withdraw(by, note string) *story {
	return p.act(by, appeal.Command{Action: appeal.ActWithdraw, Note: note})
}

func (p *story) mergeInto(by string, target *story, note string) *story {
	return p.add("merge "+p.title, func(ctx context.Context) error {
		actor, err := p.who(by)
		if err != nil {
			return err
		}
		g, err := p.s.st.Aggregate(ctx, p.id)
		if err != nil {
			return err
		}
		_, err = p.s.appeals.Act(ctx, actor, p.id, appeal.Command{Action: appeal.ActMerge, Version: g.Appeal.Version,
			TargetID: target.id, Note: note})
		return err
	})
}
