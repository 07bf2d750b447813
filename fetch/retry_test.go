package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a Retry clock whose Sleep advances Now at once and records
// every wait.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// retryFetcher reaches the loopback test servers with the given policy on
// a fake clock; jitter is fixed at j.
func retryFetcher(c *fakeClock, r Retry, j float64, timeout time.Duration) *Fetcher {
	r.Sleep, r.Now, r.Jitter = c.Sleep, c.Now, func() float64 { return j }
	return New(Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}, Timeout: timeout, ConnectTimeout: timeout, Retry: r})
}

// flaky answers status for the first n requests, then the photo bytes.
func flaky(t *testing.T, n int64, status int, header http.Header) *countingServer {
	var seen atomic.Int64
	return newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= n {
			for k, v := range header {
				w.Header()[k] = v
			}
			w.WriteHeader(status)
			return
		}
		w.Write([]byte("photo"))
	})
}

// TestRetryTransientStatusThenSuccess: a server failing N times with a
// transient status and then answering is fetched, after N retries whose
// waits double from Backoff, jittered within their upper half.
func TestRetryTransientStatusThenSuccess(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504, 408, 429} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			srv := flaky(t, 3, status, nil)
			clock := newFakeClock()
			f := retryFetcher(clock, Retry{Attempts: 4, Backoff: 100 * time.Millisecond, MaxBackoff: time.Second}, 0.5, 5*time.Second)
			data, err := f.Fetch(context.Background(), srv.URL+"/p.jpg")
			if err != nil || string(data) != "photo" {
				t.Fatalf("Fetch = %q, %v", data, err)
			}
			if n := srv.hits.Load(); n != 4 {
				t.Errorf("%d requests, want 4", n)
			}
			// Backoff 100, 200, 400 ms, each at jitter 0.5: 3/4 of it.
			want := []time.Duration{75 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond}
			if got := clock.Waits(); !equalDurations(got, want) {
				t.Errorf("waits %v, want %v", got, want)
			}
		})
	}
}

// TestRetryGivesUpAfterAttempts: a server that always answers 503 is asked
// Attempts times; the error says so and carries the status.
func TestRetryGivesUpAfterAttempts(t *testing.T) {
	srv := flaky(t, 1<<30, http.StatusServiceUnavailable, nil)
	clock := newFakeClock()
	f := retryFetcher(clock, Retry{Attempts: 3, Backoff: time.Second, MaxBackoff: 1500 * time.Millisecond}, 0.999, 5*time.Second)
	_, err := f.Fetch(context.Background(), srv.URL+"/p.jpg")
	var fe *Error
	if !errors.As(err, &fe) || fe.Reason != ReasonStatus || fe.Status != 503 || fe.Attempts != 3 || fe.Cause() != "HTTP 503 after 3 attempts" {
		t.Fatalf("error = %#v", err)
	}
	if n := srv.hits.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// The second wait is capped at MaxBackoff before jitter.
	if w := clock.Waits(); len(w) != 2 || w[0] >= time.Second || w[1] > 1500*time.Millisecond || w[1] < 1400*time.Millisecond {
		t.Errorf("waits %v", w)
	}
}

