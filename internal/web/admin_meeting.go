package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
)

// The meeting page of a consultation: where the join links stand, "release
// now", and messages to registrants (compose, preview, test, send).

type meetingPage struct {
	Slug, Title, TimeZone string
	MeetingURL            string
	Released              bool
	ReleasedAt, ReleaseAt string // in the consultation's zone
	ReleaseAtUTC          *time.Time
	Version               int
	JoinOpensBefore       string
	Reminders             []string
	Approved, Waitlisted  int
	Done                  string
	Messages              []messageRow
	Preview               *messageRow
	Form                  messageForm
	Statuses              []registration.Status
	Groups                []stakeholder.Group
	Regions, Countries    []country.Option
	Languages             []langLink
	Translations          []translationField
}

// translationField is one language's subject and body in the compose form.
type translationField struct {
	Code, Name, SubjectName, BodyName, Subject, Body string
}

type messageRow struct {
	ID                  int64
	Subject, Body, Lang string
	Created, Sent       string
	Recipients          int
	Sending             bool
}

type messageForm struct {
	Values map[string]string
	Errors map[string]string
}

func (s *Server) showMeeting(w http.ResponseWriter, r *http.Request) {
	s.renderMeeting(w, r, http.StatusOK, messageForm{Values: map[string]string{}})
}

func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, status int, form messageForm) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	t, _ := c.Text(p.Lang())
	d := meetingPage{Slug: c.Slug, Title: t.Title, TimeZone: c.TimeZone, MeetingURL: c.MeetingURL, Released: c.Released(),
		Version: c.Version, JoinOpensBefore: consultation.FormatDuration(c.JoinOpensBefore), Form: form,
		Done: r.URL.Query().Get("done"), Statuses: registration.Statuses(), Groups: stakeholder.All(),
		Regions: s.Countries.RegionOptions(p.Lang()), Countries: s.Countries.Options(p.Lang())}
	if c.ReleasedAt != nil {
		d.ReleasedAt = s.zoneLabel(p, c, *c.ReleasedAt)
	}
	if at := c.ReleaseTime(); at != nil {
		d.ReleaseAt, d.ReleaseAtUTC = s.zoneLabel(p, c, *at), at
	}
	for _, rem := range c.Reminders {
		d.Reminders = append(d.Reminders, consultation.FormatDuration(rem)+" · "+s.zoneLabel(p, c, c.StartsAt.Add(-rem)))
	}
	counts, err := s.DB.RegistrationCounts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Approved, d.Waitlisted = counts[c.ID].Approved, counts[c.ID].Waitlisted
	list, err := s.DB.Announcements(r.Context(), c.ID, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	preview, _ := strconv.ParseInt(r.URL.Query().Get("message"), 10, 64)
	for _, a := range list {
		row := s.messageRow(p, a)
		if a.ID == preview {
			row.Body = messages.FillPlaceholders(row.Body, p.T("email.message.sample_name"), "/p/…", "/j/…")
			d.Preview = &row
		}
		d.Messages = append(d.Messages, row)
	}
	for _, l := range i18n.Languages() {
		d.Languages = append(d.Languages, langLink{Code: l, Name: i18n.Autonym(l)})
		d.Translations = append(d.Translations, translationField{Code: l, Name: i18n.Autonym(l), SubjectName: "subject_" + l,
			BodyName: "body_" + l, Subject: form.Values["subject_"+l], Body: form.Values["body_"+l]})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "admin_meeting", s.newPage(r, p.T("adminmeeting.title", "Title", t.Title), d))
}

func (s *Server) messageRow(p *i18n.Printer, a *messages.Announcement) messageRow {
	t := a.Text(a.OriginalLang)
	row := messageRow{ID: a.ID, Subject: t.Subject, Body: t.Body, Lang: a.OriginalLang, Recipients: a.Recipients,
		Created: utcLabel(p, &a.CreatedAt), Sent: utcLabel(p, a.SentAt), Sending: a.SentAt != nil}
	return row
}

