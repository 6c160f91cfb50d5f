package messages

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/links"
)

// OpinionSignIn lets someone who is not a registrant prove their address
// and take part in a consultation's opinion map (when the secretariat opens
// it to verified addresses): at most one per address and consultation per
// hour, so the public form cannot flood an inbox.
type OpinionSignIn struct {
	ConsultationID int64  `json:"consultation_id" river:"unique"`
	Email          string `json:"email" river:"unique"`
	Lang           string `json:"lang"`
}

func (OpinionSignIn) Kind() string                 { return "opinion_sign_in" }
func (OpinionSignIn) InsertOpts() river.InsertOpts { return byArgs(time.Hour) }
func (m OpinionSignIn) Key(enqueued time.Time) string {
	return "opinions-signin:" + links.SignInID(m.ConsultationID, m.Email) + ":" + hour(enqueued)
}
func (m OpinionSignIn) Compose(ctx context.Context, env Env) (*Draft, error) {
	c, err := env.Consultation(ctx, m.ConsultationID)
	if err != nil {
		return nil, err
	}
	p := env.Printer(m.Lang)
	text, _ := c.Text(p.Lang())
	u := env.URLs()
	d := draft(p, m.Email, p.T("vote.email.greeting"), "vote.email.footer", c)
	d.Subject = p.T("vote.email.subject", "Title", text.Title)
	d.Paragraphs = []string{p.T("vote.email.intro", "Title", text.Title), p.T("vote.email.ignore")}
	d.Actions = []Action{{p.T("vote.email.action"), u.Absolute(u.OpinionSignInPath(c.Slug, c.ID, m.Email, c.EndsAt), p.Lang())}}
	return d, nil
}