// TestRetryNeverForFinalFailures: a 4xx other than 408 and 429, 501, a
// source too large and an address the guard refuses are tried once.
func TestRetryNeverForFinalFailures(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 410, 501} {
		srv := flaky(t, 1<<30, status, nil)
		clock := newFakeClock()
		f := retryFetcher(clock, Retry{Attempts: 5}, 0, 5*time.Second)
		_, err := f.Fetch(context.Background(), srv.URL+"/p.jpg")
		var fe *Error
		if !errors.As(err, &fe) || fe.Status != status || fe.Attempts != 1 {
			t.Errorf("HTTP %d: error = %v", status, err)
		}
		if n := srv.hits.Load(); n != 1 || len(clock.Waits()) != 0 {
			t.Errorf("HTTP %d: %d requests, waits %v; want one request", status, n, clock.Waits())
		}
	}

	big := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 2048)) })
	clock := newFakeClock()
	f := retryFetcher(clock, Retry{Attempts: 5}, 0, 5*time.Second)
	f.cfg.MaxBytes = 1024
	if _, err := f.Fetch(context.Background(), big.URL); !errors.Is(err, ErrTooLarge) || big.hits.Load() != 1 {
		t.Errorf("too large: error = %v after %d requests", err, big.hits.Load())
	}

	guarded := newCountingServer(t, serveBytes([]byte("secret"), "image/jpeg"))
	clock = newFakeClock()
	r := Retry{Attempts: 5, Sleep: clock.Sleep, Now: clock.Now}
	g := New(Config{AllowHTTP: true, Retry: r}) // loopback not allowed
	_, err := g.Fetch(context.Background(), guarded.URL)
	var fe *Error
	if !errors.As(err, &fe) || fe.Reason != ReasonRefused || fe.Attempts != 1 || !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("refused: error = %v", err)
	}
	if guarded.hits.Load() != 0 || len(clock.Waits()) != 0 {
		t.Errorf("refused address: %d requests, waits %v", guarded.hits.Load(), clock.Waits())
	}
}

// TestRetryRedirectToRefusedAddressEveryAttempt: a redirect to a private
// address is refused by the guard at dial time, and never retried.
func TestRetryRedirectToRefusedAddress(t *testing.T) {
	inner := newCountingServer(t, serveBytes([]byte("secret"), "image/jpeg"))
	outer := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+inner.URL[len("http://127.0.0.1:"):]+"/x", http.StatusFound)
	})
	clock := newFakeClock()
	r := Retry{Attempts: 5, Sleep: clock.Sleep, Now: clock.Now}
	f := New(Config{AllowHTTP: true, AllowHosts: []string{outer.hostport(t)}, Retry: r})
	_, err := f.Fetch(context.Background(), outer.URL)
	if !errors.Is(err, ErrForbiddenAddress) {
		t.Fatalf("error = %v, want the guard's refusal", err)
	}
	if inner.hits.Load() != 0 || outer.hits.Load() != 1 || len(clock.Waits()) != 0 {
		t.Errorf("inner %d, outer %d requests, waits %v", inner.hits.Load(), outer.hits.Load(), clock.Waits())
	}
}

// TestRetryAfterHonouredAndCapped: a 429's Retry-After (seconds, or a
// date) sets the wait, up to MaxRetryAfter.
func TestRetryAfterHonouredAndCapped(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value func(now time.Time) string
		want  time.Duration
	}{
		{"seconds", func(time.Time) string { return "3" }, 3 * time.Second},
		{"capped", func(time.Time) string { return "3600" }, 5 * time.Second},
		{"date", func(now time.Time) string { return now.Add(4 * time.Second).Format(http.TimeFormat) }, 4 * time.Second},
		{"garbage", func(time.Time) string { return "soon" }, 50 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			srv := flaky(t, 1, http.StatusTooManyRequests, http.Header{"Retry-After": {tc.value(clock.Now())}})
			f := retryFetcher(clock, Retry{Attempts: 2, Backoff: 100 * time.Millisecond, MaxRetryAfter: 5 * time.Second}, 0, 5*time.Second)
			if data, err := f.Fetch(context.Background(), srv.URL); err != nil || string(data) != "photo" {
				t.Fatalf("Fetch = %q, %v", data, err)
			}
			if w := clock.Waits(); len(w) != 1 || w[0] != tc.want {
				t.Errorf("waits %v, want [%v]", w, tc.want)
			}
		})
	}
}

