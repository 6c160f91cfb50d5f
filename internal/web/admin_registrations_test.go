package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// registrant is one person the tests register through the public form.
type registrant struct {
	given, family, email, group, country, gender string
	status                                       string // "", "confirm" or "cancel"
}

const injection = `=HYPERLINK("http://evil.example/","click")`

func registrants() []registrant {
	return []registrant{
		{"Ana", "Pérez", "ana@example.org", "government", "CL", "woman", "confirm"},
		{"Bruno", "Silva", "bruno@example.org", "civil_society", "BR", "man", "confirm"},
		{"Claire", "Martin", "claire@example.org", "academia", "FR", "woman", ""},
		{injection, "Injector", "mallory@example.org", "private_sector", "MX", "", ""},
		{"Dana", "Otieno", "dana@example.org", "civil_society", "KE", "non_binary", "confirm"},
		{"Eve", "Schmidt", "eve@example.org", "technical_community", "DE", "woman", "cancel"},
	}
}

// regsFixture is a demo app with the registrants above and a signed-in
// staff client.
type regsFixture struct {
	app   *apptest.App
	staff *http.Client
}

func newRegsFixture(t *testing.T) *regsFixture {
	t.Helper()
	app := apptest.Start(t, apptest.Options{Demo: true})
	anon := app.Client()
	for _, r := range registrants() {
		resp := app.PostForm(t, anon, "/c/wsis20-lac/register", url.Values{"given_name": {r.given}, "family_name": {r.family},
			"email": {r.email}, "organization": {"Org of " + r.family}, "stakeholder_group": {r.group},
			"country": {r.country}, "language": {"en"}, "gender": {r.gender}, "consent": {"yes"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("register %s: status %d", r.email, resp.StatusCode)
		}
	}
	setStatuses(t, app.DB())
	return &regsFixture{app: app, staff: signInStaff(t, app)}
}

// setStatuses confirms or cancels registrations as the registrants say.
func setStatuses(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	c, err := db.ConsultationBySlug(ctx, "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := db.Registrations(ctx, store.RegistrationFilter{ConsultationID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]string{}
	for _, r := range list {
		byEmail[r.Email] = r.ID
	}
	for _, r := range registrants() {
		switch r.status {
		case "confirm":
			_, err = db.ConfirmRegistration(ctx, byEmail[r.email], time.Now())
		case "cancel":
			_, err = db.CancelRegistration(ctx, byEmail[r.email], time.Now())
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// signInStaff signs a new staff member in through the login form.
func signInStaff(t *testing.T, app *apptest.App) *http.Client {
	t.Helper()
	const email, password = "secretariat@example.org", "a long enough passphrase 42"
	app.AddStaff(t, email, password, "admin")
	c := app.Client()
	resp := app.PostForm(t, c, "/admin/login", url.Values{"email": {email}, "password": {password}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: status %d", resp.StatusCode)
	}
	return c
}

func (f *regsFixture) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	resp, body := f.app.Get(t, f.staff, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d\n%s", path, resp.StatusCode, body)
	}
	return resp, body
}

const regsPath = "/admin/consultations/wsis20-lac/registrations"

func TestAdminRegistrations(t *testing.T) {
	f := newRegsFixture(t)
	t.Run("filters", f.testFilters)
	t.Run("balance", f.testBalance)
	t.Run("csv", f.testCSV)
	t.Run("xlsx", f.testXLSX)
	t.Run("outbox", f.testOutbox)
	t.Run("languages", f.testLanguages)
	t.Run("pagination", f.testPagination) // adds registrations: keep after the counting tests
	t.Run("anonymous", f.testAnonymous)
}

func (f *regsFixture) testFilters(t *testing.T) {
	all := []string{"ana@", "bruno@", "claire@", "mallory@", "dana@", "eve@"}
	cases := []struct {
		query string
		want  []string
	}{
		{"", all},
		{"?status=approved", []string{"ana@", "bruno@", "dana@"}},
		{"?status=pending_confirmation", []string{"claire@", "mallory@"}},
		{"?status=cancelled", []string{"eve@"}},
		{"?group=civil_society", []string{"bruno@", "dana@"}},
		{"?country=FR", []string{"claire@"}},
		{"?region=019", []string{"ana@", "bruno@", "mallory@"}},
		{"?region=150", []string{"claire@", "eve@"}},
		{"?region=150&country=CL", nil},
		{"?region=019&status=approved&group=government", []string{"ana@"}},
	}
	for _, c := range cases {
		_, body := f.get(t, regsPath+c.query)
		for _, e := range all {
			want := contains(c.want, e)
			if got := strings.Contains(body, ">"+e+"example.org<"); got != want {
				t.Errorf("%q: shows %s = %v, want %v", c.query, e, got, want)
			}
		}
	}
	_, body := f.get(t, regsPath+"?group=civil_society")
	for _, s := range []string{regsPath + ".csv?group=civil_society", regsPath + ".xlsx?group=civil_society", "<caption>", `scope="col"`, "Civil society", "Kenya", "Approved", `<label for="filter-region">`} {
		if !strings.Contains(body, s) {
			t.Errorf("list lacks %q", s)
		}
	}
}

// testLanguages checks every page is fully translated:
// no raw catalog id shows in English or Spanish.
func (f *regsFixture) testLanguages(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		for _, path := range []string{regsPath, "/admin/outbox", "/admin/outbox/1"} {
			_, body := f.get(t, path+"?lang="+lang)
			if i := strings.Index(body, "adminregs."); i >= 0 {
				t.Errorf("%s in %s shows a catalog id: %s", path, lang, body[i:min(len(body), i+60)])
			}
		}
	}
	if _, body := f.get(t, regsPath+"?lang=es"); !strings.Contains(body, "Inscripciones por región") {
		t.Error("Spanish page is not in Spanish")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// balanceCell finds the count and share in a balance table row.
func balanceCell(body, label string) string {
	re := regexp.MustCompile(`<th scope="row">` + regexp.QuoteMeta(label) + `</th>\s*<td>(\d+)</td>\s*<td>(\d+ %)`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1] + " " + m[2]
}

func (f *regsFixture) testBalance(t *testing.T) {
	_, body := f.get(t, regsPath+"?status=approved") // the balance ignores the list's filters
	want := map[string]string{
		"Government (Member State)": "1 20 %", "Civil society": "2 40 %", "Private sector": "1 20 %",
		"Academic community": "1 20 %", "Technical community": "0 0 %",
		"Americas": "3 60 %", "Europe": "1 20 %", "Africa": "1 20 %", "Asia": "0 0 %",
		"Woman": "2 40 %", "Man": "1 20 %", "Non-binary": "1 20 %", "Not given": "1 20 %",
	}
	for label, w := range want {
		if got := balanceCell(body, label); got != w {
			t.Errorf("balance %s = %q, want %q", label, got, w)
		}
	}
	if !strings.Contains(body, "5 registrations hold a place") || !strings.Contains(body, "<meter") {
		t.Error("balance lacks the total or the bars")
	}
}

func (f *regsFixture) testCSV(t *testing.T) {
	resp, body := f.get(t, regsPath+".csv?region=019")
	checkDownload(t, resp, "text/csv", ".csv")
	rest, ok := strings.CutPrefix(body, "\uFEFF")
	if !ok {
		t.Fatal("CSV has no byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != "id,given_name,family_name,email,organization,job_title,"+
		"stakeholder_group,country,m49_region,language,gender,accessibility_needs,status,registered_at,confirmed_at,approved_at" {
		t.Fatalf("CSV rows = %q", rows)
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[3]] = r
	}
	if r := got["mallory@example.org"]; r == nil || r[1] != "'"+injection || r[8] != "019" || r[14] != "" {
		t.Errorf("injection row = %q", r)
	}
	ana := got["ana@example.org"]
	if ana == nil || ana[6] != "government" || ana[7] != "CL" || ana[12] != "approved" {
		t.Fatalf("Ana's row = %q", ana)
	}
	for _, ts := range ana[13:15] {
		if _, err := time.Parse(time.RFC3339, ts); err != nil || !strings.HasSuffix(ts, "Z") {
			t.Errorf("timestamp %q is not RFC 3339 UTC", ts)
		}
	}
}

func (f *regsFixture) testXLSX(t *testing.T) {
	resp, body := f.get(t, regsPath+".xlsx?status=approved")
	checkDownload(t, resp, "spreadsheetml", ".xlsx")
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "id" || rows[0][14] != "confirmed_at" {
		t.Fatalf("XLSX rows = %q", rows)
	}
	emails := []string{}
	for _, r := range rows[1:] {
		emails = append(emails, r[3])
	}
	for _, e := range []string{"ana@example.org", "bruno@example.org", "dana@example.org"} {
		if !contains(emails, e) {
			t.Errorf("XLSX lacks %s: %q", e, emails)
		}
	}
}

func checkDownload(t *testing.T, resp *http.Response, contentType, ext string) {
	t.Helper()
	if !strings.Contains(resp.Header.Get("Content-Type"), contentType) {
		t.Errorf("Content-Type = %q", resp.Header.Get("Content-Type"))
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") || !strings.Contains(cd, ext) {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q", cc)
	}
}

var outboxLink = regexp.MustCompile(`href="/admin/outbox/(\d+)"`)

func (f *regsFixture) testOutbox(t *testing.T) {
	var body string
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		_, body = f.get(t, "/admin/outbox?to=claire@example.org")
		if outboxLink.MatchString(body) || time.Now().After(deadline) {
			break
		}
	}
	if !strings.Contains(body, "Please confirm your registration") || strings.Contains(body, "bruno@example.org") {
		t.Fatalf("outbox filtered to Claire:\n%s", body)
	}
	_, msg := f.get(t, "/admin/outbox/"+outboxLink.FindStringSubmatch(body)[1])
	for _, s := range []string{"claire@example.org", "<pre", "Dear Claire Martin,", "/r/confirm/"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message page lacks %q", s)
		}
	}
	for _, s := range []string{"<style", "<script", "<html", "<body"} {
		if strings.Count(msg, s) > strings.Count(strings.SplitN(msg, "<main", 2)[0], s) {
			t.Errorf("message page shows unsanitised %q", s)
		}
	}
}

func (f *regsFixture) testPagination(t *testing.T) {
	anon := f.app.Client()
	for i := range 50 { // 6 + 50 = 56, of them 51 in academia: two pages either way
		resp := f.app.PostForm(t, anon, "/c/wsis20-lac/register", url.Values{"given_name": {"Page"},
			"family_name": {fmt.Sprint("Filler ", i)}, "email": {fmt.Sprintf("filler%d@example.org", i)},
			"organization": {"Org"}, "stakeholder_group": {"academia"}, "country": {"PE"}, "language": {"es"},
			"consent": {"yes"}})
		resp.Body.Close()
	}
	_, first := f.get(t, regsPath)
	_, second := f.get(t, regsPath+"?page=2")
	if n := strings.Count(first, "</time></td>"); n != 50 || !strings.Contains(first, `href="`+regsPath+`?page=2"`) {
		t.Errorf("page 1 has %d rows or no next link", n)
	}
	if n := strings.Count(second, "</time></td>"); n != 6 || !strings.Contains(second, `href="`+regsPath+`"`) {
		t.Errorf("page 2 has %d rows or no previous link", n)
	}
	_, filtered := f.get(t, regsPath+"?group=academia")
	if !strings.Contains(filtered, `href="`+regsPath+`?group=academia&amp;page=2"`) {
		t.Error("the next-page link drops the filter")
	}
}

func (f *regsFixture) testAnonymous(t *testing.T) {
	anon := f.app.Client()
	for _, path := range []string{regsPath, regsPath + ".csv", regsPath + ".xlsx", "/admin/outbox", "/admin/outbox/1"} {
		resp, body := f.app.Get(t, anon, path)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
			t.Errorf("anonymous %s: %d %q", path, resp.StatusCode, resp.Header.Get("Location"))
		}
		if strings.Contains(body, "example.org") {
			t.Errorf("anonymous %s leaks data", path)
		}
	}
}
