package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// hostileTexts are values no field may store: NUL, a control character,
// invalid UTF-8, and an overlong "/" followed by an encoded surrogate.
var hostileTexts = map[string]string{
	"nul":       "An\x00a",
	"control":   "An\x1ba",
	"invalid":   "An\xff\xfea",
	"surrogate": "\xc0\xaf\xed\xa0\x80",
}

// bidiName is text (a right-to-left override is a character people type),
// so it is accepted and must be stored exactly.
const bidiName = "Ana \u202eazuoS\u202c"

// hostileJSON are JSON string literals refused for the same reasons, the
// lone surrogates included (encoding/json would quietly make them U+FFFD).
var hostileJSON = map[string]string{
	"nul":        `"An\u0000a"`,
	"control":    `"An\u001ba"`,
	"lone high":  `"An\ud800a"`,
	"lone low":   `"An\udc00a"`,
	"raw bytes":  "\"An\xff\xfea\"",
	"two highs":  `"\ud800\ud800"`,
	"line break": `"An\na"`, // a name is one line
}

type hostileApp struct {
	*apptest.App
	participant *http.Client
	token       string
}

func startHostile(t *testing.T, engine string) *hostileApp {
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	a.AddStaff(t, "sec@example.org", adminPassword, "admin")
	h := &hostileApp{App: a, participant: participantClient(t, a, "part@example.org")}
	_, body := a.Get(t, h.participant, votePath)
	m := tokenRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the voting page shows no API token")
	}
	h.token = m[1]
	return h
}

// send posts body with a content type and returns the status and body.
func (h *hostileApp) send(t *testing.T, c *http.Client, method, path, ctype string, body io.Reader, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, h.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Origin", h.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// formTarget is a public form and the field the hostile value goes into.
type formTarget struct {
	name, path, field string
	client            func(h *hostileApp) *http.Client
	form              func() url.Values
}

func formTargets() []formTarget {
	anon := func(h *hostileApp) *http.Client { return h.Client() }
	part := func(h *hostileApp) *http.Client { return h.participant }
	return []formTarget{
		{"registration", "/c/" + demo.LACSlug + "/register", "given_name", anon,
			func() url.Values { return registrationForm("hostile@example.org") }},
		{"opinion sign-in", "/c/" + demo.LACSlug + "/opinions/signin", "email", anon,
			func() url.Values { return url.Values{"email": {"x@example.org"}} }},
		{"statement", "/c/" + demo.LACSlug + "/opinions/statements", "statement", part,
			func() url.Values { return url.Values{"statement": {"A statement."}} }},
		{"vote", votePath, "vote", part, func() url.Values { return url.Values{"tid": {"0"}, "vote": {"agree"}} }},
		{"admin login", "/admin/login", "email", anon,
			func() url.Values { return url.Values{"email": {"sec@example.org"}, "password": {adminPassword}} }},
	}
}

// apiTarget is a public JSON post and a body with a %s for the hostile value.
type apiTarget struct {
	name, path, field, body string
	participant             bool
}

func apiTargets() []apiTarget {
	base := "/api/v1/consultations/" + demo.LACSlug
	return []apiTarget{
		{"registration", base + "/registrations", "given_name", strings.Replace(validRegistration, `"Ana"`, "%s", 1), false},
		{"statement", base + "/statements", "text", `{"text":%s}`, true},
		{"vote", base + "/votes", "vote", `{"statement_id":0,"vote":%s}`, true},
	}
}

func TestHostileInput(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			h := startHostile(t, engine)
			t.Run("forms", func(t *testing.T) { testHostileForms(t, h) })
			t.Run("api", func(t *testing.T) { testHostileAPI(t, h) })
			t.Run("huge bodies", func(t *testing.T) { testHugeBodies(t, h) })
			t.Run("bidi kept", func(t *testing.T) { testBidiStoredExactly(t, h) })
		})
	}
}

// testHostileForms: every hostile value in every public form is a 422 that
// names the problem, and nothing is stored.
func testHostileForms(t *testing.T, h *hostileApp) {
	before := countRegistrations(t, h.App)
	statements := statementBodies(t, h)
	for _, ft := range formTargets() {
		for kind, v := range hostileTexts {
			form := ft.form()
			form.Set(ft.field, v)
			status, body := h.send(t, ft.client(h), "POST", ft.path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, "cannot be used") {
				t.Errorf("%s with %s: %d, want 422 saying so:\n%.400s", ft.name, kind, status, body)
			}
		}
	}
	if n := countRegistrations(t, h.App); n != before {
		t.Errorf("%d registrations after hostile posts, want %d", n, before)
	}
	if got := statementBodies(t, h); len(got) != len(statements) {
		t.Errorf("statements %q after hostile posts, want %q", got, statements)
	}
}

