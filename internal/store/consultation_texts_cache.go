package store

import (
	"context"
	"maps"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
)

// A public page reads its consultation on every request: the row, then
// its texts in every language, then its guiding questions with theirs —
// three queries, the texts and questions being most of the bytes, and they
// change only when the consultation is saved (SaveConsultation writes
// them in the transaction that sets updated_at). textsCache keeps them per
// consultation under the updated_at they were read with. The row itself is
// read on every request, so whatever moves without a save (places taken,
// the link's release, the status set by a sweep) is always current, and a
// save made by any instance shows at once: its updated_at no longer
// matches. (Equality, not order: clocks of two instances may disagree.)

// textsCacheMax bounds the consultations kept: far more than a review's
// consultations; past it the cache starts again empty.
const textsCacheMax = 1024

type textsCache struct {
	mu   sync.Mutex
	byID map[int64]cachedTexts
}

type cachedTexts struct {
	updated   time.Time
	texts     map[string]consultation.Text
	questions []consultation.Question
}

// PublicConsultationBySlug is ConsultationBySlug for the public pages:
// the same consultation (texts and questions included), read with one
// query while its texts and questions are the ones cached for its
// updated_at. The value is the caller's own: maps and slices are copies.
func (db *DB) PublicConsultationBySlug(ctx context.Context, slug string) (c *consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.PublicConsultationBySlug(%q)", slug)
	c, err = first(db.consultationRows(ctx, `c.slug=$1`, slug))
	if err != nil {
		return nil, err
	}
	if db.texts.fill(c) {
		return c, nil
	}
	full, err := db.oneConsultation(ctx, `c.id=$1`, c.ID)
	if err != nil {
		return nil, err
	}
	db.texts.keep(full)
	if !full.UpdatedAt.Equal(c.UpdatedAt) || !db.texts.fill(c) {
		return full, nil // saved between the two reads: the newer whole
	}
	return c, nil
}

// PublicConsultations is Consultations(ConsultationFilter{PublicOnly:
// true}) for the public pages and the API list, the same way: the rows in
// one query, the texts and questions from the cache when every one of
// them is there under its row's updated_at, all read again otherwise.
func (db *DB) PublicConsultations(ctx context.Context) (list []*consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.PublicConsultations")
	list, err = db.consultationRows(ctx, publicConsultations)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		if !db.texts.fill(c) {
			full, err := db.consultations(ctx, publicConsultations)
			if err != nil {
				return nil, err
			}
			for _, c := range full {
				db.texts.keep(c)
			}
			return full, nil
		}
	}
	return list, nil
}

// publicConsultations is the condition of the consultations the public sees.
const publicConsultations = `c.status IN ('published', 'closed')`

// fill gives c copies of the texts and questions cached for its id and
// updated_at, and reports whether there were any.
func (tc *textsCache) fill(c *consultation.Consultation) bool {
	tc.mu.Lock()
	hit, ok := tc.byID[c.ID]
	tc.mu.Unlock()
	if !ok || !hit.updated.Equal(c.UpdatedAt) {
		return false
	}
	c.Texts, c.Questions = maps.Clone(hit.texts), copyQuestions(hit.questions)
	return true
}

// keep caches the texts and questions of c, read whole, under its
// updated_at. c stays the caller's: what is kept are copies.
func (tc *textsCache) keep(c *consultation.Consultation) {
	hit := cachedTexts{updated: c.UpdatedAt, texts: maps.Clone(c.Texts), questions: copyQuestions(c.Questions)}
	tc.mu.Lock()
	if tc.byID == nil || len(tc.byID) >= textsCacheMax {
		tc.byID = map[int64]cachedTexts{}
	}
	tc.byID[c.ID] = hit
	tc.mu.Unlock()
}

// copyQuestions copies qs with their texts, so that neither the cache nor
// its callers see the other's changes; nil stays nil.
func copyQuestions(qs []consultation.Question) []consultation.Question {
	if qs == nil {
		return nil
	}
	out := make([]consultation.Question, len(qs))
	for i, q := range qs {
		q.Texts = maps.Clone(q.Texts)
		out[i] = q
	}
	return out
}
