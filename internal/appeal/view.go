package appeal

import "zhitong/internal/personal"

// Anonymous is what a handling unit sees in place of the appellant of an
// appeal dispatched anonymously.
const Anonymous = "（匿名）"

// Redact returns the appeal as a viewer with relation rel may see it. A unit
// that sees it only through its task never learns who filed an anonymous
// appeal, and sees the contact of any other masked; those outside the
// federation and office see contacts masked too. The query code's hash is
// never shown.
func Redact(a Appeal, rel Relation, full bool) Appeal {
	a.QueryCodeHash = nil
	switch {
	case rel == AsUnit && a.Anonymous:
		a.EnterpriseID, a.EnterpriseName, a.CreditCode = 0, Anonymous, ""
		a.ContactName, a.ContactPhone = "", ""
	case rel == AsEnterprise || rel == AsCreator || full:
	default:
		a.ContactName = personal.MaskName(a.ContactName)
		a.ContactPhone = personal.MaskPhone(a.ContactPhone)
	}
	return a
}

// RedactEvents hides from a unit what the enterprise was told and who, outside
// the offices, acted: either could name the appellant.
func RedactEvents(evs []Event, rel Relation, anonymous bool) []Event {
	if rel != AsUnit {
		return evs
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		e.Told = ""
		if e.ActorID == 0 || (anonymous && e.Action == ActRegister) {
			e.ActorName = ""
		}
		out[i] = e
	}
	return out
}
