package mail

import (
	"context"
	"errors"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// maxIdleConns bounds the connections kept open between messages; more
// concurrent senders than this dial and close their own.
const maxIdleConns = 32

// idleLimit is how long an unused connection is trusted: servers drop idle
// sessions (often after a minute), and a dropped one costs a redial anyway.
const idleLimit = 20 * time.Second

// conn is one open SMTP session.
type conn struct {
	c    *smtp.Client
	used time.Time
}

// pool keeps SMTP sessions open between messages: a session carries many
// messages (MAIL, RCPT, DATA each), so a message costs three round trips
// instead of a dial, EHLO, STARTTLS and AUTH as well.
type pool struct {
	mu     sync.Mutex
	idle   []conn
	closed bool
}

// get returns an idle session (reused) or dials a new one.
func (p *pool) get(ctx context.Context, client *gomail.Client) (c conn, reused bool, err error) {
	p.mu.Lock()
	for len(p.idle) > 0 {
		c = p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		if time.Since(c.used) < idleLimit {
			p.mu.Unlock()
			return c, true, nil
		}
		go quit(c) // stale: the server may have dropped it already
	}
	p.mu.Unlock()
	sc, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return conn{}, false, err
	}
	return conn{c: sc}, false, nil
}

// put keeps a session that just carried a message for the next one.
func (p *pool) put(c conn) {
	c.used = time.Now()
	p.mu.Lock()
	if !p.closed && len(p.idle) < maxIdleConns {
		p.idle = append(p.idle, c)
		c = conn{}
	}
	p.mu.Unlock()
	if c.c != nil {
		quit(c)
	}
}

// close ends every idle session; sessions in use end when returned.
func (p *pool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		quit(c)
	}
}

// quit ends a session politely, or just drops it if the server went.
func quit(c conn) {
	if c.c.Quit() != nil {
		_ = c.c.Close()
	}
}

// retryable reports whether a failure on a reused session happened at its
// first step, before any message data was sent (the server had closed the
// idle session, or says it is closing it: 421), so sending again on a fresh
// session cannot duplicate the message.
func retryable(err error) bool {
	var te *transactionError
	return errors.As(err, &te) && te.step == stepMail
}

// Permanent reports whether the server refused this message for good: a
// 5xx reply to its recipient (e.g. no such mailbox) or to its content.
// Sending it again would be refused again. Connection and sign-in failures,
// 4xx replies and a refused sender (MAIL FROM: the installation's own
// setting, which fixing would let every waiting message through) are worth
// a retry.
func Permanent(err error) bool {
	var te *transactionError
	if !errors.As(err, &te) || (te.step != stepRcpt && te.step != stepEnd) {
		return false
	}
	code := te.code()
	return code >= 500 && code < 600
}
