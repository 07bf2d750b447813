package service

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"printd/engine"
	"printd/fetch"
	"runtime"
	"strings"
	"time"

	"printd/adapt"
	"printd/photo"
)

// Config is every setting of the HTTP service. DefaultConfig gives the
// documented defaults; cmd/printd maps flags and PRINTD_* variables onto
// it.
type Config struct {
	// Addr is the listen address (default ":8080").
	Addr string
	// MaxBody bounds an article: the request body of POST /v1/pdf and the
	// response of the article source (default 8 MiB). Larger is 413.
	MaxBody int64
	// RenderTimeout is the deadline of one render, photos included, counted
	// from the moment it gets a render slot (default 10s). Past it: 504.
	RenderTimeout time.Duration
	// Concurrency is the number of renders that run at once; 0 or less
	// means 2×GOMAXPROCS.
	Concurrency int
	// Queue is how many renders may wait for a slot (default 64; 0: none).
	// A render that finds the queue full is refused at once with 503.
	Queue int
	// QueueWait is how long a render waits for a slot before 503 (default
	// 2s).
	QueueWait time.Duration
	// CacheBytes bounds the in-memory cache of rendered PDFs (default
	// 32 MiB; 0 disables it).
	CacheBytes int64
	// CacheControl is sent with every PDF (default "public, max-age=300";
	// empty sends none).
	CacheControl string
	// PartialCacheTTL is how long a PDF that left out only photos whose
	// source says they do not exist (HTTP 404 or 410, no such file in the
	// photo directory) is cached and may be kept by clients (default 1m;
	// 0: never, such a PDF is rendered again for every request). A PDF
	// that left a photo out for a passing cause (a time-out, a 503) is
	// never cached.
	PartialCacheTTL time.Duration
	// ArticleSource is the URL template of GET /v1/articles/{id}.pdf, with
	// "{id}" where the escaped article id goes, for example
	// "https://cms.example.org/api/print/{id}.json". Empty (the default)
	// turns the route off. It is fetched under the photo rules: https only
	// (unless AllowHTTP), and a private address only when its host is in
	// AllowHosts.
	ArticleSource string
	// BatchMaxBody bounds the whole body of POST /v1/batch; each article
	// in it is bounded by MaxBody.
	BatchMaxBody int64
	// ArticleFormat is the shape of the article source's answers: auto,
	// printd, wordpress, ans or jsonld (a request's format= overrides it).
	ArticleFormat string
	// PhotoDir, when set, lets photo sources be paths inside this
	// directory (and nowhere else).
	PhotoDir string
	// AllowHosts lists host names, IPs or CIDRs (optionally with :port)
	// that photos and the article source may be fetched from even when
	// they resolve to private addresses.
	AllowHosts []string
	// AllowHTTP allows plain http:// photo and article-source URLs.
	AllowHTTP bool
	// PhotoMaxBytes bounds one encoded photo (default 20 MiB). Zero photo
	// settings take the photo package's defaults.
	PhotoMaxBytes int64
	// PhotoMaxPixels bounds width×height, read from the image header
	// before anything is decoded (default 50 000 000).
	PhotoMaxPixels int64
	// PhotoTimeout bounds one attempt at a photo or article-source fetch
	// (default 10s).
	PhotoTimeout time.Duration
	// PhotoAttempts is how many times a fetch failing for a transient
	// cause is tried, 1–10 (DefaultConfig: 3; 1: no retry).
	PhotoAttempts int
	// PhotoRetryBudget bounds one fetch, every attempt and wait included
	// (default 30s).
	PhotoRetryBudget time.Duration
	// PhotoCacheBytes bounds the cache of prepared photos (default 64 MiB).
	PhotoCacheBytes int64
	// MemoryLimit is the Go runtime's soft memory limit for the process
	// (default 112 MiB; 0: none): the collector works harder as the heap
	// nears it, so that garbage does not double the resident set. It
	// does not count the mapped pages of the binary and of font files
	// (about 40 MB with CJK faces in use), which is why the default sits
	// that far below a 150 MB resident set. The runtime's own GOMEMLIMIT,
	// when set, takes precedence (printd serve).
	MemoryLimit int64
	// Profiles is a directory of publication profiles besides the
	// embedded default (default none).
	Profiles string
	// Fonts lists directories of fonts for the scripts the embedded
	// families lack, searched before the system's (PATH-list separated).
	Fonts string
	// Pprof serves /debug/pprof/* (default off).
	Pprof bool
	// Desk serves the proof desk page at /desk (default off: the PDF
	// button's service is public).
	Desk bool
	// DeskAuth is a file of credentials the desk asks for (see
	// desk.LoadAuth); empty asks for none.
	DeskAuth string
	// ShutdownGrace is how long in-flight requests may take to finish
	// after SIGTERM (default 20s).
	ShutdownGrace time.Duration
	// DrainDelay is how long the server keeps accepting requests, with
	// /readyz already answering 503, before it stops listening (default 0;
	// a few seconds behind a load balancer that polls readiness).
	DrainDelay time.Duration
	// LogLevel is debug, info, warn or error (default info).
	LogLevel string
	// LogFormat is json or text (default json).
	LogFormat string
}

