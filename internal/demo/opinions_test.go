package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
)

func TestLoadEnablesTheLACOpinionMap(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	for range 2 {
		if _, err := demo.Load(ctx, db, now); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.ConsultationHeadBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.OpinionSettings(ctx, c.ID)
	if err != nil || !s.Enabled || s.OpenToVerified || s.StrictModeration {
		t.Fatalf("LAC opinion settings %+v, %v", s, err)
	}
	list, err := db.Statements(ctx, store.StatementFilter{ConsultationID: c.ID})
	if err != nil || len(list) != 8 {
		t.Fatalf("%d seed statements after two loads, want 8 (%v)", len(list), err)
	}
	for i, st := range list {
		if st.TID != i || !st.IsSeed || st.Moderation != opinion.Accepted || st.AuthorPID != opinion.BySecretariat || st.Lang == "" {
			t.Errorf("seed %d: %+v", i, st)
		}
	}
}

// The demo's illustrative map: generated statements and votes on a past
// consultation, with stakeholder groups and countries for the breakdowns,
// loaded once however often the demo is loaded, and saying what it is.
func TestLoadFillsTheIllustrativeMap(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	for range 2 {
		if _, err := demo.Load(ctx, db, now); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.ConsultationBySlug(ctx, demo.MapSlug)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Texts["en"].Notice, "illustrative statements and votes") {
		t.Errorf("notice %q does not say the map is illustrative", c.Texts["en"].Notice)
	}
	d, err := db.OpinionData(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Statements) != 12 || len(d.Participants) != 72 || len(d.Votes) < 72*8 {
		t.Fatalf("%d statements, %d participants, %d votes", len(d.Statements), len(d.Participants), len(d.Votes))
	}
	for _, p := range d.Participants {
		if p.StakeholderGroup == "" || p.Country == "" {
			t.Errorf("participant %+v: want a stakeholder group and a country", p)
		}
	}
	res := opinion.Analyse(opinion.Input{Statements: refs(d.Statements), Votes: d.Votes})
	if len(res.Groups) != 3 {
		t.Errorf("%d opinion groups in the illustrative map, want the 3 camps it is generated from", len(res.Groups))
	}
}

func refs(st []opinion.Statement) []opinion.StatementRef {
	var out []opinion.StatementRef
	for _, s := range st {
		out = append(out, opinion.StatementRef{TID: s.TID, Rejected: s.Moderation == opinion.Rejected})
	}
	return out
}
