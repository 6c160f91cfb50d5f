package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// apiDo sends a JSON request with an optional bearer token and decodes
// the answer into out (when not nil).
func apiDo(t *testing.T, a *apptest.App, method, path, token, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, a.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := a.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
		}
	}
	return resp.StatusCode
}

type apiInputList struct {
	Inputs []map[string]any `json:"inputs"`
	Total  int              `json:"total"`
}

// inputsParticipantToken registers and confirms email for the LAC consultation
// and returns their inputs token.
func inputsParticipantToken(t *testing.T, a *apptest.App, email string) string {
	t.Helper()
	ctx := context.Background()
	c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	r := registration.New(links.NewID(), c.ID, registration.Input{GivenName: "Lucía", FamilyName: "Gómez", Email: email,
		Organization: "CEPAL", StakeholderGroup: "international_organization", Country: "CL", Language: "es", Consent: true}, now)
	if _, err := a.DB().Register(ctx, c, r, now); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB().ConfirmRegistration(ctx, r.ID, now); err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(a.App.Web.URLs.InputParticipantPath(demo.ReviewSlug, r.ID, now.Add(time.Hour)),
		"/reviews/"+demo.ReviewSlug+"/inputs/new/")
}

func TestInputsAPI(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { inputsAPI(t, engine) })
	}
}

