package mail

import (
	"bytes"
	"errors"
	"net/textproto"
	"sync"
	"time"

	"github.com/wneessen/go-mail/smtp"
)

// One message on an open session is a mail transaction (RFC 5321 §3.3):
// MAIL FROM, RCPT TO, DATA, then the message ended by a line holding a
// single dot. go-mail dials, greets, upgrades to TLS and signs in; the
// transaction itself is written here, for two reasons that together were
// about a fifth of the CPU of a release's emails (docs/BENCHMARKS.md):
//
//   - When the server offers PIPELINING (RFC 2920), the three commands go
//     in one write and their replies are read together, so a message costs
//     two round trips instead of four. Without it, each command waits for
//     its reply, as RFC 5321 requires.
//   - The message is escaped (a leading dot doubled, line ends made CRLF)
//     in one pass over the bytes and written at once, where net/textproto's
//     DotWriter handles one byte at a time through a 4 KiB buffer.

// step is where in the transaction a failure happened.
type step int

const (
	stepMail step = iota // MAIL FROM, or the session before it
	stepRcpt             // RCPT TO
	stepData             // the DATA command
	stepEnd              // the message, and the reply to its end
)

func (s step) String() string {
	return [...]string{"MAIL FROM", "RCPT TO", "DATA", "end of message"}[s]
}

// transactionError is the server's refusal, or a broken session, at one
// step of a transaction.
type transactionError struct {
	step step
	err  error
}

func (e *transactionError) Error() string { return "SMTP " + e.step.String() + ": " + e.err.Error() }
func (e *transactionError) Unwrap() error { return e.err }

// code is the server's reply code, or 0 when there was no reply (a broken
// session, a timeout).
func (e *transactionError) code() int {
	var te *textproto.Error
	if errors.As(e.err, &te) {
		return te.Code
	}
	return 0
}

// buffers hold escaped messages between sends.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps a rare large message (an attachment of megabytes)
// from pinning its buffer in the pool.
const maxPooledBuffer = 1 << 20

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		b.Reset()
		buffers.Put(b)
	}
}

// transact sends one message from envelope address from to to (each in
// angle brackets) on session c, whose data is the whole message (headers
// and body). The deadline
// bounds the whole transaction. After an error the session is in an
// unknown state and must be closed, not reused.
func transact(c *smtp.Client, from, to string, data []byte, deadline time.Time) error {
	if err := c.UpdateDeadline(time.Until(deadline)); err != nil {
		return &transactionError{stepMail, err}
	}
	mailCmd := "MAIL FROM:" + from
	if ok, _ := c.Extension("8BITMIME"); ok {
		mailCmd += " BODY=8BITMIME"
	}
	if ok, _ := c.Extension("SMTPUTF8"); ok {
		mailCmd += " SMTPUTF8"
	}
	cmds := []struct {
		line string
		want int
		step step
	}{{mailCmd, 250, stepMail}, {"RCPT TO:" + to, 25, stepRcpt}, {"DATA", 354, stepData}}
	t := c.Text
	if ok, _ := c.Extension("PIPELINING"); ok {
		for _, cmd := range cmds {
			t.W.WriteString(cmd.line + "\r\n")
		}
		if err := t.W.Flush(); err != nil {
			return &transactionError{stepMail, err}
		}
		for _, cmd := range cmds {
			if _, _, err := t.ReadResponse(cmd.want); err != nil {
				return &transactionError{cmd.step, err}
			}
		}
	} else {
		for _, cmd := range cmds {
			t.W.WriteString(cmd.line + "\r\n")
			if err := t.W.Flush(); err != nil {
				return &transactionError{cmd.step, err}
			}
			if _, _, err := t.ReadResponse(cmd.want); err != nil {
				return &transactionError{cmd.step, err}
			}
		}
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	dotStuff(buf, data)
	if _, err := t.W.Write(buf.Bytes()); err != nil {
		return &transactionError{stepEnd, err}
	}
	if err := t.W.Flush(); err != nil {
		return &transactionError{stepEnd, err}
	}
	if _, _, err := t.ReadResponse(250); err != nil {
		return &transactionError{stepEnd, err}
	}
	return nil
}

// dotStuff appends data to dst as the DATA section carries it (RFC 5321
// §4.5.2): every line ends in CRLF (a bare LF becomes CRLF), a line that
// begins with a dot gets a second one, and a line holding a single dot
// ends it. It does what net/textproto's DotWriter does, a line at a time
// instead of a byte at a time, except with a CR inside a line, which
// DotWriter turns into an accident of its states and this keeps as it is
// (go-mail's encodings never leave one: quoted-printable writes =0D).
func dotStuff(dst *bytes.Buffer, data []byte) {
	dst.Grow(len(data) + len(data)/64 + 8)
	if len(data) == 0 {
		dst.WriteString("\r\n") // an empty message is one empty line
	}
	for len(data) > 0 {
		if data[0] == '.' {
			dst.WriteByte('.')
		}
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			dst.Write(bytes.TrimSuffix(data, []byte{'\r'}))
			dst.WriteString("\r\n")
			break
		}
		line := data[:i]
		data = data[i+1:]
		dst.Write(bytes.TrimSuffix(line, []byte{'\r'}))
		dst.WriteString("\r\n")
	}
	dst.WriteString(".\r\n")
}
