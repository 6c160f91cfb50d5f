package demo

import (
	"context"
	"fmt"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/store"
)

// The Santiago consultation's two hours, as the concept note runs them:
// opening remarks by the CSTD Chair, one block per guiding question
// moderated by ECLAC, closing.
const (
	openingMinutes  = 10
	questionMinutes = 25
	closingMinutes  = 10
)

// loadAgenda gives the Santiago consultation its agenda unless it has one.
func loadAgenda(ctx context.Context, db *store.DB) (loaded bool, err error) {
	defer errs.Wrap(&err, "demo.loadAgenda")
	c, err := db.ConsultationBySlug(ctx, LACSlug)
	if err != nil {
		return false, err
	}
	items, err := db.Agenda(ctx, c.ID)
	if err != nil || len(items) > 0 {
		return false, err
	}
	items = []live.Item{{Title: "Opening remarks by the Chair of the CSTD", Minutes: openingMinutes}}
	for i, q := range c.Questions {
		items = append(items, live.Item{Title: fmt.Sprintf("Guiding question %d: moderated discussion", i+1),
			Minutes: questionMinutes, QuestionID: q.ID})
	}
	items = append(items, live.Item{Title: "Closing remarks and next steps", Minutes: closingMinutes})
	questions := map[int64]bool{}
	for _, q := range c.Questions {
		questions[q.ID] = true
	}
	if err := live.ValidateAgenda(items, c.EndsAt.Sub(c.StartsAt), questions); err != nil {
		return false, err
	}
	return true, db.ReplaceAgenda(ctx, c.ID, items)
}
