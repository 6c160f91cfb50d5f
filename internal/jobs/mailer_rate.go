package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"golang.org/x/time/rate"
)

// rateRereadEvery is how soon a changed send rate reaches every instance.
const rateRereadEvery = 5 * time.Second

// maxRateWait is the longest a worker waits for its turn; a longer wait
// snoozes the job instead, so a slow rate never holds workers or runs into
// the job timeout.
const maxRateWait = 10 * time.Second

// sendRate applies the secretariat's send rate (emails per minute, per
// instance, 0: unlimited) to this instance's SMTP deliveries.
type sendRate struct {
	store     MailStore
	mu        sync.Mutex
	read      time.Time
	perMinute int
	lim       *rate.Limiter
}

// wait returns when this message may go out, or a snooze error for River
// when its turn is further than maxRateWait away.
func (s *sendRate) wait(ctx context.Context) error {
	lim, err := s.limiter(ctx)
	if err != nil || lim == nil {
		return err
	}
	r := lim.Reserve()
	d := r.Delay()
	if d > maxRateWait {
		r.Cancel()
		return river.JobSnooze(d)
	}
	if d == 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	}
}

// limiter is the limiter for the current setting (nil: unlimited),
// re-reading the setting when the last read is older than rateRereadEvery.
func (s *sendRate) limiter(ctx context.Context) (*rate.Limiter, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Since(s.read) < rateRereadEvery {
		return s.lim, nil
	}
	n, err := s.store.MailRate(ctx)
	if err != nil {
		return nil, err
	}
	s.read = time.Now()
	if n == s.perMinute && (n == 0) == (s.lim == nil) {
		return s.lim, nil
	}
	s.perMinute = n
	if n == 0 {
		s.lim = nil
		return nil, nil
	}
	// A second's worth at once at most (and at least one message).
	every, burst := rate.Limit(float64(n)/60), max(1, n/60)
	if s.lim == nil {
		s.lim = rate.NewLimiter(every, burst)
	} else {
		s.lim.SetLimit(every)
		s.lim.SetBurst(burst)
	}
	return s.lim, nil
}
