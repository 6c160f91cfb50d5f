package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// Phrases that must never reach a published report: a secretariat-only
// input, an input not yet published, an intervention whose record is not
// published, and the names of their authors.
const (
	privatePhrase     = "Quokka lighthouse treaty for secretariat eyes only."
	privateAuthor     = "Zebulon Privatus"
	unpublishedPhrase = "Narwhal tapestry awaiting moderation."
	unpublishedOrg    = "Narwhal Tapestry Foundation"
	unrecordedPhrase  = "Pelican sonata on an unpublished record."
)

// reportFixture is the demo with the secret inputs above, one published
// and one unpublished record, and a secretariat member signed in.
type reportFixture struct {
	app      *apptest.App
	staff    *http.Client
	token    string
	reviewID int64
	public   live.Intervention // on a published record
}

func newReportFixture(t *testing.T, engine string) *reportFixture {
	t.Helper()
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	ctx := context.Background()
	rv, err := a.DB().ReviewBySlug(ctx, demo.ReviewSlug)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := a.DB().ReportConsultations(ctx, rv.ID)
	if err != nil || len(cs) < 2 {
		t.Fatalf("consultations: %d %v", len(cs), err)
	}
	f := &reportFixture{app: a, reviewID: rv.ID}
	addReportInput(t, a, rv, cs[0], privatePhrase, privateAuthor, "", inputs.Private, true)
	addReportInput(t, a, rv, cs[0], unpublishedPhrase, "Nadia Narwhal", unpublishedOrg, inputs.Named, false)
	f.public = live.Intervention{ConsultationID: cs[0].ID, Name: "H.E. Ambassador Example", StakeholderGroup: string(stakeholder.Government),
		Country: "CL", Summary: "Meaningful connectivity must reach rural schools before 2030.",
		KeyPoints: "Finance community networks.\nMeasure affordability.", RecordedAt: time.Now().UTC()}
	hidden := live.Intervention{ConsultationID: cs[1].ID, Name: "Pelican Speaker", StakeholderGroup: string(stakeholder.CivilSociety),
		Country: "KE", Summary: unrecordedPhrase, RecordedAt: time.Now().UTC()}
	for _, iv := range []*live.Intervention{&f.public, &hidden} {
		if err := a.DB().AddIntervention(ctx, iv); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC()
	if err := a.DB().PublishRecord(ctx, cs[0].ID, &now); err != nil {
		t.Fatal(err)
	}
	addRegistrations(t, a)
	f.staff = staffClient(t, a, "report-sec@example.org", "secretariat")
	u := a.AddStaff(t, "report-api@example.org", adminPassword, "secretariat")
	f.token = a.APIToken(t, u)
	return f
}

// addRegistrations registers five people for the LAC consultation:
// one left unconfirmed, two confirmed, two approved, of different groups,
// countries and genders.
func addRegistrations(t *testing.T, a *apptest.App) {
	t.Helper()
	ctx := context.Background()
	c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range []struct{ group, country, gender string }{{"academia", "CL", "woman"}, {"government", "BR", ""},
		{"civil_society", "MX", "man"}, {"academia", "CL", "non_binary"}, {"private_sector", "AR", "woman"}} {
		now := time.Now()
		r := registration.New(links.NewID(), c.ID, registration.Input{GivenName: "Reg", FamilyName: strconv.Itoa(i),
			Email: "reg" + strconv.Itoa(i) + "@example.org", Organization: "Org", StakeholderGroup: p.group,
			Country: p.country, Language: "es", Gender: p.gender, Consent: true}, now)
		if _, err := a.DB().Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			continue
		}
		if _, err := a.App.Web.Registrations.Confirm(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
		if i >= 3 {
			if _, err := a.App.Web.Registrations.Approve(ctx, c, r.ID); err != nil {
				t.Fatal(err)
			}
		}
		if i == 4 { // present at the session: checked in by hand
			if err := a.DB().CheckIn(ctx, c.ID, r.ID, 0, now); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// addReportInput writes an input to consultation c answering its first
// question; published says whether the secretariat publishes it.
func addReportInput(t *testing.T, a *apptest.App, rv *consultation.Review, c *consultation.Consultation, text, name, org string,
	p inputs.Publication, published bool) *inputs.Input {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	qs := append(append([]consultation.Question{}, c.Questions...), rv.Questions...)
	in := &inputs.Input{ReviewID: rv.ID, ConsultationID: c.ID, AuthorName: name, AuthorEmail: strings.ToLower(strings.Fields(name)[0]) + "@example.org",
		Organization: org, StakeholderGroup: stakeholder.CivilSociety, Country: "NZ", Region: "009", Publication: p,
		Status: inputs.Submitted, Source: inputs.FromParticipant, ReceivedAt: now, CreatedAt: now, UpdatedAt: now,
		Current: inputs.Version{Number: 1, Language: "en", CreatedAt: now,
			Answers: []inputs.Answer{{QuestionID: qs[0].ID, Text: text + " Digital divide and meaningful connectivity matter."}}}}
	if err := a.DB().CreateInput(ctx, in); err != nil {
		t.Fatal(err)
	}
	if published {
		if _, err := a.DB().ModerateInput(ctx, inputs.LogEntry{InputID: in.ID, Action: inputs.Publish, Actor: "sec@example.org", At: now}); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

// generate clicks "Generate report" clicks times and waits for the run.
func (f *reportFixture) generate(t *testing.T, clicks int) {
	t.Helper()
	for range clicks {
		resp, body := post(t, f.app, f.staff, "/admin/reviews/"+demo.ReviewSlug+"/report/generate", url.Values{"lang": {"en"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("generate: %d %.500s", resp.StatusCode, body)
		}
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		st, err := f.app.DB().ReportState(context.Background(), f.reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status == report.StatusDone {
			return
		}
		if st.Status == report.StatusFailed || time.Now().After(deadline) {
			t.Fatalf("generation %s: %s", st.Status, st.Error)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// draft is the last generated report's JSON, as the admin downloads it.
func (f *reportFixture) draft(t *testing.T) *report.Report {
	t.Helper()
	resp, body := f.app.Get(t, f.staff, "/admin/reviews/"+demo.ReviewSlug+"/report/draft.json")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("draft.json: %d %.300s", resp.StatusCode, body)
	}
	r, err := report.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// reportJobs counts the generation jobs River holds.
func (f *reportFixture) reportJobs(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.app.DB().Writer().QueryRowContext(context.Background(),
		`SELECT COUNT(*) FROM river_job WHERE kind = 'report_generate'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReportPipeline(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			f := newReportFixture(t, engine)
			slug := demo.ReviewSlug
			resp, body := f.app.Get(t, f.staff, "/admin/reviews/"+slug+"/report")
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, "/report/generate") {
				t.Fatalf("admin page before any report: %d", resp.StatusCode)
			}
			t.Run("not public before publication", func(t *testing.T) { f.notPublic(t) })
			f.generate(t, 2)
			if n := f.reportJobs(t); n != 1 {
				t.Errorf("two clicks made %d runs, want 1", n)
			}
			resp, body = f.app.Get(t, f.staff, "/admin/reviews/"+slug+"/report")
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, "draft.docx") {
				t.Fatalf("admin page after generation: %d %.300s", resp.StatusCode, body)
			}
			t.Run("not public before publication", func(t *testing.T) { f.notPublic(t) })
			t.Run("the opinion map's statements", func(t *testing.T) {
				r := f.draft(t)
				kinds := map[string]int{}
				for _, st := range r.Statements {
					kinds[st.Kind]++
					if st.Text == "" || st.Consultation != demo.MapSlug || st.Votes == 0 {
						t.Errorf("statement %+v", st)
					}
				}
				if kinds[report.StatementConsensus] == 0 {
					t.Errorf("no consensus statement from the demo's map: %v", kinds)
				}
			})
			for _, format := range report.Formats() {
				if resp, body := f.app.Get(t, f.staff, "/admin/reviews/"+slug+"/report/draft."+format); resp.StatusCode != http.StatusOK || len(body) < 100 {
					t.Errorf("draft.%s: %d, %d bytes", format, resp.StatusCode, len(body))
				}
			}
			t.Run("curation survives regeneration", func(t *testing.T) { f.curationSurvives(t) })
			if resp, _ := post(t, f.app, f.staff, "/admin/reviews/"+slug+"/report/publish", url.Values{"publish": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("publish: %d", resp.StatusCode)
			}
			t.Run("published, never quoting a private source", func(t *testing.T) { f.publishedKeepsSecrets(t) })
			t.Run("quotes verbatim in their sources", func(t *testing.T) { f.quotesVerbatim(t) })
			t.Run("figures from the exports", func(t *testing.T) { f.figuresFromExports(t) })
			t.Run("a source hidden after publication leaves it", func(t *testing.T) { f.hiddenLeaves(t) })
			if resp, _ := post(t, f.app, f.staff, "/admin/reviews/"+slug+"/report/publish", url.Values{"publish": {"no"}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("unpublish: %d", resp.StatusCode)
			}
			t.Run("taken down", func(t *testing.T) { f.notPublic(t) })
		})
	}
}

// quotesVerbatim: every quote of the published JSON occurs, byte for byte,
// in the source it cites, as the API serves it; and only public sources
// are cited.
func (f *reportFixture) quotesVerbatim(t *testing.T) {
	anon := f.app.Client()
	_, body := f.app.Get(t, anon, "/api/v1/reviews/wsis20/report")
	r, err := report.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{} // "input:12" → every text of the source
	n := 0
	for _, list := range reportQuotes(r) {
		for _, q := range list {
			n++
			key := q.SourceKind + ":" + strconv.FormatInt(q.SourceID, 10)
			if _, ok := texts[key]; !ok {
				texts[key] = f.sourceText(t, r, q.SourceKind, q.SourceID)
			}
			if !strings.Contains(texts[key], q.Text) {
				t.Errorf("quote %q is not in %s", q.Text, key)
			}
		}
	}
	if n == 0 {
		t.Error("the report quotes nothing")
	}
	for _, s := range r.Sources {
		if !strings.HasPrefix(s.URL, "/") || r.BaseURL != f.app.URL || s.Group == "" {
			t.Errorf("source %s %d has no permalink or group: %+v", s.Kind, s.ID, s)
		}
	}
}

// reportQuotes are every list of quotes in r.
func reportQuotes(r *report.Report) [][]synthesisQuote {
	var out [][]synthesisQuote
	for _, q := range r.Questions {
		for _, th := range q.Themes {
			out = append(out, th.Quotes, th.Framing.Successes.Quotes, th.Framing.Failures.Quotes, th.Framing.Expectations.Quotes)
		}
	}
	return out
}

// sourceText is what the public API serves of a source: an input's
// answers and comments, or an intervention's summary and key points.
func (f *reportFixture) sourceText(t *testing.T, r *report.Report, kind string, id int64) string {
	t.Helper()
	switch kind {
	case "input":
		var rec inputs.Record
		if code := apiDo(t, f.app, "GET", "/api/v1/inputs/"+strconv.FormatInt(id, 10), "", "", &rec); code != http.StatusOK {
			t.Fatalf("GET /api/v1/inputs/%d: %d (a quoted input the public cannot read)", id, code)
		}
		var parts []string
		for _, a := range rec.Answers {
			parts = append(parts, a.Text)
		}
		return strings.Join(append(parts, rec.Comments), "\n")
	case "intervention":
		for _, c := range r.Consultations {
			var list struct {
				Interventions []struct {
					ID        int64    `json:"id"`
					Summary   string   `json:"summary"`
					KeyPoints []string `json:"key_points"`
				} `json:"interventions"`
			}
			if apiDo(t, f.app, "GET", "/api/v1/consultations/"+c.Slug+"/interventions", "", "", &list) != http.StatusOK {
				continue
			}
			for _, iv := range list.Interventions {
				if iv.ID == id {
					return iv.Summary + "\n" + strings.Join(iv.KeyPoints, "\n")
				}
			}
		}
	}
	t.Fatalf("source %s %d is not served publicly", kind, id)
	return ""
}

// figuresFromExports: the participation figures equal those counted from
// the complete export of inputs, the registrations exports and the
// interventions lists.
func (f *reportFixture) figuresFromExports(t *testing.T) {
	_, body := f.app.Get(t, f.app.Client(), "/api/v1/reviews/wsis20/report")
	r, err := report.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := f.countExports(t, r)
	got := map[string]int{}
	add := func(prefix string, c report.Counts) {
		got[prefix+"registrations"], got[prefix+"approved"] = c.Registrations, c.Approved
		got[prefix+"inputs"], got[prefix+"interventions"] = c.Inputs, c.Interventions
		got[prefix+"attended"] = c.Attended
		for _, b := range c.ByGroup {
			got[prefix+"group:"+b.Key+":attended"] = b.Attended
			got[prefix+"group:"+b.Key+":inputs"] = b.Inputs
			got[prefix+"group:"+b.Key+":registrations"] = b.Registrations
			got[prefix+"group:"+b.Key+":interventions"] = b.Interventions
		}
		for _, b := range c.ByCountry {
			got[prefix+"country:"+b.Key+":inputs"] = b.Inputs
			got[prefix+"country:"+b.Key+":registrations"] = b.Registrations
		}
		for _, b := range c.ByRegion {
			got[prefix+"region:"+b.Key+":inputs"] = b.Inputs
		}
		for _, b := range c.ByGender {
			got[prefix+"gender:"+b.Key+":registrations"] = b.Registrations
		}
	}
	add("", r.Participation.Total)
	for _, pc := range r.Participation.PerConsultation {
		add(pc.Slug+":", pc.Counts)
	}
	if want["registrations"] < 4 || want["approved"] < 2 || want["interventions"] < 2 || want["inputs"] < 200 || want["attended"] < 1 {
		t.Errorf("the exports hold too little to compare: %d registrations, %d approved, %d interventions, %d inputs",
			want["registrations"], want["approved"], want["interventions"], want["inputs"])
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: report %d, exports %d", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok && v != 0 {
			t.Errorf("%s: report %d, exports 0", k, v)
		}
	}
}

// jsonOf decodes a JSON body.
func jsonOf(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%v: %.300s", err, body)
	}
}