// Defaults of Config.
const (
	DefaultAddr          = ":8080"
	DefaultMaxBody       = 8 << 20
	DefaultRenderTimeout = 10 * time.Second
	DefaultQueue         = 64
	DefaultQueueWait     = 2 * time.Second
	DefaultCacheBytes    = 32 << 20
	DefaultCacheControl  = "public, max-age=300"
	DefaultPartialTTL    = time.Minute
	DefaultShutdownGrace = 20 * time.Second
	DefaultMemoryLimit   = 112 << 20
)

// DefaultConfig returns the documented defaults.
func DefaultConfig() Config {
	return Config{
		BatchMaxBody:     1 << 30,
		Addr:             DefaultAddr,
		MaxBody:          DefaultMaxBody,
		RenderTimeout:    DefaultRenderTimeout,
		Queue:            DefaultQueue,
		QueueWait:        DefaultQueueWait,
		CacheBytes:       DefaultCacheBytes,
		CacheControl:     DefaultCacheControl,
		PartialCacheTTL:  DefaultPartialTTL,
		PhotoMaxBytes:    fetch.DefaultMaxBytes,
		PhotoMaxPixels:   photo.DefaultMaxPixels,
		PhotoTimeout:     fetch.DefaultTimeout,
		PhotoAttempts:    fetch.DefaultAttempts,
		PhotoRetryBudget: fetch.DefaultBudget,
		PhotoCacheBytes:  photo.DefaultCacheBytes,
		ShutdownGrace:    DefaultShutdownGrace,
		MemoryLimit:      DefaultMemoryLimit,
		LogLevel:         "info",
		LogFormat:        "json",
	}
}

// concurrency is the effective number of render slots.
func (c Config) concurrency() int {
	if c.Concurrency > 0 {
		return c.Concurrency
	}
	return 2 * runtime.GOMAXPROCS(0)
}

// Validate reports every setting that cannot work.
func (c Config) Validate() error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	if c.MaxBody <= 0 {
		bad("max-body", "must be positive")
	}
	if c.RenderTimeout <= 0 {
		bad("render-timeout", "must be positive")
	}
	if c.Queue < 0 {
		bad("queue", "must not be negative")
	}
	if c.QueueWait < 0 {
		bad("queue-wait", "must not be negative")
	}
	if c.PhotoAttempts < 1 || c.PhotoAttempts > 10 {
		bad("photo-attempts", "must be 1–10")
	}
	if c.CacheBytes < 0 {
		bad("cache-bytes", "must not be negative")
	}
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"photo-max-bytes", c.PhotoMaxBytes}, {"photo-max-pixels", c.PhotoMaxPixels},
		{"photo-timeout", int64(c.PhotoTimeout)}, {"photo-retry-budget", int64(c.PhotoRetryBudget)}, {"photo-cache-bytes", c.PhotoCacheBytes}, {"memory-limit", c.MemoryLimit},
	} {
		if f.v < 0 {
			bad(f.name, "must not be negative")
		}
	}
	if c.ShutdownGrace < 0 {
		bad("shutdown-grace", "must not be negative")
	}
	if c.PartialCacheTTL < 0 {
		bad("partial-cache-ttl", "must not be negative")
	}
	if c.DrainDelay < 0 {
		bad("drain-delay", "must not be negative")
	}
	if strings.ContainsAny(c.CacheControl, "\r\n") {
		bad("cache-control", "must be one line")
	}
	if c.ArticleSource != "" {
		if err := checkSourceTemplate(c.ArticleSource, c.AllowHTTP); err != nil {
			bad("article-source", "%v", err)
		}
	}
	if _, err := adapt.ParseFormat(c.ArticleFormat); err != nil {
		bad("article-format", "%v", err)
	}
	if c.PhotoDir != "" {
		if st, err := os.Stat(c.PhotoDir); err != nil || !st.IsDir() {
			bad("photo-dir", "%q is not a directory", c.PhotoDir)
		}
	}
	if err := checkAllowHosts(c.AllowHosts); err != nil {
		bad("allow-hosts", "%v", err)
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		bad("log-level", "%v", err)
	}
	switch strings.ToLower(c.LogFormat) {
	case "", "json", "text":
	default:
		bad("log-format", "%q is not json or text", c.LogFormat)
	}
	return errors.Join(errs...)
}

