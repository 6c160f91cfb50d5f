package jobs

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// Mailer composes emails in the recipient's language and delivers each
// exactly once per idempotency key, through SMTP or the built-in outbox.
type Mailer struct {
	DB      *store.DB
	Catalog *i18n.Catalog
	Links   *links.Signer
	BaseURL string
	From    string
	SMTP    mail.Sender // nil: keep mail in the built-in outbox
	html    *template.Template
}

// NewMailer parses the email layout once.
func NewMailer(m Mailer) (*Mailer, error) {
	t, err := template.ParseFS(templateFS, "templates/email.html")
	if err != nil {
		return nil, fmt.Errorf("jobs: email template: %w", err)
	}
	m.html = t
	return &m, nil
}

// email is the content of one message before rendering.
type email struct {
	Lang, Dir, Subject, Greeting, Footer string
	Paragraphs                           []string
	Actions                              []action
}

type action struct{ Label, URL string }

// render turns content into a message with a text and an HTML part.
func (m *Mailer) render(to string, e email) (mail.Message, error) {
	var html bytes.Buffer
	if err := m.html.Execute(&html, e); err != nil {
		return mail.Message{}, err
	}
	var text strings.Builder
	text.WriteString(e.Greeting + "\n\n")
	for _, p := range e.Paragraphs {
		text.WriteString(p + "\n\n")
	}
	for _, a := range e.Actions {
		text.WriteString(a.Label + ":\n" + a.URL + "\n\n")
	}
	text.WriteString("-- \n" + e.Footer + "\n")
	return mail.Message{To: to, From: m.From, Subject: e.Subject, Text: text.String(), HTML: html.String(), Lang: e.Lang,
		Headers: map[string]string{"Auto-Submitted": "auto-generated"}}, nil
}

// deliver sends msg unless a message with key already went out.
func (m *Mailer) deliver(ctx context.Context, key string, msg mail.Message) error {
	if m.SMTP == nil {
		_, err := m.DB.RecordEmail(ctx, key, "outbox", msg)
		return err
	}
	sent, err := m.DB.EmailSent(ctx, key)
	if err != nil || sent {
		return err
	}
	if err := m.SMTP.Send(ctx, msg); err != nil {
		return err
	}
	_, err = m.DB.RecordEmail(ctx, key, "smtp", msg)
	return err
}

// SendRegistrationEmail composes and delivers the confirmation ("confirm")
// or the already-registered notice ("again") for a registration.
func (m *Mailer) SendRegistrationEmail(ctx context.Context, regID, kind, key string) error {
	r, err := m.DB.RegistrationByID(ctx, regID)
	if err != nil {
		return err
	}
	if r.Status == registration.Cancelled || (kind == "confirm" && r.Status == registration.Confirmed) {
		return nil // cancelled or confirmed meanwhile: nothing to ask
	}
	c, err := m.DB.ConsultationByID(ctx, r.ConsultationID)
	if err != nil {
		return err
	}
	joinURL := ""
	if kind == "approved" {
		set, err := m.DB.OpinionSettings(ctx, c.ID)
		if err != nil {
			return err
		}
		if set.Enabled {
			joinURL = m.BaseURL + "/c/" + c.Slug + "/opinions/join/" + m.Links.Sign(opinion.LinkJoin, r.ID)
		}
	}
	msg, err := m.render(r.Email, m.registrationEmail(r, c, kind, joinURL))
	if err != nil {
		return err
	}
	return m.deliver(ctx, key, msg)
}

// registrationEmail composes the email of the given kind ("confirm",
// "again" or "approved") to registrant r; joinURL, when set, is their link
// to the consultation's opinion map.
func (m *Mailer) registrationEmail(r *registration.Registration, c *consultation.Consultation, kind, joinURL string) email {
	p := m.Catalog.Printer(r.Language)
	text, _ := c.Text(p.Lang())
	start := c.StartsAt.In(c.Location())
	when := p.T("email.when", "Date", p.Date(start), "Start", p.Clock(start),
		"End", p.Clock(c.EndsAt.In(c.Location())), "Zone", c.TimeZone)
	e := email{Lang: p.Lang(), Dir: i18n.Dir(p.Lang()), Greeting: p.T("email.greeting", "Name", r.FullName()),
		Footer: p.T("email.footer", "Contact", c.ContactEmail)}
	lang := "?lang=" + p.Lang()
	cancel := action{p.T("email.cancel_action"), m.BaseURL + "/r/cancel/" + m.Links.Sign(links.Cancel, r.ID) + lang}
	confirm := action{p.T("email.confirm_action"), m.BaseURL + "/r/confirm/" + m.Links.Sign(links.Confirm, r.ID) + lang}
	switch {
	case kind == "approved":
		e.Subject = p.T("email.approved.subject", "Title", text.Title)
		e.Paragraphs = []string{p.T("email.approved.intro", "Title", text.Title), when, p.T("email.link_in_due_course")}
		if joinURL != "" {
			e.Paragraphs = append(e.Paragraphs, p.T("email.approved.opinions"))
			e.Actions = append(e.Actions, action{p.T("email.approved.opinions_action"), joinURL + lang})
		}
		e.Actions = append(e.Actions, cancel)
	case r.Status == registration.PendingConfirmation:
		e.Subject = p.T("email.confirm.subject", "Title", text.Title)
		e.Paragraphs = []string{p.T("email.confirm.intro", "Title", text.Title), when, p.T("email.confirm.ask")}
		if kind == "again" {
			e.Paragraphs = append([]string{p.T("email.again.note")}, e.Paragraphs...)
		}
		e.Actions = []action{confirm, cancel}
	default:
		e.Subject = p.T("email.again.subject", "Title", text.Title)
		e.Paragraphs = []string{p.T("email.again.confirmed", "Title", text.Title), when, p.T("email.link_in_due_course")}
		e.Actions = []action{cancel}
	}
	return e
}
