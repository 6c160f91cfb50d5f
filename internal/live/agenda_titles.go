package live

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
)

// TranslateAgenda sets the agenda items' titles in lang, a language other
// than the consultation's original: titles maps an item's id to its
// title, and an empty title removes that language's version (the pages
// then show the original).
func (s *Service) TranslateAgenda(ctx context.Context, c *consultation.Consultation, lang string, titles map[int64]string) (err error) {
	defer errs.Wrap(&err, "live.TranslateAgenda(%q, %q)", c.Slug, lang)
	if !i18n.Supported(lang) || lang == c.OriginalLang {
		return errs.E(errs.NotFound, "admin.error.language")
	}
	items, err := s.Store.Agenda(ctx, c.ID)
	if err != nil {
		return err
	}
	bad := map[string]string{}
	for i := range items {
		it := &items[i]
		t := strings.TrimSpace(titles[it.ID])
		if utf8.RuneCountInString(t) > maxTitle {
			bad[ItemField(i, "title")] = "live.agenda.title_too_long"
		}
		if it.Titles == nil {
			it.Titles = map[string]string{}
		}
		if t == "" {
			delete(it.Titles, lang)
		} else {
			it.Titles[lang] = t
		}
	}
	if len(bad) > 0 {
		return errs.InvalidFields(bad)
	}
	return s.change(ctx, c.ID, EventAgenda, map[string]any{"items": len(items)}, func(ctx context.Context) error {
		return s.Store.SaveAgendaTitles(ctx, c.ID, items)
	})
}
