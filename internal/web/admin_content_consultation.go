package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/staff"
)

// consultationForm lays out the consultation editor with its choices.
func (s *Server) consultationForm(r *http.Request, heading, action string) (*adminForm, error) {
	p := langFrom(r.Context(), s.Catalog)
	f := newAdminForm(heading, action, p.T("admin.save"))
	f.Preview, f.Needs = true, staff.EditContent
	f.Sets = consultationFieldsets(p, s.currentUser(r).May(staff.ReadMeetingURL))
	reviews, err := s.reviewOptions(r.Context(), p)
	if err != nil {
		return nil, err
	}
	f.Options["review"] = reviews
	f.Options["original_lang"], f.Options["languages"] = languageOptions(), languageOptions()
	f.Options["region"] = s.regionOptions(p)
	for _, v := range []consultation.Format{consultation.Virtual, consultation.InPerson, consultation.Hybrid} {
		f.Options["format"] = append(f.Options["format"], adminOption{Value: string(v), Label: p.T("format." + string(v))})
	}
	for _, v := range []consultation.Status{consultation.Draft, consultation.Published, consultation.ClosedSt} {
		f.Options["status"] = append(f.Options["status"], adminOption{Value: string(v), Label: p.T("admin.status." + string(v))})
	}
	return f, nil
}

// consultationFieldsets lists every field of a consultation, grouped; the
// meeting URL only for staff who may read it (withMeetingURL).
func consultationFieldsets(p *i18n.Printer, withMeetingURL bool) []adminFieldset {
	fd := func(name, kind string, req bool) adminField { return field(p, name, kind, req) }
	big := func(name string, rows int) adminField {
		f := fd(name, "textarea", false)
		f.Rows = rows
		return f
	}
	registration := []adminField{fd("registration_opens", "datetime-local", false),
		fd("registration_ends", "datetime-local", false), fd("capacity", "number", false), fd("approval_required", "checkbox", false)}
	meeting := []adminField{fd("link_release_at", "datetime-local", false), fd("link_release_before", "text", false),
		fd("join_opens_before", "text", false), fd("reminders", "text", false)}
	if withMeetingURL {
		meeting = append([]adminField{fd("meeting_url", "url", false)}, meeting...)
	}
	return []adminFieldset{
		{Legend: p.T("admin.set.basics"), Fields: []adminField{fd("review", "select", true), fd("slug", "text", true),
			fd("original_lang", "select", true), fd("status", "select", true), fd("title", "text", true)}},
		{Legend: p.T("admin.set.when"), Fields: []adminField{fd("time_zone", "text", true),
			fd("starts_at", "datetime-local", true), fd("ends_at", "datetime-local", true), fd("month_only", "checkbox", false)}},
		{Legend: p.T("admin.set.where"), Fields: []adminField{fd("format", "select", true), fd("place", "text", false),
			fd("region", "select", false), fd("languages", "checks", false)}},
		{Legend: p.T("admin.set.content"), Fields: []adminField{big("background", 10), big("objectives", 8),
			big("opening_remarks", 3), fd("notice", "text", false), big("questions", 6)}},
		{Legend: p.T("admin.set.people"), Fields: []adminField{big("partners", 3), big("moderators", 4),
			fd("chair_name", "text", false), fd("chair_organization", "text", false)}},
		{Legend: p.T("admin.set.registration"), Fields: append(registration, fd("contact_email", "email", false))},
		{Legend: p.T("admin.set.meeting"), Fields: meeting},
	}
}

// reviewOptions lists the reviews a consultation can belong to.
func (s *Server) reviewOptions(ctx context.Context, p *i18n.Printer) ([]adminOption, error) {
	reviews, err := s.DB.Reviews(ctx)
	if err != nil {
		return nil, err
	}
	var out []adminOption
	for _, rev := range reviews {
		t, _ := rev.Text(p.Lang())
		out = append(out, adminOption{Value: rev.Slug, Label: t.Title})
	}
	return out, nil
}

// regionOptions is the world, then each continent and its sub-regions.
func (s *Server) regionOptions(p *i18n.Printer) []adminOption {
	out := []adminOption{{Value: "001", Label: s.Countries.RegionName("001", p.Lang())}}
	for _, o := range s.Countries.RegionOptions(p.Lang()) {
		out = append(out, adminOption{Value: o.Code, Label: o.Name})
	}
	return out
}

