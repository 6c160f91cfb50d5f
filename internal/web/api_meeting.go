package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/staff"
)

// The staff API of the meeting link: editing a consultation (schedule
// included), rejecting, releasing, and messages to registrants.

// apiStaffConsultation is what a staff member who may read the meeting
// link sees beyond the public detail.
type apiStaffConsultation struct {
	apiConsultationDetail
	MeetingURL        string   `json:"meeting_url"`
	Capacity          int      `json:"capacity"`
	PlacesTaken       int      `json:"places_taken"`
	ApprovalRequired  bool     `json:"approval_required"`
	LinkReleaseAt     *string  `json:"link_release_at"`
	LinkReleaseBefore *string  `json:"link_release_before"`
	JoinOpensBefore   string   `json:"join_opens_before"`
	Reminders         []string `json:"reminders"`
	LinkVersion       int      `json:"link_version"`
	LinkReleasedAt    *string  `json:"link_released_at"`
}

// staffView adds the staff fields to the public detail of c.
func (s *Server) staffView(r *http.Request, c *consultation.Consultation) (apiStaffConsultation, error) {
	reviews, err := s.reviewSlugs(r.Context())
	if err != nil {
		return apiStaffConsultation{}, err
	}
	v, err := s.apiConsultationOf(r.Context(), c, reviews)
	if err != nil {
		return apiStaffConsultation{}, err
	}
	loc := s.zones.Of(c)
	out := apiStaffConsultation{apiConsultationDetail: s.apiDetailOf(r.Context(), c, v), MeetingURL: c.MeetingURL,
		Capacity: c.Capacity, PlacesTaken: c.PlacesTaken, ApprovalRequired: c.ApprovalRequired,
		JoinOpensBefore: consultation.FormatDuration(c.JoinOpensBefore), Reminders: []string{}, LinkVersion: c.Version}
	if c.LinkReleaseAt != nil {
		t := apiTime(*c.LinkReleaseAt, loc)
		out.LinkReleaseAt = &t
	}
	if c.LinkReleaseBefore != nil {
		d := consultation.FormatDuration(*c.LinkReleaseBefore)
		out.LinkReleaseBefore = &d
	}
	if c.ReleasedAt != nil {
		t := apiTime(*c.ReleasedAt, loc)
		out.LinkReleasedAt = &t
	}
	for _, d := range c.Reminders {
		out.Reminders = append(out.Reminders, consultation.FormatDuration(d))
	}
	return out, nil
}

