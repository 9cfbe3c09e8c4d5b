package appeal

import (
	"context"
	"fmt"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
)

// Linking an appeal registered against a name alone to its entity of the
// registry (package matching suggests the entities; an officer confirms).
// It is not an action of the loop: it changes no state and is taken in any
// state, but it is on the appeal's timeline like one.

// The timeline's entries of the registry's matching.
const (
	ActLinkEnterprise   Action = "link_enterprise"   // an officer linked the appeal to an entity of the registry
	ActEnterpriseMerged Action = "enterprise_merged" // the appeal's entity, registered twice, was merged into the other entry
)

// RegistryActions are the entries the registry's matching writes on
// timelines, beside the actions of the loop.
var RegistryActions = []Action{ActLinkEnterprise, ActEnterpriseMerged}

func init() {
	actionNames[ActLinkEnterprise] = "关联企业"
	actionNames[ActEnterpriseMerged] = "企业合并"
}

// MayLink reports whether actor links appeals to the registry and merges
// the registry's duplicates: the federation and the office of a district,
// who keep its registry; not the units, not the leaders who read, not the
// enterprises.
func MayLink(actor *account.Actor) bool {
	return actor.WritesAs(account.Federation, account.Office)
}

// LinkEnterprise links appeal id to the entity e of its district, which
// the caller has read from the registry: the appeal's enterprise is e (its
// credit code too, if it had none) and its timeline says so, in one
// transaction. An appeal linked already is linked anew only if relink;
// previousCode is the code of the entity it was linked to, as the caller
// read it: a code the appeal took from that entity is replaced by e's, one
// the caller gave is kept.
func (s *Service) LinkEnterprise(ctx context.Context, actor *account.Actor, id int64, e *enterprise.Enterprise, relink bool, previousCode string) (*Aggregate, error) {
	var out *Aggregate
	err := s.Store.Mutate(ctx, id, func(g *Aggregate) (*Change, error) {
		switch rel := RelationOf(actor, g); {
		case rel == NoRelation:
			return nil, fault.NotFoundOf("noun.appeal")
		case !MayLink(actor):
			return nil, fault.E(fault.Forbidden, "role.action", actionLabel(ActLinkEnterprise))
		case rel != AsDistrict:
			return nil, fault.E(fault.Forbidden, "scope.district")
		}
		a := &g.Appeal
		switch {
		case e.DistrictID != a.DistrictID:
			return nil, fault.Field("enterprise_id", "match.district")
		case a.EnterpriseID == e.ID:
			return nil, fault.E(fault.Conflict, "match.same")
		case a.EnterpriseID != 0 && !relink:
			return nil, fault.E(fault.Conflict, "match.linked")
		}
		note := fmt.Sprintf("%s（%s）", e.Name, codeOrNone(e.CreditCode))
		if a.EnterpriseID != 0 {
			note = fmt.Sprintf("%s；原关联企业编号 %d", note, a.EnterpriseID)
		}
		ch := &Change{PrevVersion: a.Version}
		if a.CreditCode == "" || a.EnterpriseID != 0 && a.CreditCode == previousCode {
			a.CreditCode = e.CreditCode
		}
		a.EnterpriseID = e.ID
		now := s.Now()
		a.Version++
		a.UpdatedAt = now
		ch.Appeal = *a
		ch.Events = []Event{{AppealID: a.ID, At: now, ActorID: actor.UserID, ActorName: actor.Name, UnitID: actor.UnitID,
			Action: ActLinkEnterprise, FromState: a.State, ToState: a.State, Note: note}}
		out = g
		return ch, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// codeOrNone is a credit code as the timeline shows it.
func codeOrNone(code string) string {
	if code == "" {
		return "无信用代码"
	}
	return code
}
