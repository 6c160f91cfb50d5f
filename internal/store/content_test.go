package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

func TestSaveReview(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := &consultation.Review{
			Slug:         "wsis-20",
			OriginalLang: "en",
			Texts: map[string]consultation.ReviewText{
				"en": {Title: "WSIS+20 Review", Description: "The **review**."},
				"fr": {Title: "Examen SMSI+20", Description: "L'examen."},
			},
			Mandate:        []string{"A/70/125", "A/RES/78/213"},
			Secretariat:    "CSTD",
			Partners:       []string{"ITU", "UNESCO"},
			ReportingChain: []string{"CSTD", "ECOSOC", "UNGA"},
			Questions: []consultation.Question{
				{OriginalLang: "en", Texts: map[string]string{"en": "Q1?", "fr": "Q1 ?"}},
				{OriginalLang: "en", Texts: map[string]string{"en": "Q2?"}},
				{OriginalLang: "fr", Texts: map[string]string{"fr": "Q3 ?"}},
			},
		}
		if err := db.SaveReview(ctx, r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 {
			t.Fatal("SaveReview did not set ID")
		}
		for i, q := range r.Questions {
			if q.ID == 0 || q.Position != i+1 {
				t.Errorf("question %d: ID %d, Position %d", i, q.ID, q.Position)
			}
		}
		got, err := db.ReviewBySlug(ctx, "wsis-20")
		if err != nil {
			t.Fatal(err)
		}
		checkReview(t, got, r)
		recent(t, "CreatedAt", got.CreatedAt)
		recent(t, "UpdatedAt", got.UpdatedAt)

		// A consultation's own questions are not the review's: saving the
		// review must neither list nor delete them.
		c := newConsultation(t, db, r.ID, "geneva", func(c *consultation.Consultation) {
			c.Questions = []consultation.Question{{OriginalLang: "en", Texts: map[string]string{"en": "Local?"}}}
		})

		// Update: drop Q1, edit Q2, keep Q3, add Q4; drop the French text.
		kept2, kept3 := r.Questions[1].ID, r.Questions[2].ID
		r.Texts = map[string]consultation.ReviewText{"en": {Title: "WSIS+20", Description: "Edited."}, "es": {Title: "CMSI+20"}}
		r.Mandate, r.Partners = nil, []string{}
		r.Secretariat = "UNCTAD"
		r.Questions = []consultation.Question{
			{ID: kept2, OriginalLang: "en", Texts: map[string]string{"en": "Q2 edited?", "es": "¿Q2?"}},
			r.Questions[2],
			{OriginalLang: "en", Texts: map[string]string{"en": "Q4?"}},
		}
		if err := db.SaveReview(ctx, r); err != nil {
			t.Fatal(err)
		}
		if r.Questions[0].ID != kept2 || r.Questions[1].ID != kept3 {
			t.Errorf("kept question ids changed: %d, %d; want %d, %d", r.Questions[0].ID, r.Questions[1].ID, kept2, kept3)
		}
		got, err = db.ReviewByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkReview(t, got, r)
		gotC, err := db.ConsultationByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotC.Questions, c.Questions) {
			t.Errorf("consultation questions after SaveReview = %+v, want %+v", gotC.Questions, c.Questions)
		}

		list, err := db.Reviews(ctx)
		if err != nil || len(list) != 1 || list[0].Slug != "wsis-20" {
			t.Errorf("Reviews() = %v, %v", list, err)
		}

		// Slugs are unique, on insert and on update.
		other := newReview(t, db, "other")
		dup := &consultation.Review{Slug: "wsis-20", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "Dup"}}}
		err = db.SaveReview(ctx, dup)
		wantErr(t, err, errs.Invalid, "")
		if f := errs.FieldsOf(err); f["slug"] != "error.slug_taken" {
			t.Errorf("insert duplicate: fields %v", f)
		}
		other.Slug = "wsis-20"
		err = db.SaveReview(ctx, other)
		wantErr(t, err, errs.Invalid, "")
		if f := errs.FieldsOf(err); f["slug"] != "error.slug_taken" {
			t.Errorf("update to duplicate: fields %v", f)
		}

		_, err = db.ReviewBySlug(ctx, "missing")
		wantErr(t, err, errs.NotFound, "review.not_found")
		err = db.SaveReview(ctx, &consultation.Review{ID: 999999, Slug: "ghost", OriginalLang: "en",
			Texts: map[string]consultation.ReviewText{"en": {Title: "Ghost"}}})
		wantErr(t, err, errs.NotFound, "review.not_found")
		err = db.SaveReview(ctx, &consultation.Review{Slug: "Bad Slug", OriginalLang: "en"})
		wantErr(t, err, errs.Invalid, "")
	})
}

