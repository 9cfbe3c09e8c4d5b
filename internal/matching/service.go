package matching

import (
	"context"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Store finds the candidates, lists what is left to match and merges.
type Store interface {
	// MatchCandidates returns the entities of district, merged ones left
	// out, with the credit code code, a name among names, or a name that
	// begins with one of prefixes (at most perPrefix of each), looked up on
	// the indexes of the code and of the district's names.
	MatchCandidates(ctx context.Context, district int64, code string, names, prefixes []string, perPrefix int) ([]Candidate, error)
	// SimilarCandidates returns up to limit entities of district whose
	// names hold one of pairs.
	SimilarCandidates(ctx context.Context, district int64, pairs []string, limit int) ([]Candidate, error)
	// UnmatchedAppeals lists the appeals of a district without an entity,
	// those still open first, each part newest first.
	UnmatchedAppeals(ctx context.Context, f Filter) (*Page, error)
	// MergeEnterprises merges m.DuplicateID into m.SurvivorID in one
	// transaction: it reads both entries locked, passes them to decide
	// (which refuses, or changes them into what they become) and writes
	// them, moves every reference to the duplicate to the survivor — each
	// appeal with an entry on its timeline — and records the merge in the
	// audit trail. It sets m.Duplicate, m.Survivor and m.Moved.
	MergeEnterprises(ctx context.Context, m *Merge, decide func(dup, survivor *enterprise.Enterprise) error) error
}

// Service suggests, links, lists and merges.
type Service struct {
	Store       Store
	Appeals     *appeal.Service
	Enterprises *enterprise.Service
	Units       unit.Store
	Now         func() time.Time
}

// Suggestion is an entity suggested for an appeal, as its reader may see it.
type Suggestion struct {
	Candidate
	Enterprise *enterprise.Enterprise
}

// Suggestions are the entities suggested for an appeal, the best first.
type Suggestions struct {
	Appeal *appeal.Appeal
	Items  []Suggestion
}

// The bounds of the look-ups behind the suggestions.
const (
	perPrefix    = 20  // entities read for each beginning of a name
	similarLimit = 200 // entities read that share the most pairs of characters with the name
)

// Suggest returns, for appeal id, the entities of its district that may be
// its own: the same credit code first, then the same name, a name
// containing the appeal's or contained in it, then similar names; at most
// MaxSuggestions, each with its score and reason. Only those who link
// appeals (MayLink) ask.
func (s *Service) Suggest(ctx context.Context, actor *account.Actor, id int64) (*Suggestions, error) {
	a, err := s.appealToLink(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	out := &Suggestions{Appeal: a, Items: []Suggestion{}}
	ranked, err := s.candidates(ctx, a.DistrictID, a.EnterpriseName, a.CreditCode, 0)
	if err != nil {
		return nil, err
	}
	if out.Items, err = s.read(ctx, actor, ranked); err != nil {
		return nil, err
	}
	return out, nil
}

// candidates ranks the entities of district for an entity's name and code,
// entity skip left out, all found on indexes: the code, the names equal to
// the name or its beginnings, the names beginning with it, and those
// sharing the most pairs of characters with it.
func (s *Service) candidates(ctx context.Context, district int64, name, code string, skip int64) ([]Candidate, error) {
	regions, err := s.regionWords(ctx, district)
	if err != nil {
		return nil, err
	}
	q := NewQuery(name, enterprise.NormalizeCreditCode(code), regions)
	if q.Empty() {
		return nil, nil
	}
	found, err := s.Store.MatchCandidates(ctx, district, q.Code, append([]string{q.name}, q.Heads()...), q.Prefixes(), perPrefix)
	if err != nil {
		return nil, err
	}
	// The similar names, from the index of their pairs of characters.
	similar, err := s.Store.SimilarCandidates(ctx, district, q.Pairs(), similarLimit)
	if err != nil {
		return nil, err
	}
	found = slices.DeleteFunc(append(found, similar...), func(c Candidate) bool { return c.ID == skip })
	return Rank(q, found, MaxSuggestions), nil
}

// read reads the entities ranked as actor may see them.
func (s *Service) read(ctx context.Context, actor *account.Actor, ranked []Candidate) ([]Suggestion, error) {
	out := make([]Suggestion, 0, len(ranked))
	for _, c := range ranked {
		e, err := s.Enterprises.Get(ctx, actor, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Suggestion{Candidate: c, Enterprise: e})
	}
	return out, nil
}

// Duplicates returns the entities of entity id's district that may be the
// same entity registered again, the likeliest first: those that could be
// merged with it (not of another credit code), for an officer who merges.
func (s *Service) Duplicates(ctx context.Context, actor *account.Actor, id int64) ([]Suggestion, error) {
	if !appeal.MayLink(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	e, err := s.Enterprises.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !actor.InDistrict(e.DistrictID) || e.MergedInto != 0 {
		return nil, nil
	}
	ranked, err := s.candidates(ctx, e.DistrictID, e.Name, e.CreditCode, e.ID)
	if err != nil {
		return nil, err
	}
	ranked = slices.DeleteFunc(ranked, func(c Candidate) bool { return c.CodeDiffers })
	return s.read(ctx, actor, ranked)
}

// appealToLink reads appeal id for actor, who must link appeals and stand
// as an officer of its district.
func (s *Service) appealToLink(ctx context.Context, actor *account.Actor, id int64) (*appeal.Appeal, error) {
	v, err := s.Appeals.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !appeal.MayLink(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if v.Relation != appeal.AsDistrict {
		return nil, fault.E(fault.Forbidden, "scope.district")
	}
	return &v.Appeal, nil
}

// regionWords are the words of district's place in the unit tree that a
// name may begin with (湖南省, 娄底市, 娄星区, and without their level).
func (s *Service) regionWords(ctx context.Context, district int64) ([]string, error) {
	var names []string
	for id, depth := district, 0; id != 0 && depth < 8; depth++ {
		u, err := s.Units.Unit(ctx, id)
		if err != nil {
			return nil, err
		}
		names = append(names, u.Name)
		id = u.ParentID
	}
	return RegionWords(names...), nil
}

// Link links appeal id to the entity enterpriseID of its district (see
// appeal.Service.LinkEnterprise); relink changes an appeal linked already.
func (s *Service) Link(ctx context.Context, actor *account.Actor, id, enterpriseID int64, relink bool) (*appeal.Aggregate, error) {
	a, err := s.appealToLink(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if enterpriseID <= 0 {
		return nil, fault.Field("enterprise_id", "bad_id", "enterprise_id")
	}
	e, err := s.Enterprises.Get(ctx, actor, enterpriseID)
	if fault.Is(err, fault.NotFound) {
		return nil, fault.Field("enterprise_id", "not_found", fault.Noun("noun.enterprise"))
	} else if err != nil {
		return nil, err
	}
	if e.MergedInto != 0 {
		return nil, fault.E(fault.Conflict, "match.merged", e.MergedInto)
	}
	previous := ""
	if a.EnterpriseID != 0 && a.EnterpriseID != e.ID {
		if was, err := s.Enterprises.Get(ctx, actor, a.EnterpriseID); err == nil {
			previous = was.CreditCode
		} else if !fault.Is(err, fault.NotFound) {
			return nil, err
		}
	}
	return s.Appeals.LinkEnterprise(ctx, actor, id, e, relink, previous)
}

// Filter selects a district's appeals without an entity, a page at a time.
type Filter struct {
	DistrictID int64
	// After is where the previous page ended: the last appeal's id and
	// whether it was open (the open ones come first); zero: the first page.
	After Cursor
	Limit int
}

// Cursor is a place in the list of unmatched appeals.
type Cursor struct {
	Closed bool // within the closed part
	ID     int64
}

// Page is one page of unmatched appeals.
type Page struct {
	Items []appeal.Appeal
	Next  Cursor // zero at the end
	Open  int    // how many of the district's unmatched appeals are open
}

// Unmatched lists the appeals of a district of actor's registered without
// an entity of the registry, the open ones first, newest first.
func (s *Service) Unmatched(ctx context.Context, actor *account.Actor, f Filter) (*Page, error) {
	if !appeal.MayLink(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if f.DistrictID == 0 && len(actor.Districts) > 0 {
		f.DistrictID = actor.Districts[0]
	}
	if f.DistrictID <= 0 || !actor.InDistrict(f.DistrictID) {
		return nil, fault.Field("district_id", "match.scope")
	}
	switch {
	case f.Limit <= 0:
		f.Limit = 50
	case f.Limit > 200:
		f.Limit = 200
	}
	return s.Store.UnmatchedAppeals(ctx, f)
}

// Merge merges the entity dupID, registered twice, into survivorID, the
// entry the officer keeps (see Store.MergeEnterprises): both of a district
// of actor's, which keeps the registry (MayLink).
func (s *Service) Merge(ctx context.Context, actor *account.Actor, dupID, survivorID int64) (*Merge, error) {
	if !appeal.MayLink(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	dup, err := s.Enterprises.Get(ctx, actor, dupID)
	if err != nil {
		return nil, err
	}
	if !actor.InDistrict(dup.DistrictID) {
		return nil, fault.E(fault.Forbidden, "emerge.scope")
	}
	if survivorID <= 0 {
		return nil, fault.Field("into", "emerge.into")
	}
	survivor, err := s.Enterprises.Get(ctx, actor, survivorID)
	if fault.Is(err, fault.NotFound) {
		return nil, fault.Field("into", "not_found", fault.Noun("noun.enterprise"))
	} else if err != nil {
		return nil, err
	}
	if err := CheckMerge(dup, survivor); err != nil {
		return nil, err
	}
	m := &Merge{DuplicateID: dupID, SurvivorID: survivorID, At: s.Now(), ActorID: actor.UserID, ActorName: actor.Name, UnitID: actor.UnitID}
	// Checked again on the entries as the transaction reads them, locked:
	// another officer may have merged either meanwhile.
	err = s.Store.MergeEnterprises(ctx, m, func(dup, survivor *enterprise.Enterprise) error {
		if err := CheckMerge(dup, survivor); err != nil {
			return err
		}
		Absorb(survivor, dup, m.At)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}
