// Package registryimport imports a district's enterprise registry (市场主体
// 名录): every market entity, 个体工商户 included, from the file package
// registry reads, which knows no database. This package gives it the
// industries (GB/T 4754-2017) and the district's townships, checks every
// good row as a single registration is checked (package enterprise), and
// writes the whole file in one transaction — entities already registered
// (by credit code) updated, the others added — or, when any row has a
// problem, nothing, reporting every problem at once. A dry run (预检)
// reports the same and writes nothing.
package registryimport

import (
	"context"
	"errors"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/cityimport"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/registry"
	"zhitong/internal/unit"
)

// Store is what an import needs of the database.
type Store interface {
	// EnterpriseIDs returns, of codes, those registered with their ids.
	EnterpriseIDs(ctx context.Context, codes []string) (map[string]int64, error)
	// ImportEnterprises writes es in one transaction, all or none: those
	// registered already updated, the others added.
	ImportEnterprises(ctx context.Context, es []enterprise.Enterprise, at time.Time) (created, updated int, err error)
	// Units returns the unit root and the units under it.
	Units(ctx context.Context, root int64) ([]unit.Unit, error)
}

// Service imports registries.
type Service struct {
	Store Store
	Now   func() time.Time
}

// Result is what an import (or its dry run) found and did.
type Result struct {
	District int64
	DryRun   bool
	Lines    int                // the data rows read, blank rows not counted
	Ready    int                // the rows without a problem
	Created  int                // entities added (in a dry run: that would be)
	Updated  int                // entities registered already, updated (or that would be)
	Problems []registry.Problem // every problem of every row, by line
}

// May reports whether actor keeps the registry: the federation and the
// office of a district, and the system administrator.
func May(actor *account.Actor) error {
	if !actor.WritesAs(account.Federation, account.Office, account.SysAdmin) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}

// sizes are the sizes a file names, in words.
var sizes = map[string]enterprise.Size{registry.SizeLarge: enterprise.Large, registry.SizeMedium: enterprise.Medium,
	registry.SizeSmall: enterprise.Small, registry.SizeMicro: enterprise.Micro, registry.SizeSole: ""}

// Import reads the registry file data (named filename) of district (0:
// actor's only district) and writes its entities on behalf of actor, in
// one transaction, unless dryRun or any row has a problem.
//
// The error is a refusal of the whole file (not a table, a column missing,
// too many rows; actor or district wrong), a failure of the database, or —
// with a Result that lists the problems — the refusal of an import whose
// rows have problems (registry.refused). A dry run returns the problems
// without an error.
func (s *Service) Import(ctx context.Context, actor *account.Actor, district int64, data []byte, filename string, dryRun bool) (*Result, error) {
	if err := May(actor); err != nil {
		return nil, err
	}
	if actor.System || actor.Has(account.SysAdmin) {
		if district <= 0 {
			return nil, fault.Field("district_id", "intake.district")
		}
	} else {
		d, err := cityimport.District(actor, district)
		if err != nil {
			return nil, err
		}
		district = d
	}
	towns, err := s.townships(ctx, district)
	if err != nil {
		return nil, err
	}
	look := registry.LookupFuncs{
		IndustryFunc: func(cell string) (string, bool) {
			d, ok := industry.Find(cell)
			return d.Code, ok
		},
		TownshipFunc: func(name string) (int64, bool) {
			id, ok := towns[name]
			return id, ok
		},
	}
	b, err := registry.Parse(data, filename, look)
	if err != nil {
		return nil, err
	}
	res := &Result{District: district, DryRun: dryRun, Lines: b.Lines, Problems: b.Problems}
	es := make([]enterprise.Enterprise, 0, len(b.Rows))
	for _, r := range b.Rows {
		e := enterprise.Enterprise{CreditCode: r.CreditCode, Name: r.Name, DistrictID: district, TerritoryID: r.TerritoryID,
			IndustryCode: r.Industry, Size: sizes[r.Size], Tags: r.Tags, Address: r.Address, ContactName: r.ContactName,
			ContactPhone: r.ContactPhone}
		if err := e.Validate(); err != nil {
			var fe *fault.Error
			if !errors.As(err, &fe) {
				return nil, err
			}
			res.Problems = append(res.Problems, registry.Problem{Line: r.Line, Key: fe.Key, Args: fe.Args})
			continue
		}
		es = append(es, e)
	}
	res.Ready = len(es)
	if len(res.Problems) > 0 && !dryRun {
		return res, fault.E(fault.Invalid, "registry.refused", len(res.Problems))
	}
	if dryRun {
		codes := make([]string, len(es))
		for i := range es {
			codes[i] = es[i].CreditCode
		}
		ids, err := s.Store.EnterpriseIDs(ctx, codes)
		if err != nil {
			return nil, err
		}
		res.Updated = len(ids)
		res.Created = len(es) - res.Updated
		return res, nil
	}
	if res.Created, res.Updated, err = s.Store.ImportEnterprises(ctx, es, s.Now()); err != nil {
		return nil, err
	}
	return res, nil
}

// townships are the district's townships by name.
func (s *Service) townships(ctx context.Context, district int64) (map[string]int64, error) {
	us, err := s.Store.Units(ctx, district)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, u := range us {
		if u.Kind == unit.TownshipK && u.Active {
			out[u.Name] = u.ID
		}
	}
	return out, nil
}
