package main

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
)

// A server folds the report's deltas into its counters as it runs, and
// the report reads the same before and after.
func TestServeFoldsReportCounters(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "z.db")
	mustRun(t, "migrate", "--db", dsn)
	province := add(t, "unit", "add", "--db", dsn, "--name", "湖南省", "--level", "province", "--kind", "region")
	city := add(t, "unit", "add", "--db", dsn, "--name", "娄底市", "--level", "city", "--kind", "region", "--parent", province)
	district, _ := strconv.ParseInt(add(t, "unit", "add", "--db", dsn, "--name", "娄星区", "--level", "district", "--kind", "region", "--parent", city), 10, 64)

	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, appeal.CST)
	for range 3 {
		a := &appeal.Appeal{Channel: appeal.Hotline12345, Type: appeal.Help, Urgency: appeal.Normal, Title: "用电", Content: "用电",
			EnterpriseName: "企业", DistrictID: district, State: appeal.Registered, CreatedAt: at, UpdatedAt: at, Version: 1}
		if err := db.CreateAppeal(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
	}
	march := report.Query{Districts: []int64{district}, From: time.Date(2026, 3, 1, 0, 0, 0, 0, appeal.CST), To: time.Date(2026, 4, 1, 0, 0, 0, 0, appeal.CST)}
	received := func() int {
		gs, err := db.SummaryGroups(ctx, march)
		if err != nil {
			t.Fatal(err)
		}
		return report.Tally(gs).Total.Received
	}
	// Each appeal counts in the summary and in its type, category and township.
	if n, _ := db.PendingCohortDeltas(ctx); n != 12 || received() != 3 {
		t.Fatalf("before the server: %d deltas, %d received; want 12 and 3", n, received())
	}

	start(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	deadline := time.Now().Add(time.Minute)
	for {
		n, err := db.PendingCohortDeltas(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d deltas still wait a minute after the server started", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if received() != 3 {
		t.Errorf("after folding: %d received; want 3", received())
	}
	parts, err := db.Breakdown(ctx, march)
	if err != nil {
		t.Fatal(err)
	}
	help := 0
	for _, p := range parts {
		if p.Dim == "type" && p.Key == string(appeal.Help) {
			help += p.Received
		}
	}
	if help != 3 {
		t.Errorf("after folding: %d appeals of type help in the breakdown; want 3", help)
	}
}
