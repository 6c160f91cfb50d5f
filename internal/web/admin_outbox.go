package web

import (
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

// outboxLimit is how many messages the outbox list shows, newest first.
const outboxLimit = 200

// outboxPage is the data of the outbox list.
type outboxPage struct {
	To     string
	Emails []*store.Email
}

// showOutbox lists the messages Consulta sent or kept, optionally only those
// to one address.
func (s *Server) showOutbox(w http.ResponseWriter, r *http.Request) {
	to := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("to")))
	list, err := s.DB.Emails(r.Context(), to, outboxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	s.render(w, r, http.StatusOK, "admin_outbox", s.newPage(r, p.T("adminregs.outbox.title"), outboxPage{To: to, Emails: list}))
}

// secretLink matches an emailed link that lets its holder act as a staff
// account: the set-password link of `consulta user add` and of the
// forgot-password email, with or without the site's address.
var secretLink = regexp.MustCompile(`(?:https?://[^\s"'<>]*)?/admin/set-password/[^\s"'<>?]+(?:\?[^\s"'<>]*)?`)

// maskSecretLinks replaces every secret link in s with masked.
func maskSecretLinks(s, masked string) string {
	return secretLink.ReplaceAllLiteralString(s, masked)
}

// outboxMessage is the data of one message's page.
type outboxMessage struct {
	*store.Email
	HTML        template.HTML // sanitised
	Attachments []outboxAttachment
}

// outboxAttachment is what the outbox shows of an attachment.
type outboxAttachment struct {
	Name, Type string
	Size       int
}

// showOutboxMessage shows one message. Its HTML part is sanitised with the
// same policy as user Markdown: an email body is never trusted markup.
func (s *Server) showOutboxMessage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, errs.E(errs.NotFound, "email.not_found"))
		return
	}
	e, err := s.DB.EmailByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Staff who may read the outbox may not use someone else's password
	// link: it is masked in both parts.
	masked := langFrom(r.Context(), s.Catalog).T("account.masked_link")
	e.Message.Text = maskSecretLinks(e.Message.Text, masked)
	html := maskSecretLinks(e.Message.HTML, template.HTMLEscapeString(masked))
	m := outboxMessage{Email: e, HTML: template.HTML(s.markdown.policy.Sanitize(html))} //nolint:gosec // sanitised
	for _, a := range e.Message.Attachments {
		m.Attachments = append(m.Attachments, outboxAttachment{Name: a.Filename, Type: a.ContentType, Size: len(a.Data)})
	}
	s.render(w, r, http.StatusOK, "admin_outbox_message", s.newPage(r, e.Message.Subject, m))
}
