package bench

import (
	"fmt"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// loadResult sums one vegeta run: the figures printed, and what the
// report needs to explain failures.
type loadResult struct {
	RequestsPerSecond float64 `json:"requests_per_second"`
	P50ms             float64 `json:"p50_ms"`
	P99ms             float64 `json:"p99_ms"`
	Errors            int     `json:"errors"`

	requests, successes int
	bytes               uint64 // response bytes of the successes
	codes               map[int]int
	firstError          string
}

// load sends the targets of tr for d with workers concurrent clients
// (closed loop when rate is 0) and counts as success what ok accepts.
func load(tr vegeta.Targeter, workers, rate int, d time.Duration, ok func(code int) bool) *loadResult {
	opts := []func(*vegeta.Attacker){vegeta.Redirects(vegeta.NoFollow), vegeta.Timeout(30 * time.Second),
		vegeta.KeepAlive(true), vegeta.Connections(workers), vegeta.Workers(uint64(workers))}
	if rate == 0 {
		opts = append(opts, vegeta.MaxWorkers(uint64(workers)))
	}
	atk := vegeta.NewAttacker(opts...)
	var m vegeta.Metrics
	res := &loadResult{codes: map[int]int{}}
	for r := range atk.Attack(tr, vegeta.Rate{Freq: rate, Per: time.Second}, d, "bench") {
		m.Add(r)
		res.requests++
		res.codes[int(r.Code)]++
		if r.Error == "" && ok(int(r.Code)) {
			res.successes++
			res.bytes += r.BytesIn
		} else if res.firstError == "" {
			res.firstError = fmt.Sprintf("%d %s %s", r.Code, r.Error, truncate(string(r.Body), 200))
		}
	}
	m.Close()
	res.Errors = res.requests - res.successes
	res.RequestsPerSecond = round2(float64(res.successes) / m.Duration.Seconds())
	res.P50ms = round2(ms(m.Latencies.P50))
	res.P99ms = round2(ms(m.Latencies.P99))
	return res
}

// ratio is a/b rounded, 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return float64(int64(a/b*1000+0.5)) / 1000
}
