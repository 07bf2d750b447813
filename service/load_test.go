package service

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestOverloadIs503WithRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name   string
		queue  int
		wait   time.Duration
		reason string
	}{
		{"queue full", 0, time.Second, "queue_full"},
		{"queue wait expired", 1, 50 * time.Millisecond, "queue_timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, func(c *Config) {
				c.Concurrency, c.Queue, c.QueueWait = 1, tc.queue, tc.wait
			})
			h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 4)}
			hookPrint(s, h)
			first := make(chan *httptest.ResponseRecorder)
			go func() { first <- post(t, s, "", seed(t, "", withID("first"))) }()
			<-h.started // the only slot is taken

			start := time.Now()
			rec := post(t, s, "", seed(t, "", withID("second")))
			p := problemOf(t, rec, http.StatusServiceUnavailable)
			if p.Type != problemBase+"overloaded" {
				t.Errorf("type %q", p.Type)
			}
			ra, err := strconv.Atoi(rec.Header().Get("Retry-After"))
			if err != nil || ra < 1 {
				t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
			}
			if el := time.Since(start); el < tc.wait && tc.queue > 0 || el > tc.wait+2*time.Second {
				t.Errorf("refused after %v (queue wait %v)", el, tc.wait)
			}
			close(h.hold)
			wantPDF(t, <-first)
			if h.calls.Load() != 1 {
				t.Errorf("%d renders, want 1", h.calls.Load())
			}
			m := metricsText(t, s)
			if v := metricValue(m, `printd_render_rejections_total{reason="`+tc.reason+`"}`); v != "1" {
				t.Errorf("rejections{%s} = %q", tc.reason, v)
			}
		})
	}
}

func TestQueuedRenderGetsTheSlot(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Concurrency, c.Queue, c.QueueWait = 1, 1, 5*time.Second })
	h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 4)}
	hookPrint(s, h)
	done := make(chan *httptest.ResponseRecorder, 2)
	go func() { done <- post(t, s, "", seed(t, "", withID("a"))) }()
	<-h.started
	go func() { done <- post(t, s, "", seed(t, "", withID("b"))) }()
	for {
		if _, w := s.limiter.load(); w == 1 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	close(h.hold)
	wantPDF(t, <-done)
	wantPDF(t, <-done)
}

func TestRenderDeadlineIs504(t *testing.T) {
	hold := make(chan struct{})
	ps := newPhotoServer(t, testJPEG(t, 64, 64), hold)
	t.Cleanup(func() { close(hold) }) // runs before the server's Close
	s := newTestServer(t, func(c *Config) {
		c.RenderTimeout = 200 * time.Millisecond
		c.PhotoTimeout = 3 * time.Second
		c.AllowHTTP = true
		c.AllowHosts = []string{ps.host(t)}
	})
	start := time.Now()
	p := problemOf(t, post(t, s, "", seed(t, ps.URL+"/slow.jpg")), http.StatusGatewayTimeout)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("504 after %v with a 200ms render timeout", el)
	}
	if p.Type != problemBase+"render-timeout" || p.Detail != "" {
		t.Errorf("problem %+v", p)
	}
	if ps.hits.Load() != 1 {
		t.Errorf("photo server hit %d times", ps.hits.Load())
	}
	if v := metricValue(metricsText(t, s), `printd_renders_total{outcome="timeout"}`); v != "1" {
		t.Errorf("timeouts %q", v)
	}
}

func TestCancelledRequestStopsTheRender(t *testing.T) {
	hold := make(chan struct{})
	ps := newPhotoServer(t, testJPEG(t, 64, 64), hold)
	t.Cleanup(func() { close(hold) })
	s := newTestServer(t, func(c *Config) {
		c.AllowHTTP = true
		c.AllowHosts = []string{ps.host(t)}
		c.PhotoTimeout = 3 * time.Second
	})
	h := &printHook{started: make(chan struct{}, 1)}
	hookPrint(s, h) // no hold: the real Printer waits on the photo server
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- postCtx(t, ctx, s, "", seed(t, ps.URL+"/never.jpg")) }()
	<-h.started
	for ps.hits.Load() == 0 {
		time.Sleep(2 * time.Millisecond)
	}
	start := time.Now()
	cancel()
	select {
	case rec := <-done:
		if rec.Code != statusClientClosed {
			t.Errorf("status %d, want %d", rec.Code, statusClientClosed)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("handler still running 2s after the request was cancelled")
	}
	// The render itself stops, not only the wait for it.
	for len(h.results()) == 0 {
		if time.Since(start) > 2*time.Second {
			t.Fatal("render still running 2s after its only request went away")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := h.results()[0]; !errors.Is(err, context.Canceled) {
		t.Errorf("render returned %v, want context.Canceled", err)
	}
	for {
		if r, _ := s.limiter.load(); r == 0 {
			break
		}
		if time.Since(start) > 2*time.Second {
			t.Fatal("render slot not released")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestOneImpatientClientDoesNotCancelAnother(t *testing.T) {
	s := newTestServer(t, nil)
	h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 1)}
	hookPrint(s, h)
	body := seed(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	impatient := make(chan *httptest.ResponseRecorder)
	go func() { impatient <- postCtx(t, ctx, s, "", body) }()
	<-h.started
	patient := make(chan *httptest.ResponseRecorder)
	go func() { patient <- post(t, s, "", body) }()
	for waiting(s) < 2 {
		time.Sleep(2 * time.Millisecond)
	}
	cancel()
	if rec := <-impatient; rec.Code != statusClientClosed {
		t.Errorf("impatient: %d", rec.Code)
	}
	close(h.hold)
	wantPDF(t, <-patient)
	if h.calls.Load() != 1 {
		t.Errorf("%d renders", h.calls.Load())
	}
}
