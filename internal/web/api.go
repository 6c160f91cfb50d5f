package web

import "net/http"

// apiRoutes lists the JSON API under /api/v1.
func (s *Server) apiRoutes(mux *http.ServeMux) {}
