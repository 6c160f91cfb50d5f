package web

// PasswordChecksPeak reports the most memory (KiB) and the most checks the
// password gate has ever held at once, and its budget, so tests can see
// that parallel sign-ins stay within it.
func (s *Server) PasswordChecksPeak() (peakKiB, capacityKiB int64, maxRuns int) {
	g := s.passwords
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak, g.capacity, g.maxRuns
}
