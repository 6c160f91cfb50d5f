package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
)

// liveFixture is a consultation of two hours with two questions, an
// approved registrant and a live service on a clock the test moves.
type liveFixture struct {
	db  *store.DB
	c   *consultation.Consultation
	reg *registration.Registration
	svc *live.Service
	now time.Time
}

func newLiveFixture(t *testing.T, db *store.DB) *liveFixture {
	t.Helper()
	ctx := context.Background()
	rv := newReview(t, db, "wsis")
	c := newConsultation(t, db, rv.ID, "santiago", func(c *consultation.Consultation) {
		c.Questions = []consultation.Question{{OriginalLang: "en", Texts: map[string]string{"en": "Q1"}},
			{OriginalLang: "en", Texts: map[string]string{"en": "Q2"}}}
	})
	c, err := db.ConsultationByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := newRegistration(c, "ada@example.org", base)
	if err := db.InsertRegistrations(ctx, []*registration.Registration{r}); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `UPDATE registrations SET status='approved' WHERE id=$1`, r.ID); err != nil {
		t.Fatal(err)
	}
	if r, err = db.RegistrationByID(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	f := &liveFixture{db: db, c: c, reg: r, now: base}
	f.svc = &live.Service{Store: db, Now: func() time.Time { return f.now },
		ValidGroup: func(g string) bool { return stakeholder.Group(g).Valid() }, ValidCountry: func(c string) bool { return len(c) == 2 }}
	return f
}

func (f *liveFixture) agenda(t *testing.T) []live.Item {
	t.Helper()
	items := []live.Item{{Title: "Opening remarks by the Chair", Minutes: 10},
		{Title: "Question 1", Minutes: 50, QuestionID: f.c.Questions[0].ID},
		{Title: "Question 2", Minutes: 50, QuestionID: f.c.Questions[1].ID}, {Title: "Closing", Minutes: 10}}
	if err := f.svc.SaveAgenda(context.Background(), f.c, items); err != nil {
		t.Fatalf("SaveAgenda: %v", err)
	}
	got, err := f.db.Agenda(context.Background(), f.c.ID)
	if err != nil || len(got) != 4 {
		t.Fatalf("Agenda = %v, %v", got, err)
	}
	return got
}

// regionOf places the two countries of the tests in their M49 regions.
func regionOf(country string) string { return map[string]string{"CL": "019", "GB": "150"}[country] }

func TestLiveAgenda(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		items := f.agenda(t)
		if items[1].QuestionID != f.c.Questions[0].ID || items[3].Title != "Closing" || items[3].Position != 4 {
			t.Fatalf("agenda = %+v", items)
		}
		// Too long for the two hours: refused, and the agenda unchanged.
		long := append([]live.Item{}, items...)
		long[0].Minutes = 11
		err := f.svc.SaveAgenda(ctx, f.c, long)
		wantErr(t, err, errs.Invalid, "")
		if errs.FieldsOf(err)["items"] != "live.agenda.too_long" {
			t.Fatalf("fields = %v", errs.FieldsOf(err))
		}
		bad := []live.Item{{Title: " ", Minutes: 0, QuestionID: 999999}}
		fields := errs.FieldsOf(f.svc.SaveAgenda(ctx, f.c, bad))
		if fields["item_0_title"] != "live.agenda.title_required" || fields["item_0_minutes"] != "live.agenda.minutes_invalid" ||
			fields["item_0_question"] != "live.agenda.question_unknown" {
			t.Fatalf("fields = %v", fields)
		}
		// Edit in place: the first item kept (same id), the last removed.
		edit := []live.Item{items[0], {Title: "Open floor", Minutes: 30}}
		edit[0].Title = "Welcome"
		if err := f.svc.SaveAgenda(ctx, f.c, edit); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Agenda(ctx, f.c.ID)
		if len(got) != 2 || got[0].ID != items[0].ID || got[0].Title != "Welcome" || got[1].Title != "Open floor" {
			t.Fatalf("after edit: %+v", got)
		}
	})
}