func checkReview(t *testing.T, got, want *consultation.Review) {
	t.Helper()
	if got.ID != want.ID || got.Slug != want.Slug || got.OriginalLang != want.OriginalLang || got.Secretariat != want.Secretariat {
		t.Errorf("review = %+v, want %+v", got, want)
	}
	for name, pair := range map[string][2]any{
		"Texts":          {got.Texts, want.Texts},
		"Mandate":        {got.Mandate, want.Mandate},
		"Partners":       {got.Partners, want.Partners},
		"ReportingChain": {got.ReportingChain, want.ReportingChain},
		"Questions":      {got.Questions, want.Questions},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s = %#v, want %#v", name, pair[0], pair[1])
		}
	}
}

func TestSaveConsultationRoundTrip(t *testing.T) {
	geneva, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Fatal(err)
	}
	full := func(reviewID int64) *consultation.Consultation {
		return &consultation.Consultation{
			ReviewID:     reviewID,
			Slug:         "full",
			OriginalLang: "fr",
			Texts: map[string]consultation.Text{
				"fr": {Title: "Consultation de Genève", Place: "Palais des Nations", Background: "Contexte",
					Objectives: "Objectifs", OpeningRemarks: "S.E. …", Notice: "Date déplacée"},
				"en": {Title: "Geneva consultation", Place: "Palais des Nations"},
			},
			Region:            "150",
			Partners:          []string{"ITU", "UNCTAD"},
			Format:            consultation.Hybrid,
			TimeZone:          "Europe/Zurich",
			StartsAt:          base.In(geneva), // stored and returned in UTC
			EndsAt:            base.Add(26 * time.Hour).In(geneva),
			MonthOnly:         true,
			Languages:         []string{"en", "fr", "es"},
			Moderators:        []consultation.Person{{Name: "A. Moderator", Organization: "ITU"}, {Name: "B. Moderator"}},
			Chair:             consultation.Person{Name: "H.E. Chair", Organization: "CSTD"},
			RegistrationOpens: ptr(base.Add(-30 * 24 * time.Hour)),
			RegistrationEnds:  ptr(base.Add(-time.Hour).In(geneva)),
			Capacity:          120,
			ApprovalRequired:  true,
			MeetingURL:        "https://meet.example.org/j/123?pwd=secret",
			ContactEmail:      "wsis@example.org",
			Status:            consultation.ClosedSt,
			Questions: []consultation.Question{
				{OriginalLang: "fr", Texts: map[string]string{"fr": "Quoi ?", "en": "What?"}},
				{OriginalLang: "en", Texts: map[string]string{"en": "How?"}},
			},
		}
	}
	minimal := func(reviewID int64) *consultation.Consultation {
		return &consultation.Consultation{
			ReviewID:     reviewID,
			Slug:         "minimal",
			OriginalLang: "en",
			Texts:        map[string]consultation.Text{"en": {Title: "Minimal"}},
			Format:       consultation.Virtual,
			TimeZone:     "UTC",
			StartsAt:     base,
			EndsAt:       base.Add(time.Hour),
			Status:       consultation.Draft,
		}
	}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newReview(t, db, "wsis")
		for _, tc := range []struct {
			name string
			c    *consultation.Consultation
			// edit changes every field for the update round trip.
			edit func(c *consultation.Consultation)
		}{
			{"full", full(r.ID), func(c *consultation.Consultation) {
				c.Slug = "full-edited"
				c.OriginalLang = "en"
				c.Texts = map[string]consultation.Text{"en": {Title: "Edited", Notice: "New notice"}}
				c.Region = "002"
				c.Partners = nil
				c.Format = consultation.InPerson
				c.TimeZone = "Africa/Nairobi"
				c.StartsAt, c.EndsAt = c.StartsAt.Add(time.Hour), c.EndsAt.Add(2*time.Hour)
				c.MonthOnly = false
				c.Languages = []string{"ar"}
				c.Moderators = nil
				c.Chair = consultation.Person{}
				c.RegistrationOpens, c.RegistrationEnds = nil, nil
				c.Capacity = 0
				c.ApprovalRequired = false
				c.MeetingURL = ""
				c.ContactEmail = ""
				c.Status = consultation.Published
				c.Questions = c.Questions[1:]
			}},
			{"minimal", minimal(r.ID), func(c *consultation.Consultation) {
				c.Partners = []string{"UNDP"}
				c.MonthOnly, c.ApprovalRequired = true, true
				c.Moderators = []consultation.Person{{Name: "M"}}
				c.Chair = consultation.Person{Name: "C"}
				c.RegistrationOpens = ptr(base.Add(-time.Hour))
				c.RegistrationEnds = ptr(base.Add(-time.Minute))
				c.Capacity = 3
				c.MeetingURL = "https://meet.example.org/x"
				c.Questions = []consultation.Question{{OriginalLang: "en", Texts: map[string]string{"en": "New?"}}}
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				want := tc.c
				if err := db.SaveConsultation(ctx, want); err != nil {
					t.Fatal(err)
				}
				if want.ID == 0 {
					t.Fatal("ID not set")
				}
				got, err := db.ConsultationBySlug(ctx, want.Slug)
				if err != nil {
					t.Fatal(err)
				}
				recent(t, "CreatedAt", got.CreatedAt)
				recent(t, "UpdatedAt", got.UpdatedAt)
				checkConsultation(t, got, want)
				created := got.CreatedAt

				tc.edit(want)
				if err := db.SaveConsultation(ctx, want); err != nil {
					t.Fatal(err)
				}
				got, err = db.ConsultationByID(ctx, want.ID)
				if err != nil {
					t.Fatal(err)
				}
				checkConsultation(t, got, want)
				sameTime(t, "CreatedAt after update", got.CreatedAt, created)
				if got.UpdatedAt.Before(created) {
					t.Errorf("UpdatedAt %v before CreatedAt %v", got.UpdatedAt, created)
				}
			})
		}

		// Slug uniqueness and missing rows.
		dup := minimal(r.ID)
		dup.Slug = "full-edited"
		err := db.SaveConsultation(ctx, dup)
		wantErr(t, err, errs.Invalid, "")
		if f := errs.FieldsOf(err); f["slug"] != "error.slug_taken" {
			t.Errorf("duplicate slug: fields %v", f)
		}
		ghost := minimal(r.ID)
		ghost.ID, ghost.Slug = 999999, "ghost"
		wantErr(t, db.SaveConsultation(ctx, ghost), errs.NotFound, "consultation.not_found")
		bad := minimal(r.ID)
		bad.EndsAt = bad.StartsAt
		wantErr(t, db.SaveConsultation(ctx, bad), errs.Invalid, "")
	})
}

