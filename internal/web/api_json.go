package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/staff"
)

// maxAPIBody bounds a JSON request body.
const maxAPIBody = 64 << 10

// apiErrorBody is the one shape of every API error.
type apiErrorBody struct {
	Error apiErrorDetail `json:"error"`
}

type apiErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`          // translated into the request language
	Fields  map[string]string `json:"fields,omitempty"` // field -> translated message
}

// apiProblem is an HTTP-level failure that has no domain error kind (bad
// JSON, wrong content type, too large, rate limited).
type apiProblem struct {
	status  int
	code    string // stable machine code, e.g. "bad_request"
	message string // catalog id
}

func (p apiProblem) Error() string { return p.code }

// apiCodes are the stable error codes by kind; Closed errors use their
// catalog id instead ("registration.closed", "registration.full", ...).
func apiCode(err error) string {
	if errs.KindOf(err) == errs.Closed && errs.CodeOf(err) != "" {
		return errs.CodeOf(err)
	}
	return map[errs.Kind]string{
		errs.Internal:     "internal",
		errs.Invalid:      "invalid",
		errs.NotFound:     "not_found",
		errs.Conflict:     "conflict",
		errs.Unauthorized: "unauthorized",
		errs.Forbidden:    "forbidden",
		errs.Closed:       "closed",
	}[errs.KindOf(err)]
}

// apiFail writes err as a JSON error; internal errors are logged and shown
// only as a generic translated message.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	var p apiProblem
	if errors.As(err, &p) {
		s.apiError(w, r, p.status, apiErrorDetail{Code: p.code, Message: p.message})
		return
	}
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.Logger.ErrorContext(r.Context(), "api request failed", "route", r.Pattern, "err", err)
		s.apiError(w, r, status, apiErrorDetail{Code: "internal", Message: "error.internal"})
		return
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="consulta"`)
	}
	msg := errs.CodeOf(err)
	if msg == "" {
		msg = "error.generic"
	}
	s.apiError(w, r, status, apiErrorDetail{Code: apiCode(err), Message: msg, Fields: errs.FieldsOf(err)})
}

// apiError translates d's message and field catalog ids and writes it.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, status int, d apiErrorDetail) {
	p := langFrom(r.Context(), s.Catalog)
	out := apiErrorDetail{Code: d.Code, Message: p.T(d.Message)}
	if len(d.Fields) > 0 {
		out.Fields = map[string]string{}
		for name, id := range d.Fields {
			out.Fields[name] = p.T(id)
		}
	}
	s.writeJSON(w, r, status, apiErrorBody{Error: out})
}

// writeJSON writes v as UTF-8 JSON with a status.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.Logger.ErrorContext(r.Context(), "api encode failed", "route", r.Pattern, "err", err)
		status, body = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Language", langFrom(r.Context(), s.Catalog).Lang())
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// decodeJSON reads one JSON object of at most the route's body limit
// (maxAPIBody but for a written input) into dst.
// Unknown fields are refused so a misspelt field is not silently dropped;
// so is text we do not store (jsonTextProblems: invalid UTF-8, lone
// surrogates, NUL and control characters), by field. Nesting deeper than
// encoding/json allows (10000) is bad JSON; the size limit comes first.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return apiProblem{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", message: "api.content_type"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, bodyLimit(r.Pattern)))
	if err != nil {
		return bodyProblem(err)
	}
	return decodeJSONBody(body, r.Pattern, dst)
}

// decodeJSONBody checks the text of a JSON body read for route pattern
// (or a multipart request's JSON part) and decodes it into dst.
func decodeJSONBody(body []byte, pattern string, dst any) error {
	if bad := jsonTextProblems(body, multiLineFields(pattern)); len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON object")
	}
	if err != nil {
		return apiProblem{status: http.StatusBadRequest, code: "bad_request", message: "api.bad_json"}
	}
	return nil
}

// bodyProblem is the API's answer to a body that could not be read.
func bodyProblem(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return apiProblem{status: http.StatusRequestEntityTooLarge, code: "too_large", message: "api.too_large"}
	}
	return apiProblem{status: http.StatusBadRequest, code: "bad_request", message: "api.bad_json"}
}

// apiLimited applies the public-form rate limit (the same limiter as the
// HTML forms) and answers in JSON when it is exceeded.
func (s *Server) apiLimited(h http.HandlerFunc) http.HandlerFunc {
	return s.rateLimited(h, s.apiTooMany)
}

// apiTooMany is the API's answer to a client over the public rate limit.
func (s *Server) apiTooMany(w http.ResponseWriter, r *http.Request) {
	s.apiFail(w, r, apiProblem{status: http.StatusTooManyRequests, code: "rate_limited", message: "error.rate_limited"})
}

// apiMay requires an API token (Authorization: Bearer ...) whose owner's
// role allows a: 401 without one, a 403 problem when the role does not.
func (s *Server) apiMay(a staff.Action, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Add("Vary", "Authorization")
		if err := s.staffMay(r, a); err != nil {
			s.apiFail(w, r, err)
			return
		}
		h(w, r)
	}
}
