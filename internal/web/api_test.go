package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

const (
	secretMeeting = "https://meet.example.org/api-test-SECRET-link"
)

// apiClient calls the API and remembers every body, so a test can check
// that none of them ever held the meeting link.
type apiClient struct {
	app    *apptest.App
	http   *http.Client
	bodies []string
}

type apiResponse struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request; header is name/value pairs.
func (c *apiClient) do(t *testing.T, method, path, body string, header ...string) apiResponse {
	t.Helper()
	req, err := http.NewRequest(method, c.app.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	c.bodies = append(c.bodies, string(b))
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q, want JSON", method, path, ct)
	}
	return apiResponse{status: resp.StatusCode, header: resp.Header, body: b}
}

// decode unmarshals the body after checking the status.
func (r apiResponse) decode(t *testing.T, wantStatus int, dst any) {
	t.Helper()
	if r.status != wantStatus {
		t.Fatalf("status %d, want %d; body %s", r.status, wantStatus, r.body)
	}
	if err := json.Unmarshal(r.body, dst); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.body)
	}
}

type apiErr struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// startAPI boots the demo with a secret meeting link on the LAC
// consultation, a draft and a small December consultation of one place.
func startAPI(t *testing.T, dbURL string) *apiClient {
	t.Helper()
	app := apptest.Start(t, apptest.Options{Demo: true, DB: dbURL})
	ctx := context.Background()
	lac, err := app.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	lac.MeetingURL = secretMeeting
	if err := app.DB().SaveConsultation(ctx, lac); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*consultation.Consultation{testConsultation(lac.ReviewID, "api-draft", consultation.Draft),
		testConsultation(lac.ReviewID, "api-december", consultation.Published)} {
		if err := app.DB().SaveConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return &apiClient{app: app, http: app.Client()}
}

func testConsultation(reviewID int64, slug string, status consultation.Status) *consultation.Consultation {
	loc, _ := time.LoadLocation("America/Santiago")
	return &consultation.Consultation{ReviewID: reviewID, Slug: slug, OriginalLang: "en",
		Texts: map[string]consultation.Text{"en": {Title: "Test " + slug}}, Region: "419", Format: consultation.Virtual,
		TimeZone: "America/Santiago", StartsAt: time.Date(2030, 12, 11, 11, 0, 0, 0, loc),
		EndsAt: time.Date(2030, 12, 11, 13, 0, 0, 0, loc), Capacity: 1, MeetingURL: secretMeeting, Status: status}
}

// assertNoMeetingURL checks every body the client received.
func (c *apiClient) assertNoMeetingURL(t *testing.T) {
	t.Helper()
	for _, b := range c.bodies {
		if strings.Contains(b, "meet.example.org") {
			t.Fatalf("an API response holds the meeting link:\n%s", b)
		}
	}
}

func TestAPI(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := startAPI(t, dbtest.AppDB(t, engine))
			t.Run("list", c.testList)
			t.Run("detail", c.testDetail)
			t.Run("register", c.testRegister)
			t.Run("invalid", c.testInvalid)
			t.Run("closed", c.testClosed)
			t.Run("staff", c.testStaff)
			t.Run("openapi", c.testOpenAPI)
			c.assertNoMeetingURL(t)
		})
	}
}

type listBody struct {
	Consultations []map[string]any `json:"consultations"`
}

func bySlug(list []map[string]any, slug string) map[string]any {
	for _, c := range list {
		if c["slug"] == slug {
			return c
		}
	}
	return nil
}

func (c *apiClient) testList(t *testing.T) {
	var body listBody
	c.do(t, "GET", "/api/v1/consultations", "").decode(t, http.StatusOK, &body)
	if bySlug(body.Consultations, "api-draft") != nil {
		t.Error("a draft is listed")
	}
	dec := bySlug(body.Consultations, "api-december")
	if dec == nil || dec["starts_at"] != "2030-12-11T11:00:00-03:00" || dec["ends_at"] != "2030-12-11T13:00:00-03:00" {
		t.Errorf("api-december = %v, want times at -03:00", dec)
	}
	lac := bySlug(body.Consultations, demo.LACSlug)
	stored, err := c.app.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
	if err != nil || lac == nil {
		t.Fatalf("LAC missing: %v %v", lac, err)
	}
	want := map[string]any{"review": "wsis20", "region": "419", "format": "virtual", "status": "published",
		"time_zone": "America/Santiago", "month_only": false, "place": "Santiago, Chile",
		"title":     "WSIS at 20: Successes, Failures, and Expectations",
		"starts_at": stored.StartsAt.In(stored.Location()).Format(time.RFC3339),
		"url":       c.app.URL + "/c/wsis20-lac", "ics_url": c.app.URL + "/c/wsis20-lac/event.ics"}
	for k, v := range want {
		if lac[k] != v {
			t.Errorf("LAC %s = %v, want %v", k, lac[k], v)
		}
	}
	if s, _ := lac["starts_at"].(string); strings.HasSuffix(s, "Z") {
		t.Errorf("starts_at %q is in UTC, want Santiago's offset", s)
	}
	reg, _ := lac["registration"].(map[string]any)
	if reg["open"] != true || reg["reason"] != nil || reg["places_left"] != float64(500) || reg["approval_required"] != false {
		t.Errorf("LAC registration = %v", reg)
	}
	var es listBody
	c.do(t, "GET", "/api/v1/consultations?lang=es", "").decode(t, http.StatusOK, &es)
	if got := bySlug(es.Consultations, demo.LACSlug)["title"]; got != "La CMSI a los 20 años: éxitos, fracasos y expectativas" {
		t.Errorf("Spanish title = %v", got)
	}
}

