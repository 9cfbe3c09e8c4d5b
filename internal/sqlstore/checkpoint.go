package sqlstore

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"time"
)

// Checkpoints on SQLite. In WAL mode a commit appends pages to the log, and
// a checkpoint copies them back into the database file. By default the
// connection that commits does it, when the log passes a thousand pages:
// then one request in a few hundred waits for several megabytes to be
// written and synced. The writer's own checkpoints are therefore put off
// (to writerCheckpointPages, a safety net when nothing else runs them), and
// a connection of its own checkpoints every checkpointEvery, which SQLite
// lets run while the writer commits. A PASSIVE checkpoint waits for no
// one; the log is started over when a checkpoint has copied it whole.

const (
	checkpointEvery       = 250 * time.Millisecond
	writerCheckpointPages = 20000 // about 80 MB of log
)

// checkpointer checkpoints a SQLite database from a connection of its own.
type checkpointer struct {
	db   *sql.DB
	stop chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

func newCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, stop: make(chan struct{})}
	c.wg.Go(c.loop)
	return c
}

func (c *checkpointer) loop() {
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		if err := c.checkpoint(context.Background()); err != nil {
			slog.Warn("sqlstore: checkpoint", "err", err)
		}
	}
}

// checkpoint copies what it can of the log into the database.
func (c *checkpointer) checkpoint(ctx context.Context) error {
	_, err := c.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
	return err
}

// shutdown stops the checkpoints and closes the connection.
func (c *checkpointer) shutdown() error {
	c.once.Do(func() { close(c.stop) })
	c.wg.Wait()
	return c.db.Close()
}
