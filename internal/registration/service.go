package registration

import (
	"context"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/messages"
)

// Outcome says what storing a registration did, so the right email is
// enqueued in the same transaction.
type Outcome struct {
	Created  bool          // a new registration was stored (also after a cancelled one, under a new id)
	Existing *Registration // set when the address was already registered
}

// Store is the storage the service needs. Its writes join the transaction
// that WithTx puts in the context.
type Store interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	Register(ctx context.Context, c *consultation.Consultation, r *Registration, now time.Time) (Outcome, error)
	ConfirmRegistration(ctx context.Context, id string, now time.Time) (*Registration, error)
	CancelRegistration(ctx context.Context, id string, now time.Time) (*Registration, error)
	ApproveRegistration(ctx context.Context, consultationID int64, id string, now time.Time) (*Registration, bool, error)
}

// Mail enqueues an email in the transaction of ctx (jobs.Queue).
type Mail interface {
	Enqueue(ctx context.Context, m messages.Message) error
}

// Service is what participants and the secretariat do with registrations.
type Service struct {
	Store Store
	Mail  Mail
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
	err := s.Store.WithTx(ctx, func(ctx context.Context) error {
		out, err := s.Store.Register(ctx, c, r, now)
		switch {
		case err != nil:
			return err
		case out.Created:
			return s.Mail.Enqueue(ctx, messages.Confirmation{RegistrationID: r.ID})
		}
		return s.Mail.Enqueue(ctx, messages.AlreadyRegistered{RegistrationID: out.Existing.ID})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Confirm is the registrant's double opt-in, and what takes a place: a
// pending registration holds none. When every place is held by then, the
// confirmation is refused (Closed, "registration.full_at_confirm") and the
// registration stays pending, so its link confirms it if a place is freed
// before it expires. Confirming twice is not an error; confirming a
// cancelled registration is.
func (s *Service) Confirm(ctx context.Context, id string) (*Registration, error) {
	return s.Store.ConfirmRegistration(ctx, id, s.Now())
}

// Cancel withdraws registration r and frees its place if it held one
// (was confirmed); cancelling twice
// changes nothing.
func (s *Service) Cancel(ctx context.Context, r *Registration) (*Registration, error) {
	if r.Status == Cancelled {
		return r, nil
	}
	return s.Store.CancelRegistration(ctx, r.ID, s.Now())
}

// Approve records the secretariat's approval of registration id of c
// and, in the same transaction, the email that tells the registrant (once:
// approving again sends nothing).
func (s *Service) Approve(ctx context.Context, c *consultation.Consultation, id string) (r *Registration, err error) {
	if !c.ApprovalRequired {
		return nil, errs.E(errs.Conflict, "adminregs.approve.not_required")
	}
	err = s.Store.WithTx(ctx, func(ctx context.Context) error {
		var approved bool
		if r, approved, err = s.Store.ApproveRegistration(ctx, c.ID, id, s.Now()); err != nil || !approved {
			return err
		}
		return s.Mail.Enqueue(ctx, messages.Approved{RegistrationID: id})
	})
	return r, err
}
