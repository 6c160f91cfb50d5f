package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/testutil/apptest"
)

// consultationForm is a complete consultation as the editor posts it.
func consultationForm(slug, status, zone string) url.Values {
	return url.Values{
		"review": {"digital-review"}, "slug": {slug}, "original_lang": {"en"}, "status": {status},
		"title": {"Consultation on digital cooperation"}, "time_zone": {zone},
		"starts_at": {"2030-03-10T14:00"}, "ends_at": {"2030-03-10T16:00"}, "format": {"hybrid"},
		"place": {"Geneva"}, "region": {"150"}, "languages": {"en", "es"},
		"background": {"Some **background**."}, "objectives": {"- one\n- two"},
		"opening_remarks": {"The Chair opens the meeting."}, "notice": {""},
		"questions": {"What works?\nWhat is missing?"}, "partners": {"ITU\nUNESCO"},
		"moderators": {"Ana Pérez | ECLAC\nJohn Doe"}, "chair_name": {"H.E. Chair"}, "chair_organization": {"CSTD"},
		"registration_opens": {""}, "registration_ends": {"2030-03-09T12:00"}, "capacity": {"100"},
		"meeting_url": {"https://meet.example.org/secret-room"}, "contact_email": {"wsis@example.org"},
		"action": {"save"},
	}
}

