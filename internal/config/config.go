// Package config reads Consulta's settings from flags and CONSULTA_*
// environment variables. A Config is built once by the cli package and passed
// to whatever needs it; nothing reads the environment anywhere else.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting. Storage settings apply to every subcommand;
// the rest only to serve.
type Config struct {
	DataDir      string
	DB           string // empty: SQLite in DataDir; postgres://… : PostgreSQL
	Addr         string
	BaseURL      string
	SMTP         string // empty: built-in outbox
	MailFrom     string
	Demo         bool
	RegisterRate int // public registration posts per IP per minute; 0 = unlimited
	LogFormat    string
	// TrustedProxies are the load balancers whose X-Forwarded-For names the
	// real client (for rate limits); parsed from a comma-separated list.
	TrustedProxies []netip.Prefix
	trustedRaw     string
	// HTTP server timeouts; zero takes the defaults below (Validate).
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration // the whole request, body included
	WriteTimeout      time.Duration // from the end of the headers to the end of the answer
	IdleTimeout       time.Duration // a kept-alive connection between requests
	// UnconfirmedTTL is how long a registration may wait for its address
	// to be confirmed before the purge job deletes it; 0 = the default.
	UnconfirmedTTL time.Duration
	// SignInPerIP is staff sign-in attempts per client address (IPv6: per
	// /64) per minute, apart from RegisterRate; 0 means the default.
	SignInPerIP int
	// SignInPerAccount is failed sign-ins per typed address before each
	// further attempt waits, the wait doubling up to 15 minutes; 0 means
	// the default.
	SignInPerAccount int
	Identity
}

// Default HTTP timeouts. Headers are small: 10 s is plenty. The largest body
// is a 1 MiB content form, which 30 s carries at 35 KB/s, so a client
// trickling a body is cut off while a slow real link is not. The slowest
// answer is a registrations export, well inside 60 s. (A streamed answer,
// such as server-sent events, must lift its own write deadline with
// http.ResponseController.) Idle keep-alive connections are dropped after
// 2 minutes.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 60 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
)

// DefaultUnconfirmedTTL leaves a weekend to confirm, and keeps addresses
// nobody confirmed (perhaps typed by someone else) only briefly.
const DefaultUnconfirmedTTL = 48 * time.Hour

// Sign-in throttling defaults: a person retyping a password never meets
// them; a script guessing gets ten tries a minute per address and, per
// account, five before the waits start.
const (
	DefaultSignInPerIP      = 10
	DefaultSignInPerAccount = 5
)

// DefaultRegisterRate is generous enough for an office behind one NAT address
// and low enough to stop a script filling the list.
const DefaultRegisterRate = 30

// Env looks up an environment variable; the cli passes os.LookupEnv, tests a map.
type Env func(key string) (string, bool)

// AddStorageFlags registers the flags every subcommand shares.
func (c *Config) AddStorageFlags(fs *flag.FlagSet, env Env) {
	fs.StringVar(&c.DataDir, "data", envOr(env, "CONSULTA_DATA", "./consulta-data"), "data directory (SQLite file, uploads)")
	fs.StringVar(&c.DB, "db", envOr(env, "CONSULTA_DB", ""), "database URL: empty for SQLite in --data, or postgres://…")
}

// AddServeFlags registers the flags of the serve subcommand.
func (c *Config) AddServeFlags(fs *flag.FlagSet, env Env) {
	fs.StringVar(&c.Addr, "addr", envOr(env, "CONSULTA_ADDR", "127.0.0.1:8080"), "listen address HOST:PORT")
	fs.StringVar(&c.BaseURL, "base-url", envOr(env, "CONSULTA_BASE_URL", ""), "public base URL (default http://ADDR)")
	fs.StringVar(&c.SMTP, "smtp", envOr(env, "CONSULTA_SMTP", ""), "smtp://[user:pass@]host:port; empty keeps mail in the built-in outbox")
	fs.StringVar(&c.MailFrom, "mail-from", envOr(env, "CONSULTA_MAIL_FROM", "consulta@localhost"), "sender address of outgoing mail")
	demo, _ := env("CONSULTA_DEMO")
	fs.BoolVar(&c.Demo, "demo", demo == "1" || demo == "true", "load the WSIS+20 demo data when the database is empty")
	fs.IntVar(&c.RegisterRate, "register-rate", envInt(env, "CONSULTA_REGISTER_RATE", DefaultRegisterRate),
		"public registration posts per IP per minute (0 = no limit)")
	fs.StringVar(&c.LogFormat, "log", envOr(env, "CONSULTA_LOG", ""), "log format: text or json (default: text on a terminal)")
	fs.StringVar(&c.trustedRaw, "trusted-proxies", envOr(env, "CONSULTA_TRUSTED_PROXIES", ""),
		"comma-separated addresses or CIDRs of load balancers whose X-Forwarded-For is believed")
	ttl := DefaultUnconfirmedTTL
	if v, ok := env("CONSULTA_UNCONFIRMED_TTL"); ok {
		if d, err := time.ParseDuration(v); err == nil {
			ttl = d
		}
	}
	fs.DurationVar(&c.UnconfirmedTTL, "unconfirmed-ttl", ttl, "how long a registration waits for its confirmation before it is deleted")
	fs.IntVar(&c.SignInPerIP, "signin-per-ip", envInt(env, "CONSULTA_SIGNIN_PER_IP", DefaultSignInPerIP),
		"staff sign-in attempts per client address (IPv6: per /64) per minute")
	fs.IntVar(&c.SignInPerAccount, "signin-per-account", envInt(env, "CONSULTA_SIGNIN_PER_ACCOUNT", DefaultSignInPerAccount),
		"failed sign-ins per account before each further attempt waits (doubling, up to 15 minutes)")
	c.addIdentityFlags(fs, env)
}

