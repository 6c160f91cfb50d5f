package web

import (
	"net/http"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/store"
)

// adminContentRoutes: dashboard, reviews and consultations. Reading needs a
// staff account; changing anything needs the admin role.
func (s *Server) adminContentRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin", s.requireStaff(s.showDashboard))

	mux.HandleFunc("GET /admin/reviews/new", s.requireStaff(s.showNewReview))
	mux.HandleFunc("POST /admin/reviews", s.requireAdmin(s.createReview))
	mux.HandleFunc("GET /admin/reviews/{slug}/edit", s.requireStaff(s.showEditReview))
	mux.HandleFunc("POST /admin/reviews/{slug}", s.requireAdmin(s.updateReview))
	mux.HandleFunc("GET /admin/reviews/{slug}/translations/{lang}", s.requireStaff(s.showReviewTranslation))
	mux.HandleFunc("POST /admin/reviews/{slug}/translations/{lang}", s.requireAdmin(s.saveReviewTranslation))

	mux.HandleFunc("GET /admin/consultations/new", s.requireStaff(s.showNewConsultation))
	mux.HandleFunc("POST /admin/consultations", s.requireAdmin(s.createConsultation))
	mux.HandleFunc("GET /admin/consultations/{slug}/edit", s.requireStaff(s.showEditConsultation))
	mux.HandleFunc("POST /admin/consultations/{slug}", s.requireAdmin(s.updateConsultation))
	mux.HandleFunc("GET /admin/consultations/{slug}/translations/{lang}", s.requireStaff(s.showConsultationTranslation))
	mux.HandleFunc("POST /admin/consultations/{slug}/translations/{lang}", s.requireAdmin(s.saveConsultationTranslation))
}

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
	var list []dashboardReview
	for _, rev := range reviews {
		cs, err := s.DB.Consultations(r.Context(), store.ConsultationFilter{ReviewID: rev.ID})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		t, _ := rev.Text(p.Lang())
		d := dashboardReview{Slug: rev.Slug, Title: t.Title}
		for _, c := range cs {
			e := s.dashboardEntry(r, c)
			e.ApprovalRequired, e.Registrations = c.ApprovalRequired, counts[c.ID]
			d.Consultations = append(d.Consultations, e)
		}
		list = append(list, d)
	}
	s.render(w, r, http.StatusOK, "admin_dashboard", s.newPage(r, p.T("admin.dashboard.title"), list))
}

func (s *Server) dashboardEntry(r *http.Request, c *consultation.Consultation) dashboardConsultation {
	p := langFrom(r.Context(), s.Catalog)
	t, _ := c.Text(p.Lang())
	return dashboardConsultation{Slug: c.Slug, Title: t.Title, Status: p.T("admin.status." + string(c.Status)),
		When: whenLabel(p, c, c.Location()), Public: c.Public()}
}