// checkConsultation compares every field; times must be in UTC and equal.
func checkConsultation(t *testing.T, got, want *consultation.Consultation) {
	t.Helper()
	sameTime(t, "StartsAt", got.StartsAt, want.StartsAt)
	sameTime(t, "EndsAt", got.EndsAt, want.EndsAt)
	sameTimePtr(t, "RegistrationOpens", got.RegistrationOpens, want.RegistrationOpens)
	sameTimePtr(t, "RegistrationEnds", got.RegistrationEnds, want.RegistrationEnds)
	// Compare the rest with the times blanked out.
	g, w := *got, *want
	g.StartsAt, g.EndsAt, g.RegistrationOpens, g.RegistrationEnds = time.Time{}, time.Time{}, nil, nil
	w.StartsAt, w.EndsAt, w.RegistrationOpens, w.RegistrationEnds = time.Time{}, time.Time{}, nil, nil
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("consultation mismatch:\n got %#v\nwant %#v", g, w)
	}
}

func TestConsultationNotFound(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := db.ConsultationBySlug(ctx, "nope")
		wantErr(t, err, errs.NotFound, "consultation.not_found")
		_, err = db.ConsultationByID(ctx, 424242)
		wantErr(t, err, errs.NotFound, "consultation.not_found")
	})
}

