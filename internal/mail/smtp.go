package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Default ports when the URL omits one: 25 for relay, 465 for implicit TLS.
const (
	defaultSMTPPort  = 25
	defaultSMTPSPort = 465
	// sendTimeout bounds dialling and each message on a session.
	sendTimeout = 30 * time.Second
)

// SMTP sends mail through an SMTP server described by a URL
// smtp://[user:pass@]host:port or smtps://... for implicit TLS.
// It is safe for concurrent use: sessions are kept open in a pool and each
// carries one message at a time; Close ends them.
type SMTP struct {
	host       string
	port       int
	implicit   bool // smtps://
	user, pass string
	redacted   string // URL with password hidden, for String and errors
	from       *netmail.Address
	client     *gomail.Client // the settings every session is dialled with
	sessions   pool
}

var _ Sender = (*SMTP)(nil)

// NewSMTP parses and validates rawURL and the default From address
// ("addr" or "Name <addr>"). Errors never contain the password.
func NewSMTP(rawURL, defaultFrom string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, parseError(rawURL, err)
	}
	s := &SMTP{redacted: u.Redacted(), implicit: u.Scheme == "smtps"}
	if err := s.parseURL(u); err != nil {
		return nil, fmt.Errorf("mail: invalid SMTP URL %q: %w", s.redacted, err)
	}
	if s.from, err = parseFrom(defaultFrom); err != nil {
		return nil, fmt.Errorf("mail: invalid default From %q: %w", defaultFrom, err)
	}
	if s.client, err = s.newClient(); err != nil {
		return nil, s.scrub(fmt.Errorf("mail: SMTP client for %s: %w", s.redacted, err))
	}
	return s, nil
}

// parseError keeps url.Parse's reason but not its quoted input, and withholds
// even the reason when the URL has credentials, since it may quote them.
func parseError(rawURL string, err error) error {
	reason := "cannot parse"
	var ue *url.Error
	if strings.Contains(rawURL, "@") {
		reason += " (details withheld: the URL contains credentials)"
	} else if errors.As(err, &ue) {
		reason = ue.Err.Error()
	}
	return fmt.Errorf("mail: invalid SMTP URL: %s", reason)
}

// parseURL fills host, port and credentials, naming the first problem found.
func (s *SMTP) parseURL(u *url.URL) error {
	if u.Scheme != "smtp" && u.Scheme != "smtps" {
		return fmt.Errorf("scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return errors.New("want smtp://[user:pass@]host:port with no path or query")
	}
	if s.host = u.Hostname(); s.host == "" {
		return errors.New("missing host")
	}
	port, err := parsePort(u.Port(), s.implicit)
	if err != nil {
		return err
	}
	s.port = port
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
		if s.user == "" {
			return errors.New("password given without user name")
		}
	}
	return nil
}

// parsePort applies the scheme's default port when none is given.
func parsePort(p string, implicit bool) (int, error) {
	if p == "" {
		if implicit {
			return defaultSMTPSPort, nil
		}
		return defaultSMTPPort, nil
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("invalid port %q", p)
	}
	return n, nil
}

// parseFrom accepts an empty default (each Message must then set From).
func parseFrom(s string) (*netmail.Address, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	return netmail.ParseAddress(s)
}

// String returns the server URL with any password redacted, safe to log.
func (s *SMTP) String() string { return s.redacted }

// Send delivers m on an open session, dialling one (with ctx) if none is
// idle. A reused session the server has meanwhile closed is replaced once,
// which is safe because it failed before any message data was sent.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := s.send(ctx, m); err != nil {
		return s.scrub(fmt.Errorf("mail: send to %s: %w", m.To, err))
	}
	return nil
}

// Close ends the idle sessions; call it when no more mail will be sent.
func (s *SMTP) Close() { s.sessions.close() }

func (s *SMTP) send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	from, err := msg.GetSender(false)
	if err != nil {
		return err
	}
	raw := buffers.Get().(*bytes.Buffer)
	defer putBuffer(raw)
	if _, err := msg.WriteTo(raw); err != nil {
		return fmt.Errorf("write message: %w", err)
	}
	rcpts, err := msg.GetRecipients()
	if err != nil {
		return err
	}
	deadline := time.Now().Add(sendTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	for {
		if err := ctx.Err(); err != nil {
			return err // before taking a session: a dead deadline would fail (and drop) each idle one
		}
		c, reused, err := s.sessions.get(ctx, s.client)
		if err != nil {
			return fmt.Errorf("dial failed: %w", err)
		}
		err = transact(c.c, from, rcpts[0], raw.Bytes(), deadline)
		if err == nil {
			s.sessions.put(c)
			return nil
		}
		// Mid-transaction the session's state is unknown (it may even be
		// reading the message): drop it rather than say QUIT.
		_ = c.c.Close()
		if !reused || !retryable(err) {
			return err
		}
	}
}

// newClient holds the settings every session is dialled with.
func (s *SMTP) newClient() (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(s.port),
		gomail.WithTimeout(sendTimeout),
		// Upgrade with STARTTLS when offered; local relays and Mailpit
		// often offer none, and refusing them would break dev setups.
		gomail.WithTLSPolicy(gomail.TLSOpportunistic),
		// A NOOP before and an RSET after every message would double the
		// round trips; a dead session shows at MAIL FROM instead, before
		// any data, and is then replaced (send).
		gomail.WithoutNoop(), gomail.WithoutRset(),
	}
	if s.implicit {
		opts = append(opts, gomail.WithSSL())
	}
	if s.user != "" {
		// PLAIN/LOGIN in the server's order; go-mail refuses to send them
		// unencrypted except to localhost, so credentials never leak.
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	return gomail.NewClient(s.host, opts...)
}

// build converts a Message to a go-mail Msg: multipart/alternative when HTML
// is present, multipart/mixed when there are attachments, UTF-8 throughout.
func (s *SMTP) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8))
	if err := s.setAddresses(msg, m); err != nil {
		return nil, err
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := attach(msg, a); err != nil {
			return nil, err
		}
	}
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	if m.Lang != "" {
		msg.SetGenHeader(gomail.HeaderContentLang, m.Lang)
	}
	return msg, nil
}

// setAddresses applies From (falling back to the configured default) and To.
func (s *SMTP) setAddresses(msg *gomail.Msg, m Message) error {
	from, fromName := m.From, m.FromName
	if from == "" && s.from != nil {
		from = s.from.Address
		if fromName == "" {
			fromName = s.from.Name
		}
	}
	if from == "" {
		return errors.New("no From address and no default configured")
	}
	if err := msg.FromFormat(fromName, from); err != nil {
		return fmt.Errorf("invalid From: %w", err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return fmt.Errorf("invalid To: %w", err)
	}
	return nil
}

// attach adds one attachment, keeping parameters such as method=REQUEST
// that calendar clients need.
func attach(msg *gomail.Msg, a Attachment) error {
	var opts []gomail.FileOption
	if a.ContentType != "" {
		opts = append(opts, gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	if err := msg.AttachReader(a.Filename, bytes.NewReader(a.Data), opts...); err != nil {
		return fmt.Errorf("attach %s: %w", a.Filename, err)
	}
	return nil
}

// scrub hides the password should a server or library echo it back, while
// keeping the error chain intact for errors.Is/As.
func (s *SMTP) scrub(err error) error {
	if s.pass == "" || !strings.Contains(err.Error(), s.pass) {
		return err
	}
	return redactedError{err: err, pass: s.pass}
}

type redactedError struct {
	err  error
	pass string
}

func (e redactedError) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.pass, "xxxxx")
}

func (e redactedError) Unwrap() error { return e.err }