func inputsAPI(t *testing.T, engine string) {
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	openCall(t, a, staff)
	u, err := a.DB().UserByEmail(context.Background(), "sec@example.org")
	if err != nil {
		t.Fatal(err)
	}
	token := a.APIToken(t, u)
	q := strconv.FormatInt(lacQuestion(t, a), 10)
	body := `{"review":"wsis20","consultation":"wsis20-lac","answers":[{"question_id":` + q + `,"text":"Zorblat governance needs\ninternational cooperation."}],` +
		`"author_name":"Ministry of ICT","author_email":"ict@example.gov","organization":"Republic of Chile","stakeholder_group":"government",` +
		`"country":"CL","language":"en","publication":"named"}`

	if st := apiDo(t, a, "POST", "/api/v1/inputs", "", body, nil); st != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", st)
	}
	var created map[string]any
	if st := apiDo(t, a, "POST", "/api/v1/inputs", token, body, &created); st != http.StatusCreated || created["status"] != "submitted" {
		t.Fatalf("staff POST: %d %v", st, created)
	}
	id := strconv.FormatInt(int64(created["id"].(float64)), 10)

	// Bad input: the shared error shape with per-field messages.
	var bad struct {
		Error struct {
			Code   string            `json:"code"`
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	badBody := strings.Replace(body, `"publication":"named"`, `"publication":"loud"`, 1)
	if st := apiDo(t, a, "POST", "/api/v1/inputs", token, badBody, &bad); st != http.StatusUnprocessableEntity ||
		bad.Error.Code != "invalid" || bad.Error.Fields["publication"] == "" {
		t.Errorf("bad publication: %d %+v", st, bad)
	}
	nul := strings.Replace(body, "needs\\n", "needs\\u0000", 1)
	if st := apiDo(t, a, "POST", "/api/v1/inputs", token, nul, &bad); st != http.StatusUnprocessableEntity {
		t.Errorf("NUL in text: %d", st)
	}

	// Not published: the public does not see it, staff do.
	var list apiInputList
	apiDo(t, a, "GET", "/api/v1/inputs?review=wsis20&q=Zorblat", "", "", &list)
	if list.Total != 0 || len(list.Inputs) != 0 {
		t.Errorf("public list before publication: %+v", list)
	}
	if st := apiDo(t, a, "GET", "/api/v1/inputs/"+id, "", "", nil); st != http.StatusNotFound {
		t.Errorf("public GET unpublished: %d", st)
	}
	list = apiInputList{}
	apiDo(t, a, "GET", "/api/v1/inputs?review=wsis20&status=submitted&q=Zorblat", token, "", &list)
	if list.Total != 1 || list.Inputs[0]["author_email"] != "ict@example.gov" || list.Inputs[0]["received_via"] != "other" {
		t.Errorf("staff list: %+v", list)
	}

	if st := apiDo(t, a, "POST", "/api/v1/inputs/"+id+"/publish", token, "", nil); st != http.StatusOK {
		t.Fatalf("publish: %d", st)
	}
	list = apiInputList{} // decoding into the old maps would merge them
	apiDo(t, a, "GET", "/api/v1/inputs?review=wsis20&consultation=wsis20-lac&question="+q+"&group=government&region=019&lang=en&q=Zorblat", "", "", &list)
	if list.Total != 1 || len(list.Inputs) != 1 {
		t.Fatalf("public filtered list: %+v", list)
	}
	got := list.Inputs[0]
	if got["url"] != a.URL+"/inputs/"+id || got["language"] != "en" || got["author_email"] != nil || got["status"] != nil {
		t.Errorf("public record: %v", got)
	}
	answers, _ := got["answers"].([]any)
	if len(answers) != 1 || answers[0].(map[string]any)["text"] != "Zorblat governance needs\ninternational cooperation." {
		t.Errorf("answers: %v", got["answers"])
	}
	var one map[string]any
	if st := apiDo(t, a, "GET", "/api/v1/inputs/"+id, "", "", &one); st != http.StatusOK || one["id"].(float64) != created["id"].(float64) {
		t.Errorf("public GET one: %d %v", st, one)
	}

	// A participant's token: their registration's details, their consultation.
	pt := inputsParticipantToken(t, a, "lucia@example.org")
	var mine map[string]any
	pbody := `{"review":"wsis20","consultation":"wsis20-lac","answers":[{"question_id":` + q + `,"text":"Financiamiento para la conectividad rural."}],` +
		`"author_name":"x","author_email":"someone-else@example.org","organization":"CEPAL","stakeholder_group":"academia","country":"FR","language":"es","publication":"anonymous"}`
	if st := apiDo(t, a, "POST", "/api/v1/inputs", pt, pbody, &mine); st != http.StatusCreated {
		t.Fatalf("participant POST: %d %v", st, mine)
	}
	var staffView map[string]any
	apiDo(t, a, "GET", "/api/v1/inputs/"+strconv.FormatInt(int64(mine["id"].(float64)), 10), token, "", &staffView)
	if staffView["author_email"] != "lucia@example.org" || staffView["country"] != "CL" || staffView["source"] != "participant" {
		t.Errorf("participant input as stored: %v", staffView)
	}

	// Rejection needs a reason.
	if st := apiDo(t, a, "POST", "/api/v1/inputs/"+id+"/reject", token, `{"reason":""}`, nil); st != http.StatusUnprocessableEntity {
		t.Errorf("reject without reason: %d", st)
	}
	if st := apiDo(t, a, "POST", "/api/v1/inputs/"+id+"/reject", token, `{"reason":"Duplicate"}`, nil); st != http.StatusOK {
		t.Errorf("reject: %d", st)
	}
	if st := apiDo(t, a, "GET", "/api/v1/inputs/"+id, "", "", nil); st != http.StatusNotFound {
		t.Errorf("public GET rejected: %d", st)
	}
	if st := apiDo(t, a, "GET", "/api/v1/inputs?page=0", "", "", nil); st != http.StatusUnprocessableEntity {
		t.Errorf("page=0: %d", st)
	}
}

// A registered participant's signed link opens the form prefilled from
// their registration; their input goes straight to moderation, and the
// page it leads to edits it (a new version each time).
func TestParticipantInputForm(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	token := inputsParticipantToken(t, a, "lucia@example.org")
	form := "/reviews/" + demo.ReviewSlug + "/inputs/new/" + token
	_, page := a.Get(t, a.Client(), form)
	for _, want := range []string{`value="Lucía Gómez"`, `value="lucia@example.org"`, `value="CEPAL"`, "These details come from your registration."} {
		if !strings.Contains(page, want) {
			t.Errorf("the participant's form lacks %q", want)
		}
	}
	q := strconv.FormatInt(lacQuestion(t, a), 10)
	resp, _ := post(t, a, a.Client(), form, map[string][]string{"answer_" + q: {"Primera versión sobre conectividad."},
		"author_email": {"forged@example.org"}, "organization": {"CEPAL"}, "language": {"es"}, "publication": {"named"}})
	edit := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(edit, "/inputs/edit/") {
		t.Fatalf("participant submit: %d %s", resp.StatusCode, edit)
	}
	_, page = a.Get(t, a.Client(), edit)
	if !strings.Contains(page, "was received") || !strings.Contains(page, "Primera versión sobre conectividad.") {
		t.Errorf("the edit page after submitting:\n%s", page)
	}
	path := strings.SplitN(edit, "?", 2)[0]
	if resp, body := post(t, a, a.Client(), path, map[string][]string{"answer_" + q: {"Segunda versión."}, "language": {"es"},
		"publication": {"anonymous"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("edit: %d %s", resp.StatusCode, body)
	}
	hits, _, _, err := a.DB().Inputs(context.Background(), store.InputFilter{Query: "Segunda"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("edited input: %d %v", len(hits), err)
	}
	in := hits[0]
	if in.AuthorEmail != "lucia@example.org" || in.Current.Number != 2 || in.Publication != "anonymous" || in.Source != "participant" {
		t.Errorf("stored %+v", in.Input)
	}
	if resp, _ := a.Get(t, a.Client(), "/reviews/"+demo.ReviewSlug+"/inputs/new/forged.token.x"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a forged participant link: %d", resp.StatusCode)
	}
}