// createReview makes the review "digital-review" through the form.
func createReview(t *testing.T, app *apptest.App, c *http.Client) {
	t.Helper()
	resp, body := post(t, app, c, "/admin/reviews", url.Values{"slug": {"digital-review"}, "original_lang": {"en"},
		"title": {"Digital Review"}, "description": {"About *it*."}, "mandate": {"A/RES/70/125"},
		"secretariat": {"CSTD"}, "partners": {"ITU"}, "reporting_chain": {"CSTD\nECOSOC"},
		"questions": {"First question?\nSecond question?"}, "action": {"save"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create review = %d\n%s", resp.StatusCode, body)
	}
}

func TestAdminCreateReviewAndConsultation(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	c := staffClient(t, app, "sec@example.org", "admin")
	createReview(t, app, c)

	resp, body := post(t, app, c, "/admin/consultations", consultationForm("digital-europe", "draft", "Europe/Paris"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create consultation = %d\n%s", resp.StatusCode, body)
	}
	anon := app.Client()
	if resp, _ := app.Get(t, anon, "/c/digital-europe"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("draft public page = %d, want 404", resp.StatusCode)
	}

	stored, err := app.DB().ConsultationBySlug(context.Background(), "digital-europe")
	if err != nil {
		t.Fatal(err)
	}
	if got := stored.StartsAt.UTC().Format("15:04"); got != "13:00" {
		t.Errorf("14:00 Paris stored as %s UTC, want 13:00", got)
	}
	if len(stored.Moderators) != 2 || stored.Moderators[0].Organization != "ECLAC" || len(stored.Questions) != 2 {
		t.Errorf("stored = %+v", stored)
	}
	ids := []int64{stored.Questions[0].ID, stored.Questions[1].ID}

	_, edit := app.Get(t, c, "/admin/consultations/digital-europe/edit")
	for _, want := range []string{`value="2030-03-10T14:00"`, "https://meet.example.org/secret-room", "Ana Pérez | ECLAC"} {
		if !strings.Contains(edit, want) {
			t.Errorf("edit form lacks %q", want)
		}
	}

	form := consultationForm("digital-europe", "published", "Europe/Paris")
	form.Set("questions", "What works?\nWhat is missing, really?\nA third one?")
	if resp, body := post(t, app, c, "/admin/consultations/digital-europe", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish = %d\n%s", resp.StatusCode, body)
	}
	stored, _ = app.DB().ConsultationBySlug(context.Background(), "digital-europe")
	if len(stored.Questions) != 3 || stored.Questions[0].ID != ids[0] || stored.Questions[1].ID != ids[1] {
		t.Errorf("question ids not kept by position: %v then %+v", ids, stored.Questions)
	}
	resp, page := app.Get(t, anon, "/c/digital-europe")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Consultation on digital cooperation") {
		t.Errorf("published public page = %d", resp.StatusCode)
	}
	if strings.Contains(page, "secret-room") {
		t.Error("the meeting URL leaked onto the public page")
	}
}

func TestAdminInvalidTimeZoneKeepsValues(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	c := staffClient(t, app, "sec@example.org", "admin")
	createReview(t, app, c)
	if resp, _ := post(t, app, c, "/admin/consultations", consultationForm("digital-europe", "published", "UTC")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create = %d", resp.StatusCode)
	}
	form := consultationForm("digital-europe", "published", "Mars/Olympus")
	form.Set("title", "A title typed but not saved")
	form.Set("ends_at", "not a date")
	resp, body := post(t, app, c, "/admin/consultations/digital-europe", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid zone = %d", resp.StatusCode)
	}
	for _, want := range []string{
		`<p class="error" id="f-time_zone-error"><span class="visually-hidden">Error:</span> Enter a time zone such as America/Santiago.</p>`,
		`id="f-ends_at-error"`, "Enter a date and time", `value="Mars/Olympus"`, `value="A title typed but not saved"`,
		`href="#f-time_zone"`, `aria-invalid="true"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	stored, _ := app.DB().ConsultationBySlug(context.Background(), "digital-europe")
	if stored.TimeZone != "UTC" || stored.Texts["en"].Title != "Consultation on digital cooperation" {
		t.Errorf("invalid form changed the consultation: %s %q", stored.TimeZone, stored.Texts["en"].Title)
	}
}

func TestAdminPreviewRendersSafeMarkdown(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	c := staffClient(t, app, "sec@example.org", "admin")
	createReview(t, app, c)
	form := consultationForm("previewed", "published", "UTC")
	form.Set("background", "Hello **world**<script>alert(1)</script>")
	form.Set("action", "preview")
	resp, body := post(t, app, c, "/admin/consultations", form)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview = %d", resp.StatusCode)
	}
	if !strings.Contains(body, "<strong>world</strong>") {
		t.Error("preview does not render Markdown")
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("preview lets a script through")
	}
	if _, err := app.DB().ConsultationBySlug(context.Background(), "previewed"); err == nil {
		t.Error("preview saved the consultation")
	}
}

func TestAdminSpanishTranslation(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	c := staffClient(t, app, "sec@example.org", "admin")
	createReview(t, app, c)
	if resp, _ := post(t, app, c, "/admin/consultations", consultationForm("digital-europe", "published", "UTC")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create = %d", resp.StatusCode)
	}
	path := "/admin/consultations/digital-europe/translations/es"
	_, form := app.Get(t, c, path)
	if !strings.Contains(form, "Consultation on digital cooperation") || !strings.Contains(form, "What works?") {
		t.Error("translation form does not show the original alongside")
	}
	resp, _ := post(t, app, c, path, url.Values{"title": {"Consulta sobre cooperación digital"},
		"background": {"Antecedentes en español."}, "question_1": {"¿Qué funciona?"}, "action": {"save"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save translation = %d", resp.StatusCode)
	}
	anon := app.Client()
	_, page := app.Get(t, anon, "/c/digital-europe?lang=es")
	for _, want := range []string{"Consulta sobre cooperación digital", "Antecedentes en español.", "¿Qué funciona?"} {
		if !strings.Contains(page, want) {
			t.Errorf("Spanish page lacks %q", want)
		}
	}

	if resp, _ := post(t, app, c, path, url.Values{"title": {""}, "action": {"save"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove translation = %d", resp.StatusCode)
	}
	_, page = app.Get(t, anon, "/c/digital-europe?lang=es")
	if strings.Contains(page, "Consulta sobre cooperación digital") || strings.Contains(page, "¿Qué funciona?") {
		t.Error("removed Spanish version still shown")
	}
	if !strings.Contains(page, "Consultation on digital cooperation") || !strings.Contains(page, `class="note" role="note"`) {
		t.Error("fallback to the original with its note missing")
	}

	rpath := "/admin/reviews/digital-review/translations/es"
	if resp, _ := post(t, app, c, rpath, url.Values{"title": {"Examen digital"}, "question_2": {"¿Segunda?"}, "action": {"save"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save review translation = %d", resp.StatusCode)
	}
	rev, _ := app.DB().ReviewBySlug(context.Background(), "digital-review")
	if rev.Texts["es"].Title != "Examen digital" || rev.Questions[1].Texts["es"] != "¿Segunda?" || rev.Questions[0].Texts["es"] != "" {
		t.Errorf("review translation = %+v %+v", rev.Texts, rev.Questions)
	}
}
