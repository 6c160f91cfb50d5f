package mailpit

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// Summary is one entry of GET /api/v1/messages.
type Summary struct {
	ID          string // Mailpit database ID, used by Message and AttachmentData
	MessageID   string // the Message-ID header
	Subject     string // decoded subject
	From        string // bare address
	To, Cc, Bcc []string
	Created     time.Time
	Attachments int
	Snippet     string
	Username    string // SMTP AUTH user, empty when the client did not authenticate
}

// Message is a captured message with bodies, attachments and raw headers.
type Message struct {
	ID, MessageID string
	Subject       string
	From          string
	To, Cc, Bcc   []string
	Text, HTML    string
	Username      string // SMTP AUTH user, empty when the client did not authenticate
	Attachments   []AttachmentInfo
	Inline        []AttachmentInfo
	// Headers are the top-level headers keyed canonically (e.g.
	// "Content-Language"); values are as sent, RFC 2047 words not decoded.
	Headers map[string][]string
}

// AttachmentInfo describes one MIME part; fetch its bytes with AttachmentData.
type AttachmentInfo struct {
	PartID      string
	FileName    string
	ContentType string // media type without parameters, as Mailpit reports it
	ContentID   string
	Size        uint64
}

// apiAddress mirrors net/mail.Address as Mailpit encodes it.
type apiAddress struct{ Name, Address string }

type apiSummary struct {
	ID, MessageID, Subject, Snippet, Username string
	From                                      *apiAddress
	To, Cc, Bcc                               []apiAddress
	Created                                   time.Time
	Attachments                               int
}

type apiMessage struct {
	ID, MessageID, Subject, Text, HTML, Username string
	From                                         *apiAddress
	To, Cc, Bcc                                  []apiAddress
	Attachments, Inline                          []AttachmentInfo
}

// Messages lists every captured message, newest first.
func (s *Server) Messages(t testing.TB) []Summary {
	t.Helper()
	var res struct{ Messages []apiSummary }
	// limit=0 would mean "default 50"; ask for more than Mailpit keeps (500).
	s.getJSON(t, "/api/v1/messages?limit=1000", &res)
	out := make([]Summary, 0, len(res.Messages))
	for _, m := range res.Messages {
		out = append(out, Summary{
			ID: m.ID, MessageID: m.MessageID, Subject: m.Subject, Snippet: m.Snippet,
			From: addr(m.From), To: addrs(m.To), Cc: addrs(m.Cc), Bcc: addrs(m.Bcc),
			Created: m.Created, Attachments: m.Attachments, Username: m.Username,
		})
	}
	return out
}

// WaitFor polls until at least n messages addressed (To/Cc/Bcc) to `to`
// have arrived and returns all of them in full, oldest first. It fails the
// test after timeout, listing what did arrive to ease debugging.
func (s *Server) WaitFor(t testing.TB, to string, n int, timeout time.Duration) []Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.addressedTo(t, to)
		if len(got) >= n {
			out := make([]Message, 0, len(got))
			for i := len(got) - 1; i >= 0; i-- { // API order is newest first
				out = append(out, s.Message(t, got[i].ID))
			}
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit: got %d of %d messages to %s after %s; mailbox: %s",
				len(got), n, to, timeout, describe(s.Messages(t)))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// addressedTo filters the mailbox by recipient, case-insensitively.
func (s *Server) addressedTo(t testing.TB, to string) []Summary {
	var out []Summary
	for _, m := range s.Messages(t) {
		rcpts := slices.Concat(m.To, m.Cc, m.Bcc)
		if slices.ContainsFunc(rcpts, func(r string) bool { return strings.EqualFold(r, to) }) {
			out = append(out, m)
		}
	}
	return out
}

// Message fetches one message and its headers.
func (s *Server) Message(t testing.TB, id string) Message {
	t.Helper()
	var m apiMessage
	s.getJSON(t, "/api/v1/message/"+url.PathEscape(id), &m)
	out := Message{
		ID: m.ID, MessageID: m.MessageID, Subject: m.Subject, Text: m.Text, HTML: m.HTML,
		Username: m.Username, From: addr(m.From), To: addrs(m.To), Cc: addrs(m.Cc), Bcc: addrs(m.Bcc),
		Attachments: m.Attachments, Inline: m.Inline,
	}
	s.getJSON(t, "/api/v1/message/"+url.PathEscape(id)+"/headers", &out.Headers)
	return out
}

// AttachmentData downloads the decoded bytes of one MIME part.
func (s *Server) AttachmentData(t testing.TB, msgID, partID string) []byte {
	t.Helper()
	return s.get(t, "/api/v1/message/"+url.PathEscape(msgID)+"/part/"+url.PathEscape(partID))
}

// Raw returns the message exactly as received over SMTP, for assertions on
// MIME structure that the parsed API view hides.
func (s *Server) Raw(t testing.TB, id string) []byte {
	t.Helper()
	return s.get(t, "/api/v1/message/"+url.PathEscape(id)+"/raw")
}

// DeleteAll empties the mailbox so one server can serve several subtests.
func (s *Server) DeleteAll(t testing.TB) {
	t.Helper()
	req, err := http.NewRequest(http.MethodDelete, s.APIURL+"/api/v1/messages", nil)
	if err != nil {
		t.Fatalf("mailpit: %v", err)
	}
	s.do(t, req)
}

func (s *Server) getJSON(t testing.TB, path string, v any) {
	t.Helper()
	if err := json.Unmarshal(s.get(t, path), v); err != nil {
		t.Fatalf("mailpit: decode %s: %v", path, err)
	}
}

func (s *Server) get(t testing.TB, path string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.APIURL+path, nil)
	if err != nil {
		t.Fatalf("mailpit: %v", err)
	}
	return s.do(t, req)
}

// do fails the test on any transport error or non-200 status.
func (s *Server) do(t testing.TB, req *http.Request) []byte {
	t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("mailpit: %s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("mailpit: read %s: %v", req.URL.Path, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit: %s %s: %s: %s", req.Method, req.URL.Path, resp.Status, body)
	}
	return body
}

func addr(a *apiAddress) string {
	if a == nil {
		return ""
	}
	return a.Address
}

func addrs(as []apiAddress) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Address)
	}
	return out
}

// describe renders a mailbox compactly for failure messages.
func describe(ms []Summary) string {
	if len(ms) == 0 {
		return "(empty)"
	}
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n  %v %q", m.To, m.Subject)
	}
	return b.String()
}
