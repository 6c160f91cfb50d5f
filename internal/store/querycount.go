package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// queryCounterKey is the context key of CountQueries's counter.
type queryCounterKey struct{}

// CountQueries returns a context under which every SQL statement the store
// runs adds one to n. Tests wrap a request's context with it to show that
// the number of queries a page costs does not grow with the data (no N+1).
// The counter travels in the context, not in the store, so that the job
// queue's polling on the same connections is not counted.
func CountQueries(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, queryCounterKey{}, n)
}

// countQuery adds one to ctx's counter, if it has one.
func countQuery(ctx context.Context) {
	if n, ok := ctx.Value(queryCounterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// queryCountingTracer is pgx's hook for CountQueries on PostgreSQL; on
// SQLite the statement cache (stmtcache.go) calls countQuery.
type queryCountingTracer struct{}

func (queryCountingTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	countQuery(ctx)
	return ctx
}

func (queryCountingTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
