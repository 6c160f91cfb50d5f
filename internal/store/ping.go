package store

import "context"

// Ping checks that the database answers, for /healthz.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }
