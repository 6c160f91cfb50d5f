// Package regseed fills a consultation with approved registrants directly
// in the store, for tests and benchmarks of what happens to many of them
// (a release, a fan-out): no confirmation emails, no HTTP.
package regseed

import (
	"context"
	"fmt"
	"time"

	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// Approved stores n registrants of consultation consultationID, approved,
// in English, their addresses fmt.Sprintf(emailFormat, i), and sets the
// places held to match (no capacity limit).
func Approved(ctx context.Context, db *store.DB, consultationID int64, n int, emailFormat string) error {
	now := time.Now().UTC()
	list := make([]*registration.Registration, 0, n)
	for i := range n {
		list = append(list, registration.New(links.NewID(), consultationID, registration.Input{GivenName: "P",
			FamilyName: fmt.Sprint(i), Email: fmt.Sprintf(emailFormat, i), Organization: "Org",
			StakeholderGroup: "civil_society", Country: "BR", Language: "en", Consent: true}, now))
	}
	if err := db.InsertRegistrations(ctx, list); err != nil {
		return err
	}
	// InsertRegistrations takes pending registrations only; approve them
	// all and count their places, as approvals would have.
	if _, err := db.Writer().ExecContext(ctx, `UPDATE registrations SET status='approved', confirmed_at=$1, approved_at=$1
		WHERE consultation_id=$2 AND status='pending_confirmation'`, now, consultationID); err != nil {
		return err
	}
	_, err := db.Writer().ExecContext(ctx, `UPDATE consultations SET capacity=0, places_taken=(SELECT COUNT(*)
		FROM registrations WHERE consultation_id=$1 AND status='approved') WHERE id=$1`, consultationID)
	return err
}