// showNewConsultation is the empty editor, preset to the review in ?review=.
func (s *Server) showNewConsultation(w http.ResponseWriter, r *http.Request) {
	f, err := s.newConsultationForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := f.Values
	v["review"], v["original_lang"], v["status"] = r.URL.Query().Get("review"), i18n.Source, string(consultation.Draft)
	v["format"], v["time_zone"], v["region"] = string(consultation.Virtual), "UTC", "001"
	v["join_opens_before"] = consultation.FormatDuration(consultation.DefaultJoinOpensBefore)
	v["reminders"] = consultation.FormatDurations(consultation.DefaultReminders())
	s.renderForm(w, r, http.StatusOK, f)
}

func (s *Server) newConsultationForm(r *http.Request) (*adminForm, error) {
	p := langFrom(r.Context(), s.Catalog)
	return s.consultationForm(r, p.T("admin.consultation.new"), "/admin/consultations")
}

// createConsultation saves a new consultation.
func (s *Server) createConsultation(w http.ResponseWriter, r *http.Request) {
	f, err := s.newConsultationForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.submitConsultation(w, r, f, &consultation.Consultation{})
}

// editConsultationForm loads the consultation in the URL and its editor.
func (s *Server) editConsultationForm(r *http.Request) (*adminForm, *consultation.Consultation, error) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, nil, err
	}
	p := langFrom(r.Context(), s.Catalog)
	base := "/admin/consultations/" + c.Slug
	f, err := s.consultationForm(r, p.T("admin.consultation.edit_title", "Title", c.Texts[c.OriginalLang].Title), base)
	if err != nil {
		return nil, nil, err
	}
	f.Links = translationLinks(base, c.OriginalLang)
	return f, c, nil
}

// showEditConsultation is the editor of a stored consultation.
func (s *Server) showEditConsultation(w http.ResponseWriter, r *http.Request) {
	f, c, err := s.editConsultationForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.fillConsultation(r.Context(), f, c); err != nil {
		s.fail(w, r, err)
		return
	}
	f.Saved = r.URL.Query().Get("saved") != ""
	s.renderForm(w, r, http.StatusOK, f)
}

// updateConsultation saves changes to a stored consultation.
func (s *Server) updateConsultation(w http.ResponseWriter, r *http.Request) {
	f, c, err := s.editConsultationForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.submitConsultation(w, r, f, c)
}