// checkSourceTemplate checks an article-source URL template.
func checkSourceTemplate(tmpl string, allowHTTP bool) error {
	if strings.Count(tmpl, "{id}") != 1 {
		return errors.New(`must contain "{id}" exactly once`)
	}
	u, err := url.Parse(strings.Replace(tmpl, "{id}", "x", 1))
	if err != nil {
		return err
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowHTTP:
	case u.Scheme == "http":
		return errors.New("plain http needs allow-http")
	default:
		return fmt.Errorf("scheme %q is not https", u.Scheme)
	}
	if u.Host == "" {
		return errors.New("has no host")
	}
	return nil
}

// checkAllowHosts reports a malformed allow-hosts entry at start-up.
func checkAllowHosts(hosts []string) error {
	return fetch.CheckAllowHosts(hosts)
}

// photoConfig is the photo store's share of the settings.
func (c Config) photoConfig() photo.Config {
	pc := photo.DefaultConfig()
	pc.Fetch.MaxBytes = c.PhotoMaxBytes
	pc.MaxPixels = c.PhotoMaxPixels
	pc.Fetch.Timeout = c.PhotoTimeout
	pc.Fetch.Retry.Attempts = c.PhotoAttempts
	pc.Fetch.Retry.Budget = c.PhotoRetryBudget
	pc.CacheBytes = c.PhotoCacheBytes
	pc.Fetch.AllowHTTP = c.AllowHTTP
	pc.Fetch.AllowHosts = append([]string(nil), c.AllowHosts...)
	if c.PhotoDir != "" {
		pc.Fetch.AllowFiles, pc.Fetch.BaseDir, pc.Fetch.Confine = true, c.PhotoDir, true
	}
	return pc
}

// sourceConfig is the article source's fetch rules: the photo rules with
// the article size limit.
func (c Config) sourceConfig() fetch.Config {
	fc := c.photoConfig().Fetch
	fc.MaxBytes = c.MaxBody
	fc.AllowFiles, fc.BaseDir, fc.Confine = false, "", false // never local files
	fc.UserAgent = "printd/" + engine.Version
	fc.Accept = "application/json, */*;q=0.1"
	return fc
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if s == "" {
		return slog.LevelInfo, nil
	}
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("%q is not debug, info, warn or error", s)
	}
	return l, nil
}

// NewLogger makes the service's logger from LogLevel and LogFormat: every
// line carries the request ID of the context it is logged with.
func (c Config) NewLogger(w io.Writer) (*slog.Logger, error) {
	level, err := parseLevel(c.LogLevel)
	if err != nil {
		return nil, fmt.Errorf("log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	switch strings.ToLower(c.LogFormat) {
	case "", "json":
		h = slog.NewJSONHandler(w, opts)
	case "text":
		h = slog.NewTextHandler(w, opts)
	default:
		return nil, fmt.Errorf("log-format: %q is not json or text", c.LogFormat)
	}
	return slog.New(requestIDHandler{h}), nil
}
