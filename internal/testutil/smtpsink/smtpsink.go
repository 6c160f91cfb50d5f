// Package smtpsink is a small real SMTP server for tests that count
// thousands of messages (Mailpit keeps 500): it speaks the subset of RFC
// 5321 a client needs (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, with
// PIPELINING),
// keeps no bodies, and counts each recipient's messages by subject; it can
// refuse chosen recipients.
package smtpsink

import (
	"bufio"
	"mime"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// Sink is a running server.
type Sink struct {
	Addr string // host:port
	ln   net.Listener
	mu   sync.Mutex
	got  map[string]map[string]int // recipient → subject → count
	wg   sync.WaitGroup
	// refuse answers RCPT for these recipients with their reply, and
	// refused counts those answers.
	refuse  map[string]string
	refused map[string]int
}

// Refuse answers every RCPT for rcpt with reply (such as "550 5.1.1 no
// such mailbox") from now on.
func (s *Sink) Refuse(rcpt, reply string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse[strings.ToLower(rcpt)] = reply
}

// Refused is how many times rcpt was refused.
func (s *Sink) Refused(rcpt string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused[strings.ToLower(rcpt)]
}

// refusal is the reply refusing rcpt, or "" to accept it; a refusal is
// counted.
func (s *Sink) refusal(rcpt string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	reply := s.refuse[rcpt]
	if reply != "" {
		s.refused[rcpt]++
	}
	return reply
}

// Start listens on a free local port until the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Sink{Addr: ln.Addr().String(), ln: ln, got: map[string]map[string]int{}, refuse: map[string]string{},
		refused: map[string]int{}}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

// URL is the sink as Consulta's --smtp flag takes it.
func (s *Sink) URL() string { return "smtp://" + s.Addr }

// Count is how many messages to rcpt had a subject starting with prefix.
func (s *Sink) Count(rcpt, prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for subject, k := range s.got[strings.ToLower(rcpt)] {
		if strings.HasPrefix(subject, prefix) {
			n += k
		}
	}
	return n
}

// Recipients maps every recipient to their messages whose subject starts
// with prefix.
func (s *Sink) Recipients(prefix string) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for rcpt, subjects := range s.got {
		for subject, k := range subjects {
			if strings.HasPrefix(subject, prefix) {
				out[rcpt] += k
			}
		}
	}
	return out
}

func (s *Sink) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() { defer s.wg.Done(); s.session(conn) }()
	}
}

func (s *Sink) session(conn net.Conn) {
	defer conn.Close()
	tp := textproto.NewConn(conn)
	_ = tp.PrintfLine("220 smtpsink ready")
	var rcpts []string
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			// PIPELINING, as most relays offer: Consulta's clients then send
			// MAIL, RCPT and DATA at once (internal/mail/transaction.go).
			_ = tp.PrintfLine("250-smtpsink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8")
		case "MAIL", "RSET", "NOOP":
			if verb != "NOOP" {
				rcpts = nil
			}
			_ = tp.PrintfLine("250 OK")
		case "RCPT":
			addr := line[strings.Index(line, ":")+1:]
			addr = strings.ToLower(strings.Trim(strings.TrimSpace(strings.SplitN(addr, " ", 2)[0]), "<>"))
			if reply := s.refusal(addr); reply != "" {
				_ = tp.PrintfLine("%s", reply)
				continue
			}
			rcpts = append(rcpts, addr)
			_ = tp.PrintfLine("250 OK")
		case "DATA":
			if len(rcpts) == 0 { // RFC 2920: pipelined DATA after every RCPT was refused
				_ = tp.PrintfLine("554 5.5.1 no valid recipients")
				continue
			}
			_ = tp.PrintfLine("354 go ahead")
			subject, err := readSubject(bufio.NewReader(tp.DotReader()))
			if err != nil {
				return
			}
			s.record(rcpts, subject)
			rcpts = nil
			_ = tp.PrintfLine("250 OK queued")
		case "QUIT":
			_ = tp.PrintfLine("221 bye")
			return
		default:
			_ = tp.PrintfLine("502 not implemented")
		}
	}
}

// readSubject reads a message to its end and returns its decoded Subject.
func readSubject(r *bufio.Reader) (string, error) {
	hdr, err := textproto.NewReader(r).ReadMIMEHeader()
	if err != nil {
		return "", err
	}
	if _, err := r.WriteTo(discard{}); err != nil {
		return "", err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(hdr.Get("Subject"))
	if err != nil {
		subject = hdr.Get("Subject")
	}
	return subject, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func (s *Sink) record(rcpts []string, subject string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range rcpts {
		if s.got[r] == nil {
			s.got[r] = map[string]int{}
		}
		s.got[r][subject]++
	}
}
