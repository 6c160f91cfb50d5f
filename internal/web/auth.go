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
// table in internal/staff); others signed in get 403, visitors the
// sign-in page.
func (s *Server) may(a staff.Action, h http.HandlerFunc) http.HandlerFunc {
	return s.requireStaff(func(w http.ResponseWriter, r *http.Request) {
		if !s.currentUser(r).May(a) {
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
	if !u.May(a) {
		return errs.E(errs.Forbidden, "error.forbidden")
	}
	return nil
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
