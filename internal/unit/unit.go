// Package unit holds the organisation tree of a deployment: the province,
// cities, districts and townships, the departments at each level, and the
// offices (federation, optimization office, city office) as capabilities
// of units.
package unit

import (
	"slices"
	"strings"
)

// Level is a unit's place in the administrative hierarchy.
type Level string

// The levels, from the top.
const (
	Province Level = "province"
	City     Level = "city"
	District Level = "district"
	Township Level = "township"
)

// Kind groups units for rankings (乡镇街道 / 区直部门 / 垂管单位).
type Kind string

// The kinds.
const (
	Region     Kind = "region"     // the government of a province, city or district itself
	TownshipK  Kind = "township"   // 乡镇街道
	Department Kind = "department" // 部门 (区直部门 at district level)
	Vertical   Kind = "vertical"   // 垂管单位 and utilities (税务, 供电, 供水, 燃气)
)

// Capability is an office's role carried by a unit.
type Capability string

// The capabilities.
const (
	Federation Capability = "federation"  // 工商联: triage, feedback, return visits
	Office     Capability = "office"      // 优化办: assignment, supervision, review
	CityOffice Capability = "city_office" // 市直通车办
	Hotline    Capability = "hotline"     // 12345 政企通专席
	Discipline Capability = "discipline"  // 纪委监委
)

// Unit is one node of the tree.
type Unit struct {
	ID           int64
	ParentID     int64 // 0 at the root
	Code         string
	Name         string
	Level        Level
	Kind         Kind
	Capabilities []Capability
	// DistrictID is the district the unit belongs to (itself for a district);
	// 0 for units above district level.
	DistrictID int64
	// Path lists the ids from the root down to this unit, as "/1/4/9/", so that
	// "everything under X" is a prefix match on an index.
	Path     string
	Assessed bool // 纳入考核
	Active   bool
}

// Has reports whether u carries capability c.
func (u *Unit) Has(c Capability) bool {
	return slices.Contains(u.Capabilities, c)
}

// Under reports whether u is other or lies below it in the tree.
func (u *Unit) Under(other *Unit) bool { return strings.HasPrefix(u.Path, other.Path) }

// ValidLevel reports whether l is one of the levels.
func ValidLevel(l Level) bool {
	switch l {
	case Province, City, District, Township:
		return true
	}
	return false
}

// ValidKind reports whether k is one of the kinds.
func ValidKind(k Kind) bool {
	switch k {
	case Region, TownshipK, Department, Vertical:
		return true
	}
	return false
}

// ValidCapability reports whether c is one of the capabilities.
func ValidCapability(c Capability) bool {
	switch c {
	case Federation, Office, CityOffice, Hotline, Discipline:
		return true
	}
	return false
}
