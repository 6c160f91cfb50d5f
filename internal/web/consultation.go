package web

import (
	"github.com/consulta/consulta/internal/links"
	"net/http"

	"github.com/consulta/consulta/internal/calendar"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
)

// publicConsultation loads the consultation named in the URL if the public
// may see it; drafts are not found.
func (s *Server) publicConsultation(r *http.Request) (*consultation.Consultation, error) {
	return publicOnly(s.DB.PublicConsultationBySlug(r.Context(), r.PathValue("slug")))
}

// publicConsultationHead is publicConsultation without texts and questions,
// for posts that only need the consultation's id and rules.
func (s *Server) publicConsultationHead(r *http.Request) (*consultation.Consultation, error) {
	return publicOnly(s.DB.ConsultationHeadBySlug(r.Context(), r.PathValue("slug")))
}

// publicConsultationRef is the consultation's id, slug and status only.
func (s *Server) publicConsultationRef(r *http.Request) (*consultation.Consultation, error) {
	return publicOnly(s.DB.ConsultationRefBySlug(r.Context(), r.PathValue("slug")))
}

// registrationTarget is the consultation a public registration names, by
// its slug only: the registration's transaction finds it by the slug, with
// the rules it re-reads anyway, and refuses one that is not public as not
// found, so the hot path makes no read before the transaction.
func registrationTarget(r *http.Request) *consultation.Consultation {
	return &consultation.Consultation{Slug: r.PathValue("slug")}
}

// unlessNoConsultation is a registration's error err, or not found when
// the consultation the request names is not public: a request refused
// before the transaction looked the consultation up (its input, its body)
// is refused as such only for one that exists, as the transaction refuses
// the rest. Only failed requests pay for the read.
func (s *Server) unlessNoConsultation(r *http.Request, err error) error {
	if errs.KindOf(err) == errs.NotFound {
		return err
	}
	if _, nerr := s.publicConsultationRef(r); nerr != nil {
		return nerr
	}
	return err
}

func publicOnly(c *consultation.Consultation, err error) (*consultation.Consultation, error) {
	if err != nil {
		return nil, err
	}
	if !c.Public() {
		return nil, errs.E(errs.NotFound, "consultation.not_found")
	}
	return c, nil
}

// showConsultation is the consultation's public page.
func (s *Server) showConsultation(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	set, err := s.DB.OpinionSettings(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	v := s.viewConsultation(r.Context(), p, c, c.PlacesTaken)
	v.Opinions = set.Enabled
	if v.Agenda, err = s.publicAgenda(r.Context(), p, c); err != nil {
		s.fail(w, r, err)
		return
	}
	pg := s.newPage(r, v.Title, v)
	text, _ := c.Text(p.Lang())
	pg.Meta = s.meta(p, links.ConsultationPath(c.Slug), v.When+" · "+placeText(p, c, text.Place)+". "+text.Background)
	s.render(w, r, http.StatusOK, "consultation", pg)
}

// consultationICS is the public calendar entry: no meeting link, ever.
func (s *Server) consultationICS(w http.ResponseWriter, r *http.Request) {
	c, err := s.publicConsultation(r)
	if err == nil && c.MonthOnly {
		// Known only by its month: there is no time to put in a calendar.
		err = errs.E(errs.NotFound, "consultation.no_calendar")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	text, _ := c.Text(p.Lang())
	url := s.URLs.Absolute(links.ConsultationPath(c.Slug), "")
	ev := calendar.Event{UID: "consultation-" + c.Slug + "@consulta", Title: text.Title, Location: placeText(p, c, text.Place),
		Description: p.T("ics.description", "URL", url), URL: url, Start: c.StartsAt, End: c.EndsAt,
		TimeZone: c.TimeZone, Updated: c.UpdatedAt, Cancelled: false}
	body, err := calendar.Bytes(calendar.MethodPublish, "", ev)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+c.Slug+`.ics"`)
	_, _ = w.Write(body)
}
