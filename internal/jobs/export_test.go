package jobs

import (
	"context"
	"time"
)

// LookupLoaders is lookupLoaders, for the coalescer's tests.
const LookupLoaders = lookupLoaders

// SendConfirmations is sendConfirmations, for the batch's tests.
func (m *Mailer) SendConfirmations(ctx context.Context, ids []string, enqueued time.Time) []string {
	return m.sendConfirmations(ctx, ids, enqueued)
}
