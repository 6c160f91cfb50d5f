package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/store"
)

// The send rate is unlimited until set, keeps what was set, and refuses
// what is out of range without changing.
func TestMailRate(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if n, err := db.MailRate(ctx); err != nil || n != 0 {
			t.Fatalf("before any setting MailRate = %d, %v; want 0", n, err)
		}
		for _, n := range []int{600, 0, 90} {
			if err := db.SetMailRate(ctx, n); err != nil {
				t.Fatal(err)
			}
			if got, err := db.MailRate(ctx); err != nil || got != n {
				t.Fatalf("after SetMailRate(%d) MailRate = %d, %v", n, got, err)
			}
		}
		for _, bad := range []int{-1, store.MaxMailRate + 1} {
			if err := db.SetMailRate(ctx, bad); errs.KindOf(err) != errs.Invalid {
				t.Errorf("SetMailRate(%d) = %v, want invalid", bad, err)
			}
		}
		if got, _ := db.MailRate(ctx); got != 90 {
			t.Errorf("a refused rate changed it to %d", got)
		}
	})
}

// A group of records commits together; a key already recorded is skipped,
// in or across groups.
func TestRecordEmails(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var list []store.EmailRecord
		for i := range 3 {
			list = append(list, store.EmailRecord{Key: fmt.Sprintf("k%d", i), Transport: "smtp",
				Message: mail.Message{To: fmt.Sprintf("p%d@example.org", i), Subject: "s", Text: "t"}})
		}
		if err := db.RecordEmails(ctx, append(list, list[0])); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordEmails(ctx, list[1:]); err != nil {
			t.Fatal(err)
		}
		all, err := db.Emails(ctx, "", 100)
		if err != nil || len(all) != 3 {
			t.Fatalf("%d emails recorded (%v), want 3", len(all), err)
		}
		// 45 records (one INSERT of 32, one of 8, five of 1), a key twice
		// within one INSERT and three recorded before.
		var more []store.EmailRecord
		for i := range 44 {
			more = append(more, store.EmailRecord{Key: fmt.Sprintf("k%d", i), Transport: "smtp",
				Message: mail.Message{To: fmt.Sprintf("p%d@example.org", i), Subject: "s", Text: "t"}})
		}
		if err := db.RecordEmails(ctx, append(more[:10:10], more...)[:45]); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordEmails(ctx, more); err != nil {
			t.Fatal(err)
		}
		if all, err = db.Emails(ctx, "", 100); err != nil || len(all) != 44 {
			t.Fatalf("%d emails recorded (%v), want 44", len(all), err)
		}
		for _, r := range list {
			if sent, err := db.EmailSent(ctx, r.Key); err != nil || !sent {
				t.Errorf("EmailSent(%s) = %v, %v", r.Key, sent, err)
			}
		}
	})
}
