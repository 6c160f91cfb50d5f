package jobs

import (
	"context"
	"database/sql"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/opinion"
)

// OpinionSignInArgs asks for the email that lets someone who is not a
// registrant prove their address and take part in a consultation's opinion
// map (when the secretariat opens it to verified addresses).
type OpinionSignInArgs struct {
	ConsultationID int64  `json:"consultation_id" river:"unique"`
	Email          string `json:"email" river:"unique"`
	Lang           string `json:"lang"`
}

// Kind implements river.JobArgs.
func (OpinionSignInArgs) Kind() string { return "opinion_sign_in" }

// EnqueueOpinionSignInTx enqueues a sign-in email; at most one per address
// and consultation per hour, so the public form cannot flood an inbox.
func (q *Queue) EnqueueOpinionSignInTx(ctx context.Context, tx *sql.Tx, consultationID int64, email, lang string) error {
	_, err := q.client.InsertTx(ctx, tx, OpinionSignInArgs{ConsultationID: consultationID, Email: email, Lang: lang},
		&river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}})
	return err
}

type opinionSignInWorker struct {
	river.WorkerDefaults[OpinionSignInArgs]
	m *Mailer
}

func (w *opinionSignInWorker) Work(ctx context.Context, job *river.Job[OpinionSignInArgs]) error {
	a := job.Args
	key := "opinions-signin:" + opinion.SignInID(a.ConsultationID, a.Email) + ":" + job.CreatedAt.UTC().Format("2006010215")
	return w.m.SendOpinionSignIn(ctx, a.ConsultationID, a.Email, a.Lang, key)
}

// SendOpinionSignIn composes and delivers the sign-in link of the opinion
// map of a consultation to the address to, in lang.
func (m *Mailer) SendOpinionSignIn(ctx context.Context, consultationID int64, to, lang, key string) error {
	c, err := m.DB.ConsultationByID(ctx, consultationID)
	if err != nil {
		return err
	}
	p := m.Catalog.Printer(lang)
	text, _ := c.Text(p.Lang())
	token := m.Links.Sign(opinion.LinkSignIn, opinion.SignInID(consultationID, to))
	e := email{Lang: p.Lang(), Dir: i18n.Dir(p.Lang()), Greeting: p.T("vote.email.greeting"),
		Subject:    p.T("vote.email.subject", "Title", text.Title),
		Paragraphs: []string{p.T("vote.email.intro", "Title", text.Title), p.T("vote.email.ignore")},
		Actions:    []action{{p.T("vote.email.action"), m.BaseURL + "/c/" + c.Slug + "/opinions/signin/" + token + "?lang=" + p.Lang()}},
		Footer:     p.T("vote.email.footer", "Contact", c.ContactEmail)}
	msg, err := m.render(to, e)
	if err != nil {
		return err
	}
	return m.deliver(ctx, key, msg)
}
