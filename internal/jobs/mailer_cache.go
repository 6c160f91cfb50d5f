package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// consultationFresh is how long a consultation read for one email serves
// the next: a release to thousands reads it once a second instead of once
// an email, and an edit reaches the emails composed a second later.
const consultationFresh = time.Second

// consultationCache keeps recently read consultations. The values are
// shared by concurrent emails and must be treated as read-only.
type consultationCache struct {
	store MailStore
	mu    sync.Mutex
	byID  map[int64]cachedConsultation
}

type cachedConsultation struct {
	c    *consultation.Consultation
	read time.Time
}

func newConsultationCache(s MailStore) *consultationCache {
	return &consultationCache{store: s, byID: map[int64]cachedConsultation{}}
}

// get returns consultation id as read at most consultationFresh ago.
func (cc *consultationCache) get(ctx context.Context, id int64) (*consultation.Consultation, error) {
	cc.mu.Lock()
	hit, ok := cc.byID[id]
	cc.mu.Unlock()
	if ok && time.Since(hit.read) < consultationFresh {
		return hit.c, nil
	}
	c, err := cc.store.ConsultationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	cc.mu.Lock()
	cc.byID[id] = cachedConsultation{c: c, read: time.Now()}
	cc.mu.Unlock()
	return c, nil
}

// registrationMemo keeps the registrations read while composing one email.
type registrationMemo struct {
	byID map[string]*registration.Registration
}

// get returns registration id, read through regs the first time. A
// registration that is gone is an error of the kind and code
// store.RegistrationByID returns for it (NotFound,
// "registration.not_found"), as when the mailer read it alone.
func (rm *registrationMemo) get(ctx context.Context, regs *coalescer[string, *registration.Registration],
	id string) (*registration.Registration, error) {
	if r, ok := rm.byID[id]; ok {
		return r, nil
	}
	shared, found, err := regs.get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &errs.Error{Kind: errs.NotFound, Code: "registration.not_found", Op: "store.RegistrationsByIDs"}
	}
	copied := *shared // the batch's one is shared with the emails read with it
	r := &copied
	if rm.byID == nil {
		rm.byID = map[string]*registration.Registration{}
	}
	rm.byID[id] = r
	return r, nil
}
