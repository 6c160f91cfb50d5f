package web

import (
	"net/http"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
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
