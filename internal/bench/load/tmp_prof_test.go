package load

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestTmpProf(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TMPN"))
	if n == 0 {
		t.Skip()
	}
	eng := sqlstore.SQLite
	if os.Getenv("TMPPG") != "" {
		eng = sqlstore.Postgres
	}
	db := sqltest.Open(t, eng)
	key := make(audit.Key, audit.KeySize)
	start := time.Now()
	res, err := Load(context.Background(), db, Options{Appeals: n, Seed: 1, Years: 3, End: time.Now(), Key: key,
		Progress: func(p Progress) { t.Logf("%d %.0f/s", p.Appeals, p.Rate()) }, Every: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v load %v finish %v analyze %v", time.Since(start), res.Load, res.Finish, res.Analyze)
}
