package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"time"

	"zhitong/internal/schedule"
)

// jobs are the periodic work of every serving instance.
func (a *app) jobs() []schedule.Job {
	return []schedule.Job{
		// Every instance reads a calendar or policy another one changed,
		// and counts the open deadlines again after it.
		{Name: "deadline.refresh", Every: time.Minute, Run: a.deadlines.Refresh},
	}
}

// startScheduler runs the jobs until the returned stop is called.
func (a *app) startScheduler(ctx context.Context) (stop func()) {
	s := &schedule.Scheduler{Leases: a.db, Holder: instanceName(), Now: time.Now, Log: a.log, Jobs: a.jobs()}
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() { s.Run(sctx) })
	return func() {
		cancel()
		wg.Wait()
	}
}

// instanceName names this process in the scheduler's leases: the host and
// a random part, so that two instances on one host differ.
func instanceName() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return host + "-" + hex.EncodeToString(b[:])
}
