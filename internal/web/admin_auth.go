package web

import "net/http"

// adminAuthRoutes: sign-in, sign-out, set password.
func (s *Server) adminAuthRoutes(mux *http.ServeMux) {}

// adminContentRoutes: dashboard, reviews and consultations.
func (s *Server) adminContentRoutes(mux *http.ServeMux) {}
