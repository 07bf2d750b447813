package fetch

import (
	"context"
	"time"
)

// Defaults applied by DefaultConfig and to zero fields of a Config.
const (
	DefaultMaxBytes       = 20 << 20
	DefaultConnectTimeout = 3 * time.Second
	DefaultTimeout        = 10 * time.Second
	DefaultMaxRedirects   = 3
	DefaultUserAgent      = "printd-photo/1"

	// DefaultAttempts is how many times a transient failure is tried in
	// all (the first attempt and two retries).
	DefaultAttempts = 3
	// DefaultBackoff is the wait before the first retry; it doubles for
	// each further one, up to DefaultMaxBackoff, and is jittered by up to
	// half.
	DefaultBackoff    = 250 * time.Millisecond
	DefaultMaxBackoff = 2 * time.Second
	// DefaultMaxRetryAfter caps the wait a 429 or 503 answer's Retry-After
	// asks for.
	DefaultMaxRetryAfter = 5 * time.Second
	// DefaultBudget bounds one fetch, every attempt and wait included.
	DefaultBudget = 30 * time.Second
)

// Config controls fetching. Zero numeric fields take the defaults above.
type Config struct {
	MaxBytes       int64         // bytes per source
	ConnectTimeout time.Duration // TCP connect and TLS handshake
	Timeout        time.Duration // one attempt, body included
	MaxRedirects   int           // 0 means the default; negative follows none
	AllowHTTP      bool          // plain http:// allowed (https only otherwise)
	// AllowHosts lists hosts exempt from the private-address guard: exact
	// host names, IP addresses or CIDR prefixes, each optionally with a
	// ":port" (names and IPs only). Entries match the host as written in the
	// request URL (of the first request or of a redirect), not the address a
	// name resolves to.
	AllowHosts []string
	AllowFiles bool   // local paths and file: URLs allowed (CLI only)
	BaseDir    string // relative paths resolve against it
	// Confine keeps local files inside BaseDir: absolute paths, ".." that
	// climbs out and symbolic links that lead out are refused. The service
	// sets it for its photo directory; the CLI trusts its user's paths.
	Confine   bool
	UserAgent string
	// Accept is the Accept header of every request; "" sends the photo
	// formats.
	Accept string
	Retry  Retry
}

// Retry is the policy for transient failures (see Error.Transient).
type Retry struct {
	// Attempts is how many times a fetch is tried in all; 0 means
	// DefaultAttempts, 1 or less than 0 means no retry.
	Attempts int
	// Backoff is the wait before the first retry, doubled for each further
	// one up to MaxBackoff; each wait is between half of it and all of it
	// (jitter), so that fetches that failed together do not retry together.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// MaxRetryAfter caps the wait a Retry-After header asks for.
	MaxRetryAfter time.Duration
	// Budget bounds the whole fetch, every attempt and wait included: no
	// attempt starts, and no attempt runs, past it.
	Budget time.Duration

	// Sleep waits d or until ctx ends; nil means a timer. Tests inject it
	// (with Now) to run back-off without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock the budget is measured with; nil means time.Now.
	Now func() time.Time
	// Jitter returns a number in [0, 1) that places each wait within its
	// range; nil means a random one.
	Jitter func() float64
}

// DefaultConfig returns the service defaults: https only, no local files,
// no exempt hosts, the default retry policy.
func DefaultConfig() Config {
	return Config{
		MaxBytes:       DefaultMaxBytes,
		ConnectTimeout: DefaultConnectTimeout,
		Timeout:        DefaultTimeout,
		MaxRedirects:   DefaultMaxRedirects,
		UserAgent:      DefaultUserAgent,
		Retry:          DefaultRetry(),
	}
}

// DefaultRetry returns the default retry policy.
func DefaultRetry() Retry {
	return Retry{
		Attempts:      DefaultAttempts,
		Backoff:       DefaultBackoff,
		MaxBackoff:    DefaultMaxBackoff,
		MaxRetryAfter: DefaultMaxRetryAfter,
		Budget:        DefaultBudget,
	}
}

// withDefaults fills zero fields with the defaults.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.MaxBytes <= 0 {
		c.MaxBytes = d.MaxBytes
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = d.ConnectTimeout
	}
	if c.Timeout <= 0 {
		c.Timeout = d.Timeout
	}
	if c.MaxRedirects == 0 {
		c.MaxRedirects = d.MaxRedirects
	}
	if c.UserAgent == "" {
		c.UserAgent = d.UserAgent
	}
	if c.Accept == "" {
		c.Accept = "image/jpeg, image/png, image/webp, image/gif;q=0.8, */*;q=0.1"
	}
	c.Retry = c.Retry.withDefaults()
	c.AllowHosts = append([]string(nil), c.AllowHosts...)
	return c
}

func (r Retry) withDefaults() Retry {
	d := DefaultRetry()
	switch {
	case r.Attempts == 0:
		r.Attempts = d.Attempts
	case r.Attempts < 0:
		r.Attempts = 1
	}
	if r.Backoff <= 0 {
		r.Backoff = d.Backoff
	}
	if r.MaxBackoff <= 0 {
		r.MaxBackoff = d.MaxBackoff
	}
	if r.MaxRetryAfter <= 0 {
		r.MaxRetryAfter = d.MaxRetryAfter
	}
	if r.Budget <= 0 {
		r.Budget = d.Budget
	}
	if r.Sleep == nil {
		r.Sleep = sleep
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	return r
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
