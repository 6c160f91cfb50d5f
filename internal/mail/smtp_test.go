package mail_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"

func TestSMTPSendReachesMailpit(t *testing.T) {
	mp := mailpit.Start(t)
	s, err := mail.NewSMTP(mp.SMTPURL, "Consulta <noreply@consulta.test>")
	if err != nil {
		t.Fatal(err)
	}
	msg := mail.Message{
		To: "amina@example.org", ToName: "أمينة",
		Subject: "تأكيد التسجيل",
		Text:    "شكرا لتسجيلك",
		HTML:    "<p>شكرا <b>لتسجيلك</b></p>",
		Attachments: []mail.Attachment{{
			Filename: "invite.ics", ContentType: "text/calendar; method=REQUEST", Data: []byte(ics),
		}},
		Headers: map[string]string{"Auto-Submitted": "auto-generated"},
		Lang:    "ar",
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Send(ctx, msg); err != nil {
		t.Fatal(err)
	}

	got := mp.WaitFor(t, msg.To, 1, 10*time.Second)
	if len(got) != 1 {
		t.Fatalf("got %d messages, want exactly 1", len(got))
	}
	m := got[0]
	checkEq(t, "subject", m.Subject, msg.Subject)
	checkEq(t, "SMTP AUTH user", m.Username, "")
	checkEq(t, "to", strings.Join(m.To, ","), msg.To)
	checkEq(t, "text", strings.TrimSpace(m.Text), msg.Text)
	checkEq(t, "html", strings.TrimSpace(m.HTML), msg.HTML)
	checkEq(t, "Content-Language", first(m.Headers["Content-Language"]), "ar")
	checkEq(t, "Auto-Submitted", first(m.Headers["Auto-Submitted"]), "auto-generated")
	checkAttachment(t, mp, m)
}

// checkAttachment verifies name, type, bytes, and that method=REQUEST (which
// Mailpit's parsed view drops) survived in the raw MIME.
func checkAttachment(t *testing.T, mp *mailpit.Server, m mailpit.Message) {
	t.Helper()
	if len(m.Attachments) != 1 {
		t.Fatalf("got %d attachments, want 1: %+v", len(m.Attachments), m.Attachments)
	}
	a := m.Attachments[0]
	checkEq(t, "filename", a.FileName, "invite.ics")
	checkEq(t, "content type", a.ContentType, "text/calendar")
	checkEq(t, "attachment data", string(mp.AttachmentData(t, m.ID, a.PartID)), ics)
	if raw := string(mp.Raw(t, m.ID)); !strings.Contains(raw, "text/calendar; method=REQUEST") {
		t.Errorf("raw message lacks calendar method parameter:\n%s", raw)
	}
}

func TestSMTPSendWithCredentials(t *testing.T) {
	mp := mailpit.Start(t)
	url := strings.Replace(mp.SMTPURL, "smtp://", "smtp://user:pw@", 1)
	s, err := mail.NewSMTP(url, "noreply@consulta.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), mail.Message{To: "a@example.org", Subject: "会议邀请", Text: "你好"}); err != nil {
		t.Fatal(err)
	}
	m := mp.WaitFor(t, "a@example.org", 1, 10*time.Second)[0]
	checkEq(t, "subject", m.Subject, "会议邀请")
	checkEq(t, "from", m.From, "noreply@consulta.test")
	checkEq(t, "SMTP AUTH user", m.Username, "user")
}

func TestNewSMTPRejectsBadURLs(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"http://x", "scheme must be smtp or smtps"},
		{"smtp://", "missing host"},
		{"smtp://h:0", "invalid port"},
		{"smtp://u:p@h:abc", "invalid SMTP URL"},
	} {
		_, err := mail.NewSMTP(tc.url, "noreply@consulta.test")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewSMTP(%q) error = %v, want containing %q", tc.url, err, tc.want)
		}
	}
}

func TestSMTPStringRedactsPassword(t *testing.T) {
	s, err := mail.NewSMTP("smtp://u:secret@h:25", "noreply@consulta.test")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(s.String(), "secret") {
		t.Errorf("String() = %q leaks the password", s.String())
	}
	_, err = mail.NewSMTP("smtp://u:secret@h:abc", "")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("NewSMTP error %v: want an error without the password", err)
	}
}

func TestSendRejectsInvalidMessage(t *testing.T) {
	s, err := mail.NewSMTP("smtp://127.0.0.1:1", "noreply@consulta.test")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "a@example.org", Subject: "x\r\nBcc: evil@example.org", Text: "t"})
	if err == nil || !strings.Contains(err.Error(), "mail: send to a@example.org") {
		t.Fatalf("want a wrapped validation error, got %v", err)
	}
	if err := (mail.Message{To: "a@example.org"}).Validate(); err == nil {
		t.Error("message without text body validated")
	}
}

func TestSendReportsUnreachableServer(t *testing.T) {
	s, err := mail.NewSMTP("smtp://u:topsecret@127.0.0.1:1", "noreply@consulta.test")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "a@example.org", Text: "t"})
	if err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Fatalf("want an error without the password, got %v", err)
	}
	if errors.Unwrap(err) == nil {
		t.Error("error does not wrap its cause")
	}
}

func checkEq(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// One SMTP value sends many messages, several at once, over kept-open
// sessions, and replaces sessions the server dropped while they were idle
// (a proxy in front of Mailpit cuts them): every message arrives exactly
// once, and the second round dials again.
func TestSMTPReusesAndReplacesSessions(t *testing.T) {
	mp := mailpit.Start(t)
	px := newProxy(t, mp.SMTPAddr)
	s, err := mail.NewSMTP("smtp://"+px.addr(), "noreply@consulta.test")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	round := func(r int) {
		var wg sync.WaitGroup
		for i := range 4 {
			wg.Go(func() {
				for j := range 5 {
					to := fmt.Sprintf("r%d-%d-%d@example.org", r, i, j)
					if err := s.Send(context.Background(), mail.Message{To: to, Subject: "s", Text: "t"}); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
	}
	round(0)
	dialled := px.accepted()
	if dialled > 4 {
		t.Errorf("20 messages from 4 senders dialled %d sessions, want at most 4", dialled)
	}
	px.drop()
	round(1)
	if px.accepted() == dialled {
		t.Error("no new session after the server dropped them")
	}
	for r := range 2 {
		for i := range 4 {
			for j := range 5 {
				to := fmt.Sprintf("r%d-%d-%d@example.org", r, i, j)
				if got := mp.WaitFor(t, to, 1, 10*time.Second); len(got) != 1 {
					t.Errorf("%s: %d messages, want 1", to, len(got))
				}
			}
		}
	}
}

// proxy forwards TCP to an SMTP server and can cut every open connection.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
	n     int
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	t.Cleanup(func() { ln.Close(); p.drop() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns, p.n = append(p.conns, c, up), p.n+1
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) accepted() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

func (p *proxy) drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
