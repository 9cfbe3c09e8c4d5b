package sqlstore_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/matching"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// The suggestions' look-ups over a district of 50,000 entities (the size
// docs/performance measures the registry at), with a few hundred in the
// district next door. Run the benchmark with
//
//	go test ./internal/sqlstore -run '^$' -bench Suggest -benchtime 2s

const registrySize = 50000

// Names are made as registries hold them: a place, a brand of two or three
// characters, a line of business and a legal form.
var (
	namePlaces = []string{"湖南", "湖南省", "娄底", "娄底市", "娄星区", ""}
	nameChars  = []rune("利钢海特永安朝阳新创宏达鑫源金鼎华美恒通盛世天诚嘉和瑞丰博远凯旋中正广发荣昌宝隆兴旺德福顺泰康宁锦程浩然星辰")
	nameTrades = []string{"金属制品", "科技发展", "机械制造", "商贸", "建筑工程", "农业开发", "食品", "物流", "餐饮服务", "电子科技", "装饰材料", "五金店"}
	nameForms  = []string{"有限公司", "有限责任公司", "股份有限公司", "（个体工商户）", "厂", "店"}
)

func registryName(r *rand.Rand) string {
	brand := make([]rune, 2+r.IntN(2))
	for i := range brand {
		brand[i] = nameChars[r.IntN(len(nameChars))]
	}
	return namePlaces[r.IntN(len(namePlaces))] + string(brand) + nameTrades[r.IntN(len(nameTrades))] + nameForms[r.IntN(len(nameForms))]
}

// bigRegistry imports n entities of the tree's district and a few of the
// district next door, and returns the district's names by id.
func bigRegistry(tb testing.TB, db *sqlstore.DB, tr *tree, n int) map[int64]string {
	tb.Helper()
	r := rand.New(rand.NewPCG(8, 2026))
	es := make([]enterprise.Enterprise, 0, n+500)
	for i := range n + 500 {
		base := fmt.Sprintf("91431302%09d", i)
		e := enterprise.Enterprise{CreditCode: base + string(enterprise.CreditCheckChar(base)), Name: registryName(r), DistrictID: tr.district.ID}
		if i >= n {
			e.DistrictID = tr.district2.ID
		}
		es = append(es, e)
	}
	if _, _, err := db.ImportEnterprises(ctx, es, time.Now()); err != nil {
		tb.Fatal(err)
	}
	names := map[int64]string{}
	for _, e := range es[:n] {
		names[e.ID] = e.Name
	}
	return names
}

// suggest runs the look-ups of matching.Service.Suggest for a name.
func suggest(tb testing.TB, db *sqlstore.DB, district int64, q *matching.Query) []matching.Candidate {
	found, err := db.MatchCandidates(ctx, district, q.Code, append([]string{q.Name}, q.Heads()...), q.Prefixes(), 20)
	if err != nil {
		tb.Fatal(err)
	}
	similar, err := db.SimilarCandidates(ctx, district, q.Pairs(), 200)
	if err != nil {
		tb.Fatal(err)
	}
	return matching.Rank(q, append(found, similar...), matching.MaxSuggestions)
}

// Among 50,000 entities, a name typed without its legal form, or with a
// character wrong, finds its entity first, and only the district's; the
// time of each look-up is logged (the benchmark below measures it).
func TestSuggestionsAt50k(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 50,000 entities")
	}
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		names := bigRegistry(t, db, tr, registrySize)
		regions := matching.RegionWords("湖南省", "娄底市", "娄星区")
		var id int64
		var name string
		for k, v := range names {
			if len([]rune(v)) > 10 && (id == 0 || k < id) {
				id, name = k, v
			}
		}
		q := matching.NewQuery(name, "", regions)
		for range 3 {
			start := time.Now()
			similar, err := db.SimilarCandidates(ctx, tr.district.ID, q.Pairs(), 200)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("similar names to %s by %v: %d rows in %v", name, q.Pairs(), len(similar), time.Since(start))
		}
		core := matching.Core(name)
		typo := []rune(core)
		typo[len(typo)-2] = '某'
		for _, c := range []struct {
			typed string
			why   matching.Reason
		}{{name, matching.ByName}, {core, matching.BySameCore}, {string(typo), matching.BySimilar}} {
			var got []matching.Candidate
			for range 3 { // the last, warm
				start := time.Now()
				got = suggest(t, db, tr.district.ID, matching.NewQuery(c.typed, "", regions))
				t.Logf("%s: %d candidates in %v", c.typed, len(got), time.Since(start))
			}
			found := false
			for _, g := range got {
				found = found || g.ID == id
				if _, ok := names[g.ID]; !ok {
					t.Errorf("%s: a candidate of another district: %+v", c.typed, g)
				}
			}
			if !found || c.why != matching.BySimilar && (got[0].ID != id || got[0].Reason != c.why) {
				t.Errorf("%s: %d (%s) not found first as %s: %+v", c.typed, id, name, c.why, got)
			}
		}
	})
}

