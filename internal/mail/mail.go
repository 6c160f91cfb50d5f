// Package mail defines the outgoing email model and the Sender interface the
// rest of Consulta depends on, so handlers never talk to SMTP directly and
// tests can substitute a recorder or a real Mailpit.
package mail

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Message is one email ready to send. Text is required; HTML optional;
// Attachments optional.
type Message struct {
	To, ToName     string
	From, FromName string // empty From/FromName take the sender's configured default
	Subject        string
	Text, HTML     string
	Attachments    []Attachment
	Headers        map[string]string // extra headers, e.g. "Auto-Submitted"
	Lang           string            // BCP 47; sent as Content-Language when non-empty
}

// Attachment is a file carried by a Message, e.g. invite.ics with
// ContentType "text/calendar; method=REQUEST". An empty ContentType is
// guessed from the file extension.
type Attachment struct {
	Filename    string
	ContentType string
	Data        []byte
}

// Sender delivers messages. Implementations must be safe for concurrent use.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Validate reports problems that would make the message unsendable or let
// user-influenced values inject headers, before any network work is done.
func (m Message) Validate() error {
	var errs []error
	if strings.TrimSpace(m.To) == "" {
		errs = append(errs, errors.New("no recipient"))
	}
	if m.Text == "" {
		errs = append(errs, errors.New("no text body"))
	}
	for _, a := range m.Attachments {
		if a.Filename == "" {
			errs = append(errs, errors.New("attachment without filename"))
		}
	}
	errs = append(errs, checkHeaderSafe(m)...)
	return errors.Join(errs...)
}

// checkHeaderSafe rejects CR/LF in anything that ends up in a header line.
func checkHeaderSafe(m Message) []error {
	fields := map[string]string{
		"To": m.To, "ToName": m.ToName, "From": m.From, "FromName": m.FromName,
		"Subject": m.Subject, "Lang": m.Lang,
	}
	for k, v := range m.Headers {
		fields["header name "+k] = k
		fields["header "+k] = v
	}
	var errs []error
	for _, a := range m.Attachments {
		if strings.ContainsAny(a.Filename+a.ContentType, "\r\n") {
			errs = append(errs, fmt.Errorf("attachment %q contains a line break", a.Filename))
		}
	}
	for name, v := range fields {
		if strings.ContainsAny(v, "\r\n") {
			errs = append(errs, fmt.Errorf("%s contains a line break", name))
		}
	}
	return errs
}
