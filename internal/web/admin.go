package web

import "net/http"

// adminRoutes lists the secretariat's pages, all under /admin.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	s.adminAuthRoutes(mux)
	s.adminContentRoutes(mux)
	s.adminRegistrationRoutes(mux)
	s.adminOpinionRoutes(mux)
}