func TestConsultationsFilter(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r1, r2 := newReview(t, db, "r1"), newReview(t, db, "r2")
		// Saved out of date order; day is the offset from base.
		add := func(review int64, slug string, day int, status consultation.Status) {
			newConsultation(t, db, review, slug, func(c *consultation.Consultation) {
				c.StartsAt = base.AddDate(0, 0, day)
				c.EndsAt = c.StartsAt.Add(time.Hour)
				c.Status = status
				c.Questions = []consultation.Question{{OriginalLang: "en", Texts: map[string]string{"en": slug + "?"}}}
			})
		}
		add(r1.ID, "r1-late-draft", 30, consultation.Draft)
		add(r1.ID, "r1-mid-published", 10, consultation.Published)
		add(r2.ID, "r2-early-closed", -5, consultation.ClosedSt)
		add(r1.ID, "r1-first-closed", -10, consultation.ClosedSt)
		add(r2.ID, "r2-late-published", 20, consultation.Published)
		add(r2.ID, "r2-draft", 0, consultation.Draft)

		for _, tc := range []struct {
			name string
			f    store.ConsultationFilter
			want []string
		}{
			{"all", store.ConsultationFilter{},
				[]string{"r1-first-closed", "r2-early-closed", "r2-draft", "r1-mid-published", "r2-late-published", "r1-late-draft"}},
			{"public", store.ConsultationFilter{PublicOnly: true},
				[]string{"r1-first-closed", "r2-early-closed", "r1-mid-published", "r2-late-published"}},
			{"review", store.ConsultationFilter{ReviewID: r1.ID},
				[]string{"r1-first-closed", "r1-mid-published", "r1-late-draft"}},
			{"review public", store.ConsultationFilter{ReviewID: r2.ID, PublicOnly: true},
				[]string{"r2-early-closed", "r2-late-published"}},
			{"unknown review", store.ConsultationFilter{ReviewID: 999999}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				list, err := db.Consultations(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var slugs []string
				for _, c := range list {
					slugs = append(slugs, c.Slug)
					// Texts and questions belong to their own consultation.
					if c.Texts["en"].Title != "Consultation "+c.Slug {
						t.Errorf("%s: texts %v", c.Slug, c.Texts)
					}
					if len(c.Questions) != 1 || c.Questions[0].Texts["en"] != c.Slug+"?" {
						t.Errorf("%s: questions %+v", c.Slug, c.Questions)
					}
				}
				if !reflect.DeepEqual(slugs, tc.want) {
					t.Errorf("slugs = %v, want %v", slugs, tc.want)
				}
			})
		}
	})
}

// Moving a consultation to another review keeps its questions (and their
// ids) rather than duplicating them.
func TestSaveConsultationMovesQuestions(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r1, r2 := newReview(t, db, "r1"), newReview(t, db, "r2")
		c := newConsultation(t, db, r1.ID, "moving", func(c *consultation.Consultation) {
			c.Questions = []consultation.Question{
				{OriginalLang: "en", Texts: map[string]string{"en": "One?"}},
				{OriginalLang: "en", Texts: map[string]string{"en": "Two?"}},
			}
		})
		ids := []int64{c.Questions[0].ID, c.Questions[1].ID}
		c.ReviewID = r2.ID
		if err := db.SaveConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := db.ConsultationByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ReviewID != r2.ID || len(got.Questions) != 2 || got.Questions[0].ID != ids[0] || got.Questions[1].ID != ids[1] {
			t.Errorf("after move: review %d, questions %+v; want review %d, question ids %v", got.ReviewID, got.Questions, r2.ID, ids)
		}
		// The old review can then be cleaned of questions without touching it.
		if err := db.SaveReview(ctx, r1); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ConsultationByID(ctx, c.ID); len(got.Questions) != 2 {
			t.Errorf("questions after saving old review: %+v", got.Questions)
		}
	})
}
