package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// The demo review has its illustrative inputs once, over every
// consultation, stakeholder group and language, mostly published, and
// the themes are found in several languages.
func TestIllustrativeInputs(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.Open(t, engine)
			now := time.Date(2024, 11, 20, 12, 0, 0, 0, time.UTC)
			for range 2 { // loading twice adds nothing
				if _, err := demo.Load(ctx, db, now); err != nil {
					t.Fatal(err)
				}
			}
			rv, err := db.ReviewBySlug(ctx, demo.ReviewSlug)
			if err != nil {
				t.Fatal(err)
			}
			all, total, _, err := db.Inputs(ctx, store.InputFilter{ReviewID: rv.ID})
			if err != nil || total != demo.IllustrativeInputs {
				t.Fatalf("%d inputs, want %d (%v)", total, demo.IllustrativeInputs, err)
			}
			consultations, groups, langs := map[int64]bool{}, map[string]bool{}, map[string]int{}
			for _, h := range all {
				consultations[h.ConsultationID], groups[string(h.StakeholderGroup)] = true, true
				langs[h.Current.Language]++
			}
			if len(consultations) != 7 || len(groups) != 6 || len(langs) != 7 || langs["en"] < langs["zh"] {
				t.Errorf("spread: %d consultations, %d groups, languages %v", len(consultations), len(groups), langs)
			}
			public, _ := db.PublicInputCount(ctx, rv.ID)
			if public < 150 || public > 180 {
				t.Errorf("%d public inputs, want most but not all", public)
			}
			for _, q := range []string{"connectivity", "conectividad", "connectivité", "数据", "البيانات", "финансирование"} {
				hits, _, _, err := db.Inputs(ctx, store.InputFilter{Public: true, ReviewID: rv.ID, Query: q, Limit: 5})
				if err != nil || len(hits) == 0 {
					t.Errorf("search %q: %d hits (%v)", q, len(hits), err)
				}
			}
		})
	}
}
