package main

import (
	"context"
	"sync"
	"time"
)

// foldEvery is how often a server folds the summary report's deltas into
// its counters (sqlstore, cohort.go); foldChunk how many it folds in one
// transaction.
const (
	foldEvery = time.Second
	foldChunk = 5000
)

// startFolding folds the report's deltas every foldEvery until the returned
// stop is called. Reports are right without it (they add the deltas not
// yet folded); it keeps them fast. Several servers on one PostgreSQL may
// fold at once: each delta is folded by one of them.
func (a *app) startFolding(ctx context.Context) (stop func()) {
	fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(foldEvery)
		defer t.Stop()
		for {
			select {
			case <-fctx.Done():
				return
			case <-t.C:
			}
			for {
				n, err := a.db.FoldCohort(fctx, foldChunk)
				if err != nil {
					if fctx.Err() == nil {
						a.log.Error("folding the report's counters", "err", err)
					}
					break
				}
				if n < foldChunk {
					break
				}
			}
		}
	})
	return func() {
		cancel()
		wg.Wait()
	}
}
