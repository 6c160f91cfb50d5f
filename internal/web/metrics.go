package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus series, on a registry of its own.
type metrics struct {
	requests *prometheus.HistogramVec
	serve    http.Handler // the /metrics page
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{serve: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}), requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "consulta_http_request_duration_seconds", Help: "HTTP requests by route and status.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route", "status"})}
	reg.MustRegister(m.requests, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Observe(d.Seconds())
}

// serveMetrics is the /metrics page for Prometheus.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	s.metrics.serve.ServeHTTP(w, r)
}
