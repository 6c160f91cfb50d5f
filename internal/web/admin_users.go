package web

import (
	"net/http"
	"strconv"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

// Staff accounts: who has which role, and the consultation a moderator or
// rapporteur is limited to (the guard, userMay, enforces it).

type usersPage struct {
	Users         []userRow
	Consultations []consultationChoice
	Saved         string // the address just changed
}

type userRow struct {
	ID                       int64
	Email, Name, Role, Limit string // Limit: the consultation's slug
	Limitable                bool
}

type consultationChoice struct{ Slug, Title string }

// roleLabels name the roles on the page.
var roleLabels = map[staff.Role]string{staff.Admin: "users.role.admin", staff.Secretariat: "users.role.secretariat",
	staff.Moderator: "users.role.moderator", staff.Rapporteur: "users.role.rapporteur"}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.DB.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.DB.Consultations(r.Context(), store.ConsultationFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	d := usersPage{}
	for _, c := range all {
		t, _ := c.Text(p.Lang())
		d.Consultations = append(d.Consultations, consultationChoice{Slug: c.Slug, Title: t.Title})
	}
	for _, u := range users {
		d.Users = append(d.Users, userRow{ID: u.ID, Email: u.Email, Name: u.Name, Role: p.T(roleLabels[staff.Role(u.Role)]), Limit: u.Consultation,
			Limitable: staff.Role(u.Role).Limitable()})
		if strconv.FormatInt(u.ID, 10) == r.URL.Query().Get("saved") {
			d.Saved = u.Email
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "admin_users", s.newPage(r, p.T("users.title"), d))
}

// saveUserScope limits an account to one consultation (consultation=slug)
// or to none (empty).
func (s *Server) saveUserScope(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, errs.E(errs.NotFound, "user.not_found"))
		return
	}
	var cid int64
	if slug := r.PostFormValue("consultation"); slug != "" {
		c, err := s.DB.ConsultationBySlug(r.Context(), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cid = c.ID
	}
	if err := s.DB.SetUserScope(r.Context(), id, cid); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?saved="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