func TestLiveQueueAndRecord(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		items := f.agenda(t)
		if err := f.svc.StartItem(ctx, f.c, items[1].ID); err != nil {
			t.Fatal(err)
		}
		// An earlier item is closed; the current one is open.
		wantErr(t, f.svc.AskFloor(ctx, f.c, f.reg, items[0].ID, ""), errs.Invalid, "")
		if err := f.svc.AskFloor(ctx, f.c, f.reg, items[1].ID, "  Connectivity in the Amazon "); err != nil {
			t.Fatal(err)
		}
		wantErr(t, f.svc.AskFloor(ctx, f.c, f.reg, items[2].ID, ""), errs.Conflict, "live.floor.already_asked")
		chair, err := f.svc.AddSpeaker(ctx, f.c, live.NewSpeaker{Name: "CSTD Chair", StakeholderGroup: "government", Country: "cl"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.AddSpeaker(ctx, f.c, live.NewSpeaker{StakeholderGroup: "nobody"}, nil)
		if fl := errs.FieldsOf(err); fl["name"] != "live.speaker.name_required" || fl["stakeholder_group"] != "live.speaker.group_invalid" {
			t.Fatalf("fields = %v", fl)
		}
		// The Chair first.
		if err := f.svc.Move(ctx, f.c, chair.ID, -1); err != nil {
			t.Fatal(err)
		}
		st, _ := f.svc.Load(ctx, f.c.ID)
		q := st.Queue()
		if len(q) != 2 || q[0].Name != "CSTD Chair" || q[0].Country != "CL" || q[1].Topic != "Connectivity in the Amazon" ||
			q[1].StakeholderGroup != "civil_society" {
			t.Fatalf("queue = %+v %+v", q[0], q[1])
		}
		groups, regions := st.Balance([]string{"government", "civil_society"}, []string{"019", "150"}, regionOf)
		if len(groups) != 2 || len(regions) != 2 {
			t.Fatalf("before anyone spoke, missing groups = %v", groups)
		}
		if err := f.svc.GiveFloor(ctx, f.c, chair.ID); err != nil {
			t.Fatal(err)
		}
		f.now = f.now.Add(2 * time.Minute)
		st, _ = f.svc.Load(ctx, f.c.ID)
		if st.Floor() == nil || st.Floor().ID != chair.ID || st.FloorRemaining() != time.Minute || st.ItemRemaining() != 48*time.Minute {
			t.Fatalf("floor %+v, remaining %v, item %v", st.Floor(), st.FloorRemaining(), st.ItemRemaining())
		}
		groups, regions = st.Balance([]string{"government", "civil_society"}, []string{"019", "150"}, regionOf)
		if len(groups) != 1 || groups[0] != "civil_society" || len(regions) != 1 || regions[0] != "150" {
			t.Fatalf("missing groups = %v, regions = %v", groups, regions)
		}
		// Giving the floor to the participant ends the Chair's turn.
		ada := st.Queue()[0]
		if err := f.svc.GiveFloor(ctx, f.c, ada.ID); err != nil {
			t.Fatal(err)
		}
		wantErr(t, f.svc.Withdraw(ctx, f.c, f.reg), errs.Conflict, "live.floor.not_waiting")
		st, _ = f.svc.Load(ctx, f.c.ID)
		for _, sp := range st.Speakers {
			if sp.ID == chair.ID && (sp.State != live.Spoken || sp.EndedAt == nil || !sp.EndedAt.Equal(f.now)) {
				t.Fatalf("chair after: %+v", sp)
			}
		}
		// The rapporteur records the participant's intervention.
		iv := &live.Intervention{SpeakerID: ada.ID, QuestionID: f.c.Questions[0].ID, Summary: "Community networks.",
			KeyPoints: "Spectrum\r\n\r\nFunding"}
		if err := f.svc.Record(ctx, f.c, iv); err != nil {
			t.Fatal(err)
		}
		wantErr(t, f.svc.Record(ctx, f.c, &live.Intervention{Name: "X", StakeholderGroup: "academia"}), errs.Invalid, "")
		list, err := db.Interventions(ctx, f.c.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("interventions = %v, %v", list, err)
		}
		got := list[0]
		if got.Name != "Ada Lovelace" || got.RegistrationID != f.reg.ID || got.Country != "GB" || got.StartedAt == nil ||
			len(got.Points()) != 2 || got.QuestionID != f.c.Questions[0].ID {
			t.Fatalf("intervention = %+v", got)
		}
		wantErr(t, f.svc.Publish(ctx, f.c, true), errs.Conflict, "live.record.session_not_over")
		f.now = f.c.EndsAt
		if err := f.svc.Publish(ctx, f.c, true); err != nil {
			t.Fatal(err)
		}
		if s, _ := db.LiveSession(ctx, f.c.ID); s.PublishedAt == nil || s.CurrentItemID != items[1].ID {
			t.Fatalf("session = %+v", s)
		}
	})
}

func TestLiveEventsNumberedAndReadAfter(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		if seq, err := db.LatestEventSeq(ctx, f.c.ID); err != nil || seq != 0 {
			t.Fatalf("LatestEventSeq before = %d, %v", seq, err)
		}
		items := f.agenda(t)                                                           // 1
		_ = f.svc.StartItem(ctx, f.c, items[0].ID)                                     // 2
		_ = f.svc.AskFloor(ctx, f.c, f.reg, items[0].ID, "")                           // 3
		_ = f.svc.SetInterventionTime(ctx, f.c, 90*time.Second)                        // 4
		wantErr(t, f.svc.SetInterventionTime(ctx, f.c, time.Second), errs.Invalid, "") // no event
		if seq, _ := db.LatestEventSeq(ctx, f.c.ID); seq != 4 {
			t.Fatalf("LatestEventSeq = %d, want 4", seq)
		}
		evs, err := db.EventsAfter(ctx, map[int64]int64{f.c.ID: 2, 999999: 0}, 10)
		if err != nil || len(evs) != 2 || evs[0].Seq != 3 || evs[0].Kind != live.EventQueue || evs[1].Kind != live.EventTimer {
			t.Fatalf("EventsAfter = %+v, %v", evs, err)
		}
		for _, e := range evs {
			if e.At.Location() != time.UTC {
				t.Fatalf("event time not UTC: %v", e.At)
			}
		}
		if s, _ := db.LiveSession(ctx, f.c.ID); s.InterventionTime != 90*time.Second {
			t.Fatalf("intervention time = %v", s.InterventionTime)
		}
	})
}

func TestLiveAttendance(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		if got, err := db.Attendance(ctx, f.c.ID); err != nil || len(got) != 0 {
			t.Fatalf("before anyone joined: %v, %v", got, err)
		}
		if err := db.Exec(ctx, `UPDATE registrations SET first_joined_at=$1, gender='woman' WHERE id=$2`, base, f.reg.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.Attendance(ctx, f.c.ID)
		if err != nil || len(got) != 1 || got[0] != (store.Attendee{StakeholderGroup: "civil_society", Country: "GB", Gender: "woman", N: 1}) {
			t.Fatalf("attendance = %+v, %v", got, err)
		}
	})
}
