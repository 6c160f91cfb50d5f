package mail

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// dotStuff writes what net/textproto's DotWriter writes, for texts with
// every kind of line: leading dots, a lone dot, bare LF, CRLF, blank lines,
// no final line end, a CR at the very end. (A CR inside a line, which
// go-mail's encodings never leave, DotWriter mangles; dotStuff keeps it.)
func TestDotStuffMatchesTextproto(t *testing.T) {
	pieces := []string{".", "..", "a", "é", "\n", "\r\n", "\r", " ", ".\r\n", "\n.\n", "line"}
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []string{"", "\n", ".", ".\r\n", "a\nb", "a\r\nb\r\n", "\n\n.", "x\r", "..\n.\r\n"}
	checked := 0
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, in := range cases {
		if strings.Contains(strings.ReplaceAll(strings.TrimSuffix(in, "\r"), "\r\n", ""), "\r") {
			continue
		}
		var want bytes.Buffer
		w := bufio.NewWriter(&want)
		dw := textproto.NewWriter(w).DotWriter()
		dw.Write([]byte(in))
		dw.Close()
		w.Flush()
		var got bytes.Buffer
		dotStuff(&got, []byte(in))
		checked++
		if got.String() != want.String() {
			t.Fatalf("dotStuff(%q) = %q, DotWriter writes %q", in, got.String(), want.String())
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d texts compared", checked)
	}
	var got bytes.Buffer
	dotStuff(&got, []byte("a\rb\r\n"))
	if got.String() != "a\rb\r\n.\r\n" {
		t.Errorf("a CR inside a line became %q", got.String())
	}
}

// scriptedServer is an SMTP server for the transaction's tests. With
// pipelining it offers PIPELINING and answers MAIL only once RCPT and DATA
// have arrived too, so a client that waited for each reply would stall;
// without, it fails the session when a command arrives before the reply
// to the one before it.
type scriptedServer struct {
	ln         net.Listener
	pipelining bool
	refuseRcpt string // a reply to every RCPT, e.g. "550 5.1.1 no such user"
	mu         sync.Mutex
	bodies     []string
	violations []string
}

func startScripted(t *testing.T, pipelining bool, refuseRcpt string) *scriptedServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &scriptedServer{ln: ln, pipelining: pipelining, refuseRcpt: refuseRcpt}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.session(c)
		}
	}()
	return s
}

func (s *scriptedServer) violation(format string, args ...any) {
	s.mu.Lock()
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}

func (s *scriptedServer) session(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 scripted ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		if !s.pipelining && verb != "QUIT" && s.more(c, tp) {
			s.violation("%q was followed by another command before its reply", line)
			return
		}
		switch {
		case verb == "EHLO" && s.pipelining:
			tp.PrintfLine("250-scripted\r\n250-8BITMIME\r\n250 PIPELINING")
		case verb == "EHLO":
			tp.PrintfLine("250-scripted\r\n250 8BITMIME")
		case verb == "MAIL" && s.pipelining:
			if !s.group(tp, line) {
				return
			}
		case verb == "QUIT":
			tp.PrintfLine("221 bye")
			return
		case !s.answer(tp, verb):
			return
		}
	}
}

// answer replies to MAIL, RCPT or DATA (reading the message) and to
// anything else with 250; false when the session broke.
func (s *scriptedServer) answer(tp *textproto.Conn, verb string) bool {
	switch verb {
	case "RCPT":
		tp.PrintfLine("%s", cmp.Or(s.refuseRcpt, "250 OK"))
	case "DATA":
		if s.refuseRcpt != "" {
			tp.PrintfLine("554 no valid recipients")
			return true
		}
		tp.PrintfLine("354 go ahead")
		body, err := tp.ReadDotBytes()
		if err != nil {
			return false
		}
		s.mu.Lock()
		s.bodies = append(s.bodies, string(body))
		s.mu.Unlock()
		tp.PrintfLine("250 OK")
	default:
		tp.PrintfLine("250 OK")
	}
	return true
}

// more reports whether the client sent anything within a moment of its
// last command, before hearing the reply.
func (s *scriptedServer) more(c net.Conn, tp *textproto.Conn) bool {
	if tp.R.Buffered() > 0 {
		return true
	}
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err := tp.R.Peek(1)
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return err == nil
}

// group reads RCPT and DATA after MAIL before any reply, then answers MAIL
// and replays the two.
func (s *scriptedServer) group(tp *textproto.Conn, mail string) bool {
	var rest []string
	for range 2 {
		line, err := tp.ReadLine()
		if err != nil {
			s.violation("after %q: %v before RCPT and DATA arrived", mail, err)
			return false
		}
		rest = append(rest, line)
	}
	tp.PrintfLine("250 OK")
	for _, line := range rest {
		verb := strings.ToUpper(strings.Fields(line)[0])
		if verb != "RCPT" && verb != "DATA" {
			s.violation("%q in the group after MAIL", line)
			return false
		}
		if !s.answer(tp, verb) {
			return false
		}
	}
	return true
}

// Messages go out whole on a server with PIPELINING (commands grouped:
// the server answers nothing before the group is in) and on one without
// (each command waits for its reply), several on one session; a text with
// a line holding a single dot arrives intact.
func TestTransactionWithAndWithoutPipelining(t *testing.T) {
	for _, pipelining := range []bool{true, false} {
		t.Run(fmt.Sprint("pipelining=", pipelining), func(t *testing.T) {
			srv := startScripted(t, pipelining, "")
			s, err := NewSMTP("smtp://"+srv.ln.Addr().String(), "noreply@consulta.test")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			text := "First line\n.\n..two dots\nlast"
			for i := range 3 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				err := s.Send(ctx, Message{To: fmt.Sprintf("p%d@example.org", i), Subject: "s", Text: text})
				cancel()
				if err != nil {
					t.Fatal(err)
				}
			}
			srv.mu.Lock()
			defer srv.mu.Unlock()
			if len(srv.violations) > 0 {
				t.Fatalf("protocol violations: %q", srv.violations)
			}
			if len(srv.bodies) != 3 {
				t.Fatalf("%d messages arrived, want 3", len(srv.bodies))
			}
			if !strings.Contains(srv.bodies[0], "First line\n.\n..two dots\nlast") {
				t.Errorf("the text arrived as %q", srv.bodies[0])
			}
		})
	}
}

// A recipient refused for good (550) is a permanent failure on both kinds
// of server, and a temporary refusal (451) is not; neither leaves a message
// behind.
func TestTransactionRefusedRecipient(t *testing.T) {
	for _, pipelining := range []bool{true, false} {
		for reply, permanent := range map[string]bool{"550 5.1.1 no such user": true, "451 4.3.0 try later": false} {
			t.Run(fmt.Sprint(pipelining, reply), func(t *testing.T) {
				srv := startScripted(t, pipelining, reply)
				s, err := NewSMTP("smtp://"+srv.ln.Addr().String(), "noreply@consulta.test")
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				err = s.Send(context.Background(), Message{To: "gone@example.org", Subject: "s", Text: "t"})
				if err == nil {
					t.Fatal("sent to a refused recipient")
				}
				if Permanent(err) != permanent || !strings.Contains(err.Error(), reply[4:]) {
					t.Errorf("Permanent(%v) = %v, want %v", err, Permanent(err), permanent)
				}
				srv.mu.Lock()
				defer srv.mu.Unlock()
				if len(srv.bodies) != 0 || len(srv.violations) != 0 {
					t.Errorf("bodies %q, violations %q", srv.bodies, srv.violations)
				}
			})
		}
	}
}
