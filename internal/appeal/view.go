package appeal

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"zhitong/internal/personal"
)

// Anonymous is what a handling unit sees in place of the appellant of an
// appeal dispatched anonymously.
const Anonymous = "（匿名）"

// Redact returns the appeal as a viewer with relation rel may see it. The
// enterprise itself, the officer who registered it and those given full
// (see fullContact) see the appellant's contact in the clear; everyone else
// — the federation and the office included — sees the name, phone and ID
// number masked, and reveals one on purpose (Service.Reveal). A unit that
// sees an anonymous appeal only through its task never learns who filed it:
// see ForUnits. The query code's hash is never shown.
func Redact(a Appeal, rel Relation, full bool) Appeal {
	a.QueryCodeHash = nil
	if rel == AsEnterprise { // the office's mark is for the assessment, not the enterprise's page
		a.Unreasonable, a.UnreasonableReason = false, ""
	}
	switch {
	case rel == AsUnit && a.Anonymous:
		a = ForUnits(a)
	case rel == AsEnterprise || rel == AsCreator || full:
	default:
		a.ContactName = personal.MaskName(a.ContactName)
		a.ContactPhone = personal.MaskPhone(a.ContactPhone)
		a.ContactIDNo = personal.MaskID(a.ContactIDNo)
	}
	return a
}

// ForUnits returns an anonymous appeal as a handling unit may know it: no
// enterprise, credit code, contact, ID number or registering officer, and
// its title, content and result with every mention of them taken out, and
// any phone or ID number written in them masked (personal.Scrub). The
// keyword index a unit searches holds the terms of this view only, so that
// a search cannot find what the view hides. An appeal not anonymous is
// returned as it is.
func ForUnits(a Appeal) Appeal {
	if !a.Anonymous {
		return a
	}
	id := identityOf(&a)
	a.Title, a.Content, a.ResultText = id.scrub(a.Title), id.scrub(a.Content), id.scrub(a.ResultText)
	a.EnterpriseID, a.EnterpriseName, a.CreditCode = 0, Anonymous, ""
	a.ContactName, a.ContactPhone, a.ContactIDNo = "", "", ""
	a.CreatedBy, a.QueryCodeHash = 0, nil
	return a
}

// identity is what names the appellant of an appeal, longest first, to be
// taken out of the text a unit reads of an anonymous appeal.
type identity []string

// identityOf collects the appellant's names and numbers. A name of one
// character is left out: taking it out of the text would garble it.
func identityOf(a *Appeal) identity {
	var id identity
	for _, s := range []string{a.EnterpriseName, a.ContactName, a.CreditCode, a.ContactPhone, a.ContactIDNo} {
		if s = strings.TrimSpace(s); utf8.RuneCountInString(s) >= 2 && s != Anonymous {
			id = append(id, s)
		}
	}
	slices.SortFunc(id, func(x, y string) int { return cmp.Compare(len(y), len(x)) })
	return id
}

// scrub replaces each mention of the identity in s by Anonymous, then masks
// any phone or ID number left.
func (id identity) scrub(s string) string {
	for _, n := range id {
		s = strings.ReplaceAll(s, n, Anonymous)
	}
	return personal.Scrub(s)
}

// RedactEvents returns the timeline of appeal a as a viewer with relation
// rel may see it. A unit never reads what the enterprise was told, nor who
// acted outside the offices (an enterprise account): either could name the
// appellant. Of an anonymous appeal a unit does not learn who registered it
// (a liaison cadre or a seat points at the enterprise), and every note has
// the appellant taken out as in ForUnits.
func RedactEvents(evs []Event, rel Relation, a *Appeal) []Event {
	if rel != AsUnit {
		return evs
	}
	var id identity
	if a.Anonymous {
		id = identityOf(a)
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		e.Told = ""
		if e.ActorID == 0 {
			e.ActorName = ""
		}
		if a.Anonymous {
			if e.Action == ActRegister {
				e.ActorID, e.ActorName, e.UnitID = 0, "", 0
			}
			e.Note = id.scrub(e.Note)
		}
		out[i] = e
	}
	return out
}

// redactTasks returns the tasks of an anonymous appeal as a unit may read
// them: the office's instructions and reasons with the appellant taken out.
func redactTasks(ts []Task, rel Relation, a *Appeal) []Task {
	if rel != AsUnit || !a.Anonymous {
		return ts
	}
	id := identityOf(a)
	out := make([]Task, len(ts))
	for i, t := range ts {
		t.Note, t.Reason = id.scrub(t.Note), id.scrub(t.Reason)
		out[i] = t
	}
	return out
}
