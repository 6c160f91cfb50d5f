package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// ConfirmationArgs asks for the double opt-in email of a registration.
type ConfirmationArgs struct {
	RegistrationID string `json:"registration_id"`
}

// Kind implements river.JobArgs.
func (ConfirmationArgs) Kind() string { return "registration_confirmation" }

type confirmationWorker struct {
	river.WorkerDefaults[ConfirmationArgs]
	m *Mailer
}

func (w *confirmationWorker) Work(ctx context.Context, job *river.Job[ConfirmationArgs]) error {
	return w.m.SendRegistrationEmail(ctx, job.Args.RegistrationID, "confirm", "confirm:"+job.Args.RegistrationID)
}

// AlreadyRegisteredArgs asks for the notice to an address registered again.
type AlreadyRegisteredArgs struct {
	RegistrationID string `json:"registration_id"`
}

// Kind implements river.JobArgs.
func (AlreadyRegisteredArgs) Kind() string { return "registration_already_registered" }

type alreadyRegisteredWorker struct {
	river.WorkerDefaults[AlreadyRegisteredArgs]
	m *Mailer
}

func (w *alreadyRegisteredWorker) Work(ctx context.Context, job *river.Job[AlreadyRegisteredArgs]) error {
	key := "again:" + job.Args.RegistrationID + ":" + job.CreatedAt.UTC().Format("2006010215")
	return w.m.SendRegistrationEmail(ctx, job.Args.RegistrationID, "again", key)
}

// ApprovedArgs asks for the email telling a registrant that the secretariat
// approved their registration.
type ApprovedArgs struct {
	RegistrationID string `json:"registration_id"`
}

// Kind implements river.JobArgs.
func (ApprovedArgs) Kind() string { return "registration_approved" }

type approvedWorker struct {
	river.WorkerDefaults[ApprovedArgs]
	m *Mailer
}

func (w *approvedWorker) Work(ctx context.Context, job *river.Job[ApprovedArgs]) error {
	return w.m.SendRegistrationEmail(ctx, job.Args.RegistrationID, "approved", "approved:"+job.Args.RegistrationID)
}
