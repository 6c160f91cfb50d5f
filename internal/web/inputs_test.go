package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

const (
	archivePath = "/reviews/" + demo.ReviewSlug + "/inputs"
	adminInputs = "/admin/reviews/" + demo.ReviewSlug + "/inputs"
)

// openCall opens the review's call for inputs through the admin form, from
// an hour ago to ten days ahead.
func openCall(t *testing.T, a *apptest.App, staff *http.Client) {
	t.Helper()
	now := time.Now().UTC()
	resp, body := post(t, a, staff, adminInputs+"/call", url.Values{"opens_at": {now.Add(-time.Hour).Format("2006-01-02T15:04")},
		"deadline": {now.Add(240 * time.Hour).Format("2006-01-02T15:04")}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("open the call: %d %s", resp.StatusCode, body)
	}
}

// lacQuestion is the id of the LAC consultation's first guiding question.
func lacQuestion(t *testing.T, a *apptest.App) int64 {
	t.Helper()
	c, err := a.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	return c.Questions[0].ID
}

func inputForm(q int64, email, text, publication string) url.Values {
	return url.Values{"consultation": {demo.LACSlug}, "answer_" + strconv.FormatInt(q, 10): {text},
		"author_name": {"Ana Souza"}, "author_email": {email}, "organization": {"Instituto Nupef"},
		"stakeholder_group": {"civil_society"}, "country": {"BR"}, "language": {"en"}, "publication": {publication}}
}

// submitVerified sends an input through the public form and follows the
// emailed confirmation link, and returns its id.
func submitVerified(t *testing.T, a *apptest.App, mp *mailpit.Server, form url.Values) int64 {
	t.Helper()
	email := form.Get("author_email")
	resp, body := post(t, a, a.Client(), archivePath, form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != archivePath+"/sent" {
		t.Fatalf("submit: %d %s", resp.StatusCode, body)
	}
	msg := mp.WaitFor(t, email, 1, 15*time.Second)[0]
	verify := strings.SplitN(linkIn(t, msg.Text, "/inputs/verify/"), "?", 2)[0]
	if _, page := a.Get(t, a.Client(), verify); !strings.Contains(page, `action="`+verify+`"`) {
		t.Fatalf("the verification page has no button:\n%s", page)
	}
	if resp, page := post(t, a, a.Client(), verify, nil); resp.StatusCode != http.StatusOK || !strings.Contains(page, "is with the secretariat") {
		t.Fatalf("verify: %d %s", resp.StatusCode, page)
	}
	hits, _, _, err := a.DB().Inputs(context.Background(), store.InputFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.AuthorEmail == email {
			return h.ID
		}
	}
	t.Fatalf("no input from %s stored", email)
	return 0
}

func TestWrittenInputJourney(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { writtenInputJourney(t, engine) })
	}
}

