package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// The meeting link's new input paths refuse NUL, invalid UTF-8 and
// oversized bodies the same way on both engines, and change nothing.
func TestMeetingInputsRefuseBadBytes(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
			ctx := context.Background()
			sec := a.AddStaff(t, "sec@example.org", adminPassword, "secretariat")
			token := a.APIToken(t, sec)
			staff := staffClient(t, a, "sec2@example.org", "secretariat")
			_, reg := registerAndConfirm(t, a, "edge@example.org")
			base := "/api/v1/consultations/" + demo.LACSlug
			for _, body := range []string{`{"title":"a\u0000b"}`, "{\"title\":\"a\xffb\"}", `{"notice":"x\u0007"}`} {
				apiJSON(t, a, "PATCH", base, token, body, http.StatusUnprocessableEntity)
			}
			apiJSON(t, a, "PATCH", base, token, `{"notice":"`+strings.Repeat("x", 2<<20)+`"}`, http.StatusRequestEntityTooLarge)
			apiJSON(t, a, "POST", base+"/messages", token, `{"subject":"s\u0000","body":"b"}`, http.StatusUnprocessableEntity)
			apiJSON(t, a, "POST", base+"/registrations/"+reg.ID+"/reject", token, `{"reason":"no\u0000"}`, http.StatusUnprocessableEntity)
			c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
			if err != nil {
				t.Fatal(err)
			}
			if text := c.Texts[c.OriginalLang]; strings.ContainsAny(text.Title+text.Notice, "\x00\x07") {
				t.Error("a refused PATCH changed the consultation")
			}
			for path, form := range map[string]url.Values{
				"/admin/consultations/" + demo.LACSlug + "/messages":                            {"lang": {"en"}, "subject": {"a\x00"}, "body": {"b"}},
				"/admin/consultations/" + demo.LACSlug + "/registrations/" + reg.ID + "/reject": {"reason": {"no\x00"}},
				a.App.Web.URLs.ParticipantPath(reg.ID, c.EndsAt) + "/erase":                     {"confirm": {"yes\xff"}},
			} {
				client := staff
				if strings.HasPrefix(path, "/p/") {
					client = a.Client()
				}
				if resp, _ := post(t, a, client, path, form); resp.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("POST %s with bad bytes: %d, want 422", path, resp.StatusCode)
				}
			}
			if r, _ := a.DB().RegistrationByID(ctx, reg.ID); r.Status != registration.Approved || r.Email != reg.Email {
				t.Errorf("a refused post changed the registration: %q %q", r.Status, r.Email)
			}
			if list, err := a.DB().Announcements(ctx, c.ID, 10); err != nil || len(list) != 0 {
				t.Errorf("a refused message was stored: %v %v", list, err)
			}
		})
	}
}
