package store

import (
	"context"
	"database/sql"
	"time"
)

// SQLite in WAL mode appends each commit to the write-ahead log and copies
// the log back into the database file in a checkpoint, with two fsyncs.
// By default the connection that commits runs that checkpoint once the log
// holds 1,000 pages — here the one writer, so every few hundred
// registrations one of them waited for the copy and the disk while every
// other write queued behind it (turning checkpoints off took 17 % off a
// registration's time; docs/BENCHMARKS.md). So the writer never
// checkpoints (wal_autocheckpoint(0)) and a connection of its own does, in
// PASSIVE mode, which waits for no reader or writer: the writer keeps
// appending meanwhile. Durability is unchanged — a commit is in the log
// before it is acknowledged, checkpointed or not.

// checkpointEvery is how often the log is copied back. It bounds the log
// to what the writer adds in that time (at its peak here, ~20,000 pages/s,
// about as much as SQLite's own 1,000-page threshold lets through at
// 10,000 pages/s), and a checkpoint with nothing new to copy is a few reads
// of shared memory, so an idle database costs nothing.
const checkpointEvery = 50 * time.Millisecond

// checkpointer copies the log back on its own connection until stopped.
type checkpointer struct {
	conn *sql.DB
	stop context.CancelFunc
	done chan struct{}
}

func startCheckpointer(conn *sql.DB) *checkpointer {
	conn.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{conn: conn, stop: stop, done: make(chan struct{})}
	go c.run(ctx)
	return c
}

func (c *checkpointer) run(ctx context.Context) {
	defer close(c.done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			// An error (the database closing, a busy lock) only means this
			// round copied less; the next one tries again.
			var busy, logPages, copied int
			_ = c.conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logPages, &copied)
		}
	}
}

// close stops the checkpoints and closes their connection; the last
// connection to close checkpoints what is left.
func (c *checkpointer) close() error {
	c.stop()
	<-c.done
	return c.conn.Close()
}