func writtenInputJourney(t *testing.T, engine string) {
	mp := mailpit.Start(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: mp.SMTPURL, DB: dbtest.AppDB(t, engine)})
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	q := lacQuestion(t, a)

	openCall(t, a, staff) // the demo opened one: this moves its dates
	rv, err := a.DB().ReviewBySlug(context.Background(), demo.ReviewSlug)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := a.DB().PublicInputCount(context.Background(), rv.ID)
	if _, page := a.Get(t, a.Client(), archivePath+"/new?consultation="+demo.LACSlug); !strings.Contains(page, `name="answer_`+strconv.FormatInt(q, 10)+`"`) {
		t.Fatalf("the form lacks the consultation's question:\n%s", page)
	}

	// Bad input: per-field errors, what was typed kept, nothing stored.
	bad := inputForm(q, "not-an-address", "<script>alert(1)</script> keep me", "everywhere")
	resp, page := post(t, a, a.Client(), archivePath, bad)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad input: %d", resp.StatusCode)
	}
	for _, want := range []string{"Enter an email address like name@example.org.", "Choose one of the options.",
		"&lt;script&gt;alert(1)&lt;/script&gt; keep me", `value="not-an-address"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("the refused form renders the script")
	}

	// Script and HTML are shown as text once published.
	hostile := `<script>alert("x")</script><b>Connectivity</b> financing matters`
	id := submitVerified(t, a, mp, inputForm(q, "ana@example.org", hostile, "named"))
	_, list := a.Get(t, staff, adminInputs)
	if !strings.Contains(list, "/admin/inputs/"+strconv.FormatInt(id, 10)) || !strings.Contains(list, "ana@example.org") {
		t.Error("the moderation list lacks the verified input")
	}
	permalink := "/inputs/" + strconv.FormatInt(id, 10)
	if resp, _ := a.Get(t, a.Client(), permalink); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished input's permalink: %d, want 404", resp.StatusCode)
	}
	if resp, body := post(t, a, staff, "/admin/inputs/"+strconv.FormatInt(id, 10)+"/moderate", url.Values{"action": {"publish"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", resp.StatusCode, body)
	}
	resp, page = a.Get(t, a.Client(), permalink)
	if resp.StatusCode != 200 || !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;Connectivity&lt;/b&gt;") ||
		strings.Contains(page, "<b>Connectivity") || !strings.Contains(page, "Ana Souza") || strings.Contains(page, "ana@example.org") {
		t.Errorf("permalink %d:\n%s", resp.StatusCode, page)
	}
	if !strings.Contains(page, "Version 1 published on") {
		t.Error("the permalink shows no history")
	}
	_, page = a.Get(t, a.Client(), archivePath+"?q=financing")
	if !strings.Contains(page, "<mark>financing</mark>") || !strings.Contains(page, `href="`+permalink+`"`) {
		t.Errorf("search shows no highlighted snippet:\n%s", page)
	}
	if after, _ := a.DB().PublicInputCount(context.Background(), rv.ID); after != before+1 {
		t.Errorf("public count %d after publishing, want %d", after, before+1)
	} else if _, page := a.Get(t, a.Client(), archivePath); !strings.Contains(page, "Inputs: "+strconv.Itoa(after)) {
		t.Error("the archive does not show the counter")
	}

	// Rejection: the reason goes to the submitter by email.
	other := submitVerified(t, a, mp, inputForm(q, "bob@example.org", "Off-topic advertising for a product", "named"))
	moderate := "/admin/inputs/" + strconv.FormatInt(other, 10) + "/moderate"
	if resp, page := post(t, a, staff, moderate, url.Values{"action": {"reject"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "Give the reason") {
		t.Errorf("reject without a reason: %d", resp.StatusCode)
	}
	post(t, a, staff, moderate, url.Values{"action": {"reject"}, "reason": {"Advertising is not an input to the review."}})
	msgs := mp.WaitFor(t, "bob@example.org", 2, 15*time.Second)
	found := false
	for _, m := range msgs {
		found = found || strings.Contains(m.Text, "Advertising is not an input to the review.")
	}
	if !found {
		t.Error("no rejection email with the reason")
	}
	_, page = a.Get(t, staff, "/admin/inputs/"+strconv.FormatInt(other, 10))
	if !strings.Contains(page, "Advertising is not an input to the review.") || !strings.Contains(page, "sec@example.org") {
		t.Error("the moderation log lacks the rejection, its reason or who")
	}
}

// Secretariat-only text never reaches the public: not the permalink, the
// archive, the search, the API or the open-data exports, even once the
// secretariat accepted it.
func TestPrivateInputNeverPublic(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { privateInputNeverPublic(t, engine) })
	}
}

func privateInputNeverPublic(t *testing.T, engine string) {
	mp := mailpit.Start(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: mp.SMTPURL, DB: dbtest.AppDB(t, engine)})
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	openCall(t, a, staff)
	const secret = "Zanzibarcodeword confidential budget remark"
	id := submitVerified(t, a, mp, inputForm(lacQuestion(t, a), "carla@example.org", secret, string(inputs.Private)))
	post(t, a, staff, "/admin/inputs/"+strconv.FormatInt(id, 10)+"/moderate", url.Values{"action": {"publish"}})
	if in, err := a.DB().InputByID(context.Background(), id); err != nil || in.Status != inputs.Published {
		t.Fatalf("the private input was not accepted: %v", err)
	}
	for _, path := range publicInputPaths(id) {
		resp, page := a.Get(t, a.Client(), path)
		// (A search page repeats the words searched for, never the text.)
		if strings.Contains(page, "budget remark") || strings.Contains(page, "carla@example.org") || strings.Contains(page, "Zanzibarcodeword confidential") {
			t.Errorf("%s (%d) shows secretariat-only text", path, resp.StatusCode)
		}
	}
	if resp, page := a.Get(t, a.Client(), archivePath+".json"); resp.StatusCode != 200 || !strings.Contains(page, "CC BY 4.0") {
		t.Errorf("open data JSON: %d %s", resp.StatusCode, page)
	}
	if resp, page := a.Get(t, a.Client(), archivePath+".csv"); resp.StatusCode != 200 || !strings.HasPrefix(page, "\uFEFFid,url,") {
		t.Errorf("open data CSV: %d %q", resp.StatusCode, page)
	}
	if _, page := a.Get(t, staff, "/admin/inputs/"+strconv.FormatInt(id, 10)); !strings.Contains(page, "Zanzibarcodeword") {
		t.Error("the secretariat does not see the private input")
	}
}

// publicInputPaths are every public place an input could appear.
func publicInputPaths(id int64) []string {
	n := strconv.FormatInt(id, 10)
	return []string{"/inputs/" + n, archivePath, archivePath + "?q=Zanzibarcodeword", archivePath + "?q=confidential",
		archivePath + ".csv", archivePath + ".json", archivePath + ".xlsx", "/api/v1/inputs", "/api/v1/inputs?q=Zanzibarcodeword",
		"/api/v1/inputs/" + n, "/"}
}

// Control characters and NUL in a text are refused with a translated
// message beside the field, what was typed kept, nothing stored.
func TestInputRefusesBadCharacters(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	openCall(t, a, staff)
	q := lacQuestion(t, a)
	for _, text := range []string{"before\x00after", "bell\x07ring", "esc\x1b[31m", "bad \xff utf-8"} {
		resp, page := post(t, a, a.Client(), archivePath, inputForm(q, "dan@example.org", text, "named"))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "cannot be used") {
			t.Errorf("%q: %d", text, resp.StatusCode)
		}
	}
	// A tab and line breaks are text.
	if resp, body := post(t, a, a.Client(), archivePath, inputForm(q, "dan@example.org", "line one\r\n\tline two", "named")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("multi-line answer: %d %s", resp.StatusCode, body)
	}
	hits, _, _, err := a.DB().Inputs(context.Background(), store.InputFilter{})
	n := 0
	for _, h := range hits {
		if h.AuthorEmail == "dan@example.org" {
			n++
		}
	}
	if err != nil || n != 1 {
		t.Fatalf("stored %d inputs from dan, want only the good one (%v)", n, err)
	}
}
