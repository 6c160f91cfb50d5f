package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// lookupSizes are list lengths around and across the IN lists the batch
// lookups bind (powers of two up to 256), up to more than one chunk; each
// test adds one absent key, and expects one query per 256 keys.
var lookupSizes = []int{0, 1, 2, 4, 6, 17, 255, 256, 600}

// RegistrationsByIDs returns exactly the registrations asked for that
// exist, each as RegistrationByID reads it, whether the list is empty,
// repeats an id, names a missing one or is longer than one statement's.
func TestRegistrationsByIDs(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newConsultation(t, db, newReview(t, db, "batch").ID, "batch", nil)
		var regs []*registration.Registration
		for i := range 600 {
			regs = append(regs, newRegistration(c, fmt.Sprintf("r%d@example.org", i), now))
		}
		if err := db.InsertRegistrations(ctx, regs); err != nil {
			t.Fatal(err)
		}
		want := map[string]*registration.Registration{}
		for _, i := range []int{0, 299, 599} {
			r, err := db.RegistrationByID(ctx, regs[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			want[r.ID] = r
		}
		got, err := db.RegistrationsByIDs(ctx, []string{regs[0].ID, "missing", regs[299].ID, regs[0].ID, regs[599].ID})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %d registrations %v, want %d as RegistrationByID reads them", len(got), keysOf(got), len(want))
		}

		for _, n := range lookupSizes {
			ids := []string{"missing"}
			for _, r := range regs[:n] {
				ids = append(ids, r.ID)
			}
			var queries atomic.Int64
			got, err := db.RegistrationsByIDs(store.CountQueries(ctx, &queries), ids)
			if err != nil {
				t.Fatalf("%d ids: %v", n, err)
			}
			if len(got) != n {
				t.Errorf("%d ids (and a missing one): %d registrations", n, len(got))
			}
			if want := int64((len(ids) + 255) / 256); queries.Load() != want {
				t.Errorf("%d ids: %d queries, want %d", len(ids), queries.Load(), want)
			}
			for _, r := range regs[:n] {
				if g := got[r.ID]; g == nil || g.Email != r.Email {
					t.Errorf("%d ids: %s is %+v, want %s", n, r.ID, g, r.Email)
					break
				}
			}
		}
		if got, err := db.RegistrationsByIDs(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("no ids: %v, %v; want an empty map", got, err)
		}
	})
}

// EmailsSent reports exactly the keys asked for that are recorded.
func TestEmailsSent(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var recorded []store.EmailRecord
		for i := range 600 {
			recorded = append(recorded, store.EmailRecord{Key: fmt.Sprint("sent:", i), Transport: "smtp",
				Message: mail.Message{To: "ada@example.org", Subject: "s", Text: "t"}})
		}
		if err := db.RecordEmails(ctx, recorded); err != nil {
			t.Fatal(err)
		}
		got, err := db.EmailsSent(ctx, []string{"sent:0", "unsent", "sent:599", "sent:0"})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]bool{"sent:0": true, "sent:599": true}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}

		for _, n := range lookupSizes {
			keys := []string{"unsent"}
			for _, e := range recorded[:n] {
				keys = append(keys, e.Key)
			}
			var queries atomic.Int64
			got, err := db.EmailsSent(store.CountQueries(ctx, &queries), keys)
			if err != nil {
				t.Fatalf("%d keys: %v", n, err)
			}
			if want := int64((len(keys) + 255) / 256); queries.Load() != want {
				t.Errorf("%d keys: %d queries, want %d", len(keys), queries.Load(), want)
			}
			if len(got) != n || got["unsent"] {
				t.Errorf("%d keys (and an unsent one): %d sent %v", n, len(got), got["unsent"])
			}
			for _, e := range recorded[:n] {
				if !got[e.Key] {
					t.Errorf("%d keys: %s not reported sent", n, e.Key)
					break
				}
			}
		}
		if got, err := db.EmailsSent(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("no keys: %v, %v; want an empty map", got, err)
		}
	})
}

func keysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
