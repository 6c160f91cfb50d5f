package messages

import (
	"context"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
)

// PasswordReset is the "forgot password" email to a staff account: a
// link to choose a new password, valid for PasswordResetTTL. At most one
// per account per hour: uniqueness is by UserID alone (River's
// `river:"unique"` fields), so asking again within the hour sends
// nothing new. The link's token travels in the job's arguments because
// only its hash is stored; the outbox masks it (web/admin_outbox.go).
type PasswordReset struct {
	UserID int64  `json:"user_id" river:"unique"`
	Email  string `json:"email"`
	Lang   string `json:"lang"`
	Token  string `json:"token"`
}

// PasswordResetTTL is how long a reset link works.
const PasswordResetTTL = time.Hour

func (PasswordReset) Kind() string                 { return "account_password_reset" }
func (PasswordReset) InsertOpts() river.InsertOpts { return byArgs(time.Hour) }
func (m PasswordReset) Key(enqueued time.Time) string {
	return "reset:" + strconv.FormatInt(m.UserID, 10) + ":" + hour(enqueued)
}
func (m PasswordReset) Compose(_ context.Context, env Env) (*Draft, error) {
	p := env.Printer(m.Lang)
	u := env.URLs()
	return &Draft{To: m.Email, Lang: p.Lang(), Dir: i18n.Dir(p.Lang()), Subject: p.T("account.reset.subject"),
		Greeting:   p.T("account.reset.greeting"),
		Paragraphs: []string{p.T("account.reset.intro", "Email", m.Email), p.T("account.reset.expiry"), p.T("account.reset.ignore")},
		Actions:    []Action{{p.T("account.reset.action"), u.Absolute(links.SetPasswordPath(m.Token), p.Lang())}},
		Footer:     p.T("account.reset.footer")}, nil
}
