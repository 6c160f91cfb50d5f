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
	db.texts.mu.Lock()
	hit, ok := db.texts.byID[c.ID]
	db.texts.mu.Unlock()
	if !ok || !hit.updated.Equal(c.UpdatedAt) {
		full, err := db.oneConsultation(ctx, `c.id=$1`, c.ID)
		if err != nil {
			return nil, err
		}
		hit = cachedTexts{updated: full.UpdatedAt, texts: full.Texts, questions: full.Questions}
		db.texts.mu.Lock()
		if db.texts.byID == nil || len(db.texts.byID) >= textsCacheMax {
			db.texts.byID = map[int64]cachedTexts{}
		}
		db.texts.byID[c.ID] = hit
		db.texts.mu.Unlock()
		if !full.UpdatedAt.Equal(c.UpdatedAt) {
			return full, nil // saved between the two reads: the newer whole
		}
	}
	c.Texts = maps.Clone(hit.texts)
	if hit.questions != nil {
		c.Questions = make([]consultation.Question, len(hit.questions))
		for i, q := range hit.questions {
			q.Texts = maps.Clone(q.Texts)
			c.Questions[i] = q
		}
	}
	return c, nil
}
