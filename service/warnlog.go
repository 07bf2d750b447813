package service

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"
)

// warnEvery is how often the requests failed for want of capacity (503,
// 504) are logged at most: under overload they come by the thousand a
// second, and one line a second says as much.
const warnEvery = time.Second

// warnAggregator logs a failed request's WARN line at once when none was
// logged in the last period, and otherwise counts it, by status, into one
// line logged when the period is over, with the number of requests and the
// last one's error. Each request still has its own access-log line.
type warnAggregator struct {
	log   *slog.Logger
	every time.Duration

	mu      sync.Mutex
	last    time.Time // of the last line logged
	pending map[int]*warnCount
	timer   *time.Timer // flushes pending; nil when nothing is pending
}

type warnCount struct {
	n   int
	err error // the last one's
}

func newWarnAggregator(log *slog.Logger, every time.Duration) *warnAggregator {
	return &warnAggregator{log: log, every: every, pending: map[int]*warnCount{}}
}

// warn logs or counts one failed request.
func (a *warnAggregator) warn(ctx context.Context, status int, err error) {
	a.mu.Lock()
	now := time.Now()
	if a.timer == nil && now.Sub(a.last) >= a.every {
		a.last = now
		a.mu.Unlock()
		a.log.WarnContext(ctx, "request failed", "status", status, "err", err)
		return
	}
	c := a.pending[status]
	if c == nil {
		c = &warnCount{}
		a.pending[status] = c
	}
	c.n++
	c.err = err
	if a.timer == nil {
		a.timer = time.AfterFunc(a.every-now.Sub(a.last), a.flush)
	}
	a.mu.Unlock()
}

// flush logs what was counted, one line per status.
func (a *warnAggregator) flush() {
	a.mu.Lock()
	pending := a.pending
	a.pending = map[int]*warnCount{}
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	a.last = time.Now()
	a.mu.Unlock()
	for _, status := range slices.Sorted(maps.Keys(pending)) {
		c := pending[status]
		a.log.Warn("requests failed", "status", status, "count", c.n, "period", a.every.String(), "last_err", c.err)
	}
}
