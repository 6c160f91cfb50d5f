package web

import (
	"context"
	"net/http"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/links"
)

// apiConsultation is a consultation in the API, texts in the request
// language. Like consultationView it has no field for the meeting URL.
type apiConsultation struct {
	Slug         string            `json:"slug"`
	Title        string            `json:"title"`
	Review       string            `json:"review"`
	Region       string            `json:"region"`
	Format       string            `json:"format"`
	Status       string            `json:"status"`
	TimeZone     string            `json:"time_zone"`
	StartsAt     string            `json:"starts_at"`
	EndsAt       string            `json:"ends_at"`
	MonthOnly    bool              `json:"month_only"`
	Languages    []string          `json:"languages"`
	Partners     []string          `json:"partners"`
	Place        string            `json:"place"`
	URL          string            `json:"url"`
	ICSURL       string            `json:"ics_url"`
	Registration apiRegistrationOf `json:"registration"`
}

// apiRegistrationOf says whether a consultation takes registrations now.
type apiRegistrationOf struct {
	Open             bool    `json:"open"`
	Reason           *string `json:"reason"`      // catalog id when closed
	PlacesLeft       *int    `json:"places_left"` // nil without a capacity limit
	OpensAt          *string `json:"opens_at"`
	ClosesAt         string  `json:"closes_at"`
	ApprovalRequired bool    `json:"approval_required"`
}

// apiConsultationDetail adds the long texts and people to apiConsultation.
type apiConsultationDetail struct {
	apiConsultation
	BackgroundMarkdown string                `json:"background_markdown"`
	ObjectivesMarkdown string                `json:"objectives_markdown"`
	OpeningRemarks     string                `json:"opening_remarks"`
	Moderators         []consultation.Person `json:"moderators"`
	Chair              *consultation.Person  `json:"chair"`
	ContactEmail       string                `json:"contact_email"`
	Questions          []apiQuestion         `json:"questions"`
}

type apiQuestion struct {
	ID   int64  `json:"id"`
	Text string `json:"text"`
}

// apiTime is t in RFC 3339 with the consultation's own zone offset, loc
// (from s.zones: loading a zone reads its file).
func apiTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.RFC3339)
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// apiListConsultations lists the public consultations in date order.
func (s *Server) apiListConsultations(w http.ResponseWriter, r *http.Request) {
	list, err := s.DB.PublicConsultations(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	reviews, err := s.reviewSlugs(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := []apiConsultation{}
	for _, c := range list {
		v, err := s.apiConsultationOf(r.Context(), c, reviews)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		out = append(out, v)
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"consultations": out})
}

// apiShowConsultation is one public consultation with its texts.
func (s *Server) apiShowConsultation(w http.ResponseWriter, r *http.Request) {
	if s.apiStaffShow(w, r) {
		return
	}
	c, err := s.publicConsultation(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	reviews, err := s.reviewSlugs(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	v, err := s.apiConsultationOf(r.Context(), c, reviews)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.apiDetailOf(r.Context(), c, v))
}

// reviewSlugs maps review ids to slugs.
func (s *Server) reviewSlugs(ctx context.Context) (map[int64]string, error) {
	reviews, err := s.DB.Reviews(ctx)
	if err != nil {
		return nil, err
	}
	slugs := map[int64]string{}
	for _, rv := range reviews {
		slugs[rv.ID] = rv.Slug
	}
	return slugs, nil
}

// apiConsultationOf builds the list form of c in the request language.
func (s *Server) apiConsultationOf(ctx context.Context, c *consultation.Consultation, reviews map[int64]string) (apiConsultation, error) {
	lang := langFrom(ctx, s.Catalog).Lang()
	text, _ := c.Text(lang)
	reg, err := s.apiRegistrationState(ctx, c)
	if err != nil {
		return apiConsultation{}, err
	}
	page, loc := s.URLs.Absolute(links.ConsultationPath(c.Slug), ""), s.zones.Of(c)
	return apiConsultation{Slug: c.Slug, Title: text.Title, Review: reviews[c.ReviewID], Region: c.Region,
		Format: string(c.Format), Status: string(c.Status), TimeZone: c.TimeZone,
		StartsAt: apiTime(c.StartsAt, loc), EndsAt: apiTime(c.EndsAt, loc), MonthOnly: c.MonthOnly,
		Languages: nonNil(c.Languages), Partners: nonNil(c.Partners), Place: text.Place,
		URL: page, ICSURL: page + "/event.ics", Registration: reg}, nil
}

// apiRegistrationState applies the window and capacity now.
func (s *Server) apiRegistrationState(ctx context.Context, c *consultation.Consultation) (apiRegistrationOf, error) {
	st := c.RegistrationState(s.Now(), c.PlacesTaken)
	loc := s.zones.Of(c)
	out := apiRegistrationOf{Open: st.Open, ApprovalRequired: c.ApprovalRequired, ClosesAt: apiTime(c.EndsAt, loc)}
	if st.Reason != "" {
		out.Reason = &st.Reason
	}
	if st.Left >= 0 {
		out.PlacesLeft = &st.Left
	}
	if c.RegistrationOpens != nil {
		opens := apiTime(*c.RegistrationOpens, loc)
		out.OpensAt = &opens
	}
	if c.RegistrationEnds != nil {
		out.ClosesAt = apiTime(*c.RegistrationEnds, loc)
	}
	return out, nil
}

// apiDetailOf adds the detail fields of c to its list form v.
func (s *Server) apiDetailOf(ctx context.Context, c *consultation.Consultation, v apiConsultation) apiConsultationDetail {
	lang := langFrom(ctx, s.Catalog).Lang()
	text, _ := c.Text(lang)
	d := apiConsultationDetail{apiConsultation: v, BackgroundMarkdown: text.Background,
		ObjectivesMarkdown: text.Objectives, OpeningRemarks: text.OpeningRemarks,
		Moderators: nonNil(c.Moderators), ContactEmail: c.ContactEmail, Questions: []apiQuestion{}}
	if c.Chair.Name != "" {
		chair := c.Chair
		d.Chair = &chair
	}
	for _, q := range c.Questions {
		t, _ := q.Text(lang)
		d.Questions = append(d.Questions, apiQuestion{ID: q.ID, Text: t})
	}
	return d
}
