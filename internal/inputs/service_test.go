package inputs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// fixture is a review with two guiding questions, one consultation with
// one more, a call open until deadline, and a service whose clock the test
// moves, on a real database with the real job queue.
type fixture struct {
	db       *store.DB
	svc      *inputs.Service
	target   inputs.Target
	now      time.Time
	deadline time.Time
	q        []int64 // question ids: the consultation's, then the review's
}

var detector = inputs.NewDetector()

func newFixture(t *testing.T, engine string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: dbtest.Open(t, engine), now: time.Date(2031, 3, 1, 10, 0, 0, 0, time.UTC)}
	f.deadline = f.now.Add(10 * 24 * time.Hour)
	rv := &consultation.Review{Slug: "wsis", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "WSIS+20"},
		"es": {Title: "CMSI+20"}}, Questions: []consultation.Question{
		{Position: 1, OriginalLang: "en", Texts: map[string]string{"en": "What has been achieved?"}},
		{Position: 2, OriginalLang: "en", Texts: map[string]string{"en": "What should change?"}}}}
	if err := f.db.SaveReview(ctx, rv); err != nil {
		t.Fatal(err)
	}
	c := &consultation.Consultation{ReviewID: rv.ID, Slug: "lac", OriginalLang: "en", Region: "019",
		Texts: map[string]consultation.Text{"en": {Title: "LAC"}}, Format: consultation.Virtual, TimeZone: "UTC",
		StartsAt: f.now, EndsAt: f.now.Add(time.Hour), Status: consultation.Published,
		Questions: []consultation.Question{{Position: 1, OriginalLang: "en", Texts: map[string]string{"en": "Regional priorities?"}}}}
	if err := f.db.SaveConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	var err error
	if rv, err = f.db.ReviewBySlug(ctx, "wsis"); err != nil {
		t.Fatal(err)
	}
	if c, err = f.db.ConsultationBySlug(ctx, "lac"); err != nil {
		t.Fatal(err)
	}
	f.target = inputs.Target{Review: rv, Consultation: c}
	for _, q := range f.target.Questions() {
		f.q = append(f.q, q.ID)
	}
	if err := f.db.SaveInputCall(ctx, &inputs.Call{ReviewID: rv.ID, OpensAt: f.now.Add(-time.Hour), Deadline: f.deadline}); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.New(f.db, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	countries := country.New()
	f.svc = &inputs.Service{Store: f.db, Mail: queue, Detector: detector, RegionOf: countries.Region,
		Rules: inputs.Rules{ValidCountry: countries.Valid, ValidLanguage: i18n.Supported}, Now: func() time.Time { return f.now }}
	return f
}

func eachFixture(t *testing.T, test func(t *testing.T, f *fixture)) {
	t.Parallel()
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			test(t, newFixture(t, engine))
		})
	}
}

func (f *fixture) form(text string) inputs.Form {
	return inputs.Form{Answers: []inputs.Answer{{QuestionID: f.q[1], Text: text}}, Comments: "  Thank you.  ",
		AuthorName: "Ana Souza", AuthorEmail: "Ana@Example.org", Organization: "Instituto", StakeholderGroup: "civil_society",
		Country: "br", Language: "en", Publication: "named"}
}