func (c *apiClient) testDetail(t *testing.T) {
	var d map[string]any
	c.do(t, "GET", "/api/v1/consultations/"+demo.LACSlug, "").decode(t, http.StatusOK, &d)
	for _, k := range []string{"background_markdown", "objectives_markdown", "opening_remarks", "contact_email"} {
		if s, _ := d[k].(string); s == "" {
			t.Errorf("detail %s is empty", k)
		}
	}
	qs, _ := d["questions"].([]any)
	if len(qs) == 0 {
		t.Fatal("no questions")
	}
	if q, _ := qs[0].(map[string]any); q["id"] == nil || q["text"] == "" {
		t.Errorf("question = %v", q)
	}
	if chair, _ := d["chair"].(map[string]any); chair["name"] != "H.E. Mr. Muhammadou M O Kah" {
		t.Errorf("chair = %v", d["chair"])
	}
	for _, slug := range []string{"api-draft", "no-such-thing"} {
		var e apiErr
		c.do(t, "GET", "/api/v1/consultations/"+slug, "").decode(t, http.StatusNotFound, &e)
		if e.Error.Code != "not_found" || e.Error.Message != "There is no such consultation." {
			t.Errorf("%s: error = %+v", slug, e.Error)
		}
	}
}

const validRegistration = `{"given_name":"Ana","family_name":"Pérez","email":"Ana.Perez@example.org",
	"organization":"Universidad de Chile","stakeholder_group":"academia","country":"cl","language":"es","consent":true}`

