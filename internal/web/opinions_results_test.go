package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/opinionseed"
)

func TestOpinionMapPages(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	// A map nobody has voted on yet: a clear note, no drawing, and the API answers too.
	ctx := context.Background()
	empty, err := a.DB().ConsultationHeadBySlug(ctx, "wsis20-eweek")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DB().SaveOpinionSettings(ctx, opinion.Settings{ConsultationID: empty.ID, Enabled: true}, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Before its first computation the page says so and the API asks to retry; the view scheduled the job.
	if resp, page := a.Get(t, a.Client(), "/c/wsis20-eweek/opinions"); resp.StatusCode != http.StatusOK ||
		!strings.Contains(page, "The opinion map is being computed.") || strings.Contains(page, "<svg") {
		t.Errorf("map page before its computation: %d", resp.StatusCode)
	}
	if resp, page := a.Get(t, a.Client(), "/c/wsis20-eweek/opinions/groups"); resp.StatusCode != http.StatusOK ||
		!strings.Contains(page, "The opinion map is being computed.") {
		t.Errorf("breakdown page before its computation: %d", resp.StatusCode)
	}
	for _, path := range []string{"/api/v1/consultations/wsis20-eweek/opinions", "/api/v1/consultations/wsis20-eweek/opinions/breakdown"} {
		if resp, body := a.Get(t, a.Client(), path); resp.StatusCode != http.StatusServiceUnavailable ||
			resp.Header.Get("Retry-After") == "" || !strings.Contains(body, `"code":"computing"`) {
			t.Errorf("%s before the computation: %d %s", path, resp.StatusCode, body)
		}
	}
	if _, err := a.App.Maps.Recompute(ctx, empty.ID); err != nil {
		t.Fatal(err)
	}
	if resp, page := a.Get(t, a.Client(), "/c/wsis20-eweek/opinions"); resp.StatusCode != http.StatusOK ||
		!strings.Contains(page, "not enough votes yet") || strings.Contains(page, "<svg") {
		t.Errorf("map page without votes: %d", resp.StatusCode)
	}
	if resp, body := a.Get(t, a.Client(), "/api/v1/consultations/wsis20-eweek/opinions"); resp.StatusCode != http.StatusOK ||
		!strings.Contains(body, `"opinion_groups":[]`) {
		t.Errorf("API without votes: %d %s", resp.StatusCode, body)
	}

	opinionseed.Polarised(t, a)
	base := "/c/" + demo.LACSlug + "/opinions"

	resp, page := a.Get(t, a.Client(), base)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", base, resp.StatusCode)
	}
	for _, want := range []string{
		`<svg class="opinion-map"`, `role="img"`, `aria-labelledby="map-title map-desc"`,
		"Participants shown as points: 48. Opinion groups: 2",
		"Group A · participants: 24", "Group B · participants: 24",
		"Participants: 48 · statements: 8 · votes: 424",
		"Affordable, meaningful connectivity should come before any new WSIS action line.",
		"100% of this group agreed, against 0% of everyone else.",
		`lang="es"`, "Los pueblos indígenas deben participar",
		"Agreed: 100% · votes: 48",
		`<a href="/c/wsis20-lac"><bdi lang="en">WSIS at 20: Successes, Failures, and Expectations</bdi></a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("map page lacks %q", want)
		}
	}
	for _, never := range []string{opinionseed.RejectedText, opinionseed.StrictText} {
		if strings.Contains(page, never) {
			t.Errorf("map page shows %q", never)
		}
	}
	if n := strings.Count(page, "<polygon"); n != 2 {
		t.Errorf("%d group outlines, want 2", n)
	}

	// In Spanish and Arabic (right to left), the same page is translated.
	for lang, want := range map[string]string{"es": "Grupo A · participantes: 24", "ar": "المجموعة A · عدد المشاركين: 24"} {
		_, page := a.Get(t, a.Client(), base+"?lang="+lang)
		if !strings.Contains(page, want) || !strings.Contains(page, `lang="`+lang+`"`) {
			t.Errorf("map page in %s lacks %q", lang, want)
		}
	}

	_, page = a.Get(t, a.Client(), base+"/groups")
	for _, want := range []string{"Agreement by stakeholder group", "Common ground", "What divides Government (Member State) from Civil society",
		"at least 60% of the votes in every group", "100% (24)", "0% (24)", "Divides groups"} {
		if !strings.Contains(page, want) {
			t.Errorf("stakeholder breakdown lacks %q", want)
		}
	}
	// The common-ground list holds statement 6 only.
	common := page[strings.Index(page, "common-heading"):strings.Index(page, "divide-heading")]
	if !strings.Contains(common, "Los pueblos indígenas") || strings.Contains(common, "Affordable") {
		t.Errorf("common ground section: %s", common)
	}
	_, page = a.Get(t, a.Client(), base+"/groups?by=region&a=019&b=002")
	for _, want := range []string{"Agreement by region", "What divides Americas from Africa", "100% (24)"} {
		if !strings.Contains(page, want) {
			t.Errorf("region breakdown lacks %q", want)
		}
	}
	for _, p := range []string{base, base + "/groups", base + "/groups?by=region"} {
		if _, page := a.Get(t, a.Client(), p); strings.Contains(page, opinionseed.RejectedText) || strings.Contains(page, opinionseed.StrictText) {
			t.Errorf("%s shows a statement that is not put to the vote", p)
		}
	}
}

func TestOpinionMapAPI(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	opinionseed.Polarised(t, a)
	api := "/api/v1/consultations/" + demo.LACSlug + "/opinions"
	resp, body := a.Get(t, a.Client(), api)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", api, resp.StatusCode, body)
	}
	var m struct {
		OpinionGroups []struct {
			Label          string
			Members        int
			Representative []int
		} `json:"opinion_groups"`
		Statements []struct {
			ID                     int
			Text                   string
			Agrees                 int
			GroupInformedConsensus float64 `json:"group_informed_consensus"`
		}
		Consensus struct{ Agree []struct{ ID int } }
		Points    []struct {
			X, Y  float64
			Group int
		}
		InConversation int `json:"in_conversation"`
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.OpinionGroups) != 2 || m.OpinionGroups[0].Members != 24 || len(m.Points) != 48 || m.InConversation != 48 {
		t.Errorf("groups %+v, %d points, %d in conversation", m.OpinionGroups, len(m.Points), m.InConversation)
	}
	if len(m.Statements) != 8 {
		t.Errorf("%d statements, want the 8 put to the vote", len(m.Statements))
	}
	if strings.Contains(body, opinionseed.RejectedText) || strings.Contains(body, opinionseed.StrictText) || strings.Contains(body, `"groups"`) {
		t.Error("the API shows a hidden statement or participant ids")
	}
	for _, s := range m.Statements {
		if s.ID == 6 && (s.Agrees != 48 || s.GroupInformedConsensus < 0.9) {
			t.Errorf("statement 6: %+v", s)
		}
	}
	if len(m.Consensus.Agree) == 0 || m.Consensus.Agree[0].ID != 6 {
		t.Errorf("consensus agree %+v, want statement 6 first", m.Consensus.Agree)
	}

	resp, body = a.Get(t, a.Client(), api+"/breakdown?by=region")
	var b struct {
		By         string
		Segments   []string
		Statements []struct {
			ID           int
			CommonGround bool `json:"common_ground"`
			Divergent    bool
			Apart        []string
		}
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil || resp.StatusCode != 200 {
		t.Fatalf("breakdown: %d %v %s", resp.StatusCode, err, body)
	}
	if b.By != "region" || len(b.Segments) != 5 {
		t.Errorf("breakdown by %q over %v", b.By, b.Segments)
	}
	for _, s := range b.Statements {
		if (s.ID == 6) != s.CommonGround || (s.ID <= 3 || s.ID == 7) != s.Divergent {
			t.Errorf("statement %d: common ground %v divergent %v", s.ID, s.CommonGround, s.Divergent)
		}
	}
	if resp, body := a.Get(t, a.Client(), api+"/breakdown?by=shoe_size"); resp.StatusCode != 422 || !strings.Contains(body, `"by"`) {
		t.Errorf("unknown breakdown: %d %s", resp.StatusCode, body)
	}
}

// Without an opinion map there is nothing to see, on pages or in the API.
func TestOpinionMapDisabled(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	lacSettings(t, a, func(s *opinion.Settings) { s.Enabled = false })
	for _, p := range []string{"/c/" + demo.LACSlug + "/opinions", "/c/" + demo.LACSlug + "/opinions/groups",
		"/api/v1/consultations/" + demo.LACSlug + "/opinions", "/api/v1/consultations/" + demo.LACSlug + "/opinions/breakdown",
		"/c/no-such-consultation/opinions"} {
		if resp, _ := a.Get(t, a.Client(), p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
}
