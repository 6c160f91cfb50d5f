package web

import "net/http"

// adminRegistrationRoutes: registrations list, balance, exports, outbox.
func (s *Server) adminRegistrationRoutes(mux *http.ServeMux) {}
