package demo_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/store"
)

func openDB(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// now is 23:30 on 10 March 2026 in Santiago but already 11 March in UTC, so
// the test also checks that the date is taken in Santiago.
var now = time.Date(2026, 3, 11, 2, 30, 15, 0, time.UTC)

func TestLoad(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)

	loaded, err := demo.Load(ctx, db, now)
	if err != nil || !loaded {
		t.Fatalf("first Load = %v, %v; want true, nil", loaded, err)
	}
	loaded, err = demo.Load(ctx, db, now.Add(48*time.Hour))
	if err != nil || loaded {
		t.Fatalf("second Load = %v, %v; want false, nil", loaded, err)
	}

	reviews, err := db.Reviews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 1 {
		t.Fatalf("%d reviews, want 1", len(reviews))
	}
	r, err := db.ReviewBySlug(ctx, "wsis20")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Texts["en"].Title; got != "WSIS+20 Review" {
		t.Errorf("review title %q", got)
	}
	if !reflect.DeepEqual(r.Mandate, []string{"A/70/125", "E/RES/2023/3"}) || r.Secretariat != "CSTD secretariat (UNCTAD)" ||
		len(r.Partners) != 4 || len(r.ReportingChain) != 4 || r.OriginalLang != "en" {
		t.Errorf("review fields: %+v", r)
	}
	if len(r.Questions) != 4 {
		t.Errorf("review has %d questions, want 4", len(r.Questions))
	}

	list, err := db.Consultations(ctx, store.ConsultationFilter{ReviewID: r.ID, PublicOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, c := range list {
		slugs = append(slugs, c.Slug)
	}
	want := []string{"wsis20-igf-kyoto", "wsis20-eweek", "wsis20-dubai", "wsis20-eurodig", "wsis20-astana", "wsis20-africa", "wsis20-lac"}
	if !reflect.DeepEqual(slugs, want) {
		t.Fatalf("consultations %v, want %v", slugs, want)
	}
	all, err := db.Consultations(ctx, store.ConsultationFilter{})
	if err != nil || len(all) != 7 {
		t.Fatalf("all consultations: %d, %v; want 7", len(all), err)
	}
	for i, c := range list {
		if i > 0 && !c.StartsAt.After(list[i-1].StartsAt) {
			t.Errorf("%s does not start after %s", c.Slug, list[i-1].Slug)
		}
		if c.Status != consultation.Published || c.OriginalLang != "en" || c.Texts["en"].Title == "" ||
			c.Texts["en"].Background == "" || c.Region == "" || len(c.Languages) == 0 {
			t.Errorf("%s: incomplete: %+v", c.Slug, c)
		}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", c.Slug, err)
		}
		if c.Slug == "wsis20-lac" {
			continue
		}
		local := c.StartsAt.In(c.Location())
		if !c.MonthOnly || local.Day() != 1 || local.Hour() != 0 || c.MeetingURL != "" {
			t.Errorf("%s: MonthOnly=%v starts %v, meeting %q", c.Slug, c.MonthOnly, local, c.MeetingURL)
		}
	}
	if got := list[0].StartsAt.In(list[0].Location()).Format("January 2006"); got != "October 2023" {
		t.Errorf("Kyoto month %q", got)
	}
}

func TestLAC(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if _, err := demo.Load(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	c, err := db.ConsultationBySlug(ctx, "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	wantStart := time.Date(2026, 3, 24, 11, 0, 0, 0, santiago)
	if !c.StartsAt.Equal(wantStart) || !c.EndsAt.Equal(wantStart.Add(2*time.Hour)) {
		t.Errorf("LAC %v – %v, want %v – 13:00", c.StartsAt.In(santiago), c.EndsAt.In(santiago), wantStart)
	}
	if c.MonthOnly || c.Format != consultation.Virtual || c.TimeZone != "America/Santiago" || c.Region != "419" ||
		c.Capacity != 500 || c.ApprovalRequired || c.ContactEmail != "cstd-wsis20@unctad.org" {
		t.Errorf("LAC fields: %+v", c)
	}
	if c.MeetingURL == "" {
		t.Error("LAC has no meeting URL")
	}
	if !reflect.DeepEqual(c.Languages, []string{"en", "es"}) || !reflect.DeepEqual(c.Partners, []string{"ECLAC"}) {
		t.Errorf("languages %v partners %v", c.Languages, c.Partners)
	}
	if c.Chair.Name != "H.E. Mr. Muhammadou M O Kah" || len(c.Moderators) != 1 || c.Moderators[0].Organization != "ECLAC" {
		t.Errorf("chair %+v moderators %+v", c.Chair, c.Moderators)
	}
	wantOpens := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	if c.RegistrationOpens == nil || !c.RegistrationOpens.Equal(wantOpens) || c.RegistrationEnds == nil || !c.RegistrationEnds.Equal(wantStart) {
		t.Errorf("registration %v – %v, want %v – %v", c.RegistrationOpens, c.RegistrationEnds, wantOpens, wantStart)
	}
	if st := c.RegistrationState(now, 0); !st.Open {
		t.Errorf("registration not open at now: %+v", st)
	}

	en, es := c.Texts["en"], c.Texts["es"]
	if en.Title != "WSIS at 20: Successes, Failures, and Expectations" || es.Title != "La CMSI a los 20 años: éxitos, fracasos y expectativas" {
		t.Errorf("titles %q / %q", en.Title, es.Title)
	}
	if n := strings.Count(en.Background, "\n\n"); n != 5 {
		t.Errorf("background has %d paragraph breaks, want 5", n)
	}
	if strings.Contains(en.Objectives, "people-centred") {
		t.Error("questions leaked into Objectives")
	}
	if !strings.Contains(en.Notice, "5 December 2024") || !strings.Contains(en.Notice, "24 March 2026") {
		t.Errorf("en notice %q", en.Notice)
	}
	if !strings.Contains(es.Notice, "5 de diciembre de 2024") || !strings.Contains(es.Notice, "24 de marzo de 2026") {
		t.Errorf("es notice %q", es.Notice)
	}
	for _, tx := range []consultation.Text{en, es} {
		if tx.Place == "" || tx.Background == "" || tx.Objectives == "" || tx.OpeningRemarks == "" {
			t.Errorf("incomplete text %+v", tx)
		}
	}
	if len(c.Questions) != 4 {
		t.Fatalf("%d questions, want 4", len(c.Questions))
	}
	for i, q := range c.Questions {
		if q.Position != i+1 || q.Texts["en"] == "" || !strings.HasPrefix(q.Texts["es"], "¿") {
			t.Errorf("question %d: %+v", i, q)
		}
	}
	if !strings.HasPrefix(c.Questions[0].Texts["en"], "To what extent") {
		t.Errorf("first question %q", c.Questions[0].Texts["en"])
	}
}

// The date is 14 calendar days later at 11:00 local even across the April
// end of Chilean summer time.
func TestLACDatesAcrossDST(t *testing.T) {
	santiago, _ := time.LoadLocation("America/Santiago")
	start, end, err := demo.LACDates(time.Date(2026, 3, 30, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 4, 13, 11, 0, 0, 0, santiago); !start.Equal(want) || start.In(santiago).Hour() != 11 || end.In(santiago).Hour() != 13 {
		t.Errorf("start %v end %v, want %v", start, end, want)
	}
}

func TestDeterministic(t *testing.T) {
	a, err := demo.Consultations(now)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := demo.Consultations(now)
	if !reflect.DeepEqual(a, b) {
		t.Error("Consultations(now) differs between calls")
	}
	if !reflect.DeepEqual(demo.Review(), demo.Review()) {
		t.Error("Review() differs between calls")
	}
}

// A load interrupted after the review was saved is completed by the next.
func TestLoadCompletesAnInterruptedLoad(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if err := db.SaveReview(ctx, demo.Review()); err != nil {
		t.Fatal(err)
	}
	loaded, err := demo.Load(ctx, db, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	if err != nil || !loaded {
		t.Fatalf("Load after an interrupted load: loaded=%v err=%v", loaded, err)
	}
	list, err := db.Consultations(ctx, store.ConsultationFilter{})
	if err != nil || len(list) != 7 {
		t.Fatalf("%d consultations (%v), want 7", len(list), err)
	}
}
