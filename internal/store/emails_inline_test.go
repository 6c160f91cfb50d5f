package store_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// On PostgreSQL an email of a join email's size (about 4 KB with its
// calendar attachment, which does not compress) stays in its row: nothing
// is compressed or moved to the TOAST table (migration 00018), and it
// reads back whole.
func TestPostgresEmailsKeptInline(t *testing.T) {
	if !slices.Contains(dbtest.Engines(), string(store.Postgres)) {
		t.Skip("PostgreSQL is not among the engines")
	}
	ctx := context.Background()
	db := dbtest.Open(t, string(store.Postgres))
	noise := make([]byte, 1300)
	rand.Read(noise)
	m := mail.Message{To: "ada@example.org", Subject: "Your link", Lang: "en",
		Text: strings.Repeat("A paragraph of the email with a link to follow. ", 14),
		HTML: strings.Repeat("<p>A paragraph of the email with a link to follow.</p>\n", 28),
		Attachments: []mail.Attachment{{Filename: "invite.ics", ContentType: "text/calendar; method=REQUEST",
			Data: []byte(base64.StdEncoding.EncodeToString(noise))}}}
	if _, err := db.RecordEmail(ctx, "join:1", "smtp", m); err != nil {
		t.Fatal(err)
	}
	var rowBytes, toastBytes int64
	if err := db.Writer().QueryRowContext(ctx, `SELECT pg_column_size(e.*),
		pg_relation_size((SELECT reltoastrelid FROM pg_class WHERE relname = 'emails'))
		FROM emails e WHERE key = 'join:1'`).Scan(&rowBytes, &toastBytes); err != nil {
		t.Fatal(err)
	}
	if rowBytes < 3500 || toastBytes != 0 {
		t.Errorf("the email's row holds %d bytes and the TOAST table %d; want it all in the row", rowBytes, toastBytes)
	}
	list, err := db.Emails(ctx, "ada@example.org", 1)
	if err != nil || len(list) != 1 || list[0].Message.HTML != m.HTML || string(list[0].Message.Attachments[0].Data) != string(m.Attachments[0].Data) {
		t.Fatalf("read back: %v, %v", list, err)
	}
}
