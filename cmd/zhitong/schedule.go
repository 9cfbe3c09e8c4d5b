package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"time"

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
		// One instance a minute tells units of tasks due soon or overdue.
		{Name: "tasks.warn", Every: time.Minute, Once: true, Run: a.warnTasks},
	}
}

// useNotify sends notifications by the channels f configures.
func (a *app) useNotify(f *notifyFlags) {
	a.senders = f.senders
	a.db.SetNotices(f.notices)
	a.accounts.SMSCodes = f.notices.SMS
}

// deliver delivers the outbox's due messages: in-app ones into the inbox,
// the others by the senders configured.
func (a *app) deliver(ctx context.Context) error {
	d := &outbox.Dispatcher{Store: a.db, Senders: a.senders, Holder: a.holder, Now: time.Now, Log: a.log}
	// A burst (a warning pass, a city batch) is worked off batch after
	// batch, within bounds so that the pass ends.
	for range 20 {
		n, err := d.Deliver(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
	return nil
}

// warnTasks warns of the tasks that became due soon or overdue, a batch
// at a time until none is left.
func (a *app) warnTasks(ctx context.Context) error {
	const batch = 200
	for {
		w, err := a.db.WarnTasks(ctx, time.Now(), batch)
		if err != nil {
			return err
		}
		if w.DueSoon > 0 || w.Overdue > 0 {
			a.log.Info("tasks warned", "due_soon", w.DueSoon, "overdue", w.Overdue)
		}
		if w.DueSoon < batch && w.Overdue < batch {
			return nil
		}
	}
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
