package web

import "context"

// PasswordChecksPeak reports the most memory (KiB) and the most checks the
// password gate has ever held at once, and its budget, so tests can see
// that parallel sign-ins stay within it.
func (s *Server) PasswordChecksPeak() (peakKiB, capacityKiB int64, maxRuns int) {
	g := s.passwords
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak, g.capacity, g.maxRuns
}

// HoldPasswordBudget takes the whole password-check budget until release
// is called, as a flood of checks would.
func (s *Server) HoldPasswordBudget() (release func()) {
	g := s.passwords
	held, done := make(chan struct{}), make(chan struct{})
	go func() {
		_ = g.run(context.Background(), g.capacity, func() { close(held); <-done })
	}()
	<-held
	return func() { close(done) }
}
