package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// The agenda in the reader's language: the demo's titles in English,
// Spanish, French and Portuguese (and the other UN languages), each with
// its lang; the moderator's translation form sets and removes a title, and
// a title with none in the reader's language falls back to the original.
func TestLiveAgendaTranslations(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	anon := a.Client()
	public := "/c/" + demo.LACSlug
	for lang, want := range map[string]string{
		"en": `<span class="agenda-title" lang="en">Opening remarks by the Chair of the CSTD</span>`,
		"es": `<span class="agenda-title" lang="es">Palabras de apertura de la Presidencia de la CCTD</span>`,
		"fr": `<span class="agenda-title" lang="fr">Question directrice 2 : débat modéré</span>`,
		"pt": `<span class="agenda-title" lang="pt">Palavras de encerramento e próximos passos</span>`,
		"zh": `<span class="agenda-title" lang="zh">闭幕词和后续步骤</span>`,
	} {
		wantIn(t, "public agenda in "+lang, body(t, a, anon, public+"?lang="+lang), want)
	}
	mod := staffClient(t, a, "mod@example.org", "moderator")
	form := "/admin/consultations/" + demo.LACSlug + "/live/agenda/translations/fr"
	page := body(t, a, mod, form)
	wantIn(t, "translation form", page, `name="item_0_title"`, "Allocution d’ouverture de la présidence de la CSTD",
		"Opening remarks by the Chair of the CSTD")
	values := url.Values{}
	for i := range 6 {
		values.Set("item_"+string(rune('0'+i))+"_title", "")
	}
	values.Set("item_0_title", "Ouverture par la présidence")
	if resp, _ := post(t, a, mod, form, values); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save the French titles: %d", resp.StatusCode)
	}
	fr := body(t, a, anon, public+"?lang=fr")
	wantIn(t, "public agenda in French", fr, `<span class="agenda-title" lang="fr">Ouverture par la présidence</span>`,
		`<span class="agenda-title" lang="en">Closing remarks and next steps</span>`)
	if strings.Contains(fr, "Allocution de clôture") {
		t.Errorf("a removed French title is still shown")
	}
	// The live pages too: the moderator's item list in the reader's language.
	wantIn(t, "moderator page in Spanish", body(t, a, mod, "/admin/consultations/"+demo.LACSlug+"/live?lang=es"),
		"1. Palabras de apertura de la Presidencia de la CCTD")
	// The original language is edited on the agenda editor; a rapporteur may not translate.
	if resp, _ := a.Get(t, mod, "/admin/consultations/"+demo.LACSlug+"/live/agenda/translations/en"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("translation form of the original: %d, want a redirect", resp.StatusCode)
	}
	rap := staffClient(t, a, "rap@example.org", "rapporteur")
	if resp, _ := post(t, a, rap, form, values); resp.StatusCode != http.StatusForbidden {
		t.Errorf("rapporteur translating: %d", resp.StatusCode)
	}
	// The API gives the other languages beside the original.
	_, js := a.Get(t, anon, "/api/v1/consultations/"+demo.LACSlug+"/agenda")
	wantIn(t, "API agenda", js, `"title":"Opening remarks by the Chair of the CSTD"`, `"fr":"Ouverture par la présidence"`,
		`"es":"Palabras de apertura de la Presidencia de la CCTD"`)
}
