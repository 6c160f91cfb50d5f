package registration

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

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
// that WithTx puts in the context. The status changes return the store's
// Change (what moved, whom a freed place went to, the link version).
type Store interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	Register(ctx context.Context, c *consultation.Consultation, r *Registration, now time.Time) (Outcome, error)
	ConfirmRegistration(ctx context.Context, id string, now time.Time) (Change, error)
	CancelRegistration(ctx context.Context, id string, now time.Time) (Change, error)
	ApproveRegistration(ctx context.Context, consultationID int64, id string, now time.Time) (Change, error)
	RejectRegistration(ctx context.Context, consultationID int64, id, reason string, now time.Time) (Change, error)
	UnapproveRegistration(ctx context.Context, consultationID int64, id string, now time.Time) (Change, error)
	PromoteWaitlisted(ctx context.Context, consultationID int64, now time.Time) ([]*Registration, error)
	MarkLinkSent(ctx context.Context, id string, version int, now time.Time) error
	GroupStore
}

// Mail enqueues emails in the transaction of ctx (jobs.Queue): one, or
// many in one batch (a message already enqueued is skipped).
type Mail interface {
	Enqueue(ctx context.Context, m messages.Message) error
	EnqueueMany(ctx context.Context, list []messages.Message) error
}

// Service is what participants and the secretariat do with registrations.
type Service struct {
	Store Store
	Mail  Mail
	Rules Rules
	Now   func() time.Time
	NewID func() string

	registrations group // new registrations waiting for SQLite's one writer
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
	err := s.writeRegistration(ctx, func(ctx context.Context) error {
		out, err := s.Store.Register(ctx, c, r, now)
		switch {
		case err != nil:
			return err
		case out.Created:
			return s.enqueue(ctx, messages.Confirmation{RegistrationID: r.ID})
		}
		return s.enqueue(ctx, messages.AlreadyRegistered{RegistrationID: out.Existing.ID})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// writeRegistration runs fn in a write transaction: on a single writer,
// one shared with the registrations arriving at the same moment (group).
func (s *Service) writeRegistration(ctx context.Context, fn func(ctx context.Context) error) error {
	if !s.Store.Grouped(ctx) {
		return s.Store.WithTx(ctx, fn)
	}
	return s.registrations.run(ctx, s.Store, s.Mail, fn)
}

// Change is what a status change did: the registration after it, its
// status before, the waitlisted registrants a freed place went to, and the
// consultation's join-link version (0: not released).
type Change struct {
	Reg         *Registration
	From        Status
	Promoted    []*Registration
	LinkVersion int
}

// Changed reports whether the status moved.
func (c Change) Changed() bool { return c.Reg != nil && c.From != c.Reg.Status }

// Confirm is the registrant's double opt-in. Where the secretariat approves
// registrations, it leaves them confirmed, awaiting approval; elsewhere it
// approves them when a place is free (with the join link at once if it is
// out) and waitlists them otherwise (with an email saying so).
// Confirming twice is not an error; confirming a cancelled registration is.
func (s *Service) Confirm(ctx context.Context, id string) (*Registration, error) {
	ch, err := s.change(ctx, func(ctx context.Context) (Change, error) { return s.Store.ConfirmRegistration(ctx, id, s.Now()) })
	return ch.Reg, err
}

// Cancel withdraws registration r; a place it held goes to the first
// waitlisted, and a calendar invitation it got is withdrawn. Cancelling
// twice changes nothing.
func (s *Service) Cancel(ctx context.Context, r *Registration) (*Registration, error) {
	if r.Status == Cancelled {
		return r, nil
	}
	ch, err := s.change(ctx, func(ctx context.Context) (Change, error) { return s.Store.CancelRegistration(ctx, r.ID, s.Now()) })
	return ch.Reg, err
}

// Approve records the secretariat's approval of registration id of c: it
// takes a place (with the approval email, and the join link at once if it
// is out) or, when every place is held, waitlists the registrant. Approving
// again sends nothing.
func (s *Service) Approve(ctx context.Context, c *consultation.Consultation, id string) (*Registration, error) {
	ch, err := s.change(ctx, func(ctx context.Context) (Change, error) { return s.Store.ApproveRegistration(ctx, c.ID, id, s.Now()) })
	return ch.Reg, err
}

// Reject refuses registration id of c with a reason, which the email
// carries; a place it held goes to the first waitlisted and its join link
// stops working.
func (s *Service) Reject(ctx context.Context, c *consultation.Consultation, id, reason string) (*Registration, error) {
	reason = strings.TrimSpace(reason)
	if err := checkReason(reason); err != nil {
		return nil, err
	}
	ch, err := s.change(ctx, func(ctx context.Context) (Change, error) {
		return s.Store.RejectRegistration(ctx, c.ID, id, reason, s.Now())
	})
	return ch.Reg, err
}

// Unapprove moves an approved registration of c back to awaiting approval:
// its place goes to the first waitlisted and its join link stops working.
func (s *Service) Unapprove(ctx context.Context, c *consultation.Consultation, id string) (*Registration, error) {
	ch, err := s.change(ctx, func(ctx context.Context) (Change, error) {
		return s.Store.UnapproveRegistration(ctx, c.ID, id, s.Now())
	})
	return ch.Reg, err
}

// Bulk is what one action did to many registrations.
type Bulk struct {
	Changed, Unchanged int
	Failed             map[string]string // registration id → catalog code
}

// BulkAction applies one action ("approve", "reject", "unapprove") to each
// of ids, each in its own transaction with its email, so one registration
// that cannot change does not hold back the others.
func (s *Service) BulkAction(ctx context.Context, c *consultation.Consultation, action string, ids []string, reason string) (Bulk, error) {
	b := Bulk{Failed: map[string]string{}}
	if action == "reject" {
		if err := checkReason(reason); err != nil {
			return b, err
		}
	}
	for _, id := range ids {
		var ch Change
		var err error
		switch action {
		case "approve":
			ch, err = s.change(ctx, func(ctx context.Context) (Change, error) { return s.Store.ApproveRegistration(ctx, c.ID, id, s.Now()) })
		case "reject":
			ch, err = s.change(ctx, func(ctx context.Context) (Change, error) {
				return s.Store.RejectRegistration(ctx, c.ID, id, strings.TrimSpace(reason), s.Now())
			})
		case "unapprove":
			ch, err = s.change(ctx, func(ctx context.Context) (Change, error) {
				return s.Store.UnapproveRegistration(ctx, c.ID, id, s.Now())
			})
		default:
			return b, errs.InvalidFields(map[string]string{"action": "error.choice"})
		}
		switch {
		case err != nil && (errs.Is(err, errs.Conflict) || errs.Is(err, errs.NotFound)):
			b.Failed[id] = errs.CodeOf(err)
		case err != nil:
			return b, err
		case ch.Changed():
			b.Changed++
		}
	}
	b.Unchanged = len(ids) - b.Changed - len(b.Failed)
	return b, nil
}

// Promote gives free places of c to the waitlisted (after a raised
// capacity), each with its email; it joins the transaction of ctx.
func (s *Service) Promote(ctx context.Context, c *consultation.Consultation, linkVersion int) error {
	promoted, err := s.Store.PromoteWaitlisted(ctx, c.ID, s.Now())
	if err != nil {
		return err
	}
	return s.tell(ctx, Change{LinkVersion: linkVersion}, promoted)
}

// SendLink enqueues join link version to approved registrant r and records
// it, in the transaction of ctx.
func (s *Service) SendLink(ctx context.Context, r *Registration, version int) error {
	if err := s.Store.MarkLinkSent(ctx, r.ID, version, s.Now()); err != nil {
		return err
	}
	return s.Mail.Enqueue(ctx, messages.JoinLink{RegistrationID: r.ID, Version: version, Update: r.LinkVersion > 0})
}

// tell enqueues, in the transaction of ctx, the emails a change calls for:
// to the registration that moved, and to each registrant a freed place
// went to.
func (s *Service) tell(ctx context.Context, ch Change, promoted []*Registration) error {
	if ch.Changed() {
		if err := s.tellMoved(ctx, ch); err != nil {
			return err
		}
	}
	for _, p := range append(ch.Promoted, promoted...) {
		if err := s.Mail.Enqueue(ctx, messages.Promoted{RegistrationID: p.ID, At: unix(p.ApprovedAt)}); err != nil {
			return err
		}
		if err := s.linkIfReleased(ctx, p, ch.LinkVersion); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) tellMoved(ctx context.Context, ch Change) error {
	r := ch.Reg
	switch r.Status {
	case Approved:
		if ch.From != PendingConfirmation { // the secretariat approved it
			if err := s.Mail.Enqueue(ctx, messages.Approved{RegistrationID: r.ID}); err != nil {
				return err
			}
		}
		return s.linkIfReleased(ctx, r, ch.LinkVersion)
	case Waitlisted:
		return s.Mail.Enqueue(ctx, messages.Waitlisted{RegistrationID: r.ID, At: unix(r.WaitlistedAt)})
	case Rejected: // the rejection email withdraws the invitation itself
		return s.Mail.Enqueue(ctx, messages.Rejected{RegistrationID: r.ID, At: unix(r.RejectedAt)})
	}
	if ch.From == Approved && r.LinkVersion > 0 { // cancelled or moved back after the link went out
		return s.Mail.Enqueue(ctx, messages.InviteCancelled{RegistrationID: r.ID, Version: r.LinkVersion})
	}
	return nil
}

func (s *Service) linkIfReleased(ctx context.Context, r *Registration, version int) error {
	if version == 0 || r.LinkVersion >= version {
		return nil
	}
	return s.SendLink(ctx, r, version)
}

func unix(t *time.Time) int64 {
	if t == nil {
		return 0
	}
	return t.Unix()
}

// change runs one status change and the emails it calls for in one
// transaction.
func (s *Service) change(ctx context.Context, fn func(ctx context.Context) (Change, error)) (ch Change, err error) {
	err = s.Store.WithTx(ctx, func(ctx context.Context) error {
		if ch, err = fn(ctx); err != nil {
			return err
		}
		return s.tell(ctx, ch, nil)
	})
	return ch, err
}

// checkReason: a rejection says why, briefly.
func checkReason(reason string) error {
	switch reason = strings.TrimSpace(reason); {
	case reason == "":
		return errs.InvalidFields(map[string]string{"reason": "error.required"})
	case utf8.RuneCountInString(reason) > MaxReasonLength:
		return errs.InvalidFields(map[string]string{"reason": "error.too_long"})
	}
	return nil
}
