package service

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"printd/engine"
)

// metrics are the server's Prometheus series, registered on its own
// registry (never the global default one, so that servers in one process
// do not collide).
type metrics struct {
	reg *prometheus.Registry

	requests      *prometheus.CounterVec   // route, method, status
	latency       *prometheus.HistogramVec // route
	inFlight      prometheus.Gauge
	renders       *prometheus.CounterVec // outcome
	renderSeconds prometheus.Histogram
	pages         prometheus.Histogram
	pdfBytes      prometheus.Histogram
	cache         *prometheus.CounterVec // result: hit, miss, coalesced
	rejections    *prometheus.CounterVec // reason: queue_full, queue_timeout
	photoFailures prometheus.Counter
	sourceFetches *prometheus.CounterVec // result
}

func newMetrics(s *Server) *metrics {
	reg := prometheus.NewRegistry()
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &metrics{reg: reg}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "printd_http_requests_total", Help: "HTTP requests by route, method and status code.",
	}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "printd_http_request_duration_seconds", Help: "HTTP request latency by route.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "printd_http_requests_in_flight", Help: "HTTP requests being served.",
	})
	m.renders = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "printd_renders_total", Help: "Renders by outcome: ok, error, timeout, canceled.",
	}, []string{"outcome"})
	m.renderSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "printd_render_duration_seconds", Help: "Time one render took in its slot, photos included.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	})
	m.pages = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "printd_pdf_pages", Help: "Pages per rendered PDF.",
		Buckets: []float64{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64},
	})
	m.pdfBytes = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "printd_pdf_bytes", Help: "Size of rendered PDFs in bytes.",
		Buckets: prometheus.ExponentialBuckets(16<<10, 2, 10), // 16 KiB … 8 MiB
	})
	m.cache = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "printd_pdf_cache_requests_total",
		Help: "PDF cache lookups: hit (served from the cache), miss (rendered), coalesced (joined an identical render).",
	}, []string{"result"})
	m.rejections = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "printd_render_rejections_total", Help: "Renders refused with 503: queue_full or queue_timeout.",
	}, []string{"reason"})
	m.photoFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "printd_photo_failures_total", Help: "Photos left out of a PDF or failing a strict render.",
	})
	m.sourceFetches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "printd_article_source_fetches_total", Help: "Article-source fetches by result: ok, not_found, error.",
	}, []string{"result"})
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.inFlight, m.renders, m.renderSeconds,
		m.pages, m.pdfBytes, m.cache, m.rejections, m.photoFailures, m.sourceFetches} {
		f(c)
	}
	// Every known label value starts at zero, so that rates and alerts
	// see the series before the first event.
	for vec, values := range map[*prometheus.CounterVec][]string{
		m.renders:       {"ok", "error", "timeout", "canceled"},
		m.cache:         {"hit", "miss", "coalesced"},
		m.rejections:    {"queue_full", "queue_timeout"},
		m.sourceFetches: {"ok", "not_found", "error"},
	} {
		for _, v := range values {
			vec.WithLabelValues(v)
		}
	}
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_renders_running", Help: "Renders holding a render slot.",
	}, func() float64 { r, _ := s.limiter.load(); return float64(r) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_renders_queued", Help: "Renders waiting for a render slot.",
	}, func() float64 { _, w := s.limiter.load(); return float64(w) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_render_slots", Help: "Configured render slots.",
	}, func() float64 { return float64(cap(s.limiter.slots)) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_pdf_cache_bytes", Help: "Bytes held by the PDF cache.",
	}, func() float64 { _, b := s.cache.usage(); return float64(b) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_pdf_cache_entries", Help: "PDFs held by the PDF cache.",
	}, func() float64 { n, _ := s.cache.usage(); return float64(n) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_ready", Help: "1 while /readyz answers 200.",
	}, func() float64 {
		if s.ready() {
			return 1
		}
		return 0
	}))
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "printd_build_info", Help: "Always 1; the engine version is a label.", ConstLabels: prometheus.Labels{"version": engine.Version},
	}, func() float64 { return 1 }))
	return m
}