// releaseMeeting sends the join links now.
func (s *Server) releaseMeeting(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err == nil {
		err = formError(r) // a content-form route: the edge leaves refusing to the handler
	}
	if err == nil {
		_, err = s.Meetings.ReleaseNow(r.Context(), c)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/meeting?done=released", http.StatusSeeOther)
}

// messageFields are the compose form's fields: the original text, one
// version per other language, and the filter.
func messageFields() []string {
	f := []string{"lang", "subject", "body", "status", "group", "region", "country", "language"}
	for _, l := range i18n.Languages() {
		f = append(f, "subject_"+l, "body_"+l)
	}
	return f
}

// createMessage stores a message to registrants and shows its preview.
func (s *Server) createMessage(w http.ResponseWriter, r *http.Request) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := map[string]string{}
	for _, name := range messageFields() {
		v[name] = strings.TrimSpace(r.PostFormValue(name))
	}
	// The edge found the characters; this form shows them beside their field.
	if err := formError(r); err != nil {
		s.messageFailed(w, r, v, err)
		return
	}
	a := &messages.Announcement{ConsultationID: c.ID, OriginalLang: v["lang"], CreatedBy: s.currentUser(r).Email,
		Texts: map[string]messages.AnnouncementText{}, Filter: messages.AnnouncementFilter{Status: v["status"],
			StakeholderGroup: v["group"], Region: v["region"], Country: v["country"], Language: v["language"]}}
	if !i18n.Supported(a.OriginalLang) {
		a.OriginalLang = i18n.Source
	}
	a.Texts[a.OriginalLang] = messages.AnnouncementText{Subject: v["subject"], Body: r.PostFormValue("body")}
	for _, l := range i18n.Languages() {
		if l != a.OriginalLang && v["subject_"+l] != "" {
			a.Texts[l] = messages.AnnouncementText{Subject: v["subject_"+l], Body: r.PostFormValue("body_" + l)}
		}
	}
	if err := s.checkMessageFilter(a.Filter); err != nil {
		s.messageFailed(w, r, v, err)
		return
	}
	if err := s.Meetings.CreateAnnouncement(r.Context(), a); err != nil {
		s.messageFailed(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/meeting?message="+strconv.FormatInt(a.ID, 10)+"#preview", http.StatusSeeOther)
}

// checkMessageFilter refuses filter values that are not choices.
func (s *Server) checkMessageFilter(f messages.AnnouncementFilter) error {
	bad := map[string]string{}
	if f.StakeholderGroup != "" && !stakeholder.Group(f.StakeholderGroup).Valid() {
		bad["group"] = "error.choice"
	}
	if f.Country != "" && !s.Countries.Valid(f.Country) {
		bad["country"] = "error.country"
	}
	if f.Region != "" && !s.knownRegion(f.Region) {
		bad["region"] = "error.choice"
	}
	if f.Language != "" && !i18n.Supported(f.Language) {
		bad["language"] = "error.choice"
	}
	if len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	return nil
}

// messageFailed shows the meeting page again with what was typed and the
// errors by field.
func (s *Server) messageFailed(w http.ResponseWriter, r *http.Request, v map[string]string, err error) {
	fields := errs.FieldsOf(err)
	if fields == nil {
		s.fail(w, r, err)
		return
	}
	v["body"] = r.PostFormValue("body")
	for _, l := range i18n.Languages() {
		v["body_"+l] = r.PostFormValue("body_" + l)
	}
	s.renderMeeting(w, r, http.StatusUnprocessableEntity, messageForm{Values: v, Errors: fields})
}

// announcementOf loads the message in the path, which must be the
// consultation's.
func (s *Server) announcementOf(r *http.Request, c *consultation.Consultation) (*messages.Announcement, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, errs.E(errs.NotFound, "message.not_found")
	}
	a, err := s.DB.Announcement(r.Context(), id)
	if err == nil && a.ConsultationID != c.ID {
		return nil, errs.E(errs.NotFound, "message.not_found")
	}
	return a, err
}

// testMessage sends the message to the signed-in staff member.
func (s *Server) testMessage(w http.ResponseWriter, r *http.Request) {
	s.messageAction(w, r, "tested", func(a *messages.Announcement) error {
		u := s.currentUser(r)
		return s.Meetings.TestAnnouncement(r.Context(), a.ID, u.Email, langFrom(r.Context(), s.Catalog).Lang())
	})
}

// sendMessage sends the message to everyone its filter selects, once.
func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	s.messageAction(w, r, "sent", func(a *messages.Announcement) error {
		return s.Meetings.SendAnnouncement(r.Context(), a.ID)
	})
}

func (s *Server) messageAction(w http.ResponseWriter, r *http.Request, done string, act func(a *messages.Announcement) error) {
	c, err := s.adminConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.announcementOf(r, c)
	if err == nil {
		err = formError(r) // a content-form route: the edge leaves refusing to the handler
	}
	if err == nil {
		err = act(a)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+c.Slug+"/meeting?done="+done+"&message="+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
}
