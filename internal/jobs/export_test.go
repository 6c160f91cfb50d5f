package jobs

import (
	"context"
	"time"

	"github.com/consulta/consulta/internal/messages"
)

// LookupLoaders is lookupLoaders, for the coalescer's tests.
const LookupLoaders = lookupLoaders

// SendConfirmations is sendConfirmations, for the batch's tests.
func (m *Mailer) SendConfirmations(ctx context.Context, ids []string, enqueued time.Time) []messages.Confirmation {
	return m.sendConfirmations(ctx, ids, enqueued)
}
