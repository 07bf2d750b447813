package fetch

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// fetchHTTP gets an http(s) URL, trying again after a transient failure
// while attempts and the budget last. Every attempt dials afresh through
// the guard (or reuses a connection the guard let through) and follows
// redirects under checkRedirect.
func (f *Fetcher) fetchHTTP(ctx context.Context, src, trimmed string) ([]byte, error) {
	u, err := url.Parse(trimmed)
	if err != nil {
		return nil, fail(src, ReasonScheme, fmt.Errorf("%w: %v", ErrScheme, err))
	}
	if u.Hostname() == "" {
		return nil, fail(src, ReasonScheme, fmt.Errorf("%w: URL has no host", ErrScheme))
	}
	r := f.cfg.Retry
	deadline := r.Now().Add(r.Budget)
	ctx, cancel := context.WithTimeout(ctx, r.Budget) // the budget in real time too
	defer cancel()
	for n := 1; ; n++ {
		timeout := min(f.cfg.Timeout, deadline.Sub(r.Now()))
		data, retryAfter, e := f.attempt(ctx, src, u, timeout)
		if e == nil {
			return data, nil
		}
		e.Attempts = n
		if !e.Transient() || n >= r.Attempts || ctx.Err() != nil {
			return nil, e
		}
		wait := r.backoff(n, retryAfter)
		if r.Now().Add(wait).Add(minAttempt).After(deadline) {
			return nil, e // no time left for another attempt
		}
		if d, ok := ctx.Deadline(); ok && time.Until(d) < wait+minAttempt {
			return nil, e // the caller's deadline comes first
		}
		if r.Sleep(ctx, wait) != nil {
			return nil, e
		}
	}
}

// minAttempt is the least time worth starting an attempt with.
const minAttempt = 100 * time.Millisecond

// backoff is the wait before retry n (from 1): Backoff doubled n-1 times,
// capped at MaxBackoff, jittered between half and all of it; and at least
// the Retry-After the server asked for, capped at MaxRetryAfter.
func (r Retry) backoff(n int, retryAfter time.Duration) time.Duration {
	d := r.Backoff
	for i := 1; i < n && d < r.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, r.MaxBackoff)
	j := r.Jitter
	if j == nil {
		j = rand.Float64
	}
	wait := d/2 + time.Duration(j()*float64(d/2))
	if retryAfter > 0 {
		wait = max(wait, min(retryAfter, r.MaxRetryAfter))
	}
	return wait
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP
// date. Anything else, or a time past, is 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(min(s, 1<<20)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
