package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"time"

	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/schedule"
)

// jobs are the periodic work of every serving instance.
func (a *app) jobs() []schedule.Job {
	return []schedule.Job{
		// Every instance reads a calendar or policy another one changed,
		// and counts the open deadlines again after it.
		{Name: "deadline.refresh", Every: time.Minute, Run: a.deadlines.Refresh},
		// Every instance delivers: each claims its own messages under a lease.
		{Name: "outbox.deliver", Every: 5 * time.Second, Run: a.deliver},
	}
}

// deliver delivers the outbox's due messages. Only in-app messages have a
// sender yet: email and SMS are configured with the notifications that
// send them.
func (a *app) deliver(ctx context.Context) error {
	d := &outbox.Dispatcher{Store: a.db, Senders: map[notify.Channel]notify.Sender{}, Holder: a.holder, Now: time.Now, Log: a.log}
	_, err := d.Deliver(ctx)
	return err
}

// startScheduler runs the jobs until the returned stop is called.
func (a *app) startScheduler(ctx context.Context) (stop func()) {
	a.holder = instanceName()
	s := &schedule.Scheduler{Leases: a.db, Holder: a.holder, Now: time.Now, Log: a.log, Jobs: a.jobs()}
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
