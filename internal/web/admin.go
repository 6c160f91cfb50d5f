package web

import "net/http"

// adminRoutes lists the secretariat's pages.
func (s *Server) adminRoutes(mux *http.ServeMux) {}