// TestRetryBudgetBoundsTheFetch: no retry starts when its wait would end
// past the budget.
func TestRetryBudgetBoundsTheFetch(t *testing.T) {
	srv := flaky(t, 1<<30, http.StatusServiceUnavailable, http.Header{"Retry-After": {"4"}})
	clock := newFakeClock()
	f := retryFetcher(clock, Retry{Attempts: 10, MaxRetryAfter: 10 * time.Second, Budget: 10 * time.Second}, 0, 5*time.Second)
	_, err := f.Fetch(context.Background(), srv.URL)
	var fe *Error
	if !errors.As(err, &fe) || fe.Attempts != 3 {
		t.Fatalf("error = %v, want the third attempt's", err)
	}
	if w := clock.Waits(); !equalDurations(w, []time.Duration{4 * time.Second, 4 * time.Second}) {
		t.Errorf("waits %v: a third wait would end past the 10 s budget", w)
	}
}

// TestRetryStopsWithTheCaller: a cancelled caller gets no further attempt.
func TestRetryStopsWithTheCaller(t *testing.T) {
	srv := flaky(t, 1<<30, http.StatusServiceUnavailable, nil)
	clock := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	r := Retry{Attempts: 10, Now: clock.Now, Jitter: func() float64 { return 0 },
		Sleep: func(ctx context.Context, d time.Duration) error {
			cancel() // the caller leaves during the first wait
			return clock.Sleep(ctx, d)
		}}
	f := New(Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}, Retry: r})
	_, err := f.Fetch(ctx, srv.URL)
	if err == nil || srv.hits.Load() != 1 {
		t.Fatalf("error = %v after %d requests, want one request", err, srv.hits.Load())
	}
}

// TestRetryAlwaysTimingOut: a server that never answers is tried Attempts
// times, each cut by Timeout; the error says it timed out and how often.
func TestRetryAlwaysTimingOut(t *testing.T) {
	srv := newRawServer(t, func(c net.Conn) {
		buf := make([]byte, 4096)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	})
	clock := newFakeClock()
	f := retryFetcher(clock, Retry{Attempts: 3}, 0, 200*time.Millisecond)
	_, err := f.Fetch(context.Background(), srv.URL()+"/p.jpg")
	var fe *Error
	if !errors.As(err, &fe) || fe.Reason != ReasonTimeout || fe.Attempts != 3 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v", err)
	}
	if fe.Cause() != "timed out after 3 attempts" {
		t.Errorf("cause %q", fe.Cause())
	}
	if n := srv.accepts.Load(); n != 3 {
		t.Errorf("%d connections, want 3", n)
	}
}

// TestRetryAfterReset: a connection reset before the answer is retried.
func TestRetryAfterReset(t *testing.T) {
	var n atomic.Int64
	srv := newRawServer(t, func(c net.Conn) {
		if !readRequest(c) {
			return
		}
		if n.Add(1) == 1 {
			reset(c)
			return
		}
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nphoto"))
		c.Close()
	})
	clock := newFakeClock()
	f := retryFetcher(clock, Retry{Attempts: 3}, 0, 5*time.Second)
	data, err := f.Fetch(context.Background(), srv.URL()+"/p.jpg")
	if err != nil || string(data) != "photo" {
		t.Fatalf("Fetch = %q, %v", data, err)
	}
	if len(clock.Waits()) != 1 {
		t.Errorf("waits %v, want one", clock.Waits())
	}
}

// TestErrorReasons: each failure names its reason and source.
func TestErrorReasons(t *testing.T) {
	f := New(Config{MaxBytes: 4})
	for _, tc := range []struct {
		src  string
		want Reason
	}{
		{"ftp://example.com/a.jpg", ReasonScheme},
		{"http://example.com/a.jpg", ReasonScheme},
		{"data:,hello", ReasonTooLarge},
		{"data:;base64,@@", ReasonMalformed},
		{"photos/a.jpg", ReasonScheme},
	} {
		_, err := f.Fetch(context.Background(), tc.src)
		var fe *Error
		if !errors.As(err, &fe) || fe.Reason != tc.want || fe.Src != tc.src {
			t.Errorf("%s: error = %v, want reason %q", tc.src, err, tc.want)
		}
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
