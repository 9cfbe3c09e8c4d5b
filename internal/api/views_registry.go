package api

import (
	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/unit"
)

// The JSON views of the registries: enterprises, units, officers,
// categories, and the caller itself.

// Enterprise is a market entity of the registry.
type Enterprise struct {
	ID           int64    `json:"id"`
	CreditCode   string   `json:"credit_code,omitempty" doc:"unified social credit code (GB 32100-2015); absent while unknown"`
	Name         string   `json:"name"`
	DistrictID   int64    `json:"district_id,omitempty"`
	TerritoryID  int64    `json:"territory_id,omitempty"`
	Industry     string   `json:"industry,omitempty"`
	IndustryCode string   `json:"industry_code,omitempty" doc:"the division of GB/T 4754-2017 (国民经济行业分类大类), such as 13"`
	Size         string   `json:"size,omitempty" doc:"large, medium, small or micro (企业规模); absent while unknown"`
	Tags         []string `json:"tags,omitempty"`
	SoleTrader   bool     `json:"sole_trader" doc:"a 个体工商户 (its credit code begins 92)"`
	CadreID      int64    `json:"cadre_id,omitempty" doc:"the liaison cadre (联企干部) linked to it"`
	Address      string   `json:"address,omitempty"`
	ContactName  string   `json:"contact_name,omitempty"`
	ContactPhone string   `json:"contact_phone,omitempty"`
	CreatedAt    Time     `json:"created_at"`
	UpdatedAt    Time     `json:"updated_at,omitzero" doc:"when the registry's import last changed it"`
	MergedInto   int64    `json:"merged_into,omitempty" doc:"registered twice: the entity this one was merged into, which stands for it"`
}

// EnterprisePage is one page of the registry.
type EnterprisePage struct {
	Items      []Enterprise `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

// Unit is one node of the unit tree.
type Unit struct {
	ID           int64             `json:"id"`
	ParentID     int64             `json:"parent_id,omitempty"`
	Code         string            `json:"code,omitempty"`
	Name         string            `json:"name"`
	Level        unit.Level        `json:"level"`
	Kind         unit.Kind         `json:"kind"`
	Capabilities []unit.Capability `json:"capabilities"`
	DistrictID   int64             `json:"district_id,omitempty" doc:"the district it belongs to; absent above district level"`
	Path         string            `json:"path" doc:"the ids from the root down, as /1/4/9/"`
	Assessed     bool              `json:"assessed" doc:"纳入考核"`
	Active       bool              `json:"active"`
}

// Units is a list of units, by path.
type Units struct {
	Items []Unit `json:"items"`
}

// User is an officer's account.
type User struct {
	ID        int64          `json:"id"`
	Username  string         `json:"username"`
	Name      string         `json:"name"`
	Phone     string         `json:"phone,omitempty" doc:"masked for all but system administrators"`
	Email     string         `json:"email,omitempty" doc:"masked for all but system administrators"`
	UnitID    int64          `json:"unit_id"`
	Roles     []account.Role `json:"roles"`
	Active    bool           `json:"active"`
	CreatedAt Time           `json:"created_at"`
}

// Users is a list of officers, by id.
type Users struct {
	Items []User `json:"items"`
}

// Category is a subject of appeals.
type Category struct {
	ID     int64  `json:"id"`
	Code   string `json:"code,omitempty"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// Categories is the list of categories.
type Categories struct {
	Items []Category `json:"items"`
}

// Me is who the caller is, as the server resolved their token.
type Me struct {
	UserID    int64          `json:"user_id"`
	Username  string         `json:"username"`
	Name      string         `json:"name"`
	UnitID    int64          `json:"unit_id"`
	Roles     []account.Role `json:"roles"`
	ReadOnly  bool           `json:"read_only" doc:"a read or display token: no writes"`
	Districts []int64        `json:"districts" doc:"the districts whose appeals the caller sees as an office, leader, ..."`
}

func enterpriseView(e *enterprise.Enterprise) Enterprise {
	return Enterprise{ID: e.ID, CreditCode: e.CreditCode, Name: e.Name, DistrictID: e.DistrictID,
		TerritoryID: e.TerritoryID, Industry: e.Industry, IndustryCode: e.IndustryCode, Size: string(e.Size), Tags: e.Tags,
		SoleTrader: e.SoleProprietor(), CadreID: e.CadreID, Address: e.Address, ContactName: e.ContactName,
		ContactPhone: e.ContactPhone, CreatedAt: at(e.CreatedAt), UpdatedAt: at(e.UpdatedAt), MergedInto: e.MergedInto}
}

func unitView(u *unit.Unit) Unit {
	caps := u.Capabilities
	if caps == nil {
		caps = []unit.Capability{}
	}
	return Unit{ID: u.ID, ParentID: u.ParentID, Code: u.Code, Name: u.Name, Level: u.Level, Kind: u.Kind,
		Capabilities: caps, DistrictID: u.DistrictID, Path: u.Path, Assessed: u.Assessed, Active: u.Active}
}

func userView(u *account.User) User {
	roles := u.Roles
	if roles == nil {
		roles = []account.Role{}
	}
	return User{ID: u.ID, Username: u.Username, Name: u.Name, Phone: u.Phone, Email: u.Email, UnitID: u.UnitID, Roles: roles,
		Active: u.Active, CreatedAt: at(u.CreatedAt)}
}

func categoryView(c *appeal.Category) Category {
	return Category{ID: c.ID, Code: c.Code, Name: c.Name, Active: c.Active}
}

func meView(a *account.Actor) Me {
	m := Me{UserID: a.UserID, Username: a.Username, Name: a.Name, UnitID: a.UnitID, Roles: a.Roles,
		ReadOnly: a.ReadOnly, Districts: a.Districts}
	if m.Roles == nil {
		m.Roles = []account.Role{}
	}
	if m.Districts == nil {
		m.Districts = []int64{}
	}
	return m
}
