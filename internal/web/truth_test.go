package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/privacy"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// Pages say what is true of their consultation: a past one promises no
// meeting link and offers no calendar entry for a month-only date, empty
// sections are left out, the opinion map of an ended consultation says it
// is closed, the format is said once and the time zone as people say it.
func TestPagesTellTheTruthAboutTheirState(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	past := "/c/" + demo.MapSlug
	cases := []struct {
		name, path    string
		status        int
		want, notWant []string
	}{
		{"past consultation", past, 200,
			[]string{"This consultation has taken place. Registration is closed.",
				"The consultation has ended: its opinion map is closed", `href="` + past + `/opinions"`},
			[]string{"meeting link", "event.ics", "Objectives", "Guiding questions", "Take part in the opinion map", "Asia/Tokyo"}},
		{"past consultation in Spanish", past + "?lang=es", 200, []string{"Esta consulta ya se celebró."}, []string{"enlace"}},
		{"month-only calendar file", past + "/event.ics", 404, []string{"known only by its month"}, []string{"BEGIN:VCALENDAR"}},
		{"upcoming consultation", "/c/" + demo.LACSlug, 200,
			[]string{"Chile time (Santiago)", "Virtual, hosted from <bdi lang=\"en\">Santiago, Chile</bdi>",
				"/c/" + demo.LACSlug + "/event.ics", "meeting link", "Objectives", "Guiding questions"},
			[]string{"America/Santiago)", "(virtual)"}},
		{"upcoming consultation in Spanish", "/c/" + demo.LACSlug + "?lang=es", 200,
			[]string{"Hora de Chile (Santiago)", "Virtual, desde"}, nil},
		{"upcoming calendar file", "/c/" + demo.LACSlug + "/event.ics", 200, []string{"LOCATION:Virtual\\, hosted from Santiago\\, Chile"}, nil},
		{"home cards", "/", 200, []string{"Virtual, hosted from <bdi lang=\"en\">Santiago, Chile</bdi>", "In person, <bdi lang=\"en\">Kyoto, Japan</bdi>"},
			[]string{"(virtual)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.Get(t, a.Client(), tc.path)
			if resp.StatusCode != tc.status {
				t.Fatalf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tc.path, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(body, w) {
					t.Errorf("GET %s has %q", tc.path, w)
				}
			}
		})
	}
	_, lac := a.Get(t, a.Client(), "/c/"+demo.LACSlug)
	_, main, _ := strings.Cut(lac, "<main")
	main, _, _ = strings.Cut(main, "</main>")
	if n := strings.Count(main, "Virtual"); n != 1 {
		t.Errorf("the consultation page says Virtual %d times", n)
	}
}

