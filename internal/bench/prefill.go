package bench

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
)

// prefillChunk is how many registrations one transaction of the pre-fill
// stores: big enough to be quick, small enough not to hold the one SQLite
// writer for long.
const prefillChunk = 20_000

// placesHeadroom is added to the stored registrations as the capacity, so
// the capacity check runs on every registration but never refuses one.
const placesHeadroom = 1_000_000

// prefill stores n registrations for the demo consultation straight
// through the store in batches (not through HTTP, which would take
// minutes), and sets its capacity to n plus headroom so the benchmark
// pays for the places check as a real full-ish consultation does — or,
// without capacity, to none, for the price of the check by comparison.
func prefill(ctx context.Context, app *App, n int, capacity bool) error {
	c, err := app.DB.ConsultationBySlug(ctx, demoSlug)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for start := 0; start < n; start += prefillChunk {
		list := make([]*registration.Registration, 0, min(prefillChunk, n-start))
		for i := start; i < min(start+prefillChunk, n); i++ {
			in := registrationInput(uint64(i))
			in.Email = "stored-" + strconv.Itoa(i) + "@example.org"
			list = append(list, registration.New(links.NewOrderedID(), c.ID, in, now))
		}
		if err := app.DB.InsertRegistrations(ctx, list); err != nil {
			return fmt.Errorf("bench: pre-fill: %w", err)
		}
	}
	c.Capacity = 0
	if capacity {
		c.Capacity = n + placesHeadroom
	}
	return app.DB.SaveConsultation(ctx, c)
}
