package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/store"
)

func TestEmails(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m := mail.Message{
			To: "ada@example.org", Subject: "Confirm your registration", Text: "Click", HTML: "<p>Click</p>", Lang: "fr",
			Attachments: []mail.Attachment{{Filename: "invite.ics", ContentType: "text/calendar; method=REQUEST", Data: []byte("BEGIN:VCALENDAR\r\n")}},
		}
		if sent, err := db.EmailSent(ctx, "confirm:1"); err != nil || sent {
			t.Fatalf("EmailSent before = %v, %v", sent, err)
		}
		inserted, err := db.RecordEmail(ctx, "confirm:1", "outbox", m)
		if err != nil || !inserted {
			t.Fatalf("RecordEmail = %v, %v", inserted, err)
		}
		// The same key again is not recorded twice, whatever the message.
		other := m
		other.Subject = "Different"
		inserted, err = db.RecordEmail(ctx, "confirm:1", "smtp", other)
		if err != nil || inserted {
			t.Fatalf("RecordEmail again = %v, %v; want false, nil", inserted, err)
		}
		if sent, err := db.EmailSent(ctx, "confirm:1"); err != nil || !sent {
			t.Errorf("EmailSent after = %v, %v", sent, err)
		}

		for i := range 3 {
			mm := mail.Message{To: "bob@example.org", Subject: fmt.Sprint("n", i), Text: "t"}
			if _, err := db.RecordEmail(ctx, fmt.Sprint("bob:", i), "smtp", mm); err != nil {
				t.Fatal(err)
			}
		}

		for _, tc := range []struct {
			name  string
			to    string
			limit int
			want  []string // subjects, newest first
		}{
			{"all", "", 10, []string{"n2", "n1", "n0", "Confirm your registration"}},
			{"limit", "", 2, []string{"n2", "n1"}},
			{"to bob", "bob@example.org", 10, []string{"n2", "n1", "n0"}},
			{"to ada", "ada@example.org", 10, []string{"Confirm your registration"}},
			{"to nobody", "nobody@example.org", 10, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				list, err := db.Emails(ctx, tc.to, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range list {
					got = append(got, e.Message.Subject)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("subjects = %v, want %v", got, tc.want)
				}
			})
		}

		list, err := db.Emails(ctx, "ada@example.org", 1)
		if err != nil || len(list) != 1 {
			t.Fatalf("Emails = %v, %v", list, err)
		}
		e, err := db.EmailByID(ctx, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Key != "confirm:1" || e.Transport != "outbox" || !reflect.DeepEqual(e.Message, m) {
			t.Errorf("EmailByID = %+v, want key confirm:1, outbox, %+v", e, m)
		}
		recent(t, "CreatedAt", e.CreatedAt)
		_, err = db.EmailByID(ctx, 999999)
		wantErr(t, err, errs.NotFound, "email.not_found")
	})
}
