package bench

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/mail"
)

// mailFloorSenders is how many goroutines the floor sends from: as many as
// the app's mail workers.
const mailFloorSenders = 32

// measureMailFloor is what this machine does with nothing of Consulta in
// the way: n messages of an email's size, built and sent through the same
// SMTP client (sessions kept open) to a fresh sink, with no database and
// no job queue. Measured in the same run as the app, the ratio of the two
// carries over between machines and busy moments.
func measureMailFloor(ctx context.Context, n int) (emailsPerSecond float64, err error) {
	sk, err := startSink(n)
	if err != nil {
		return 0, err
	}
	defer sk.close()
	s, err := mail.NewSMTP(sk.url(), "consulta@example.org")
	if err != nil {
		return 0, err
	}
	defer s.Close()
	text := strings.Repeat("A paragraph of an email as long as a real one, with a link to follow.\n", 12)
	html := "<p>" + strings.ReplaceAll(text, "\n", "</p>\n<p>") + "</p>"
	next := make(chan int)
	var wg sync.WaitGroup
	var first error
	var mu sync.Mutex
	start := time.Now()
	for range mailFloorSenders {
		wg.Go(func() {
			for i := range next {
				m := mail.Message{To: fmt.Sprintf("floor-%d@example.org", i), Subject: "Floor", Text: text, HTML: html,
					Headers: map[string]string{"Auto-Submitted": "auto-generated"}, Lang: "en"}
				if err := s.Send(ctx, m); err != nil {
					mu.Lock()
					first = cmpOr(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if first != nil {
		return 0, fmt.Errorf("bench: mail floor: %w", first)
	}
	<-sk.all
	return round2(float64(n) / sk.count().last.Sub(start).Seconds()), nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
