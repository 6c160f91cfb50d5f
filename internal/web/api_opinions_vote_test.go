package web_test

import (
	"context"
	"github.com/consulta/consulta/internal/links"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

var tokenRe = regexp.MustCompile(`<code>([^<]+)</code>`)

// participantToken is the API token the voting page shows a participant.
func participantToken(t *testing.T, a *apptest.App, email string) string {
	t.Helper()
	c := participantClient(t, a, email)
	_, body := a.Get(t, c, votePath)
	m := tokenRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the voting page shows no API token")
	}
	return m[1]
}

type apiStatementOut struct {
	ID         int    `json:"id"`
	Text       string `json:"text"`
	Lang       string `json:"lang"`
	Seed       bool   `json:"seed"`
	Moderation string `json:"moderation"`
	Agrees     int    `json:"agrees"`
	Disagrees  int    `json:"disagrees"`
	Passes     int    `json:"passes"`
}

type apiStatementList struct {
	Statements       []apiStatementOut `json:"statements"`
	StrictModeration bool              `json:"strict_moderation"`
}

func TestAPIOpinions(t *testing.T) {
	c := startAPI(t, "")
	a := c.app
	ctx := context.Background()
	base := "/api/v1/consultations/" + demo.LACSlug
	staff := a.AddStaff(t, "staff@example.org", adminPassword, "secretariat")
	staffAuth := []string{"Authorization", "Bearer " + a.APIToken(t, staff)}
	token := participantToken(t, a, "ana@example.org")
	auth := []string{"Authorization", "Bearer " + token}

	// Public list: the statements put to the vote, with tallies.
	var list apiStatementList
	c.do(t, "GET", base+"/statements", "").decode(t, 200, &list)
	if len(list.Statements) != 8 || list.Statements[0].ID != 0 || !list.Statements[0].Seed || list.Statements[0].Moderation != "accepted" {
		t.Fatalf("statements %+v", list)
	}

	// Votes: a later vote replaces the earlier.
	var voted map[string]any
	c.do(t, "POST", base+"/votes", `{"statement_id":2,"vote":"agree"}`, auth...).decode(t, 200, &voted)
	if voted["vote"] != "agree" || voted["statement_id"] != float64(2) {
		t.Fatalf("vote answer %v", voted)
	}
	c.do(t, "POST", base+"/votes", `{"statement_id":2,"vote":"pass"}`, auth...).decode(t, 200, &voted)
	c.do(t, "GET", base+"/statements", "").decode(t, 200, &list)
	if s := list.Statements[2]; s.Agrees != 0 || s.Passes != 1 {
		t.Fatalf("tally after changing the vote %+v", s)
	}

	// Per-field errors, translated.
	var e apiErr
	c.do(t, "POST", base+"/votes?lang=es", `{"vote":"maybe"}`, auth...).decode(t, 422, &e)
	if e.Error.Code != "invalid" || e.Error.Fields["statement_id"] != "Este campo es obligatorio." ||
		e.Error.Fields["vote"] != "Elija De acuerdo, En desacuerdo o Paso." {
		t.Fatalf("invalid vote: %+v", e)
	}
	c.do(t, "POST", base+"/votes", `{"statement_id":99,"vote":"agree"}`, auth...).decode(t, 404, &e)
	c.do(t, "POST", base+"/votes", `{"statement_id":1,"vote":"agree","extra":1}`, auth...).decode(t, 400, &e)

	// Statements: participants' start unmoderated; bad ones are 422 on "text".
	var st apiStatementOut
	c.do(t, "POST", base+"/statements", `{"text":"  Spectrum for community   networks. "}`, auth...).decode(t, 201, &st)
	if st.ID != 8 || st.Text != "Spectrum for community networks." || st.Moderation != "unmoderated" || st.Seed || st.Lang != "en" {
		t.Fatalf("new statement %+v", st)
	}
	c.do(t, "POST", base+"/statements", `{"text":""}`, auth...).decode(t, 422, &e)
	if e.Error.Fields["text"] != "This field is required." {
		t.Fatalf("empty statement: %+v", e)
	}
	c.do(t, "POST", base+"/statements", `{"text":"Spectrum for community networks."}`, auth...).decode(t, 422, &e)
	if e.Error.Fields["text"] == "" {
		t.Fatalf("duplicate statement: %+v", e)
	}

	// Staff add seeds (accepted) and moderate; participants may not.
	c.do(t, "POST", base+"/statements", `{"text":"A seed from the secretariat.","lang":"en"}`, staffAuth...).decode(t, 201, &st)
	if !st.Seed || st.Moderation != "accepted" {
		t.Fatalf("staff statement %+v", st)
	}
	c.do(t, "PATCH", base+"/statements/8", `{"moderation":"rejected"}`, auth...).decode(t, 401, &e)
	c.do(t, "PATCH", base+"/statements/8", `{"moderation":"rejected"}`).decode(t, 401, &e)
	c.do(t, "PATCH", base+"/statements/8", `{"moderation":"maybe"}`, staffAuth...).decode(t, 422, &e)
	if e.Error.Fields["moderation"] == "" {
		t.Fatalf("bad moderation: %+v", e)
	}
	c.do(t, "PATCH", base+"/statements/42", `{"moderation":"accepted"}`, staffAuth...).decode(t, 404, &e)
	c.do(t, "PATCH", base+"/statements/8", `{"moderation":"rejected"}`, staffAuth...).decode(t, 200, &st)
	if st.Moderation != "rejected" || st.Agrees != 1 {
		t.Fatalf("moderated %+v", st)
	}
	// Rejected: gone from the public list, not votable.
	c.do(t, "GET", base+"/statements", "").decode(t, 200, &list)
	for _, s := range list.Statements {
		if s.ID == 8 {
			t.Fatal("a rejected statement is listed publicly")
		}
	}
	bruno := participantToken(t, a, "bruno@example.org")
	c.do(t, "POST", base+"/votes", `{"statement_id":8,"vote":"agree"}`, "Authorization", "Bearer "+bruno).decode(t, 409, &e)
	if e.Error.Code != "opinions.error.not_votable" {
		t.Fatalf("vote on rejected: %+v", e)
	}
	// Staff may list by state; others may not.
	c.do(t, "GET", base+"/statements?moderation=rejected", "", staffAuth...).decode(t, 200, &list)
	if len(list.Statements) != 1 || list.Statements[0].ID != 8 {
		t.Fatalf("rejected list %+v", list)
	}
	c.do(t, "GET", base+"/statements?moderation=rejected", "", auth...).decode(t, 401, &e)
	c.do(t, "GET", base+"/statements?moderation=nonsense", "", staffAuth...).decode(t, 422, &e)

	// Tokens: none, forged, staff (cannot vote), another consultation's.
	c.do(t, "POST", base+"/votes", `{"statement_id":1,"vote":"agree"}`).decode(t, 401, &e)
	c.do(t, "POST", base+"/votes", `{"statement_id":1,"vote":"agree"}`, "Authorization", "Bearer 0.forged").decode(t, 401, &e)
	c.do(t, "POST", base+"/votes", `{"statement_id":1,"vote":"agree"}`, staffAuth...).decode(t, 403, &e)
	other, err := a.DB().ConsultationHeadBySlug(ctx, "api-december")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DB().SaveOpinionSettings(ctx, opinion.Settings{ConsultationID: other.ID, Enabled: true}, time.Now()); err != nil {
		t.Fatal(err)
	}
	c.do(t, "POST", "/api/v1/consultations/api-december/votes", `{"statement_id":0,"vote":"agree"}`, auth...).decode(t, 403, &e)
	op, err := a.DB().OpinionParticipantForEmail(ctx, other.ID, "x@example.org", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	foreign := a.App.Web.URLs.Signer().Sign(links.OpinionParticipant, strconv.FormatInt(op.ID, 10))
	c.do(t, "POST", base+"/votes", `{"statement_id":1,"vote":"agree"}`, "Authorization", "Bearer "+foreign).decode(t, 403, &e)

	// A consultation without a map, and a draft, are not found.
	c.do(t, "GET", "/api/v1/consultations/wsis20-africa/statements", "").decode(t, 404, &e)
	c.do(t, "GET", "/api/v1/consultations/api-draft/statements", "").decode(t, 404, &e)
	// A disabled map takes no votes.
	lacSettings(t, a, func(s *opinion.Settings) { s.Enabled = false })
	c.do(t, "POST", base+"/votes", `{"statement_id":1,"vote":"agree"}`, auth...).decode(t, 404, &e)
	c.assertNoMeetingURL(t)
}