// The opinion map of a consultation that has ended says it is closed and
// offers no voting.
func TestOpinionMapOfAnEndedConsultationIsClosed(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c, err := a.DB().ConsultationHeadBySlug(t.Context(), demo.MapSlug)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Maps.Recompute(t.Context(), c.ID); err != nil {
		t.Fatal(err)
	}
	resp, page := a.Get(t, a.Client(), "/c/"+demo.MapSlug+"/opinions")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(page, "its opinion map is closed") || strings.Contains(page, "/opinions/vote") {
		t.Error("the map of an ended consultation does not say it is closed, or offers voting")
	}

	// Ended yesterday: registration is over, but the map's links still let
	// participants in (links.AfterEnd), so the page still offers voting.
	lac, err := a.DB().ConsultationBySlug(t.Context(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	lac.StartsAt, lac.EndsAt = time.Now().Add(-26*time.Hour), time.Now().Add(-24*time.Hour)
	lac.RegistrationOpens, lac.RegistrationEnds = nil, nil
	if err := a.DB().SaveConsultation(t.Context(), lac); err != nil {
		t.Fatal(err)
	}
	_, page = a.Get(t, a.Client(), "/c/"+demo.LACSlug)
	until := lac.EndsAt.Add(links.AfterEnd).In(lac.Location())
	if !strings.Contains(page, "This consultation has taken place.") || !strings.Contains(page, "/opinions/vote") ||
		strings.Contains(page, "its opinion map is closed") || !strings.Contains(page, "stays open to participants until "+until.Format("2 January 2006")) {
		t.Error("a consultation that ended yesterday does not offer its still open opinion map")
	}
}

// The privacy notice names the controller and contact, purposes, legal
// basis, recipients, retention, rights with the personal page, cookies and
// its version; each registration records the version consented to.
func TestPrivacyNoticeAndConsentVersion(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
			_, page := a.Get(t, a.Client(), "/privacy")
			for _, want := range []string{"Data controller:", "UNCTAD, on behalf of the secretariat", `href="mailto:cstd-wsis20@unctad.org"`,
				"Legal basis", "Who sees your data", "not confirmed within 48 hours is deleted", "your personal page",
				"download your data", "consulta_session", `<time datetime="` + privacy.NoticeVersion + `">`} {
				if !strings.Contains(page, want) {
					t.Errorf("the notice lacks %q", want)
				}
			}
			if _, pt := a.Get(t, a.Client(), "/privacy?lang=pt"); !strings.Contains(pt, "Seus direitos e como exercê-los") {
				t.Error("the notice is not translated")
			}
			resp := a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", registrationForm("ana@example.org"))
			resp.Body.Close()
			var version string
			if err := a.DB().Writer().QueryRowContext(t.Context(), `SELECT privacy_version FROM registrations WHERE email = $1`,
				"ana@example.org").Scan(&version); err != nil {
				t.Fatal(err)
			}
			if version != privacy.NoticeVersion {
				t.Errorf("the registration records notice version %q, want %q", version, privacy.NoticeVersion)
			}
		})
	}
}

// The Santiago consultation reads in full in Spanish, French and
// Portuguese, is titled in Arabic, Russian and Chinese, and names its
// partners and languages in the reader's language.
func TestDemoContentInTheReadersLanguage(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	const fallbackNote = `class="note" role="note"`
	cases := []struct {
		lang     string
		complete bool
		want     []string
	}{
		{"es", true, []string{"La CMSI a los 20 años", "<bdi>CEPAL</bdi>", "Representantes de CEPAL", "inglés, español", "Desde 2006, la Comisión"}},
		{"fr", true, []string{"Le SMSI a 20 ans", "<bdi>CEPALC</bdi>", "Représentants (CEPALC)", "anglais, espagnol", "Depuis 2006", "Quelles mesures faudrait-il prendre"}},
		{"pt", true, []string{"A CMSI aos 20 anos", "<bdi>CEPAL</bdi>", "inglês, espanhol", "Desde 2006, a Comissão", "Que medidas devem ser adotadas"}},
		{"ar", false, []string{`<h1 lang="ar" dir="rtl">القمة العالمية لمجتمع المعلومات بعد 20 عامًا`, "الإنجليزية"}},
		{"ru", false, []string{"ВВУИО 20 лет спустя", "<bdi>ЭКЛАК</bdi>", "английский"}},
		{"zh", false, []string{"信息社会世界峰会二十周年：成功、失败与期望", "<bdi>拉加经委会</bdi>", "英语"}},
	}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			_, page := a.Get(t, a.Client(), "/c/"+demo.LACSlug+"?lang="+tc.lang)
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("the %s page lacks %q", tc.lang, w)
				}
			}
			if got := strings.Contains(page, fallbackNote); got == tc.complete {
				t.Errorf("the %s page shows the fallback note: %v, want %v", tc.lang, got, !tc.complete)
			}
			if strings.Contains(page, "ECLAC representatives") || (tc.complete && strings.Contains(page, `lang="en"`+` dir="ltr"`)) {
				t.Errorf("the %s page has English content", tc.lang)
			}
		})
	}
}
