package web

import (
	"strings"

	"zhitong/internal/account"
)

// menuItem is one entry of the menu on the left.
type menuItem struct {
	Key    string // the text's key
	Href   string
	Group  bool // a heading, not a link
	Active bool
	Hotkey string
}

// menuFor is the menu of actor: what their roles can use. It only spares
// people links that would refuse them; the services decide access.
func menuFor(a *account.Actor, path string) []menuItem {
	var m []menuItem
	add := func(key, href, hotkey string) {
		active := href == path || (href != "/" && strings.HasPrefix(path, href+"/") &&
			!(href == "/appeals" && (path == "/appeals/new" || strings.HasPrefix(path, "/appeals/city-batch"))) &&
			!(href == "/registry" && path == "/registry/import"))
		m = append(m, menuItem{Key: key, Href: href, Active: active, Hotkey: hotkey})
	}
	officer := a.HasAny(account.Intake, account.Federation, account.Office, account.Handler, account.CityOffice,
		account.Cadre, account.Leader, account.Discipline)
	if officer {
		add("menu.workbench", "/", "")
	}
	if a.HasAny(account.Intake, account.Federation, account.Office, account.Cadre, account.CityOffice, account.Leader) {
		add("menu.intake", "/appeals/new", "n")
	}
	if officer {
		add("menu.appeals", "/appeals", "")
	}
	if a.HasAny(account.Handler, account.Office) {
		add("menu.tasks", "/tasks", "")
	}
	if a.HasAny(account.Office, account.CityOffice) {
		add("menu.citybatch", "/appeals/city-batch", "")
	}
	if a.HasAny(account.Intake, account.Federation, account.Office, account.Cadre, account.Leader, account.CityOffice) {
		add("menu.registry_list", "/registry", "")
	}
	if a.Has(account.Cadre) {
		add("rl.mine", "/cadre", "")
	}
	if a.HasAny(account.Federation, account.Office) {
		add("menu.registry", "/registry/import", "")
	}
	if a.HasAny(account.Federation, account.Office, account.Leader, account.CityOffice, account.Discipline) {
		add("menu.dashboard", "/dashboard", "")
		add("menu.monthly", "/reports/monthly", "")
		add("menu.assessment", "/reports/assessment", "")
		add("menu.coverage", "/reports/coverage", "")
		add("menu.events", "/events", "")
		add("menu.policies", "/policies", "")
		add("menu.contests", "/reports/contests", "")
	}
	if a.Has(account.Handler) && !a.HasAny(account.Federation, account.Office, account.Leader, account.CityOffice, account.Discipline) {
		add("menu.contests", "/reports/contests", "")
	}
	if officer {
		add("menu.cases", "/cases", "")
	}
	add("menu.inbox", "/inbox", "")
	if a.HasAny(account.SysAdmin, account.SecAdmin, account.Federation) {
		m = append(m, menuItem{Key: "menu.admin", Group: true})
		if a.HasAny(account.SysAdmin, account.Federation) {
			add("menu.accounts", "/admin/accounts", "")
		}
		if a.Has(account.SysAdmin) {
			add("menu.units", "/admin/units", "")
			add("menu.categories", "/admin/categories", "")
			add("menu.calendar", "/admin/calendar", "")
			add("menu.deliveries", "/admin/deliveries", "")
		}
		if a.HasAny(account.SysAdmin, account.SecAdmin) {
			add("menu.users", "/admin/users", "")
		}
	}
	return m
}
