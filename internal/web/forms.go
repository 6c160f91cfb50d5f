package web

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
)

// Body limits, by what a route's form holds. Every route gets one: a body
// that is not read is still accepted by net/http up to 10 MB otherwise.
const (
	smallFormBody    = 16 << 10 // a button or a few choices (vote, confirm, moderate)
	signInFormBody   = 4 << 10  // an address and a password
	registrationBody = 64 << 10 // a registration: a dozen short fields and a free text
	liveRecordBody   = 64 << 10 // the rapporteur's summary and key points, or an agenda of 30 items
	contentFormBody  = 1 << 20  // the secretariat's long background texts, in Markdown
	inputFormBody    = 2 << 20  // a written input: answers of up to 20,000 characters to several questions
	// an input form sent as multipart with files (the input forms and the
	// API's POST only): the stated total of the files, the text, and the
	// parts' headers
	attachmentsBody = inputs.MaxAttachmentsTotal + inputFormBody + 1<<20
)

// bodyLimit is the most a route's request body may hold.
func bodyLimit(pattern string) int64 {
	switch {
	case isInputForm(pattern):
		return inputFormBody
	case isAPI(pattern):
		return maxAPIBody
	case pattern == "POST /c/{slug}/register":
		return registrationBody
	case pattern == "POST /admin/login", pattern == "POST /admin/set-password/{token}",
		pattern == "POST /c/{slug}/opinions/signin":
		return signInFormBody
	case pattern == "POST /admin/consultations/{slug}/live/record", pattern == "POST /admin/consultations/{slug}/live/agenda":
		return liveRecordBody
	case isContentForm(pattern):
		return contentFormBody
	}
	return smallFormBody
}

// contentForms are the secretariat's forms of a review's or a
// consultation's texts (and their translations) and of the meeting link's
// release and messages: their bodies may be larger, some of their fields
// hold several lines, and their handlers show the form again with refused
// characters beside the field (they call formError). Any other form is
// refused by the edge itself, so a new route is safe until it is listed
// here with a handler that calls formError.
var contentForms = map[string]bool{
	"POST /admin/reviews":                                  true,
	"POST /admin/reviews/{slug}":                           true,
	"POST /admin/reviews/{slug}/translations/{lang}":       true,
	"POST /admin/consultations":                            true,
	"POST /admin/consultations/{slug}":                     true,
	"POST /admin/consultations/{slug}/translations/{lang}": true,
	"POST /admin/consultations/{slug}/meeting/release":     true,
	"POST /admin/consultations/{slug}/messages":            true,
	"POST /admin/consultations/{slug}/messages/{id}/test":  true,
	"POST /admin/consultations/{slug}/messages/{id}/send":  true,
}

// isContentForm reports whether pattern is one of contentForms.
func isContentForm(pattern string) bool { return contentForms[pattern] }

// publicInputForm reports whether pattern is one of the input forms
// anyone may post, which the routes table rate-limits (s.limited,
// s.apiLimited; TestPublicInputFormsAreLimited holds the two together).
func publicInputForm(pattern string) bool {
	return isInputForm(pattern) && !strings.HasPrefix(pattern, "POST /admin/")
}

// isInputForm reports whether pattern takes the text of a written input:
// the public, participant, edit and on-behalf forms and the API's POST.
func isInputForm(pattern string) bool {
	switch pattern {
	case "POST /reviews/{slug}/inputs", "POST /reviews/{slug}/inputs/new/{token}", "POST /inputs/edit/{token}",
		"POST /admin/reviews/{slug}/inputs", "POST /api/v1/inputs":
		return true
	}
	return false
}

func isAPI(pattern string) bool {
	_, path, _ := strings.Cut(pattern, " ")
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(pattern, "/api/")
}

// reshowsForm reports whether the route's handler shows its form again
// with characters refused beside the field (it calls formError); other
// routes refuse such a post with an error page naming the field.
func reshowsForm(pattern string) bool {
	switch pattern {
	case "POST /c/{slug}/register", "POST /c/{slug}/opinions/statements", "POST /c/{slug}/opinions/signin",
		"POST /admin/consultations/{slug}/opinions/statements":
		return true
	}
	return isContentForm(pattern) || (isInputForm(pattern) && !isAPI(pattern))
}

