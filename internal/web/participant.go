package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/consulta/consulta/internal/calendar"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// A registrant's own page, reached from every email by a signed link (no
// account): where they stand, the join link once it is out, their calendar
// file, the opinion map, cancelling, their data. The token is the key, so
// the page is never cached and never sent as a referrer (middleware).

type participantPage struct {
	C      consultationView
	Token  string
	Status string
	// Approved registrants: the join link (once released) and when it opens.
	Approved, Released bool
	JoinURL            string
	JoinOpens          time.Time
	JoinOpensLabel     string     // in the consultation's zone
	ReleaseAt          *time.Time // scheduled release, when not out yet
	ReleaseAtLabel     string
	OpinionsURL        string
	InputURL           string // their own form for the open call for written inputs, if one is open
	CanCancel, Erased  bool
	Done               string     // what the last action did ("cancelled", "erased", "asked", "withdrawn")
	Floor              *floorView // asking for the floor, when the session has an agenda (live_participant.go)
}

// participantFrom reads the registration a participant-page token names.
func (s *Server) participantFrom(r *http.Request) (*registration.Registration, *consultation.Consultation, error) {
	reg, err := s.registrationFromToken(r, links.Participant)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.DB.ConsultationByID(r.Context(), reg.ConsultationID)
	return reg, c, err
}

// showParticipant is the registrant's own page.
func (s *Server) showParticipant(w http.ResponseWriter, r *http.Request) {
	reg, c, err := s.participantFrom(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderParticipantStatus(w, r, http.StatusOK, reg, c, r.URL.Query().Get("done"), nil)
}

// renderParticipantStatus renders the page with a status and the error
// of asking for the floor, if any.
func (s *Server) renderParticipantStatus(w http.ResponseWriter, r *http.Request, status int, reg *registration.Registration,
	c *consultation.Consultation, done string, floorErr error) {
	p := langFrom(r.Context(), s.Catalog)
	d := participantPage{C: s.viewConsultation(r.Context(), p, c, -1), Token: r.PathValue("token"), Status: string(reg.Status),
		Approved: reg.Approved(), Released: c.Released(), JoinOpens: c.JoinOpensAt(), Done: done,
		CanCancel: reg.Status != registration.Cancelled && reg.Status != registration.Rejected,
		Erased:    reg.Email == erasedEmail(reg.ID)}
	if d.Approved && d.Released {
		d.JoinURL = s.URLs.JoinPath(reg.ID, c.EndsAt)
	}
	d.JoinOpensLabel = s.zoneLabel(p, c, d.JoinOpens)
	if !d.Released {
		if d.ReleaseAt = c.ReleaseTime(); d.ReleaseAt != nil {
			d.ReleaseAtLabel = s.zoneLabel(p, c, *d.ReleaseAt)
		}
	}
	var err error
	if d.Floor, err = s.participantFloor(r.Context(), p, c, reg, floorErr); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.OpinionsURL, err = s.Opinions.JoinPath(r.Context(), c, reg); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.InputURL, err = s.participantInputURL(r, reg, c); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "participant", s.newPage(r, p.T("participant.title"), d))
}

