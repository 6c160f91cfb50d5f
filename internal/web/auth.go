package web

import (
	"net/http"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

const sessionUserKey = "user_id"

// currentUser is the signed-in staff member, or nil.
func (s *Server) currentUser(r *http.Request) *store.User {
	id := s.sessions.GetInt64(r.Context(), sessionUserKey)
	if id == 0 {
		return nil
	}
	u, err := s.DB.UserByID(r.Context(), id)
	if err != nil {
		return nil
	}
	return u
}

// requireStaff sends visitors who are not signed in to the sign-in page.
func (s *Server) requireStaff(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.currentUser(r) == nil {
			http.Redirect(w, r, "/admin/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h(w, r)
	}
}

// may lets through a signed-in staff member whose role allows a (the one
// table in internal/staff) on this request's consultation (userMay);
// others signed in get 403, visitors the sign-in page.
func (s *Server) may(a staff.Action, h http.HandlerFunc) http.HandlerFunc {
	return s.requireStaff(func(w http.ResponseWriter, r *http.Request) {
		if !userMay(r, s.currentUser(r), a) {
			s.fail(w, r, errs.E(errs.Forbidden, "error.forbidden"))
			return
		}
		h(w, r)
	})
}

// staffMay checks that the API token's owner may do a: 401 without a
// valid token, 403 when the role does not allow it.
func (s *Server) staffMay(r *http.Request, a staff.Action) error {
	u, err := s.bearerUser(r)
	if err != nil {
		return err
	}
	if !userMay(r, u, a) {
		return errs.E(errs.Forbidden, "error.forbidden")
	}
	return nil
}

// userMay is the one check of a staff member's right to do a in the
// request r: the role's (the table in internal/staff) and, for an account
// limited to one consultation, the consultation the route's path names.
// Every guard (may, apiMay) and every staff check inside a handler
// (staffMay) goes through it.
func userMay(r *http.Request, u *store.User, a staff.Action) bool {
	return u.May(a) && inScope(r, u)
}

// inScope reports whether the request's route lies within u's limit: an
// unlimited account everywhere; a limited one on the routes whose path
// names its consultation (/c/{slug}…, …/consultations/{slug}…), and on
// those naming nothing at all (the dashboard, which lists only its
// consultation); never on a path naming a review, an input or anything
// else, which may concern other consultations.
func inScope(r *http.Request, u *store.User) bool {
	if !u.Limited() {
		return true
	}
	if slug, ok := pathConsultation(r); ok {
		return slug == u.Consultation
	}
	return !strings.Contains(r.Pattern, "{")
}

// pathConsultation is the consultation slug the route's path names, if it
// names one (a review's routes use {slug} too, for the review).
func pathConsultation(r *http.Request) (string, bool) {
	_, path, _ := strings.Cut(r.Pattern, " ")
	if strings.HasPrefix(path, "/c/{slug}") || strings.Contains(path, "/consultations/{slug}") {
		return r.PathValue("slug"), true
	}
	return "", false
}

// bearerUser authenticates an API request by its token.
func (s *Server) bearerUser(r *http.Request) (*store.User, error) {
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || token == "" {
		return nil, errs.E(errs.Unauthorized, "error.unauthorized")
	}
	u, err := s.DB.UserByToken(r.Context(), store.TokenAPI, links.Hash(strings.TrimSpace(token)), s.Now())
	if err != nil {
		return nil, errs.E(errs.Unauthorized, "error.unauthorized")
	}
	return u, nil
}
