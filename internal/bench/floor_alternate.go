package bench

import (
	"fmt"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// alternateSlice is how long the app, then the floor, is loaded in turn.
// On a machine shared with other work, the floor measured after the app
// saw another moment's load (runs of this machine's floor varied 5× within
// minutes); slices this short give both the same moments.
const alternateSlice = time.Second

// measured accumulates one side of an alternated run.
type measured struct {
	m       vegeta.Metrics
	res     *loadResult
	elapsed time.Duration // the time this side was loaded
	ok      func(code int) bool
}

// alternate loads app and floor in turn, a slice each, until each has had
// d, and returns both sums. With rate 0 the workers send as fast as they
// are answered (closed loop, the server saturated); with a rate, the same
// workers send that many requests a second, none waiting for another.
//
// settle, when not nil, runs after each of the app's slices with the
// app's successful requests so far, and returns once the app has finished
// the work they left behind (the confirmation emails of registrations);
// its time counts as the app's.
// Without it that work ran into the floor's slices: it lowered the floor
// and flattered the app, the more so the further the app fell behind.
func alternate(app, floor vegeta.Targeter, workers, rate int, d time.Duration, ok func(code int) bool,
	floorOK func(code int) bool, settle func(successes int)) (*loadResult, *loadResult) {
	a := &measured{res: &loadResult{codes: map[int]int{}}, ok: ok}
	f := &measured{res: &loadResult{codes: map[int]int{}}, ok: floorOK}
	for left := d; left > 0; left -= alternateSlice {
		slice := min(left, alternateSlice)
		a.attack(app, workers, rate, slice)
		if settle != nil {
			start := time.Now()
			settle(a.res.successes)
			a.elapsed += time.Since(start)
		}
		f.attack(floor, workers, rate, slice)
	}
	return a.done(), f.done()
}

func (s *measured) attack(tr vegeta.Targeter, workers, rate int, d time.Duration) {
	opts := []func(*vegeta.Attacker){vegeta.Redirects(vegeta.NoFollow), vegeta.Timeout(30 * time.Second),
		vegeta.KeepAlive(true), vegeta.Connections(workers), vegeta.Workers(uint64(workers)),
		vegeta.MaxWorkers(uint64(workers))} // never more than workers clients, at a set rate too
	atk := vegeta.NewAttacker(opts...)
	start := time.Now()
	defer func() { s.elapsed += time.Since(start) }()
	for r := range atk.Attack(tr, vegeta.Rate{Freq: rate, Per: time.Second}, d, "bench") {
		s.m.Add(r)
		s.res.requests++
		s.res.codes[int(r.Code)]++
		if r.Error == "" && s.ok(int(r.Code)) {
			s.res.successes++
			s.res.bytes += r.BytesIn
		} else if s.res.firstError == "" {
			s.res.firstError = fmt.Sprintf("%d %s %s", r.Code, r.Error, truncate(string(r.Body), 200))
		}
	}
}

// done sums the slices: requests per second over the time the side was
// loaded (vegeta's Duration would span the other side's slices too).
func (s *measured) done() *loadResult {
	s.m.Close()
	res := s.res
	res.Errors = res.requests - res.successes
	if s.elapsed > 0 {
		res.RequestsPerSecond = round2(float64(res.successes) / s.elapsed.Seconds())
	}
	res.P50ms = round2(ms(s.m.Latencies.P50))
	res.P99ms = round2(ms(s.m.Latencies.P99))
	return res
}