// envInt is an integer variable, or def when it is unset or not a number.
func envInt(env Env, key string, def int) int {
	if v, ok := env(key); ok {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

// AddBaseURLFlag registers --base-url alone, for commands that print links.
func (c *Config) AddBaseURLFlag(fs *flag.FlagSet, env Env) {
	fs.StringVar(&c.BaseURL, "base-url", envOr(env, "CONSULTA_BASE_URL", ""), "public base URL used in printed links")
}

// Validate checks the settings and fills derived defaults.
func (c *Config) Validate() error {
	if c.DataDir == "" {
		return fmt.Errorf("config: --data must not be empty")
	}
	if c.DB != "" && !IsPostgres(c.DB) {
		return fmt.Errorf("config: --db must be empty (SQLite) or a postgres:// URL")
	}
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("config: --addr %q: %v", c.Addr, err)
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: --base-url %q must be an http(s) URL", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.SMTP != "" && !strings.HasPrefix(c.SMTP, "smtp://") && !strings.HasPrefix(c.SMTP, "smtps://") {
		return fmt.Errorf("config: --smtp must be an smtp:// or smtps:// URL")
	}
	if c.RegisterRate < 0 {
		return fmt.Errorf("config: --register-rate must be 0 or more")
	}
	for _, t := range []struct {
		d   *time.Duration
		def time.Duration
	}{{&c.ReadHeaderTimeout, DefaultReadHeaderTimeout}, {&c.ReadTimeout, DefaultReadTimeout},
		{&c.WriteTimeout, DefaultWriteTimeout}, {&c.IdleTimeout, DefaultIdleTimeout}} {
		if *t.d <= 0 {
			*t.d = t.def
		}
	}
	if err := c.validateSignIn(); err != nil {
		return err
	}
	if err := c.parseTrustedProxies(); err != nil {
		return err
	}
	if c.UnconfirmedTTL < 0 {
		return fmt.Errorf("config: --unconfirmed-ttl must be positive")
	}
	if c.UnconfirmedTTL == 0 {
		c.UnconfirmedTTL = DefaultUnconfirmedTTL
	}
	return c.validateIdentity()
}

// validateSignIn fills the sign-in throttle defaults; it cannot be turned
// off, so a zero means the default rather than "no limit".
func (c *Config) validateSignIn() error {
	if c.SignInPerIP < 0 {
		return fmt.Errorf("config: --signin-per-ip must be 1 or more (0 = the default, %d)", DefaultSignInPerIP)
	}
	if c.SignInPerAccount < 0 {
		return fmt.Errorf("config: --signin-per-account must be 1 or more (0 = the default, %d)", DefaultSignInPerAccount)
	}
	if c.SignInPerIP == 0 {
		c.SignInPerIP = DefaultSignInPerIP
	}
	if c.SignInPerAccount == 0 {
		c.SignInPerAccount = DefaultSignInPerAccount
	}
	return nil
}

// parseTrustedProxies turns "10.0.0.0/8, 192.0.2.7" into prefixes.
func (c *Config) parseTrustedProxies() error {
	if c.trustedRaw == "" {
		return nil // none given, or set directly (tests)
	}
	c.TrustedProxies = nil
	for _, item := range strings.Split(c.trustedRaw, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			a, aerr := netip.ParseAddr(item)
			if aerr != nil {
				return fmt.Errorf("config: --trusted-proxies: %q is not an address or CIDR", item)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	return nil
}

// SQLitePath is the database file used when DB is empty.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "consulta.db") }

// IsPostgres reports whether a database URL names PostgreSQL.
func IsPostgres(dbURL string) bool {
	return strings.HasPrefix(dbURL, "postgres://") || strings.HasPrefix(dbURL, "postgresql://")
}

func envOr(env Env, key, def string) string {
	if v, ok := env(key); ok && v != "" {
		return v
	}
	return def
}

// SecureCookies reports whether cookies must be marked Secure: the site is
// served over HTTPS.
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https:") }
