package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/cli"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/synthesis"
)

type synthesisQuote = synthesis.Quote

// countExports counts the participation figures from what the secretariat
// can export: the complete export of inputs (consulta export inputs
// --complete), each consultation's registrations export and its
// interventions list, and the attendance from each consultation's closing
// record (its staff CSV). Keys as figuresFromExports builds them.
func (f *reportFixture) countExports(t *testing.T, r *report.Report) map[string]int {
	t.Helper()
	want := map[string]int{}
	both := func(slug, key string) {
		want[key]++
		if slug != "" {
			want[slug+":"+key]++
		}
	}
	var complete inputs.Complete
	jsonOf(t, f.cliOut(t, "export", "inputs", "--review", "wsis20", "--format", "json", "--complete"), &complete)
	for _, in := range complete.Inputs {
		if !report.Analysed(inputs.Status(in.Status)) {
			continue
		}
		for _, k := range []string{"inputs", "group:" + in.StakeholderGroup + ":inputs", "country:" + in.Country + ":inputs",
			"region:" + in.Region + ":inputs"} {
			both(in.Consultation, k)
		}
	}
	for _, c := range r.Consultations {
		resp, body := f.app.Get(t, f.staff, "/admin/consultations/"+c.Slug+"/registrations.csv")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("registrations.csv of %s: %d", c.Slug, resp.StatusCode)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
		if err != nil || len(rows) == 0 {
			t.Fatalf("registrations.csv of %s: %v", c.Slug, err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, row := range rows[1:] {
			if row[col["confirmed_at"]] != "" {
				for _, k := range []string{"registrations", "group:" + row[col["stakeholder_group"]] + ":registrations",
					"country:" + row[col["country"]] + ":registrations", "gender:" + row[col["gender"]] + ":registrations"} {
					both(c.Slug, k)
				}
			}
			if row[col["status"]] == "approved" {
				both(c.Slug, "approved")
			}
		}
		f.countAttendance(t, r, c.Slug, want)
		var list struct {
			Interventions []struct {
				StakeholderGroup string `json:"stakeholder_group"`
			} `json:"interventions"`
		}
		if apiDo(t, f.app, "GET", "/api/v1/consultations/"+c.Slug+"/interventions", f.token, "", &list) == http.StatusOK {
			for _, iv := range list.Interventions {
				both(c.Slug, "interventions")
				both(c.Slug, "group:"+iv.StakeholderGroup+":interventions")
			}
		}
	}
	return want
}

// countAttendance adds the attendance of consultation slug as its closing
// record's staff CSV gives it: the total and by stakeholder group (the CSV
// names groups in English, the report's language here).
func (f *reportFixture) countAttendance(t *testing.T, r *report.Report, slug string, want map[string]int) {
	t.Helper()
	resp, body := f.app.Get(t, f.staff, "/admin/consultations/"+slug+"/live/record.csv")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("record.csv of %s: %d", slug, resp.StatusCode)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("record.csv of %s: %v", slug, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	groupKey := map[string]string{}
	for k, label := range r.Names.Groups {
		groupKey[label] = k
	}
	for _, row := range rows[1:] {
		if row[col["table"]] != "attendance" {
			continue
		}
		n, err := strconv.Atoi(row[col["count"]])
		if err != nil {
			t.Fatalf("record.csv of %s: count %q", slug, row[col["count"]])
		}
		switch row[col["breakdown"]] {
		case "total":
			want["attended"] += n
			want[slug+":attended"] += n
		case "stakeholder_group":
			k := groupKey[row[col["segment"]]]
			want["group:"+k+":attended"] += n
			want[slug+":group:"+k+":attended"] += n
		}
	}
}

// cliOut runs a consulta command on the app's database and returns its
// standard output.
func (f *reportFixture) cliOut(t *testing.T, args ...string) string {
	t.Helper()
	cfg := f.app.App.Config
	env := map[string]string{"CONSULTA_DATA": cfg.DataDir, "CONSULTA_DB": cfg.DB}
	var out, errOut bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok && v != "" }
	if code := cli.Run(context.Background(), args, lookup, &out, &errOut); code != 0 {
		t.Fatalf("consulta %v: %d %s", args, code, errOut.String())
	}
	return out.String()
}

var xmlTag = regexp.MustCompile(`<[^>]+>`)

// wordFileText is the text of a Word file's parts (the document, its notes),
// tags removed: what a search of the file would find.
func wordFileText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return string(data) // not a zip: searched as it is
	}
	var sb strings.Builder
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		sb.WriteString(xmlTag.ReplaceAllString(string(b), ""))
	}
	return sb.String()
}

// notPublic: the public page, its downloads and the API are 404.
func (f *reportFixture) notPublic(t *testing.T) {
	anon := f.app.Client()
	for _, path := range []string{"/reviews/wsis20/report", "/reviews/wsis20/report.html", "/reviews/wsis20/report.md",
		"/reviews/wsis20/report.docx", "/reviews/wsis20/report.json", "/api/v1/reviews/wsis20/report"} {
		if resp, _ := f.app.Get(t, anon, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s before publication: %d, want 404", path, resp.StatusCode)
		}
	}
}

// publishedKeepsSecrets: every format of the published report exists and
// holds none of the secret phrases or names.
func (f *reportFixture) publishedKeepsSecrets(t *testing.T) {
	anon := f.app.Client()
	paths := []string{"/reviews/wsis20/report", "/api/v1/reviews/wsis20/report"}
	for _, format := range report.Formats() {
		paths = append(paths, "/reviews/wsis20/report."+format)
	}
	for _, path := range paths {
		resp, body := f.app.Get(t, anon, path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		if strings.HasSuffix(path, ".docx") {
			body = wordFileText(t, []byte(body))
		}
		for _, secret := range []string{privatePhrase, privateAuthor, unpublishedPhrase, unpublishedOrg, unrecordedPhrase, "Pelican Speaker"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s holds %q", path, secret)
			}
		}
	}
}

// hiddenLeaves: an input the secretariat hides after publication is no
// longer quoted or cited by the published report, in any format.
func (f *reportFixture) hiddenLeaves(t *testing.T) {
	anon := f.app.Client()
	_, body := f.app.Get(t, anon, "/api/v1/reviews/wsis20/report")
	r, err := report.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	var quote synthesisQuote
	for _, list := range reportQuotes(r) {
		for _, q := range list {
			if q.SourceKind == "input" && quote.Text == "" {
				quote = q
			}
		}
	}
	if quote.Text == "" {
		t.Fatal("no quoted input")
	}
	// The demo repeats its sentences across inputs: hide every input
	// quoted with this text, so the text itself must go.
	for _, list := range reportQuotes(r) {
		for _, q := range list {
			if q.SourceKind == "input" && q.Text == quote.Text {
				if _, err := f.app.DB().ModerateInput(context.Background(), inputs.LogEntry{InputID: q.SourceID, Action: inputs.Hide,
					Actor: "sec@example.org", At: time.Now().UTC()}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, format := range report.Formats() {
		_, body := f.app.Get(t, anon, "/reviews/wsis20/report."+format)
		if format == report.FormatDOCX {
			body = wordFileText(t, []byte(body))
		}
		if strings.Contains(body, quote.Text) {
			t.Errorf("report.%s still quotes the hidden input: %q", format, quote.Text)
		}
	}
	_, body = f.app.Get(t, anon, "/api/v1/reviews/wsis20/report")
	r, _ = report.Decode([]byte(body))
	for _, s := range r.Sources {
		if s.Kind == "input" && s.ID == quote.SourceID {
			t.Errorf("input %d, hidden, is still a source", s.ID)
		}
	}
}