func (c *apiClient) registrationCount(t *testing.T, slug string) int {
	t.Helper()
	con, err := c.app.DB().ConsultationBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	_, total, err := c.app.DB().Registrations(context.Background(), store.RegistrationFilter{ConsultationID: con.ID})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func (c *apiClient) testRegister(t *testing.T) {
	path := "/api/v1/consultations/" + demo.LACSlug + "/registrations"
	for i := range 2 { // the second time the address is already registered: same answer
		var got map[string]string
		c.do(t, "POST", path, validRegistration).decode(t, http.StatusAccepted, &got)
		if got["id"] == "" || got["status"] != "pending_confirmation" {
			t.Errorf("attempt %d: %v", i+1, got)
		}
	}
	if n := c.registrationCount(t, demo.LACSlug); n != 1 {
		t.Errorf("%d registrations stored, want 1", n)
	}
}

func (c *apiClient) testInvalid(t *testing.T) {
	path := "/api/v1/consultations/" + demo.LACSlug + "/registrations"
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	body := `{"given_name":"Ana","family_name":"Pérez","organization":"X","stakeholder_group":"academia",
		"country":"XX","language":"es","consent":false}`
	// The expected texts come from the catalog: Spanish where the es catalog
	// has them, English (its fallback) until then.
	for _, lang := range []string{"en", "es"} {
		p := cat.Printer(lang)
		var e apiErr
		c.do(t, "POST", path, body, "Accept-Language", lang).decode(t, http.StatusUnprocessableEntity, &e)
		want := map[string]string{"email": p.T("error.required"), "country": p.T("error.country"), "consent": p.T("error.consent")}
		if e.Error.Code != "invalid" || e.Error.Message != p.T("error.invalid") || len(e.Error.Fields) != len(want) {
			t.Errorf("%s: error = %+v", lang, e.Error)
		}
		for f, msg := range want {
			if e.Error.Fields[f] != msg || strings.HasPrefix(msg, "error.") {
				t.Errorf("%s: field %s = %q, want %q", lang, f, e.Error.Fields[f], msg)
			}
		}
	}
	cases := []struct {
		name, body, contentType string
		status                  int
		code                    string
	}{
		{"bad JSON", `{"given_name":`, "application/json", http.StatusBadRequest, "bad_request"},
		{"unknown field", `{"nickname":"x"}`, "application/json", http.StatusBadRequest, "bad_request"},
		{"two objects", validRegistration + validRegistration, "application/json", http.StatusBadRequest, "bad_request"},
		{"form post", "given_name=Ana", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"too large", `{"given_name":"` + strings.Repeat("a", 70<<10) + `"}`, "application/json", http.StatusRequestEntityTooLarge, "too_large"},
	}
	for _, tc := range cases {
		var e apiErr
		c.do(t, "POST", path, tc.body, "Content-Type", tc.contentType).decode(t, tc.status, &e)
		if e.Error.Code != tc.code || e.Error.Message == "" {
			t.Errorf("%s: error = %+v", tc.name, e.Error)
		}
	}
}

func (c *apiClient) testClosed(t *testing.T) {
	var e apiErr
	var first map[string]string
	c.do(t, "POST", "/api/v1/consultations/api-december/registrations", validRegistration).decode(t, http.StatusAccepted, &first)
	// Only a confirmed registration holds the one place.
	if _, err := c.app.DB().ConfirmRegistration(context.Background(), first["id"], time.Now()); err != nil {
		t.Fatal(err)
	}
	// Full: still accepted, to the waiting list.
	other := strings.Replace(validRegistration, "Ana.Perez", "otra", 1)
	var second map[string]string
	c.do(t, "POST", "/api/v1/consultations/api-december/registrations", other).decode(t, http.StatusAccepted, &second)
	var list listBody
	c.do(t, "GET", "/api/v1/consultations", "").decode(t, http.StatusOK, &list)
	past := list.Consultations[0]
	c.do(t, "POST", "/api/v1/consultations/"+past["slug"].(string)+"/registrations", validRegistration).decode(t, http.StatusConflict, &e)
	if e.Error.Code != "registration.closed" {
		t.Errorf("closed: %+v", e.Error)
	}
	c.do(t, "POST", "/api/v1/consultations/api-draft/registrations", validRegistration).decode(t, http.StatusNotFound, &e)
}

type staffList struct {
	Registrations []map[string]any `json:"registrations"`
	Total         int              `json:"total"`
}

func (c *apiClient) testStaff(t *testing.T) {
	path := "/api/v1/consultations/" + demo.LACSlug + "/registrations"
	for _, auth := range []string{"", "Bearer wrong-token", "Basic abc"} {
		var e apiErr
		r := c.do(t, "GET", path, "", "Authorization", auth)
		r.decode(t, http.StatusUnauthorized, &e)
		if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") || e.Error.Code != "unauthorized" {
			t.Errorf("%q: %v %+v", auth, r.header, e.Error)
		}
	}
	user := c.app.AddStaff(t, "staff-"+t.Name()[:4]+"@example.org", "a long enough password", "secretariat")
	bearer := "Bearer " + c.app.APIToken(t, user)
	var l staffList
	c.do(t, "GET", path, "", "Authorization", bearer).decode(t, http.StatusOK, &l)
	if l.Total != 1 || len(l.Registrations) != 1 {
		t.Fatalf("list = %+v", l)
	}
	r := l.Registrations[0]
	want := map[string]any{"email": "ana.perez@example.org", "country": "CL", "stakeholder_group": "academia",
		"status": "pending_confirmation", "confirmed_at": nil, "approved_at": nil, "language": "es", "gender": ""}
	for k, v := range want {
		if r[k] != v {
			t.Errorf("registration %s = %v, want %v", k, r[k], v)
		}
	}
	if len(r) != 21 {
		t.Errorf("registration has %d fields, want 21: %v", len(r), r)
	}
	filters := map[string]int{"?status=confirmed": 0, "?status=pending_confirmation": 1, "?country=AR,cl": 1,
		"?country=AR": 0, "?stakeholder_group=government": 0, "?limit=1&offset=1": 0, "?limit=5000": 1}
	for q, n := range filters {
		c.do(t, "GET", path+q, "", "Authorization", bearer).decode(t, http.StatusOK, &l)
		if len(l.Registrations) != n {
			t.Errorf("%s: %d registrations, want %d", q, len(l.Registrations), n)
		}
	}
	var e apiErr
	c.do(t, "GET", path+"?status=nope&limit=x", "", "Authorization", bearer).decode(t, http.StatusUnprocessableEntity, &e)
	if e.Error.Fields["status"] == "" || e.Error.Fields["limit"] == "" {
		t.Errorf("bad filters: %+v", e.Error)
	}
	c.do(t, "GET", "/api/v1/consultations/api-draft/registrations", "", "Authorization", bearer).decode(t, http.StatusOK, &l)
	if l.Total != 0 || l.Registrations == nil {
		t.Errorf("draft list = %+v", l)
	}
}

func (c *apiClient) testOpenAPI(t *testing.T) {
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	c.do(t, "GET", "/api/v1/openapi.json", "").decode(t, http.StatusOK, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") || doc.Paths["/api/v1/consultations/{slug}/registrations"] == nil {
		t.Errorf("openapi = %q, paths %d", doc.OpenAPI, len(doc.Paths))
	}
	var e apiErr
	c.do(t, "GET", "/api/v1/nothing-here", "").decode(t, http.StatusNotFound, &e)
}

func TestAPIRateLimit(t *testing.T) {
	app := apptest.Start(t, apptest.Options{Demo: true, RegisterRate: 1})
	c := &apiClient{app: app, http: app.Client()}
	path := "/api/v1/consultations/" + demo.LACSlug + "/registrations"
	c.do(t, "POST", path, validRegistration).decode(t, http.StatusAccepted, &map[string]string{})
	var e apiErr
	r := c.do(t, "POST", path, validRegistration)
	r.decode(t, http.StatusTooManyRequests, &e)
	if e.Error.Code != "rate_limited" || r.header.Get("Retry-After") == "" {
		t.Errorf("rate limited: %+v %v", e.Error, r.header)
	}
}
