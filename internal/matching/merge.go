package matching

import (
	"slices"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
)

// Merge is an entity registered twice merged into the entry the officer
// keeps: what is asked, and what was moved.
type Merge struct {
	DuplicateID, SurvivorID int64
	At                      time.Time
	ActorID                 int64
	ActorName               string
	UnitID                  int64

	// Set by the merge: both entries as they are afterwards, and how many
	// rows of each table that referenced the duplicate now reference the
	// survivor (appeals, field_visits, enterprise_accounts, …).
	Duplicate, Survivor *enterprise.Enterprise
	Moved               map[string]int
}

// CheckMerge refuses the merges that must not be: an entity into itself,
// across districts, an entity merged already, into an entity merged
// already, and two entities of different credit codes — two legal
// entities, not one registered twice.
func CheckMerge(dup, survivor *enterprise.Enterprise) error {
	switch {
	case dup.ID == survivor.ID:
		return fault.Field("into", "emerge.self")
	case dup.MergedInto != 0:
		return fault.E(fault.Conflict, "emerge.done", dup.MergedInto)
	case survivor.MergedInto != 0:
		return fault.E(fault.Conflict, "emerge.merged", survivor.MergedInto)
	case dup.DistrictID != survivor.DistrictID:
		return fault.Field("into", "emerge.place")
	case dup.CreditCode != "" && survivor.CreditCode != "" && dup.CreditCode != survivor.CreditCode:
		return fault.E(fault.Conflict, "emerge.codes", survivor.CreditCode, dup.CreditCode)
	}
	return nil
}

// Absorb gives the survivor what the duplicate knows and it does not: each
// blank fact of the survivor takes the duplicate's; what the survivor has
// it keeps. The duplicate's credit code moves (a code names one entry), and
// the duplicate points to the survivor from at on.
func Absorb(survivor, dup *enterprise.Enterprise, at time.Time) {
	fill := func(mine *string, theirs string) {
		if *mine == "" {
			*mine = theirs
		}
	}
	fill(&survivor.CreditCode, dup.CreditCode)
	if survivor.IndustryCode == "" && survivor.Industry == "" {
		survivor.IndustryCode, survivor.Industry = dup.IndustryCode, dup.Industry
	}
	fill(&survivor.Address, dup.Address)
	if survivor.ContactName == "" && survivor.ContactPhone == "" {
		survivor.ContactName, survivor.ContactPhone = dup.ContactName, dup.ContactPhone
	}
	if survivor.Size == "" {
		survivor.Size = dup.Size
	}
	if survivor.TerritoryID == 0 {
		survivor.TerritoryID = dup.TerritoryID
	}
	if survivor.CadreID == 0 {
		survivor.CadreID = dup.CadreID
	}
	if len(survivor.Tags) == 0 {
		survivor.Tags = slices.Clone(dup.Tags)
	}
	survivor.UpdatedAt = at
	dup.CreditCode = ""
	dup.MergedInto, dup.MergedAt = survivor.ID, at
}