// testHostileAPI: the same through JSON, answered with a problem listing the field.
func testHostileAPI(t *testing.T, h *hostileApp) {
	before := countRegistrations(t, h.App)
	for _, at := range apiTargets() {
		var header []string
		if at.participant {
			header = []string{"Authorization", "Bearer " + h.token}
		}
		for kind, lit := range hostileJSON {
			if kind == "line break" && at.field == "text" {
				continue // a statement may have several lines
			}
			body := strings.Replace(at.body, "%s", lit, 1)
			status, out := h.send(t, h.Client(), "POST", at.path, "application/json", strings.NewReader(body), header...)
			var p struct {
				Error struct {
					Fields map[string]string `json:"fields"`
				} `json:"error"`
			}
			_ = json.Unmarshal([]byte(out), &p)
			if status != http.StatusUnprocessableEntity || !strings.Contains(p.Error.Fields[at.field], "cannot be used") {
				t.Errorf("API %s with %s: %d %s, want 422 naming %s", at.name, kind, status, out, at.field)
			}
		}
	}
	if n := countRegistrations(t, h.App); n != before {
		t.Errorf("%d registrations after hostile API posts, want %d", n, before)
	}
}

// testHugeBodies: 10 MB bodies and deeply nested JSON are refused as too
// large, without echoing them; multipart is refused and leaves no files.
func testHugeBodies(t *testing.T, h *hostileApp) {
	huge := "given_name=" + strings.Repeat("A", 10<<20)
	for _, ft := range formTargets() {
		status, body := h.send(t, ft.client(h), "POST", ft.path, "application/x-www-form-urlencoded", strings.NewReader(huge))
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "too large") || len(body) > 64<<10 {
			t.Errorf("%s with 10 MB: %d (%d bytes of answer), want a short 413 page", ft.name, status, len(body))
		}
	}
	for _, at := range apiTargets() {
		for name, body := range map[string]string{"10 MB": `{"given_name":"` + strings.Repeat("A", 10<<20) + `"}`,
			"100k [": strings.Repeat("[", 100_000)} {
			status, out := h.send(t, h.Client(), "POST", at.path, "application/json", strings.NewReader(body),
				"Authorization", "Bearer "+h.token)
			if status != http.StatusRequestEntityTooLarge || !strings.Contains(out, `"too_large"`) {
				t.Errorf("API %s with %s: %d %.200s, want 413 too_large", at.name, name, status, out)
			}
		}
		// Nested within the size limit: bad JSON, not a crash.
		status, _ := h.send(t, h.Client(), "POST", at.path, "application/json", strings.NewReader(strings.Repeat("[", 20_000)),
			"Authorization", "Bearer "+h.token)
		if status != http.StatusBadRequest {
			t.Errorf("API %s with 20k [: %d, want 400", at.name, status)
		}
	}
}

// testBidiStoredExactly: a right-to-left override is accepted and stored
// as it was sent, through the form and the API.
func testBidiStoredExactly(t *testing.T, h *hostileApp) {
	form := registrationForm("bidi@example.org")
	form.Set("given_name", bidiName)
	if status, body := h.send(t, h.Client(), "POST", "/c/"+demo.LACSlug+"/register", "application/x-www-form-urlencoded",
		strings.NewReader(form.Encode())); status != http.StatusSeeOther {
		t.Fatalf("registration with a bidi override: %d\n%.400s", status, body)
	}
	if got := registrationByEmail(t, h.App, "bidi@example.org").GivenName; got != bidiName {
		t.Errorf("stored given name %q, want %q", got, bidiName)
	}
	text := "Bidi " + bidiName + " \U0001F600 statement."
	lit, _ := json.Marshal(text)
	status, out := h.send(t, h.Client(), "POST", "/api/v1/consultations/"+demo.LACSlug+"/statements", "application/json",
		bytes.NewReader([]byte(`{"text":`+string(lit)+`}`)), "Authorization", "bearer "+h.token)
	if status != http.StatusCreated && status != http.StatusAccepted && status != http.StatusOK {
		t.Fatalf("API statement with a bidi override: %d %s", status, out)
	}
	if !slices.Contains(statementBodies(t, h), text) {
		t.Errorf("statement %q not stored exactly: %q", text, statementBodies(t, h))
	}
}

func statementBodies(t *testing.T, h *hostileApp) []string {
	t.Helper()
	list, err := h.DB().Statements(context.Background(), store.StatementFilter{ConsultationID: lacID(t, h.App)})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range list {
		out = append(out, s.Body)
	}
	return out
}
