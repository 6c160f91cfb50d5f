package web

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes every route in apiEndpoints; a test keeps the two
// in step. The file is internal/web/openapi/openapi.json.
//
//go:embed openapi/openapi.json
var openAPIDocument []byte

// apiEndpoint is one route of the JSON API.
type apiEndpoint struct {
	pattern string // "METHOD /path", spelled as the mux and the OpenAPI paths spell it
	handler http.HandlerFunc
}

// apiEndpoints is the one list of API routes: apiRoutes registers it and the
// OpenAPI test compares it with the document.
func (s *Server) apiEndpoints() []apiEndpoint {
	return []apiEndpoint{
		{"GET /api/v1/openapi.json", s.apiOpenAPI},
		{"GET /api/v1/consultations", s.apiListConsultations},
		{"GET /api/v1/consultations/{slug}", s.apiShowConsultation},
		{"POST /api/v1/consultations/{slug}/registrations", s.apiLimited(s.apiRegister)},
		{"GET /api/v1/consultations/{slug}/registrations", s.apiStaff(s.apiListRegistrations)},
		{"POST /api/v1/consultations/{slug}/registrations/{id}/approve", s.apiStaff(s.apiApproveRegistration)},
		{"GET /api/v1/consultations/{slug}/statements", s.apiListStatements},
		{"POST /api/v1/consultations/{slug}/statements", s.apiAddStatement},
		{"PATCH /api/v1/consultations/{slug}/statements/{id}", s.apiModerateStatement},
		{"POST /api/v1/consultations/{slug}/votes", s.apiVote},
		{"GET /api/v1/consultations/{slug}/opinions", s.apiOpinionMap},
		{"GET /api/v1/consultations/{slug}/opinions/breakdown", s.apiOpinionBreakdown},
	}
}

// apiRoutes lists the JSON API under /api/v1.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	for _, e := range s.apiEndpoints() {
		mux.HandleFunc(e.pattern, e.handler)
	}
	// Anything else under /api/ answers in JSON too, not with an HTML page.
	mux.HandleFunc("/api/", s.apiNotFound)
}

// apiOpenAPI serves the OpenAPI 3.1 description of the API.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPIDocument)
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.apiFail(w, r, apiProblem{status: http.StatusNotFound, code: "not_found", message: "api.no_route"})
}
