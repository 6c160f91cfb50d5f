package web

import (
	"context"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/consulta/consulta/internal/i18n"
)

type ctxKey int

const (
	langKey ctxKey = iota
	routeKey
)

// recordRoute tells observe which route pattern served the request: the
// mux sets r.Pattern only on its own copy of the request, so observe hands
// down a holder in the context and each route (edge) fills it in.
func recordRoute(ctx context.Context, pattern string) {
	if p, ok := ctx.Value(routeKey).(*string); ok {
		*p = pattern
	}
}

// withLanguage picks the reader's language: ?lang= (the switcher, remembered
// in a cookie), then the cookie, then Accept-Language, then English.
func (s *Server) withLanguage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := r.URL.Query().Get("lang")
		if i18n.Supported(lang) && !strings.HasPrefix(r.URL.Path, "/api/") {
			// The switcher's choice is remembered for pages; an API
			// client names its language per request.
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
				SameSite: http.SameSiteLaxMode, HttpOnly: true})
		} else if i18n.Supported(lang) {
		} else if c, err := r.Cookie("lang"); err == nil && i18n.Supported(c.Value) {
			lang = c.Value
		} else {
			lang = s.Catalog.Match(r.Header.Get("Accept-Language"))
		}
		if lang == "" {
			lang = i18n.Source
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey, lang)))
	})
}

// langFrom returns the printer for the request's language.
func langFrom(ctx context.Context, c *i18n.Catalog) *i18n.Printer {
	lang, _ := ctx.Value(langKey).(string)
	return c.Printer(lang)
}

// securityHeaders sets a strict content security policy: our pages use only
// their own scripts and styles.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a logged 500 with a plain message.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.ErrorContext(r.Context(), "panic", "value", v, "stack", string(debug.Stack()))
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(langFrom(r.Context(), s.Catalog).T("error.internal")))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status a handler wrote, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request by its route pattern (never the raw path, which
// may hold a token) and records metrics.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		pattern := "unmatched"
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), routeKey, &pattern)))
		d := s.Now().Sub(start)
		s.metrics.observe(pattern, rec.status, d)
		s.Logger.DebugContext(r.Context(), "request", "route", pattern, "status", rec.status, "duration", d)
	})
}

// ipLimiter is a token bucket per client address for public forms.
type ipLimiter struct {
	mu      sync.Mutex
	perMin  int
	now     func() time.Time
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newIPLimiter(perMinute int, now func() time.Time) *ipLimiter {
	return &ipLimiter{perMin: perMinute, now: now, buckets: map[string]*bucket{}}
}

// allow reports whether the address may post now.
func (l *ipLimiter) allow(addr string) bool {
	if l.perMin <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > 10*time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[addr]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(float64(l.perMin)/60), l.perMin)}
		l.buckets[addr] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// spent reports whether addr has no post left now, without taking one:
// a request that allow would refuse anyway can be refused before its body
// is read.
func (l *ipLimiter) spent(addr string) bool {
	if l.perMin <= 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[addr]
	return ok && b.lim.TokensAt(l.now()) < 1
}

// clientIP is the address a rate limit counts. It is the peer, unless the
// peer is a trusted load balancer (--trusted-proxies): then it is the
// right-most X-Forwarded-For address that is not itself a trusted proxy, so
// a client cannot dodge the limit by sending the header itself.
func (s *Server) clientIP(r *http.Request) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if !s.trusted(addr) {
		return addr.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if addr = hop.Unmap(); !s.trusted(addr) {
			break
		}
	}
	return addr.String()
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.Config.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// limited applies the public-form rate limit to a page handler.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc { return s.rateLimited(h, s.tooMany) }

// rateLimited applies the public-form rate limit, answering with reject
// (an HTML page or a JSON error) when the client has posted too often.
func (s *Server) rateLimited(h, reject http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.limiter.allow(s.clientIP(r)) {
			overLimit(w, r, reject)
			return
		}
		h(w, r)
	}
}

// overLimit answers a client over the public rate limit with reject.
func overLimit(w http.ResponseWriter, r *http.Request, reject http.HandlerFunc) {
	w.Header().Set("Retry-After", "60")
	reject(w, r)
}

// cacheForever marks static files as immutable; their names change with content.
func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
