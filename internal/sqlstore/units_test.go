package sqlstore_test

import (
	"fmt"
	"slices"
	"testing"

	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

func TestUnits(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		path := func(us ...*unit.Unit) string {
			s := "/"
			for _, u := range us {
				s += fmt.Sprint(u.ID) + "/"
			}
			return s
		}
		for _, c := range []struct {
			u        *unit.Unit
			path     string
			district int64
		}{
			{tr.province, path(tr.province), 0},
			{tr.city, path(tr.province, tr.city), 0},
			{tr.cityOffice, path(tr.province, tr.city, tr.cityOffice), 0},
			{tr.district, path(tr.province, tr.city, tr.district), tr.district.ID},
			{tr.dept, path(tr.province, tr.city, tr.district, tr.dept), tr.district.ID},
			{tr.township, path(tr.province, tr.city, tr.district, tr.township), tr.district.ID},
			{tr.dept2, path(tr.province, tr.city, tr.district2, tr.dept2), tr.district2.ID},
		} {
			if c.u.Path != c.path || c.u.DistrictID != c.district {
				t.Errorf("%s: path %q, district %d; want %q, %d", c.u.Name, c.u.Path, c.u.DistrictID, c.path, c.district)
			}
			got, err := db.Unit(ctx, c.u.ID)
			if err != nil {
				t.Fatal(err)
			}
			same(t, "unit read back", *got, *c.u)
		}
		if got, _ := db.Unit(ctx, tr.federation.ID); !slices.Equal(got.Capabilities, []unit.Capability{unit.Federation, unit.Hotline}) {
			t.Errorf("capabilities read back as %q", got.Capabilities)
		}

		// Not assessed, inactive, no capabilities, no code.
		plain := &unit.Unit{ParentID: tr.district.ID, Name: "供电公司", Level: unit.District, Kind: unit.Vertical}
		if err := db.CreateUnit(ctx, plain); err != nil {
			t.Fatal(err)
		}
		got, err := db.Unit(ctx, plain.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "plain unit", *got, *plain)
		if got.Capabilities != nil || got.Assessed || got.Active {
			t.Errorf("plain unit read back as %+v", got)
		}

		_, err = db.Unit(ctx, 404)
		wantKind(t, err, fault.NotFound, "Unit(404)")
		err = db.CreateUnit(ctx, &unit.Unit{ParentID: 404, Name: "x", Level: unit.Township, Kind: unit.TownshipK})
		wantKind(t, err, fault.Invalid, "CreateUnit under no parent")

		all, err := db.Units(ctx, 0)
		if err != nil || len(all) != 16 {
			t.Fatalf("Units(0) = %d units, %v; want 16", len(all), err)
		}
		sub, err := db.Units(ctx, tr.district.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{tr.district.ID, tr.office.ID, tr.federation.ID, tr.dept.ID, tr.tax.ID, tr.township.ID, tr.township2.ID, plain.ID}
		if g := ids(sub, func(u unit.Unit) int64 { return u.ID }); !sameSet(g, want) {
			t.Errorf("Units(district) = %v, want %v", g, want)
		}
		for i := 1; i < len(sub); i++ {
			if sub[i-1].Path >= sub[i].Path {
				t.Errorf("Units not by path: %q before %q", sub[i-1].Path, sub[i].Path)
			}
		}
		if sub[0].ID != tr.district.ID {
			t.Errorf("Units(district) begins with %d, want the district itself", sub[0].ID)
		}
		_, err = db.Units(ctx, 404)
		wantKind(t, err, fault.NotFound, "Units(404)")
	})
}

func TestDistricts(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		city1 := []int64{tr.district.ID, tr.district2.ID}
		for _, c := range []struct {
			name string
			u    *unit.Unit
			want []int64
		}{
			{"province", tr.province, []int64{tr.district.ID, tr.district2.ID, tr.district3.ID}},
			{"city", tr.city, city1},
			{"other city", tr.city2, []int64{tr.district3.ID}},
			{"city office", tr.cityOffice, city1},
			{"city department", tr.cityDept, city1},
			{"district", tr.district, []int64{tr.district.ID}},
			{"district office", tr.office, []int64{tr.district.ID}},
			{"district department", tr.dept, []int64{tr.district.ID}},
			{"vertical unit", tr.tax, []int64{tr.district.ID}},
			{"township", tr.township, []int64{tr.district.ID}},
			{"other district's department", tr.dept2, []int64{tr.district2.ID}},
		} {
			got, err := db.Districts(ctx, c.u.ID)
			if err != nil || !sameSet(got, c.want) {
				t.Errorf("Districts(%s) = %v, %v; want %v", c.name, got, err, c.want)
			}
		}
		_, err := db.Districts(ctx, 404)
		wantKind(t, err, fault.NotFound, "Districts(404)")
	})
}

func sameSet(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
