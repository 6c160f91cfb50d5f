package store_test

import (
	"context"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/store"
)

// Agenda titles in other languages: stored with a new item, set and
// removed per language, kept when the agenda is edited, read with fallback
// to the original.
func TestLiveAgendaTitles(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		items := []live.Item{{Title: "Opening", Titles: map[string]string{"es": "Apertura"}, Minutes: 10},
			{Title: "Closing", Minutes: 10}}
		if err := f.svc.SaveAgenda(ctx, f.c, items); err != nil {
			t.Fatal(err)
		}
		got, err := db.Agenda(ctx, f.c.ID)
		if err != nil || got[0].Titles["es"] != "Apertura" || len(got[1].Titles) != 0 {
			t.Fatalf("agenda = %+v, %v", got, err)
		}
		titles := map[int64]string{got[0].ID: "", got[1].ID: "  Clausura "}
		if err := f.svc.TranslateAgenda(ctx, f.c, "es", titles); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.TranslateAgenda(ctx, f.c, "fr", map[int64]string{got[0].ID: "Ouverture"}); err != nil {
			t.Fatal(err)
		}
		// Editing the agenda in the original language keeps the translations.
		got[1].Title = "Closing remarks"
		if err := f.svc.SaveAgenda(ctx, f.c, got); err != nil {
			t.Fatal(err)
		}
		got, err = db.Agenda(ctx, f.c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			item       int
			lang, want string
			wantLang   string
		}{{0, "es", "Opening", "en"}, {0, "fr", "Ouverture", "fr"}, {1, "es", "Clausura", "es"}, {1, "fr", "Closing remarks", "en"},
			{1, "en", "Closing remarks", "en"}} {
			if title, lang := got[tc.item].TitleIn(tc.lang, f.c.OriginalLang); title != tc.want || lang != tc.wantLang {
				t.Errorf("item %d in %s = %q (%s), want %q (%s)", tc.item, tc.lang, title, lang, tc.want, tc.wantLang)
			}
		}
		// The original language, an unknown one, or a title too long: refused.
		for _, lang := range []string{f.c.OriginalLang, "de"} {
			if err := f.svc.TranslateAgenda(ctx, f.c, lang, titles); !errs.Is(err, errs.NotFound) {
				t.Errorf("TranslateAgenda(%s) = %v, want NotFound", lang, err)
			}
		}
		long := map[int64]string{got[0].ID: string(make([]rune, 201))}
		if err := f.svc.TranslateAgenda(ctx, f.c, "pt", long); errs.FieldsOf(err)["item_0_title"] != "live.agenda.title_too_long" {
			t.Errorf("too long = %v", err)
		}
	})
}
