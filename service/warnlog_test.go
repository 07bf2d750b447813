package service

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestOverloadWarnsAggregated: a hundred 503s under overload make one WARN
// line at once and one line counting the other 99, not a hundred lines.
func TestOverloadWarnsAggregated(t *testing.T) {
	var logs syncBuffer
	s := newTestServerLog(t, func(c *Config) {
		c.Concurrency, c.Queue, c.LogLevel = 1, 0, "warn"
	}, &logs)
	s.warns.every = time.Hour // the count is flushed by the test
	h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 1)}
	hookPrint(s, h)
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- post(t, s, "", seed(t, "", withID("first"))) }()
	<-h.started // the only slot is taken
	for range 100 {
		problemOf(t, post(t, s, "", seed(t, "", withID("second"))), http.StatusServiceUnavailable)
	}
	close(h.hold)
	wantPDF(t, <-first)
	s.warns.flush()
	var warns []map[string]any
	for _, l := range logLines(t, &logs) {
		if l["level"] == "WARN" {
			warns = append(warns, l)
		}
	}
	if len(warns) != 2 {
		t.Fatalf("%d WARN lines for 100 refusals, want 2: %v", len(warns), warns)
	}
	if w := warns[0]; w["msg"] != "request failed" || w["status"] != float64(503) || w["request_id"] == nil {
		t.Errorf("first line %v", w)
	}
	if w := warns[1]; w["msg"] != "requests failed" || w["status"] != float64(503) || w["count"] != float64(99) || w["last_err"] == nil {
		t.Errorf("aggregate line %v", w)
	}
}