// apiStaffShow answers GET of a consultation for a staff token that may
// read the meeting link (drafts included); it reports false when the
// request carries no such token, for the public answer to take over.
func (s *Server) apiStaffShow(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") == "" {
		return false
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Add("Vary", "Authorization")
	u, err := s.bearerUser(r)
	if err != nil || !userMay(r, u, staff.ReadMeetingURL) {
		return false
	}
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	var out apiStaffConsultation
	if err == nil {
		out, err = s.staffView(r, c)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return true
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return true
}

// apiConsultationPatch is PATCH's body: every field optional; the
// nullable ones take null to clear.
type apiConsultationPatch struct {
	Title             *string         `json:"title"`
	Place             *string         `json:"place"`
	Background        *string         `json:"background_markdown"`
	Objectives        *string         `json:"objectives_markdown"`
	OpeningRemarks    *string         `json:"opening_remarks"`
	Notice            *string         `json:"notice"`
	Status            *string         `json:"status"`
	Format            *string         `json:"format"`
	Region            *string         `json:"region"`
	TimeZone          *string         `json:"time_zone"`
	StartsAt          *string         `json:"starts_at"`
	EndsAt            *string         `json:"ends_at"`
	MonthOnly         *bool           `json:"month_only"`
	Languages         *[]string       `json:"languages"`
	Partners          *[]string       `json:"partners"`
	ContactEmail      *string         `json:"contact_email"`
	Capacity          *int            `json:"capacity"`
	ApprovalRequired  *bool           `json:"approval_required"`
	RegistrationOpens json.RawMessage `json:"registration_opens"`
	RegistrationEnds  json.RawMessage `json:"registration_ends"`
	MeetingURL        *string         `json:"meeting_url"`
	LinkReleaseAt     json.RawMessage `json:"link_release_at"`
	LinkReleaseBefore json.RawMessage `json:"link_release_before"`
	JoinOpensBefore   *string         `json:"join_opens_before"`
	Reminders         *[]string       `json:"reminders"`
}

// apiPatchConsultation changes the fields given, through the same use case
// as the admin form (the schedule, updates after a release, promotions).
func (s *Server) apiPatchConsultation(w http.ResponseWriter, r *http.Request) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiConsultationPatch
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	u, _ := s.bearerUser(r)
	if in.MeetingURL != nil && !userMay(r, u, staff.ReadMeetingURL) {
		s.apiFail(w, r, errs.E(errs.Forbidden, "error.forbidden"))
		return
	}
	if bad := s.applyPatch(c, in); len(bad) > 0 {
		s.apiFail(w, r, errs.InvalidFields(bad))
		return
	}
	if err := s.Meetings.Save(r.Context(), c); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if c, err = s.DB.ConsultationByID(r.Context(), c.ID); err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.staffView(r, c)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// applyPatch copies the given fields onto c and returns the errors only
// parsing can find (validation finds the rest).
func (s *Server) applyPatch(c *consultation.Consultation, in apiConsultationPatch) map[string]string {
	bad := map[string]string{}
	t := c.Texts[c.OriginalLang]
	for _, f := range []struct {
		src *string
		dst *string
	}{{in.Title, &t.Title}, {in.Place, &t.Place}, {in.Background, &t.Background}, {in.Objectives, &t.Objectives},
		{in.OpeningRemarks, &t.OpeningRemarks}, {in.Notice, &t.Notice}, {in.Region, &c.Region},
		{in.ContactEmail, &c.ContactEmail}, {in.MeetingURL, &c.MeetingURL}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	c.Texts[c.OriginalLang] = t
	if in.Status != nil {
		c.Status = consultation.Status(*in.Status)
	}
	if in.Format != nil {
		c.Format = consultation.Format(*in.Format)
	}
	if in.TimeZone != nil {
		c.TimeZone = *in.TimeZone
	}
	if c.Region != "" && s.Countries.RegionName(c.Region, i18n.Source) == "" {
		bad["region"] = "error.choice"
	}
	for _, f := range []struct {
		name string
		src  *string
		dst  *time.Time
	}{{"starts_at", in.StartsAt, &c.StartsAt}, {"ends_at", in.EndsAt, &c.EndsAt}} {
		if f.src == nil {
			continue
		}
		if at, err := time.Parse(time.RFC3339, *f.src); err == nil {
			*f.dst = at.UTC()
		} else {
			bad[f.name] = "error.datetime"
		}
	}
	for _, f := range []struct {
		name string
		src  json.RawMessage
		dst  **time.Time
	}{{"registration_opens", in.RegistrationOpens, &c.RegistrationOpens}, {"registration_ends", in.RegistrationEnds,
		&c.RegistrationEnds}, {"link_release_at", in.LinkReleaseAt, &c.LinkReleaseAt}} {
		if err := patchTime(f.src, f.dst); err != nil {
			bad[f.name] = "error.datetime"
		}
	}
	if len(in.LinkReleaseBefore) > 0 {
		var d *string
		if err := json.Unmarshal(in.LinkReleaseBefore, &d); err != nil {
			bad["link_release_before"] = "error.duration"
		} else if c.LinkReleaseBefore = nil; d != nil {
			if dur, ok := consultation.ParseDuration(*d); ok {
				c.LinkReleaseBefore = &dur
			} else {
				bad["link_release_before"] = "error.duration"
			}
		}
	}
	if in.JoinOpensBefore != nil {
		if d, ok := consultation.ParseDuration(*in.JoinOpensBefore); ok {
			c.JoinOpensBefore = d
		} else {
			bad["join_opens_before"] = "error.duration"
		}
	}
	if in.Reminders != nil {
		if ds, ok := consultation.ParseDurations(strings.Join(*in.Reminders, ",")); ok {
			c.Reminders = ds
		} else {
			bad["reminders"] = "error.duration"
		}
	}
	if in.MonthOnly != nil {
		c.MonthOnly = *in.MonthOnly
	}
	if in.ApprovalRequired != nil {
		c.ApprovalRequired = *in.ApprovalRequired
	}
	if in.Capacity != nil {
		c.Capacity = *in.Capacity
	}
	if in.Languages != nil {
		c.Languages = *in.Languages
		for _, l := range c.Languages {
			if !i18n.Supported(l) {
				bad["languages"] = "error.choice"
			}
		}
	}
	if in.Partners != nil {
		c.Partners = *in.Partners
	}
	return bad
}

// patchTime applies an optional, nullable RFC 3339 time.
func patchTime(src json.RawMessage, dst **time.Time) error {
	if len(src) == 0 {
		return nil
	}
	var s *string
	if err := json.Unmarshal(src, &s); err != nil {
		return err
	}
	if s == nil {
		*dst = nil
		return nil
	}
	at, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		return err
	}
	at = at.UTC()
	*dst = &at
	return nil
}

// apiRejectRegistration refuses a registration with {"reason"}.
func (s *Server) apiRejectRegistration(w http.ResponseWriter, r *http.Request) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	reg, err := s.Registrations.Reject(r.Context(), c, r.PathValue("id"), in.Reason)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, apiRegistrationOfRow(reg))
}

