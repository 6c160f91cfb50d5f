package web

import (
	"io/fs"
	"net/http"
)

// routes is the table of every URL Consulta serves.
func (s *Server) routes(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metrics.handler())

	// Public pages.
	mux.HandleFunc("GET /{$}", s.showHome)
	mux.HandleFunc("GET /privacy", s.showPrivacy)
	mux.HandleFunc("GET /c/{slug}", s.showConsultation)
	mux.HandleFunc("GET /c/{slug}/event.ics", s.consultationICS)
	mux.HandleFunc("GET /c/{slug}/register", s.showRegistrationForm)
	mux.HandleFunc("POST /c/{slug}/register", s.limited(s.submitRegistration))
	mux.HandleFunc("GET /c/{slug}/registered", s.showCheckEmail)
	mux.HandleFunc("GET /r/confirm/{token}", s.showConfirm)
	mux.HandleFunc("POST /r/confirm/{token}", s.confirmRegistration)
	mux.HandleFunc("GET /r/cancel/{token}", s.showCancel)
	mux.HandleFunc("POST /r/cancel/{token}", s.cancelRegistration)

	s.opinionRoutes(mux)

	s.adminRoutes(mux)
	s.apiRoutes(mux)
}
