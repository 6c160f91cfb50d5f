package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// Manual check-in from its page, without JavaScript, then the closing
// record's attendance and its downloads, on both engines.
func TestCheckinAndClosingRecordExports(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { checkinFlow(t, engine) })
	}
}

func checkinFlow(t *testing.T, engine string) {
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := a.DB().Writer().ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	ana, _ := approvedIn(t, a, "ana@example.org", "civil_society", "BR")
	bruno, _ := approvedIn(t, a, "bruno@example.org", "academia", "CL")
	pat, _ := approvedIn(t, a, "pat@example.org", "government", "AR")
	exec(`UPDATE registrations SET given_name='Bruno', family_name='Lima', organization='Universidad de Chile' WHERE id=$1`, bruno.ID)
	exec(`UPDATE registrations SET status='confirmed', given_name='Pat' WHERE id=$1`, pat.ID) // not approved
	exec(`UPDATE registrations SET first_joined_at=$1 WHERE id=$2`, time.Now().UTC(), ana.ID) // joined by her link
	mod := staffClient(t, a, "mod@example.org", "moderator")
	rap := staffClient(t, a, "rap@example.org", "rapporteur")
	sec := staffClient(t, a, "sec@example.org", "secretariat")
	anon := a.Client()
	page := "/admin/consultations/" + demo.LACSlug + "/checkin"

	list := body(t, a, mod, page)
	wantIn(t, "check-in page", list, "Ana Souza", "Bruno Lima", "Universidad de Chile", "Joined by their personal link",
		`aria-label="Check in Bruno Lima"`)
	if strings.Contains(list, "Pat Souza") || strings.Contains(list, "ana@example.org") {
		t.Errorf("check-in page lists a registrant not approved, or an address")
	}
	if b := body(t, a, mod, page+"?q=UNIVERSIDAD"); !strings.Contains(b, "Bruno Lima") || strings.Contains(b, "Ana Souza") {
		t.Errorf("search by organization")
	}
	if b := body(t, a, mod, page+"?presence=absent&group=academia"); !strings.Contains(b, "Bruno Lima") || strings.Contains(b, "Ana Souza") {
		t.Errorf("filters: absent academics")
	}

	// One click, back to the same list with a status line; twice is harmless.
	for range 2 {
		resp, _ := post(t, a, mod, page+"/"+bruno.ID, url.Values{"present": {"1"}, "back": {"q=universidad&presence=absent"}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "q=universidad") ||
			!strings.Contains(loc, "presence=absent") || !strings.Contains(loc, "done=in") {
			t.Fatalf("check in: %d %s", resp.StatusCode, loc)
		}
	}
	wantIn(t, "after check-in", body(t, a, mod, page+"?q=lima&id="+bruno.ID+"&done=in"), "Bruno Lima is checked in.",
		"Checked in at", "by mod@example.org", `aria-label="Undo the check-in of Bruno Lima"`)
	// The rapporteur checks Ana in too: she still counts once.
	if resp, _ := post(t, a, rap, page+"/"+ana.ID, url.Values{"present": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rapporteur check-in: %d", resp.StatusCode)
	}
	// Not approved, or nobody: 404. Not staff: sent to sign in.
	for _, id := range []string{pat.ID, "no-such-id"} {
		if resp, _ := post(t, a, mod, page+"/"+id, url.Values{"present": {"1"}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("check in %s: %d, want 404", id, resp.StatusCode)
		}
	}
	if resp, _ := post(t, a, anon, page+"/"+bruno.ID, url.Values{"present": {"1"}}); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
		t.Errorf("anonymous check-in: %d", resp.StatusCode)
	}
	// Undo Ana's: she joined by her link, so she is still present.
	post(t, a, rap, page+"/"+ana.ID, url.Values{"present": {"0"}})

	// An intervention whose summary a spreadsheet would take for a formula.
	rec := "/admin/consultations/" + demo.LACSlug + "/live/record"
	post(t, a, rap, rec, url.Values{"name": {"CSTD Chair"}, "stakeholder_group": {"government"}, "country": {"CH"},
		"summary": {`=HYPERLINK("http://evil.example","x")`}, "key_points": {"Spectrum\nFunding"}})
	public := "/c/" + demo.LACSlug + "/record"
	if resp, _ := a.Get(t, anon, public+".csv"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("public CSV before publishing: %d", resp.StatusCode)
	}
	staffCSV := readCSV(t, body(t, a, rap, rec+".csv"))
	if !slices.Contains(staffCSV[0], "started_at") || !slices.Contains(staffCSV[0], "recorded_at") {
		t.Errorf("staff CSV header = %v", staffCSV[0])
	}
	now := time.Now().UTC()
	exec(`UPDATE consultations SET starts_at=$1, ends_at=$2 WHERE slug=$3`, now.Add(-3*time.Hour), now.Add(-time.Hour), demo.LACSlug)
	if resp, _ := post(t, a, sec, rec+"/publish", url.Values{"publish": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	record := body(t, a, anon, public)
	wantIn(t, "closing record", record, "Participants present (by their personal link or checked in): 2",
		`<th scope="row">Civil society</th><td>1</td>`, `<th scope="row">Academic community</th><td>1</td>`)

	// The public files hold what the public page shows, nothing more.
	rows := readCSV(t, body(t, a, anon, public+".csv"))
	wantRows(t, rows, []string{"attendance", "total", "", "2"}, []string{"attendance", "stakeholder_group", "Academic community", "1"})
	shown := html.UnescapeString(record)
	formula := false
	for _, row := range rows[1:] {
		for j, cell := range row {
			if cell == "" || j <= 1 && !strings.Contains(cell, " ") { // the table and breakdown identifiers
				continue
			}
			if strings.HasPrefix(cell, "'=") {
				formula, cell = true, cell[1:]
			}
			for _, part := range strings.Split(cell, "\n") {
				if !strings.Contains(shown, part) {
					t.Errorf("public CSV cell %q (column %s) is not on the public page", part, rows[0][j])
				}
			}
		}
	}
	if !formula {
		t.Errorf("the formula-like summary was not neutralised: %v", rows)
	}
	for _, h := range []string{"started_at", "recorded_at", "email"} {
		if slices.Contains(rows[0], h) {
			t.Errorf("public CSV has column %s", h)
		}
	}
	// The workbook: three sheets holding the same cells.
	resp, b := a.Get(t, anon, public+".xlsx")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("public XLSX: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(b)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Attendance", "Per question", "Interventions"}) {
		t.Fatalf("sheets = %v", got)
	}
	ivs, _ := f.GetRows("Interventions")
	if len(ivs) != 2 || !slices.Contains(ivs[1], `=HYPERLINK("http://evil.example","x")`) || slices.Contains(ivs[0], "started_at") {
		t.Errorf("Interventions sheet = %v", ivs)
	}
	if formulaCell, _ := f.GetCellFormula("Interventions", "G2"); formulaCell != "" {
		t.Errorf("the summary was written as a formula: %q", formulaCell)
	}
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "table" {
		t.Fatalf("CSV (%v): %q", err, s)
	}
	return rows
}

// wantRows checks that rows holds rows starting with each prefix.
func wantRows(t *testing.T, rows [][]string, prefixes ...[]string) {
	t.Helper()
	for _, p := range prefixes {
		if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) >= len(p) && slices.Equal(r[:len(p)], p) }) {
			t.Errorf("no row %v in %v", p, rows)
		}
	}
}