// edge wraps one route of the table: it names the route for the metrics,
// accepts "bearer" in any case, checks the characters of the path and query
// values, and for a page's form bounds the body, parses it and checks its
// characters. Multipart is refused except on the input forms, which take
// files (readUploads streams them into memory, with a higher limit). The
// JSON API checks its bodies in decodeJSON.
func (s *Server) edge(pattern string, h http.HandlerFunc) http.HandlerFunc {
	wildcards := patternWildcards(pattern)
	api := isAPI(pattern)
	return func(w http.ResponseWriter, r *http.Request) {
		recordRoute(r.Context(), pattern)
		normaliseBearer(r)
		withFiles := isInputForm(pattern) && hasForm(r) && isMultipart(r)
		if withFiles && publicInputForm(pattern) && s.limiter.spent(s.clientIP(r)) {
			// The route's rate limit would refuse it after the files were
			// read and stored: refuse it first, unread.
			reject := s.tooMany
			if api {
				reject = s.apiTooMany
			}
			overLimit(w, r, reject)
			return
		}
		limit := bodyLimit(pattern)
		if withFiles {
			limit = attachmentsBody
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if bad := urlProblems(r, wildcards); len(bad) > 0 {
			s.refuse(w, r, api, http.StatusUnprocessableEntity, badCharacters, bad)
			return
		}
		if (api && !withFiles) || !hasForm(r) {
			h(w, r)
			return
		}
		defer removeUploads(r)
		status, msg := 0, ""
		if withFiles {
			r, status, msg = readUploads(r)
		} else {
			status, msg = readForm(r)
		}
		if status != 0 && api {
			s.apiFail(w, r, apiProblem{status: status, code: "bad_request", message: msg})
			return
		}
		if status != 0 {
			s.refuse(w, r, false, status, msg, nil)
			return
		}
		if api { // the JSON part is checked as it is decoded
			h(w, r)
			return
		}
		bad := formProblems(r, multiLineFields(pattern))
		if len(bad) > 0 && !reshowsForm(pattern) {
			s.refuse(w, r, false, http.StatusUnprocessableEntity, badCharacters, bad)
			return
		}
		if len(bad) > 0 {
			r = r.WithContext(context.WithValue(r.Context(), badFieldsKey{}, bad))
		}
		h(w, r)
	}
}

// hasForm reports whether the request carries a body to read as a form.
func hasForm(r *http.Request) bool {
	return r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch
}

// readForm parses a urlencoded form within the body limit; it answers the
// status and catalog id of a refusal, or 0. Multipart is refused here:
// only the input forms take files, through readUploads.
func readForm(r *http.Request) (int, string) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "multipart/") {
		return http.StatusUnsupportedMediaType, "error.unsupported_form"
	}
	err := r.ParseForm()
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, "error.too_large"
	case err != nil:
		return http.StatusBadRequest, "error.bad_form"
	}
	return 0, ""
}

// removeUploads deletes the temporary files of a multipart form, should a
// handler ever parse one, whatever the outcome.
func removeUploads(r *http.Request) {
	if r.MultipartForm != nil {
		_ = r.MultipartForm.RemoveAll()
	}
}

// urlProblems checks the path's wildcard values and the query's values.
func urlProblems(r *http.Request, wildcards []string) map[string]string {
	bad := map[string]string{}
	for _, name := range wildcards {
		if badText(r.PathValue(name), false) {
			bad[name] = badCharacters
		}
	}
	q, _ := url.ParseQuery(r.URL.RawQuery)
	for name, vs := range q {
		for _, v := range vs {
			if badText(v, false) {
				bad[showable(name, false)] = badCharacters
			}
		}
	}
	return bad
}

// formProblems checks the posted values and makes refused ones showable, so
// a handler that shows the form again shows what was typed.
func formProblems(r *http.Request, multiLine []string) map[string]string {
	bad := map[string]string{}
	for _, form := range []url.Values{r.PostForm, r.Form} {
		for name, vs := range form {
			multi := slices.Contains(multiLine, name) || (strings.HasPrefix(name, "answer_") && slices.Contains(multiLine, "answer_*"))
			for i, v := range vs {
				if badText(v, multi) {
					bad[showable(name, false)] = badCharacters
					vs[i] = showable(v, multi)
				}
			}
		}
	}
	return bad
}

type badFieldsKey struct{}

// formError is the Invalid error of the fields edge refused, or nil; the
// handlers that show their form again call it before any use case.
func formError(r *http.Request) error {
	if bad, ok := r.Context().Value(badFieldsKey{}).(map[string]string); ok && len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	return nil
}

// refuse answers a request edge will not hand on: the API's JSON problem,
// or a translated error page naming the first refused field. It never
// echoes the body.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, api bool, status int, msg string, bad map[string]string) {
	if api {
		s.apiFail(w, r, errs.InvalidFields(bad)) // the API's bodies are refused in decodeJSON
		return
	}
	data := map[string]any{"Status": status, "Message": msg}
	if len(bad) > 0 {
		names := make([]string, 0, len(bad))
		for name := range bad {
			names = append(names, name)
		}
		slices.Sort(names)
		data["Message"], data["Field"] = "error.bad_characters_in", strings.Join(names, ", ")
	}
	pg := s.newPage(r, "", data)
	pg.Title = pg.T("error.title")
	s.render(w, r, status, "error", pg)
}

// patternWildcards lists the names of a pattern's {wildcards}.
func patternWildcards(pattern string) []string {
	var names []string
	for _, seg := range strings.Split(pattern, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			name = strings.TrimSuffix(strings.TrimSuffix(name, "}"), "...")
			if name != "$" {
				names = append(names, name)
			}
		}
	}
	return names
}

// normaliseBearer rewrites an Authorization header whose scheme is "bearer"
// in any case (RFC 9110 §11.1: schemes are case-insensitive) to "Bearer ",
// the form the token checks read.
func normaliseBearer(r *http.Request) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if ok && strings.EqualFold(scheme, "bearer") {
		r.Header.Set("Authorization", "Bearer "+strings.TrimSpace(token))
	}
}

// boundedInt reads an integer query parameter, def when absent. A value out
// of [lo, hi] is clamped and one that is not a number is def; ok is false
// for both, for the callers that refuse them rather than clamp.
func boundedInt(q url.Values, name string, def, lo, hi int) (n int, ok bool) {
	v := q.Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return def, false
	case err != nil && strings.HasPrefix(v, "-"), err == nil && n < lo:
		return lo, false
	case err != nil, n > hi:
		return hi, false
	}
	return n, true
}