// jobsOf counts the jobs of kind enqueued.
func (f *fixture) jobsOf(t *testing.T, kind string) int {
	t.Helper()
	var n int
	if err := f.db.Writer().QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = $1`, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const connectivity = "Meaningful connectivity remains out of reach for a third of humanity; the review must say how to close that gap."

func TestPublicSubmissionWaitsForItsAddress(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		in, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromPublic}, f.form(connectivity))
		if err != nil {
			t.Fatal(err)
		}
		if in.Status != inputs.Unverified || f.jobsOf(t, "input_verification") != 1 {
			t.Fatalf("status %q, verification jobs %d; want unverified and one email", in.Status, f.jobsOf(t, "input_verification"))
		}
		got, err := f.db.InputByID(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.AuthorEmail != "ana@example.org" || got.Country != "BR" || got.Region != "019" || got.Current.Comments != "Thank you." {
			t.Errorf("stored %+v", got)
		}
		if got.Current.DetectedLanguage != "en" || got.LanguageMismatch() {
			t.Errorf("detected %q", got.Current.DetectedLanguage)
		}
		if len(got.Current.Answers) != 1 || got.Current.Answers[0].Text != connectivity {
			t.Errorf("answers %+v", got.Current.Answers)
		}
		// Unverified: not moderatable.
		if _, err := f.svc.Moderate(ctx, in.ID, inputs.Publish, "", "staff@un.org"); errs.KindOf(err) != errs.Conflict {
			t.Errorf("publish unverified: %v, want Conflict", err)
		}
		if got, err = f.svc.Verify(ctx, in.ID); err != nil || got.Status != inputs.Submitted {
			t.Fatalf("verify: %v, %v", got, err)
		}
		if got, err = f.svc.Verify(ctx, in.ID); err != nil || got.Status != inputs.Submitted {
			t.Fatalf("verify again: %v, %v", got, err)
		}
	})
}

func TestInvalidInputStoresNothing(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		bad := inputs.Form{Answers: []inputs.Answer{{QuestionID: 999999, Text: "x"}, {QuestionID: f.q[0],
			Text: strings.Repeat("é", inputs.MaxAnswer+1)}}, AuthorEmail: "nope", StakeholderGroup: "press", Country: "XX",
			Language: "de", Publication: "everywhere"}
		_, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromPublic}, bad)
		want := map[string]string{"answers": "inputs.error.unknown_question", inputs.AnswerField(f.q[0]): "inputs.error.answer_too_long",
			"author_name": "error.required", "organization": "error.required", "author_email": "error.email",
			"stakeholder_group": "error.choice", "country": "error.country", "language": "error.choice", "publication": "error.choice"}
		got := errs.FieldsOf(err)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("field %s: %q, want %q (all: %v)", k, got[k], v, got)
			}
		}
		list, _, _, err := f.db.Inputs(ctx, store.InputFilter{ReviewID: f.target.Review.ID})
		if err != nil || len(list) != 0 || f.jobsOf(t, "input_verification") != 0 {
			t.Fatalf("stored %d inputs (%v)", len(list), err)
		}
		// The secretariat must say how and when an input arrived.
		_, err = f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromSecretariat, Staff: "s@un.org"}, f.form(connectivity))
		if got := errs.FieldsOf(err); got["received_via"] != "error.required" || got["received_at"] != "inputs.error.received_at" {
			t.Errorf("on behalf without how and when: %v", err)
		}
	})
}

func TestCallClosesAtItsDeadline(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		in, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromParticipant, RegistrationID: "reg1"}, f.form(connectivity))
		if err != nil || in.Status != inputs.Submitted || in.RegistrationID != "reg1" {
			t.Fatalf("participant: %+v, %v", in, err)
		}
		f.now = f.deadline
		_, err = f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromPublic}, f.form(connectivity))
		if errs.KindOf(err) != errs.Closed {
			t.Errorf("after the deadline: %v, want Closed", err)
		}
		if _, err := f.svc.Edit(ctx, f.target, in.ID, f.form("Changed")); errs.CodeOf(err) != "inputs.edit_closed" {
			t.Errorf("edit after the deadline: %v", err)
		}
		// The secretariat enters a letter that arrived before the deadline.
		form := f.form(connectivity)
		form.AuthorEmail, form.Via, form.ReceivedAt = "", inputs.ViaLetter, f.deadline.Add(-time.Hour)
		in, err = f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromSecretariat, Staff: "s@un.org"}, form)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.db.InputByID(ctx, in.ID)
		if err != nil || got.Via != inputs.ViaLetter || !got.ReceivedAt.Equal(form.ReceivedAt) || got.EnteredBy != "s@un.org" {
			t.Errorf("on behalf: %+v, %v", got, err)
		}
	})
}

func TestVersionsAndModeration(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		in, err := f.svc.Submit(ctx, f.target, inputs.Submitter{Source: inputs.FromParticipant}, f.form(connectivity))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Moderate(ctx, in.ID, inputs.Reject, "", "s@un.org"); errs.FieldsOf(err)["reason"] == "" {
			t.Errorf("reject without reason: %v", err)
		}
		f.now = f.now.Add(time.Hour)
		if _, err := f.svc.Moderate(ctx, in.ID, inputs.Publish, "", "s@un.org"); err != nil {
			t.Fatal(err)
		}
		pub, err := f.db.PublicInput(ctx, in.ID)
		if err != nil || pub.Current.Number != 1 || pub.PublishedAt == nil || !pub.PublishedAt.Equal(f.now) {
			t.Fatalf("public after publish: %+v, %v", pub, err)
		}
		if n, _ := f.db.PublicInputCount(ctx, f.target.Review.ID); n != 1 {
			t.Errorf("counter %d, want 1", n)
		}
		// The author edits: a new version, the public still reads the first.
		f.now = f.now.Add(time.Hour)
		edited, err := f.svc.Edit(ctx, f.target, in.ID, f.form("Financing for connectivity must come first."))
		if err != nil || edited.Current.Number != 2 {
			t.Fatalf("edit: %+v, %v", edited, err)
		}
		pub, _ = f.db.PublicInput(ctx, in.ID)
		if pub.Current.Answers[0].Text != connectivity {
			t.Errorf("public reads %q, want the published version", pub.Current.Answers[0].Text)
		}
		vs, err := f.db.InputVersions(ctx, in.ID)
		if err != nil || len(vs) != 2 || vs[0].Answers[0].Text != connectivity || vs[1].Answers[0].Text == connectivity {
			t.Fatalf("versions %+v, %v", vs, err)
		}
		// Withdrawing consent takes it out of public view at once.
		private := f.form("Financing for connectivity must come first.")
		private.Publication = "private"
		if _, err := f.svc.Edit(ctx, f.target, in.ID, private); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.PublicInput(ctx, in.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("private input public: %v", err)
		}
		if n, _ := f.db.PublicInputCount(ctx, f.target.Review.ID); n != 0 {
			t.Errorf("counter %d after private, want 0", n)
		}
		if _, err := f.svc.Moderate(ctx, in.ID, inputs.Reject, "Off topic", "s@un.org"); err != nil {
			t.Fatal(err)
		}
		if f.jobsOf(t, "input_rejected") != 1 {
			t.Errorf("rejection emails %d, want 1", f.jobsOf(t, "input_rejected"))
		}
		log, err := f.db.InputLog(ctx, in.ID)
		if err != nil || len(log) != 2 || log[0].Action != inputs.Publish || log[1].Reason != "Off topic" ||
			log[1].Actor != "s@un.org" || log[1].Version != 3 {
			t.Errorf("log %+v, %v", log, err)
		}
	})
}