func BenchmarkStoreSuggest(b *testing.B) {
	for _, engine := range sqltest.Engines() {
		b.Run(engine, func(b *testing.B) { benchSuggest(b, sqltest.Open(b, engine)) })
	}
}

func benchSuggest(b *testing.B, db *sqlstore.DB) {
	{
		tr := newTree(b, db)
		names := bigRegistry(b, db, tr, registrySize)
		regions := matching.RegionWords("湖南省", "娄底市", "娄星区")
		var typed []string
		for _, n := range names {
			typed = append(typed, matching.Core(n), n)
			if len(typed) >= 200 {
				break
			}
		}
		typed = append(typed, "娄底某某不存在的公司", "张三五金店")
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			suggest(b, db, tr.district.ID, matching.NewQuery(typed[i%len(typed)], "", regions))
		}
	}
}

// The index of similar names follows the registry: an entity is found by a
// name with a character wrong once created, under its new name once the
// import renames it (and no longer under the old), and again after the
// index is filled anew as migration 0027 fills it.
func TestNamePairsFollowTheRegistry(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		regions := matching.RegionWords("湖南省", "娄底市", "娄星区")
		similar := func(typed string) []int64 {
			t.Helper()
			cs, err := db.SimilarCandidates(ctx, tr.district.ID, matching.NewQuery(typed, "", regions).Pairs(), 200)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			return ids
		}
		base := "91431302MA4L0000"
		code := base + "1" + string(enterprise.CreditCheckChar(base+"1"))
		e := &enterprise.Enterprise{Name: "娄底鑫源宏达机械制造有限公司", CreditCode: code, DistrictID: tr.district.ID, CreatedAt: time.Now()}
		if err := db.CreateEnterprise(ctx, e); err != nil {
			t.Fatal(err)
		}
		if ids := similar("鑫源宏远机械"); len(ids) != 1 || ids[0] != e.ID {
			t.Fatalf("created: %v", ids)
		}
		renamed := []enterprise.Enterprise{{Name: "娄底金鼎凯旋物流有限公司", CreditCode: code, DistrictID: tr.district.ID}}
		if _, _, err := db.ImportEnterprises(ctx, renamed, time.Now()); err != nil {
			t.Fatal(err)
		}
		if ids := similar("金鼎凯远"); len(ids) != 1 || ids[0] != e.ID {
			t.Errorf("renamed: %v", ids)
		}
		if ids := similar("鑫源宏远机械"); len(ids) != 0 {
			t.Errorf("found under its old name: %v", ids)
		}
		if err := sqlstore.IndexNamesAnew(db, ctx); err != nil {
			t.Fatal(err)
		}
		if ids := similar("金鼎凯远"); len(ids) != 1 || ids[0] != e.ID {
			t.Errorf("indexed anew: %v", ids)
		}
	})
}

// A table that references entities under a unique key (a policy's targets,
// say) moves in a merge without breaking its key: the duplicate's row the
// survivor has already is dropped, the others move.
func TestMergeMovesUniqueReferences(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		var ids []int64
		for _, name := range []string{"娄底鑫源机械有限公司", "娄底鑫源机械厂"} {
			e := &enterprise.Enterprise{Name: name, DistrictID: tr.district.ID, CreatedAt: time.Now()}
			if err := db.CreateEnterprise(ctx, e); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		survivor, dup := ids[0], ids[1]
		if err := sqlstore.Exec(db, ctx, `CREATE TABLE merge_probe (k BIGINT NOT NULL, enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
			UNIQUE (k, enterprise_id))`); err != nil {
			t.Fatal(err)
		}
		if err := sqlstore.Exec(db, ctx, fmt.Sprintf(`INSERT INTO merge_probe (k, enterprise_id) VALUES (1, %d), (1, %d), (2, %d)`,
			survivor, dup, dup)); err != nil {
			t.Fatal(err)
		}
		n, err := sqlstore.MoveReference(db, ctx, "merge_probe", "enterprise_id", []string{"k"}, dup, survivor)
		if err != nil || n != 1 {
			t.Fatalf("moved %d, %v", n, err)
		}
		rows, err := db.Counts(ctx, "merge_probe")
		if err != nil || rows["merge_probe"] != 2 {
			t.Errorf("rows left: %v, %v", rows, err)
		}
	})
}
