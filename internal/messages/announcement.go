package messages

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
)

// AnnouncementEmail is one registrant's copy of a message the secretariat
// wrote (Announcement), in their language when it has a version in it.
type AnnouncementEmail struct {
	AnnouncementID int64  `json:"announcement_id"`
	RegistrationID string `json:"registration_id"`
}

func (AnnouncementEmail) Kind() string                 { return "registrant_message" }
func (AnnouncementEmail) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m AnnouncementEmail) Key(time.Time) string {
	return "message:" + strconv.FormatInt(m.AnnouncementID, 10) + ":" + m.RegistrationID
}
func (m AnnouncementEmail) Compose(ctx context.Context, env Env) (*Draft, error) {
	a, err := env.Announcement(ctx, m.AnnouncementID)
	if err != nil {
		return nil, err
	}
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status == "cancelled" {
			return nil
		}
		join := ""
		if w.c.Released() && w.r.Status == statusApproved {
			join = w.join().URL
		}
		return w.announcement(a, w.r.Email, w.r.Name, w.page().URL, join)
	})
}

// AnnouncementTest is the secretariat's test send of an announcement to
// itself, with sample values in the placeholders; each click (Nonce) one.
type AnnouncementTest struct {
	AnnouncementID int64  `json:"announcement_id"`
	To             string `json:"to"`
	Lang           string `json:"lang"`
	Nonce          int64  `json:"nonce"`
}

func (AnnouncementTest) Kind() string                 { return "registrant_message_test" }
func (AnnouncementTest) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m AnnouncementTest) Key(time.Time) string {
	return "message-test:" + strconv.FormatInt(m.AnnouncementID, 10) + ":" + strconv.FormatInt(m.Nonce, 10)
}
func (m AnnouncementTest) Compose(ctx context.Context, env Env) (*Draft, error) {
	a, err := env.Announcement(ctx, m.AnnouncementID)
	if err != nil {
		return nil, err
	}
	c, err := env.Consultation(ctx, a.ConsultationID)
	if err != nil {
		return nil, err
	}
	p := env.Printer(m.Lang)
	text, _ := c.Text(p.Lang())
	w := &registrantWriter{env: env, r: &Registrant{Email: m.To, Language: m.Lang}, c: c, p: p, title: text.Title}
	sample := env.URLs().Absolute("/p/…", "")
	d := w.announcement(a, m.To, p.T("email.message.sample_name"), sample, env.URLs().Absolute("/j/…", ""))
	d.Subject = p.T("email.message.test_subject", "Subject", d.Subject)
	return d, nil
}

// FillPlaceholders puts a recipient's values into an announcement's text:
// {name}, {page} (their own page) and {join_link} (empty before the
// release, or for whom may not join).
func FillPlaceholders(s, name, page, join string) string {
	return strings.NewReplacer("{name}", name, "{page}", page, "{join_link}", join).Replace(s)
}

func (w *registrantWriter) announcement(a *Announcement, to, name, page, join string) *Draft {
	t := a.Text(w.p.Lang())
	d := draft(w.p, to, w.p.T("email.greeting", "Name", name), "email.footer", w.c)
	d.Subject = FillPlaceholders(t.Subject, name, page, join)
	for _, para := range strings.Split(strings.ReplaceAll(t.Body, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(FillPlaceholders(para, name, page, join)); para != "" {
			d.Paragraphs = append(d.Paragraphs, para)
		}
	}
	d.Actions = []Action{{w.p.T("email.page_action"), page}}
	return d
}
