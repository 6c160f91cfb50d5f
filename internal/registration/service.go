package registration

import (
	"context"
	"database/sql"
	"time"

	"github.com/consulta/consulta/internal/consultation"
)

// Outcome says what storing a registration did, so the right email is
// enqueued in the same transaction.
type Outcome struct {
	Created  bool          // a new (or re-activated) registration was stored
	Existing *Registration // set when the address was already registered
}

// Store is the storage the service needs.
type Store interface {
	Register(ctx context.Context, c *consultation.Consultation, r *Registration, now time.Time,
		after func(tx *sql.Tx, out Outcome) error) (Outcome, error)
}

// Jobs enqueues the emails a registration causes, inside its transaction.
type Jobs interface {
	EnqueueConfirmationTx(ctx context.Context, tx *sql.Tx, registrationID string) error
	EnqueueAlreadyRegisteredTx(ctx context.Context, tx *sql.Tx, registrationID string) error
}

// Service registers participants.
type Service struct {
	Store Store
	Jobs  Jobs
	Rules Rules
	Now   func() time.Time
	NewID func() string
}

// Register validates in and stores a pending registration for c, with its
// confirmation email enqueued durably. An address already registered gets
// a notice by email instead, and the caller sees the same result either
// way, so the response never reveals who is registered.
func (s *Service) Register(ctx context.Context, c *consultation.Consultation, in Input) (*Registration, error) {
	in.Normalize()
	if err := in.Validate(s.Rules); err != nil {
		return nil, err
	}
	now := s.Now()
	r := New(s.NewID(), c.ID, in, now)
	_, err := s.Store.Register(ctx, c, r, now, func(tx *sql.Tx, out Outcome) error {
		if out.Created {
			return s.Jobs.EnqueueConfirmationTx(ctx, tx, r.ID)
		}
		return s.Jobs.EnqueueAlreadyRegisteredTx(ctx, tx, out.Existing.ID)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}
