package web

import (
	"net/http"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/store"
)

// dashboardReview is a review and its consultations on the dashboard.
type dashboardReview struct {
	Slug, Title   string
	Consultations []dashboardConsultation
}

type dashboardConsultation struct {
	Slug, Title, Status, When string
	Public                    bool
	ApprovalRequired          bool
	Registrations             store.RegistrationCount
}

// showDashboard lists every review and every consultation, drafts included.
func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request) {
	p := langFrom(r.Context(), s.Catalog)
	reviews, err := s.DB.Reviews(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.DB.RegistrationCounts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.DB.Consultations(r.Context(), store.ConsultationFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byReview := consultationsByReview(all)
	u := s.currentUser(r)
	var list []dashboardReview
	for _, rev := range reviews {
		t, _ := rev.Text(p.Lang())
		d := dashboardReview{Slug: rev.Slug, Title: t.Title}
		for _, c := range byReview[rev.ID] {
			if u.Limited() && c.ID != u.ConsultationID {
				continue // an account limited to one consultation sees that one
			}
			e := s.dashboardEntry(r, c)
			e.ApprovalRequired, e.Registrations = c.ApprovalRequired, counts[c.ID]
			d.Consultations = append(d.Consultations, e)
		}
		if u.Limited() && len(d.Consultations) == 0 {
			continue
		}
		list = append(list, d)
	}
	s.render(w, r, http.StatusOK, "admin_dashboard", s.newPage(r, p.T("admin.dashboard.title"), list))
}

func (s *Server) dashboardEntry(r *http.Request, c *consultation.Consultation) dashboardConsultation {
	p := langFrom(r.Context(), s.Catalog)
	t, _ := c.Text(p.Lang())
	return dashboardConsultation{Slug: c.Slug, Title: t.Title, Status: p.T("admin.status." + string(c.Status)),
		When: whenLabel(p, c, s.zones.Of(c)), Public: c.Public()}
}
