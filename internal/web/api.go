package web

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes every /api/v1 route of the routes table; a
// test keeps the two in step. The file is internal/web/openapi/openapi.json.
//
//go:embed openapi/openapi.json
var openAPIDocument []byte

// apiOpenAPI serves the OpenAPI 3.1 description of the API.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPIDocument)
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.apiFail(w, r, apiProblem{status: http.StatusNotFound, code: "not_found", message: "api.no_route"})
}
