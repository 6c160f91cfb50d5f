package store_test

import (
	"context"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/store"
)

// The public pages' read of a consultation is ConsultationBySlug's, with
// one query once its texts and questions are cached: a save shows at once
// (texts, questions, rules), places taken move without a save and show at
// once too, and a caller changing what it got changes nothing for the next.
func TestPublicConsultationBySlug(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newConsultation(t, db, newReview(t, db, "cache").ID, "cached", func(c *consultation.Consultation) {
			c.Capacity = 10
			c.Texts["fr"] = consultation.Text{Title: "Consultation en français"}
			c.Questions = []consultation.Question{{OriginalLang: "en", Texts: map[string]string{"en": "First?", "fr": "Première ?"}},
				{OriginalLang: "en", Texts: map[string]string{"en": "Second?"}}}
		})
		same := func(step string, wantQueries int64) *consultation.Consultation {
			t.Helper()
			return sameAsUncached(t, step, wantQueries,
				func(ctx context.Context) (*consultation.Consultation, error) {
					return db.PublicConsultationBySlug(ctx, "cached")
				},
				func() (*consultation.Consultation, error) { return db.ConsultationBySlug(ctx, "cached") })
		}
		same("first read", 0)
		got := same("cached", 1)
		got.Texts["en"] = consultation.Text{Title: "Changed by a caller"}
		got.Questions[0].Texts["en"] = "Changed too?"
		same("after a caller changed its copy", 1)

		c.Texts["en"] = consultation.Text{Title: "A new title"}
		c.Questions = c.Questions[1:]
		c.Capacity = 20
		if err := db.SaveConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got := same("after a save", 0); got.Texts["en"].Title != "A new title" || len(got.Questions) != 1 || got.Capacity != 20 {
			t.Errorf("after a save: %q, %d questions, capacity %d", got.Texts["en"].Title, len(got.Questions), got.Capacity)
		}
		same("cached again", 1)

		r := newRegistration(c, "ana@example.org", now)
		if _, err := db.Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmRegistration(ctx, r.ID, now); err != nil {
			t.Fatal(err)
		}
		if got := same("after a confirmation", 1); got.PlacesTaken != 1 {
			t.Errorf("places taken %d after a confirmation, want 1", got.PlacesTaken)
		}
		if _, err := db.PublicConsultationBySlug(ctx, "nope"); err == nil {
			t.Error("a missing slug was found")
		}
	})
}

// The public list reads its rows in one query while every consultation's
// texts and questions are cached under its updated_at, and is always what
// the uncached list is: after a save, a new consultation, one taken back
// to draft, and a caller changing its copy.
func TestPublicConsultations(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "list").ID
		a := newConsultation(t, db, rv, "first", func(c *consultation.Consultation) {
			c.Questions = []consultation.Question{{OriginalLang: "en", Texts: map[string]string{"en": "First?"}}}
		})
		newConsultation(t, db, rv, "second", nil)
		same := func(step string, wantQueries int64) []*consultation.Consultation {
			t.Helper()
			return sameAsUncached(t, step, wantQueries, db.PublicConsultations,
				func() ([]*consultation.Consultation, error) {
					return db.Consultations(ctx, store.ConsultationFilter{PublicOnly: true})
				})
		}
		same("first read", 0)
		got := same("cached", 1)
		got[0].Texts["en"] = consultation.Text{Title: "Changed by a caller"}
		got[0].Questions[0].Texts["en"] = "Changed too?"
		same("after a caller changed its copy", 1)

		a.Texts["en"] = consultation.Text{Title: "A new title"}
		if err := db.SaveConsultation(ctx, a); err != nil {
			t.Fatal(err)
		}
		if got := same("after a save", 0); len(got) != 2 || got[0].Texts["en"].Title != "A new title" {
			t.Errorf("after a save: %d consultations, first %q", len(got), got[0].Texts["en"].Title)
		}
		newConsultation(t, db, rv, "third", nil)
		if got := same("after a new one", 0); len(got) != 3 {
			t.Errorf("after a new consultation: %d listed, want 3", len(got))
		}
		a.Status = consultation.Draft
		if err := db.SaveConsultation(ctx, a); err != nil {
			t.Fatal(err)
		}
		if got := same("after a draft", 0); len(got) != 2 {
			t.Errorf("after one was taken back to draft: %d listed, want 2", len(got))
		}
		same("cached again", 1)
	})
}

// sameAsUncached reads through the cache (counting its queries; wantQueries
// 0: any number) and without it, and checks that both give the same.
func sameAsUncached[T any](t *testing.T, step string, wantQueries int64, cached func(context.Context) (T, error),
	uncached func() (T, error)) T {
	t.Helper()
	var queries atomic.Int64
	got, err := cached(store.CountQueries(context.Background(), &queries))
	if err != nil {
		t.Fatal(err)
	}
	want, err := uncached()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: through the cache\n%+v\nwant\n%+v", step, got, want)
	}
	if wantQueries > 0 && queries.Load() != wantQueries {
		t.Errorf("%s: %d queries, want %d", step, queries.Load(), wantQueries)
	}
	return got
}
