package demo_test

import (
	"context"
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
		if st.TID != i || !st.IsSeed || st.Moderation != opinion.Accepted || st.AuthorPID != -1 || st.Lang == "" {
			t.Errorf("seed %d: %+v", i, st)
		}
	}
}
