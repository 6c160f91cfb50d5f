package messages

import (
	"context"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/i18n"
)

// InputVerification is the double opt-in of an input sent by the public:
// the link confirms the address and sends the input to the secretariat;
// the second link lets the author edit it until the deadline. Once per
// input. It carries what it says, so composing reads nothing.
type InputVerification struct {
	InputID  int64     `json:"input_id"`
	Email    string    `json:"email"`
	Name     string    `json:"name"`
	Lang     string    `json:"lang"`
	Title    string    `json:"title"` // the review's, in Lang
	Deadline time.Time `json:"deadline"`
}

func (InputVerification) Kind() string                 { return "input_verification" }
func (InputVerification) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m InputVerification) Key(time.Time) string {
	return "input-verify:" + strconv.FormatInt(m.InputID, 10)
}
func (m InputVerification) Compose(_ context.Context, env Env) (*Draft, error) {
	p, u := env.Printer(m.Lang), env.URLs()
	d := inputDraft(env, m.Lang, m.Email, m.Name)
	d.Subject = p.T("inputs.email.verify.subject", "Title", m.Title)
	d.Paragraphs = []string{p.T("inputs.email.verify.intro", "Title", m.Title, "Number", m.InputID),
		p.T("inputs.email.verify.edit", "Deadline", p.Date(m.Deadline)), p.T("inputs.email.verify.ignore")}
	d.Actions = []Action{
		{p.T("inputs.email.verify.action"), u.Absolute(u.InputVerifyPath(m.InputID, m.Deadline), p.Lang())},
		{p.T("inputs.email.edit_action"), u.Absolute(u.InputEditPath(m.InputID, m.Deadline), p.Lang())},
	}
	return d, nil
}

// InputRejected tells the submitter the secretariat rejected their input,
// and why: once per rejection.
type InputRejected struct {
	InputID int64     `json:"input_id"`
	Email   string    `json:"email"`
	Name    string    `json:"name"`
	Lang    string    `json:"lang"`
	Reason  string    `json:"reason"`
	At      time.Time `json:"at"`
}

func (InputRejected) Kind() string                 { return "input_rejected" }
func (InputRejected) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m InputRejected) Key(time.Time) string {
	return "input-rejected:" + strconv.FormatInt(m.InputID, 10) + ":" + strconv.FormatInt(m.At.UnixMicro(), 10)
}
func (m InputRejected) Compose(_ context.Context, env Env) (*Draft, error) {
	p := env.Printer(m.Lang)
	d := inputDraft(env, m.Lang, m.Email, m.Name)
	d.Subject = p.T("inputs.email.rejected.subject", "Number", m.InputID)
	d.Paragraphs = []string{p.T("inputs.email.rejected.intro", "Number", m.InputID), m.Reason,
		p.T("inputs.email.rejected.contact")}
	return d, nil
}

func inputDraft(env Env, lang, to, name string) *Draft {
	p := env.Printer(lang)
	return &Draft{To: to, Lang: p.Lang(), Dir: i18n.Dir(p.Lang()), Greeting: p.T("inputs.email.greeting", "Name", name),
		Footer: p.T("inputs.email.footer")}
}