// The check-in by API: a moderator's token checks a registrant in and out;
// a registrant not approved is 404; a body without both fields 422.
func TestCheckinAPI(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	reg, _ := approvedIn(t, a, "ana@example.org", "civil_society", "BR")
	token := a.APIToken(t, a.AddStaff(t, "mod@example.org", adminPassword, "moderator"))
	path := "/api/v1/consultations/" + demo.LACSlug + "/checkins"
	send := func(body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, a.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := a.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	attended := func() int {
		t.Helper()
		c, err := a.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
		if err != nil {
			t.Fatal(err)
		}
		att, err := a.DB().Attendance(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range att {
			n += x.N
		}
		return n
	}
	if code, b := send(`{"registration_id":"` + reg.ID + `","present":true}`); code != http.StatusOK || !strings.Contains(b, `"present":true`) {
		t.Fatalf("check in: %d %s", code, b)
	}
	if n := attended(); n != 1 {
		t.Fatalf("attendance = %d", n)
	}
	if code, _ := send(`{"registration_id":"` + reg.ID + `","present":false}`); code != http.StatusOK || attended() != 0 {
		t.Fatalf("undo: %d", code)
	}
	if code, _ := send(`{"registration_id":"no-such-id","present":true}`); code != http.StatusNotFound {
		t.Errorf("unknown registrant: %d", code)
	}
	if code, _ := send(`{"registration_id":"` + reg.ID + `"}`); code != http.StatusUnprocessableEntity {
		t.Errorf("no present: %d", code)
	}
}
