package messages

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
)

// memEnv is an Env held in memory, so that the benchmark measures
// composing an email and nothing of the store.
type memEnv struct {
	r    *Registrant
	c    *consultation.Consultation
	cat  *i18n.Catalog
	urls links.URLs
}

func (e *memEnv) Registrant(context.Context, string) (*Registrant, error) { return e.r, nil }
func (e *memEnv) Consultation(context.Context, int64) (*consultation.Consultation, error) {
	return e.c, nil
}
func (e *memEnv) OpinionJoinPath(context.Context, *consultation.Consultation, string) (string, error) {
	return "", nil
}
func (e *memEnv) Printer(lang string) *i18n.Printer { return e.cat.Printer(lang) }
func (e *memEnv) URLs() links.URLs                  { return e.urls }
func (e *memEnv) From() string                      { return "secretariat@example.org" }
func (e *memEnv) Announcement(context.Context, int64) (*Announcement, error) {
	return nil, nil
}

func newMemEnv(tb testing.TB, lang string) *memEnv {
	cat, err := i18n.New()
	if err != nil {
		tb.Fatal(err)
	}
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Date(2024, 12, 5, 11, 0, 0, 0, loc)
	c := &consultation.Consultation{ID: 1, Slug: "wsis20-lac", OriginalLang: "en", TimeZone: "America/Santiago",
		Texts:    map[string]consultation.Text{"en": {Title: "WSIS+20 regional consultation"}},
		StartsAt: start, EndsAt: start.Add(2 * time.Hour), ContactEmail: "wsis@example.org",
		UpdatedAt: start.AddDate(0, -1, 0)}
	c.JoinOpensBefore = 15 * time.Minute
	c.Version = 1
	return &memEnv{cat: cat, c: c,
		r: &Registrant{ID: "r1", Name: "Ana Pérez", Email: "ana@example.org", Language: lang,
			ConsultationID: 1, Status: statusApproved, LinkVersion: 1},
		urls: links.NewURLs("https://consulta.example.org", links.NewSigner([]byte("0123456789abcdef0123456789abcdef")))}
}

// BenchmarkJoinLinkCompose is the CPU of composing one join-link email,
// the kind `consulta bench mail` sends.
func BenchmarkJoinLinkCompose(b *testing.B) {
	for _, lang := range []string{"en", "ru"} {
		b.Run(lang, func(b *testing.B) {
			env := newMemEnv(b, lang)
			ctx := context.Background()
			for b.Loop() {
				d, err := JoinLink{RegistrationID: "r1", Version: 1}.Compose(ctx, env)
				if err != nil || d == nil || len(d.Attachments) != 1 {
					b.Fatal(d, err)
				}
			}
		})
	}
}

func BenchmarkConfirmationCompose(b *testing.B) {
	env := newMemEnv(b, "fr")
	env.r.Pending, env.r.Status = true, "pending"
	ctx := context.Background()
	for b.Loop() {
		if _, err := (Confirmation{RegistrationID: "r1"}).Compose(ctx, env); err != nil {
			b.Fatal(err)
		}
	}
}