// submitConsultation reads the form onto c and previews or saves it.
func (s *Server) submitConsultation(w http.ResponseWriter, r *http.Request, f *adminForm, c *consultation.Consultation) {
	f.readValues(r)
	bad, err := s.applyConsultation(r.Context(), f, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Previews = []previewBlock{
		{Label: f.label("background"), HTML: s.markdown.HTML(f.Values["background"])},
		{Label: f.label("objectives"), HTML: s.markdown.HTML(f.Values["objectives"])},
	}
	s.submitContent(w, r, f, bad, c.Validate, func() error { return s.Meetings.Save(r.Context(), c) },
		func() string { return "/admin/consultations/" + c.Slug + "/edit?saved=1" })
}

// fillConsultation shows a stored consultation in the form, its times as
// wall-clock times in its own zone.
func (s *Server) fillConsultation(ctx context.Context, f *adminForm, c *consultation.Consultation) error {
	rev, err := s.DB.ReviewByID(ctx, c.ReviewID)
	if err != nil {
		return err
	}
	t, loc, v := c.Texts[c.OriginalLang], c.Location(), f.Values
	v["review"], v["slug"], v["original_lang"], v["status"] = rev.Slug, c.Slug, c.OriginalLang, string(c.Status)
	v["title"], v["place"], v["background"], v["objectives"] = t.Title, t.Place, t.Background, t.Objectives
	v["opening_remarks"], v["notice"] = t.OpeningRemarks, t.Notice
	v["time_zone"], v["starts_at"], v["ends_at"] = c.TimeZone, formatLocal(c.StartsAt, loc), formatLocal(c.EndsAt, loc)
	v["format"], v["region"], v["partners"] = string(c.Format), c.Region, strings.Join(c.Partners, "\n")
	v["moderators"], v["chair_name"], v["chair_organization"] = moderatorLines(c.Moderators), c.Chair.Name, c.Chair.Organization
	v["registration_opens"], v["registration_ends"] = formatLocalPtr(c.RegistrationOpens, loc), formatLocalPtr(c.RegistrationEnds, loc)
	v["capacity"], v["contact_email"] = strconv.Itoa(c.Capacity), c.ContactEmail
	if f.hasField("meeting_url") {
		v["meeting_url"] = c.MeetingURL
	}
	fillSchedule(v, c, loc)
	v["questions"] = questionLines(c.Questions, c.OriginalLang)
	f.Checked["month_only"], f.Checked["approval_required"] = c.MonthOnly, c.ApprovalRequired
	for _, l := range c.Languages {
		f.Checked["languages:"+l] = true
	}
	return nil
}

// applyConsultation copies the typed values onto c, keeping its
// translations; it returns the errors only parsing can find.
func (s *Server) applyConsultation(ctx context.Context, f *adminForm, c *consultation.Consultation) (map[string]string, error) {
	v, bad := f.Values, map[string]string{}
	if err := s.applyReviewChoice(ctx, v["review"], c, bad); err != nil {
		return nil, err
	}
	c.Slug, c.OriginalLang, c.Status = v["slug"], v["original_lang"], consultation.Status(v["status"])
	if !i18n.Supported(c.OriginalLang) {
		bad["original_lang"] = "error.choice"
	}
	if c.Texts == nil {
		c.Texts = map[string]consultation.Text{}
	}
	c.Texts[c.OriginalLang] = consultation.Text{Title: v["title"], Place: v["place"], Background: v["background"],
		Objectives: v["objectives"], OpeningRemarks: v["opening_remarks"], Notice: v["notice"]}
	c.Format, c.Region, c.Languages = consultation.Format(v["format"]), v["region"], f.checkedValues("languages")
	if c.Region != "" && !hasOption(f.Options["region"], c.Region) {
		bad["region"] = "error.choice"
	}
	c.Partners, c.Moderators = lines(v["partners"]), parseModerators(v["moderators"])
	c.Chair = consultation.Person{Name: v["chair_name"], Organization: v["chair_organization"]}
	c.MonthOnly, c.ApprovalRequired = f.Checked["month_only"], f.Checked["approval_required"]
	c.ContactEmail = v["contact_email"]
	applyMeetingURL(f, c)
	c.Questions = mergeQuestions(c.Questions, lines(v["questions"]), c.OriginalLang)
	applyNumbers(v, c, bad)
	applyTimes(v, c, bad)
	applySchedule(v, c, bad)
	return bad, nil
}

// applyReviewChoice sets the consultation's review from its slug.
func (s *Server) applyReviewChoice(ctx context.Context, slug string, c *consultation.Consultation, bad map[string]string) error {
	rev, err := s.DB.ReviewBySlug(ctx, slug)
	switch {
	case errs.Is(err, errs.NotFound) || slug == "":
		bad["review"] = "error.choice"
	case err != nil:
		return err
	default:
		c.ReviewID = rev.ID
	}
	return nil
}

// applyNumbers parses the capacity; empty means no limit.
func applyNumbers(v map[string]string, c *consultation.Consultation, bad map[string]string) {
	c.Capacity = 0
	if v["capacity"] == "" {
		return
	}
	n, err := strconv.Atoi(v["capacity"])
	if err != nil {
		bad["capacity"] = "error.capacity"
		return
	}
	c.Capacity = n
}

func hasOption(opts []adminOption, value string) bool {
	for _, o := range opts {
		if o.Value == value {
			return true
		}
	}
	return false
}

// applyMeetingURL takes the typed meeting link, unless the form had no
// such field (the role may not see it): then the stored link stays, and
// a post from that role cannot clear or change it.
func applyMeetingURL(f *adminForm, c *consultation.Consultation) {
	if f.hasField("meeting_url") {
		c.MeetingURL = f.Values["meeting_url"]
	}
}

// hasField reports whether the form has a field called name: one a role
// may not see is left out, and then neither shown nor read.
func (f *adminForm) hasField(name string) bool {
	for _, set := range f.Sets {
		for _, fl := range set.Fields {
			if fl.Name == name {
				return true
			}
		}
	}
	return false
}