// apiReleaseLink sends the join links now; releasing again sends nothing.
func (s *Server) apiReleaseLink(w http.ResponseWriter, r *http.Request) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	version, err := s.Meetings.ReleaseNow(r.Context(), c)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusAccepted, map[string]any{"link_version": version})
}

// apiMessageIn is a message to registrants: the original text, versions
// in other languages, the filter, and whether it is only a test send to
// the token's owner.
type apiMessageIn struct {
	Lang         string                               `json:"lang"`
	Subject      string                               `json:"subject"`
	Body         string                               `json:"body"`
	Translations map[string]messages.AnnouncementText `json:"translations"`
	Filter       messages.AnnouncementFilter          `json:"filter"`
	Test         bool                                 `json:"test"`
}

// apiSendMessage stores a message and sends it (to its filter's
// registrants, or as a test to the caller).
func (s *Server) apiSendMessage(w http.ResponseWriter, r *http.Request) {
	c, err := s.DB.ConsultationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiMessageIn
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	u, err := s.bearerUser(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if in.Lang == "" {
		in.Lang = i18n.Source
	}
	if !i18n.Supported(in.Lang) {
		s.apiFail(w, r, errs.InvalidFields(map[string]string{"lang": "error.choice"}))
		return
	}
	if st := in.Filter.Status; st != "" && !validStatus(st) {
		s.apiFail(w, r, errs.InvalidFields(map[string]string{"status": "error.choice"}))
		return
	}
	if err := s.checkMessageFilter(in.Filter); err != nil {
		s.apiFail(w, r, err)
		return
	}
	a := &messages.Announcement{ConsultationID: c.ID, OriginalLang: in.Lang, CreatedBy: u.Email, Filter: in.Filter,
		Texts: map[string]messages.AnnouncementText{in.Lang: {Subject: in.Subject, Body: in.Body}}}
	for l, t := range in.Translations {
		if !i18n.Supported(l) {
			s.apiFail(w, r, errs.InvalidFields(map[string]string{"translations": "error.choice"}))
			return
		}
		if l != in.Lang {
			a.Texts[l] = t
		}
	}
	if err := s.Meetings.CreateAnnouncement(r.Context(), a); err != nil {
		s.apiFail(w, r, err)
		return
	}
	status := "sending"
	if in.Test {
		err, status = s.Meetings.TestAnnouncement(r.Context(), a.ID, u.Email, in.Lang), "test_sent"
	} else {
		err = s.Meetings.SendAnnouncement(r.Context(), a.ID)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusAccepted, map[string]any{"id": a.ID, "status": status})
}
