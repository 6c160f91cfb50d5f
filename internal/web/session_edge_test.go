package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// The input paths added with the report, the check-in, the accounts'
// limits and the agenda's translations refuse NUL, invalid UTF-8 and
// oversized bodies the same way on both engines, and change nothing.
func TestSessionInputsRefuseBadBytes(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
			ctx := context.Background()
			admin := staffClient(t, a, "admin2@example.org", "admin")
			token := a.APIToken(t, a.AddStaff(t, "sec@example.org", adminPassword, "secretariat"))
			mod := a.AddStaff(t, "mod@example.org", adminPassword, "moderator")
			_, reg := registerAndConfirm(t, a, "edge@example.org")
			c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
			if err != nil {
				t.Fatal(err)
			}
			rv, err := a.DB().ReviewByID(ctx, c.ReviewID)
			if err != nil {
				t.Fatal(err)
			}
			lac, report := "/admin/consultations/"+demo.LACSlug, "/admin/reviews/"+rv.Slug+"/report"
			for path, form := range map[string]url.Values{
				report + "/generate":       {"lang": {"en\x00"}},
				report + "/curation":       {"form": {"edit"}, "op": {"rename"}, "question": {"1"}, "theme": {"t"}, "label": {"a\x00b"}},
				report + "/publish":        {"publish": {"1\xff"}},
				lac + "/checkin/" + reg.ID: {"present": {"1"}, "back": {"q=\x07"}},
				"/admin/users/" + strconv.FormatInt(mod.ID, 10) + "/scope": {"consultation": {demo.LACSlug + "\x00"}},
				lac + "/live/agenda/translations/es":                       {"item_0_title": {"t\x00"}},
			} {
				if resp, _ := post(t, a, admin, path, form); resp.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("POST %s with bad bytes: %d, want 422", path, resp.StatusCode)
				}
			}
			big := url.Values{"form": {"edit"}, "op": {"rename"}, "label": {strings.Repeat("x", 2<<20)}}
			if resp, _ := post(t, a, admin, report+"/curation", big); resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("an oversized curation form: %d, want 413", resp.StatusCode)
			}
			api := "/api/v1/consultations/" + demo.LACSlug + "/checkins"
			apiJSON(t, a, "POST", api, token, `{"registration_id":"`+reg.ID+`\u0000","present":true}`, http.StatusUnprocessableEntity)
			apiJSON(t, a, "POST", api, token, "{\"registration_id\":\"\xff\",\"present\":true}", http.StatusUnprocessableEntity)
			apiJSON(t, a, "POST", api, token, `{"registration_id":"`+strings.Repeat("x", 2<<20)+`","present":true}`, http.StatusRequestEntityTooLarge)

			// Nothing changed: no curation edit, no request, no check-in, no limit.
			if st, err := a.DB().ReportState(ctx, rv.ID); err != nil || len(st.Curation.Edits) != 0 || st.Status != "" {
				t.Errorf("a refused post changed the report: %+v %v", st, err)
			}
			list, err := a.DB().Attendees(ctx, live.CheckInFilter{ConsultationID: c.ID, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range list {
				if at.CheckedInAt != nil {
					t.Errorf("a refused post checked %s in", at.RegistrationID)
				}
			}
			if u, err := a.DB().UserByEmail(ctx, "mod@example.org"); err != nil || u.Limited() {
				t.Errorf("a refused post limited the moderator: %v", err)
			}
		})
	}
}
