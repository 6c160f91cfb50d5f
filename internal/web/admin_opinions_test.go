package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

const adminOpinionsPath = "/admin/consultations/" + demo.LACSlug + "/opinions"

func TestAdminOpinions(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	cid := lacID(t, a)

	// Anonymous visitors are sent to sign in and change nothing.
	anon := a.Client()
	if resp, _ := a.Get(t, anon, adminOpinionsPath); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
		t.Fatalf("anonymous GET: %d", resp.StatusCode)
	}
	for _, p := range []string{adminOpinionsPath, adminOpinionsPath + "/statements", adminOpinionsPath + "/statements/0"} {
		if resp, _ := post(t, a, anon, p, url.Values{"enabled": {"yes"}, "seed": {"x"}, "moderation": {"rejected"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("anonymous POST %s: %d", p, resp.StatusCode)
		}
	}
	if st, _ := a.DB().StatementByTID(ctx, cid, 0); st.Moderation != opinion.Accepted {
		t.Fatal("an anonymous post moderated a statement")
	}

	admin := staffClient(t, a, "sec@example.org", "admin")
	_, body := a.Get(t, admin, "/admin")
	if !strings.Contains(body, `href="`+adminOpinionsPath+`"`) {
		t.Error("the dashboard does not link to the opinion map")
	}

	// A participant writes a statement: it waits in the moderation list.
	ana := participantClient(t, a, "ana@example.org")
	post(t, a, ana, "/c/"+demo.LACSlug+"/opinions/statements", url.Values{"statement": {"Participant idea to moderate."}})
	resp, body := a.Get(t, admin, adminOpinionsPath)
	if resp.StatusCode != 200 {
		t.Fatalf("admin page: %d", resp.StatusCode)
	}
	for _, want := range []string{"Participant idea to moderate.", "Awaiting moderation (1)", "Accepted (8)", "Participant 0",
		"1 agree, 0 disagree, 0 pass", `name="moderation" value="accepted"`, `name="enabled" value="yes" checked`} {
		if !strings.Contains(body, want) {
			t.Errorf("admin page lacks %q", want)
		}
	}
	if strings.Contains(body, "Connectivity") || strings.Contains(body, "Internet Governance Forum should") {
		t.Error("the unmoderated list shows accepted statements")
	}

	// Reject it: it leaves the list and the vote.
	resp, _ = post(t, a, admin, adminOpinionsPath+"/statements/8", url.Values{"moderation": {"rejected"}, "filter": {"unmoderated"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "moderation=unmoderated") {
		t.Fatalf("reject: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if st, _ := a.DB().StatementByTID(ctx, cid, 8); st.Moderation != opinion.Rejected {
		t.Fatalf("statement 8 is %v after rejecting", st.Moderation)
	}
	_, body = a.Get(t, admin, adminOpinionsPath+"?moderation=rejected")
	if !strings.Contains(body, "Participant idea to moderate.") || !strings.Contains(body, "Rejected (1)") {
		t.Error("the rejected list does not show the rejected statement")
	}
	if resp, _ := post(t, a, admin, adminOpinionsPath+"/statements/99", url.Values{"moderation": {"accepted"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("moderating an unknown statement: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, admin, adminOpinionsPath+"/statements/8", url.Values{"moderation": {"maybe"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("moderating to a bad state: %d", resp.StatusCode)
	}

	// Seeds: accepted at once; a bad one keeps what was typed.
	resp, _ = post(t, a, admin, adminOpinionsPath+"/statements", url.Values{"seed": {"A new seed from the secretariat."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("seed: %d", resp.StatusCode)
	}
	if st, err := a.DB().StatementByTID(ctx, cid, 9); err != nil || !st.IsSeed || st.Moderation != opinion.Accepted || st.AuthorPID != -1 {
		t.Fatalf("seed stored as %+v, %v", st, err)
	}
	long := strings.Repeat("Too long seed ", 25)
	resp, body = post(t, a, admin, adminOpinionsPath+"/statements", url.Values{"seed": {long}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, strings.TrimSpace(long)) ||
		!strings.Contains(body, "Keep the statement to 280 characters or fewer.") || !strings.Contains(body, `href="#f-seed"`) {
		t.Fatalf("bad seed: %d", resp.StatusCode)
	}

	// Settings: admins change them; other staff see them but may not.
	resp, _ = post(t, a, admin, adminOpinionsPath, url.Values{"enabled": {"yes"}, "strict_moderation": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d", resp.StatusCode)
	}
	if s := lacSettings(t, a, nil); !s.Enabled || !s.StrictModeration || s.OpenToVerified {
		t.Fatalf("settings stored as %+v", s)
	}
	mod := staffClient(t, a, "mod@example.org", "moderator")
	_, body = a.Get(t, mod, adminOpinionsPath)
	if strings.Contains(body, `name="enabled"`) || !strings.Contains(body, "Only administrators can change these settings.") {
		t.Error("a moderator is offered the settings form")
	}
	if resp, _ := post(t, a, mod, adminOpinionsPath, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("moderator changing settings: %d", resp.StatusCode)
	}
	if !lacSettings(t, a, nil).Enabled {
		t.Fatal("a moderator disabled the map")
	}
	if resp, _ := post(t, a, mod, adminOpinionsPath+"/statements/8", url.Values{"moderation": {"accepted"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("moderator moderating: %d", resp.StatusCode)
	}
	// Disabling: an empty form turns everything off.
	post(t, a, admin, adminOpinionsPath, url.Values{})
	if s := lacSettings(t, a, nil); s.Enabled || s.StrictModeration {
		t.Fatalf("settings after unchecking everything: %+v", s)
	}

	// A cross-site form post changes nothing.
	req, _ := http.NewRequest(http.MethodPost, a.URL+adminOpinionsPath, strings.NewReader("enabled=yes"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := admin.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || lacSettings(t, a, nil).Enabled {
		t.Fatalf("cross-site settings post: %d", resp.StatusCode)
	}

	// In Spanish.
	_, body = a.Get(t, admin, adminOpinionsPath+"?lang=es")
	if !strings.Contains(body, "Mapa de opiniones") || !strings.Contains(body, "Pendientes de moderación") {
		t.Error("the admin page is not in Spanish")
	}
}