// cancelParticipant cancels from the registrant's page.
func (s *Server) cancelParticipant(w http.ResponseWriter, r *http.Request) {
	reg, _, err := s.participantFrom(r)
	if err == nil {
		_, err = s.Registrations.Cancel(r.Context(), reg)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/cancel")]+"?done=cancelled", http.StatusSeeOther)
}

// eraseParticipant cancels the registration and erases the personal data
// in it; the stakeholder group and country stay for the aggregate figures.
func (s *Server) eraseParticipant(w http.ResponseWriter, r *http.Request) {
	reg, _, err := s.participantFrom(r)
	if err == nil && r.PostFormValue("confirm") != "yes" {
		err = errs.InvalidFields(map[string]string{"confirm": "participant.erase.confirm_needed"})
	}
	if err == nil {
		if reg, err = s.Registrations.Cancel(r.Context(), reg); err == nil {
			err = s.DB.EraseRegistration(r.Context(), reg.ID, erasedEmail(reg.ID))
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/erase")]+"?done=erased", http.StatusSeeOther)
}

// erasedEmail is what an erased registration's address becomes: unique
// (the address is part of a unique index) and undeliverable (.invalid,
// RFC 2606).
func erasedEmail(id string) string { return "erased-" + id + "@erased.invalid" }

// participantData is "download my data": everything the registration
// holds about its registrant, as JSON.
func (s *Server) participantData(w http.ResponseWriter, r *http.Request) {
	reg, c, err := s.participantFrom(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := map[string]any{
		"consultation": c.Slug, "id": reg.ID, "given_name": reg.GivenName, "family_name": reg.FamilyName,
		"email": reg.Email, "organization": reg.Organization, "stakeholder_group": reg.StakeholderGroup,
		"country": reg.Country, "language": reg.Language, "job_title": reg.JobTitle, "gender": reg.Gender,
		"accessibility_needs": reg.AccessibilityNeeds, "status": reg.Status, "consent_at": reg.ConsentAt,
		"registered_at": reg.CreatedAt, "confirmed_at": reg.ConfirmedAt, "approved_at": reg.ApprovedAt,
		"waitlisted_at": reg.WaitlistedAt, "rejected_at": reg.RejectedAt, "reject_reason": reg.RejectReason,
		"cancelled_at": reg.CancelledAt, "link_sent_at": reg.LinkSentAt, "first_joined_at": reg.FirstJoinedAt,
		"last_joined_at": reg.LastJoinedAt,
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="registration-`+c.Slug+`.json"`)
	h.Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}

// participantICS is the registrant's own calendar file: with the personal
// join link once they may use it, the public entry otherwise.
func (s *Server) participantICS(w http.ResponseWriter, r *http.Request) {
	reg, c, err := s.participantFrom(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	text, _ := c.Text(p.Lang())
	page := s.URLs.Absolute(links.ConsultationPath(c.Slug), "")
	ev := calendar.Event{UID: "registration-" + reg.ID + "@" + s.URLs.Host(), Sequence: max(c.Version-1, 0),
		Title: text.Title, Location: placeText(p, c, text.Place), Description: p.T("ics.description", "URL", page),
		URL: page, Start: c.StartsAt, End: c.EndsAt, TimeZone: c.TimeZone, Updated: c.UpdatedAt}
	if reg.Approved() && c.Released() {
		join := s.URLs.Absolute(s.URLs.JoinPath(reg.ID, c.EndsAt), "")
		ev.Location, ev.URL, ev.Description = join, join, p.T("ics.join_description", "URL", join)
	}
	body, err := calendar.Bytes(calendar.MethodPublish, "", ev)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+c.Slug+`.ics"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}

// joinMeeting follows a personal join link: to the meeting during the
// join window, a page saying when it opens (or that it is over) otherwise.
func (s *Server) joinMeeting(w http.ResponseWriter, r *http.Request) {
	out, err := s.Meetings.Join(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if out.MeetingURL != "" {
		http.Redirect(w, r, out.MeetingURL, http.StatusSeeOther)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	d := map[string]any{"C": s.viewConsultation(r.Context(), p, out.Consultation, -1), "Released": out.Released,
		"NotYet": out.State == consultation.JoinNotYet, "Over": out.State == consultation.JoinOver,
		"Opens": out.Consultation.JoinOpensAt(), "OpensLabel": s.zoneLabel(p, out.Consultation, out.Consultation.JoinOpensAt())}
	s.render(w, r, http.StatusOK, "join", s.newPage(r, p.T("join.title"), d))
}

// reviewICS is a review's public calendar: its public consultations with
// dates, and never a meeting link.
func (s *Server) reviewICS(w http.ResponseWriter, r *http.Request) {
	rv, err := s.DB.ReviewBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.DB.Consultations(r.Context(), store.ConsultationFilter{ReviewID: rv.ID, PublicOnly: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	var events []calendar.Event
	for _, c := range list {
		if !c.Public() || c.MonthOnly {
			continue
		}
		text, _ := c.Text(p.Lang())
		page := s.URLs.Absolute(links.ConsultationPath(c.Slug), "")
		events = append(events, calendar.Event{UID: "consultation-" + c.Slug + "@consulta", Title: text.Title,
			Location: placeText(p, c, text.Place), Description: p.T("ics.description", "URL", page), URL: page,
			Start: c.StartsAt, End: c.EndsAt, TimeZone: c.TimeZone, Updated: c.UpdatedAt})
	}
	body, err := calendar.Bytes(calendar.MethodPublish, "", events...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rv.Slug+`.ics"`)
	_, _ = w.Write(body)
}

// zoneLabel is an instant as the consultation's zone writes it:
// "1 December 2026 10:30 (America/Santiago)".
func (s *Server) zoneLabel(p *i18n.Printer, c *consultation.Consultation, t time.Time) string {
	local := t.In(s.zones.Of(c))
	return p.Date(local) + " " + p.Clock(local) + " (" + c.TimeZone + ")"
}

// participantInputURL is the registrant's own form for written inputs on
// the review's (or consultation's) open call, "" when none is open or the
// registration does not stand.
func (s *Server) participantInputURL(r *http.Request, reg *registration.Registration, c *consultation.Consultation) (string, error) {
	if !reg.Verified() {
		return "", nil
	}
	call, err := s.DB.InputCall(r.Context(), c.ReviewID, c.ID)
	if errs.Is(err, errs.NotFound) || (err == nil && !call.Open(s.Now())) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	rv, err := s.DB.ReviewByID(r.Context(), c.ReviewID)
	if err != nil {
		return "", err
	}
	return s.URLs.InputParticipantPath(rv.Slug, reg.ID, call.Deadline), nil
}
