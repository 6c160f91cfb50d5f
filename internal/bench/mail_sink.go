package bench

import (
	"bufio"
	"bytes"
	"net"
	"strings"
	"sync"
	"time"
)

// sink is a local SMTP server that accepts every message and counts, per
// envelope recipient, how many arrived: the far end of "bench mail". It
// speaks just enough SMTP for a client (EHLO/HELO, MAIL, RCPT, DATA,
// RSET, NOOP, QUIT), offers PIPELINING as most relays do (replies to a
// group of commands go out together, once none is left to read), keeps no
// message and costs little CPU, so the figure is Consulta's and not an
// SMTP server's.
type sink struct {
	ln   net.Listener
	want int           // distinct recipients expected
	all  chan struct{} // closed when want distinct recipients arrived

	mu   sync.Mutex
	got  map[string]int
	last time.Time // when the last message arrived
}

// startSink listens on a free loopback port until close.
func startSink(want int) (*sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &sink{ln: ln, want: want, all: make(chan struct{}), got: make(map[string]int, want)}
	go s.serve()
	return s, nil
}

func (s *sink) url() string { return "smtp://" + s.ln.Addr().String() }
func (s *sink) close()      { s.ln.Close() }

func (s *sink) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.session(c)
	}
}

// session answers one client until QUIT or a broken connection.
func (s *sink) session(c net.Conn) {
	defer c.Close()
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(line string) bool {
		w.WriteString(line + "\r\n")
		if r.Buffered() > 0 {
			return true // more commands of the group: answer them together
		}
		return w.Flush() == nil
	}
	if !reply("220 consulta-bench-sink ESMTP") {
		return
	}
	var rcpts []string
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return
		}
		verb, arg := command(line)
		var ok bool
		switch verb {
		case "EHLO":
			ok = reply("250-consulta-bench-sink\r\n250-8BITMIME\r\n250 PIPELINING")
		case "MAIL", "RSET":
			rcpts = rcpts[:0]
			ok = reply("250 OK")
		case "RCPT":
			rcpts = append(rcpts, address(arg))
			ok = reply("250 OK")
		case "DATA":
			if !reply("354 go ahead") || !skipData(r) {
				return
			}
			s.received(rcpts)
			rcpts = rcpts[:0]
			ok = reply("250 OK")
		case "QUIT":
			reply("221 bye")
			return
		case "HELO", "NOOP":
			ok = reply("250 OK")
		default:
			ok = reply("502 not implemented")
		}
		if !ok {
			return
		}
	}
}

// command splits an SMTP command line into its verb and argument.
func command(line []byte) (verb, arg string) {
	line = bytes.TrimRight(line, "\r\n")
	v, a, _ := bytes.Cut(line, []byte(" "))
	return strings.ToUpper(string(v)), string(a)
}

// address is the mailbox of "TO:<a@b> …".
func address(arg string) string {
	_, a, _ := strings.Cut(arg, "<")
	a, _, _ = strings.Cut(a, ">")
	return strings.ToLower(a)
}

// skipData reads the message up to the line holding a single dot.
func skipData(r *bufio.Reader) bool {
	atStart := true // whether the slice read begins a line
	for {
		line, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			atStart = false // a long line: read on to its end
			continue
		}
		if err != nil {
			return false
		}
		if atStart && len(line) == 3 && line[0] == '.' {
			return true
		}
		atStart = true
	}
}

// received counts one delivered message for each of its recipients.
func (s *sink) received(rcpts []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range rcpts {
		s.got[a]++
	}
	s.last = time.Now()
	if len(s.got) == s.want {
		close(s.all)
		s.want = -1 // closed once
	}
}

// count is what arrived: messages, and when the last one did.
type sinkCount struct {
	messages int
	perRcpt  map[string]int
	last     time.Time
}

func (s *sink) count() sinkCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := sinkCount{perRcpt: make(map[string]int, len(s.got)), last: s.last}
	for a, n := range s.got {
		c.perRcpt[a] = n
		c.messages += n
	}
	return c
}
