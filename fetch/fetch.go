package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Fetcher retrieves sources: https (and optionally http) URLs, data: URIs
// and, when allowed, local files. It is safe for concurrent use.
type Fetcher struct {
	cfg    Config
	client *http.Client
	// cfgErr is a configuration problem (a malformed AllowHosts entry)
	// reported by every Fetch rather than silently ignored.
	cfgErr error
	// dialer is the transport's guarded dialer, kept so that tests can give
	// it a resolver of their own (DNS rebinding) and watch its guard.
	dialer *guardedDialer
}

// New returns a Fetcher for cfg; zero fields take the defaults.
func New(cfg Config) *Fetcher {
	cfg = cfg.withDefaults()
	allow, err := parseAllowList(cfg.AllowHosts)
	dialer := &guardedDialer{
		allow:   allow,
		guarded: net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second, Control: guardControl},
		open:    net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second},
	}
	transport := &http.Transport{
		Proxy:                  nil, // never route through an environment proxy
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    cfg.ConnectTimeout,
		ResponseHeaderTimeout:  cfg.Timeout,
		MaxResponseHeaderBytes: 64 << 10,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        60 * time.Second,
	}
	f := &Fetcher{cfg: cfg, cfgErr: err, dialer: dialer}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

// CheckAllowHosts reports the first malformed AllowHosts entry, so that a
// server can refuse to start on one.
func CheckAllowHosts(hosts []string) error {
	_, err := parseAllowList(hosts)
	return err
}

// MaxBytes is the size limit of every source.
func (f *Fetcher) MaxBytes() int64 { return f.cfg.MaxBytes }

// Fetch returns the bytes of src: an https URL (http too with AllowHTTP), a
// data: URI (base64 or percent-encoded), or a local path or file: URL when
// AllowFiles is set. Every source is bounded by MaxBytes; a URL is retried
// on transient failures under the Retry policy. A failure is an *Error.
func (f *Fetcher) Fetch(ctx context.Context, src string) ([]byte, error) {
	if f.cfgErr != nil {
		return nil, fail(src, ReasonScheme, f.cfgErr)
	}
	trimmed := strings.TrimSpace(src)
	if trimmed == "" {
		return nil, fail(src, ReasonScheme, fmt.Errorf("%w: empty source", ErrScheme))
	}
	switch scheme := strings.ToLower(schemeOf(trimmed)); scheme {
	case "https":
		return f.fetchHTTP(ctx, src, trimmed)
	case "http":
		if !f.cfg.AllowHTTP {
			return nil, fail(src, ReasonScheme, fmt.Errorf("%w: plain http not allowed", ErrScheme))
		}
		return f.fetchHTTP(ctx, src, trimmed)
	case "data":
		data, err := decodeDataURI(trimmed, f.cfg.MaxBytes)
		if err != nil {
			return nil, fail(src, reasonOf(err, ReasonMalformed), err)
		}
		return data, nil
	case "file", "":
		if !f.cfg.AllowFiles {
			return nil, fail(src, ReasonScheme, fmt.Errorf("%w: local files not allowed", ErrScheme))
		}
		data, err := f.readFile(trimmed, scheme == "file")
		if err != nil {
			return nil, fail(src, reasonOf(err, ReasonFile), err)
		}
		return data, nil
	default:
		return nil, fail(src, ReasonScheme, fmt.Errorf("%w: scheme %q", ErrScheme, scheme))
	}
}

func fail(src string, r Reason, err error) *Error {
	return &Error{Src: src, Reason: r, Err: err}
}

// reasonOf is the reason of a local failure: a refused scheme, a source
// too large, or otherwise.
func reasonOf(err error, otherwise Reason) Reason {
	switch {
	case errors.Is(err, ErrScheme):
		return ReasonScheme
	case errors.Is(err, ErrTooLarge):
		return ReasonTooLarge
	}
	return otherwise
}

// schemeOf returns the URI scheme of src, or "" for a path. A one-letter
// "scheme" is a Windows drive letter, so a path.
func schemeOf(src string) string {
	i := strings.IndexByte(src, ':')
	if i < 2 {
		return ""
	}
	for j, c := range src[:i] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return src[:i]
}

// errRedirects marks a redirect chain longer than MaxRedirects.
var errRedirects = errors.New("too many redirects")

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.cfg.MaxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects", errRedirects, len(via)-1)
	}
	switch strings.ToLower(req.URL.Scheme) {
	case "https":
	case "http":
		if !f.cfg.AllowHTTP {
			return fmt.Errorf("%w: redirect to plain http %s", ErrScheme, req.URL.Redacted())
		}
		if prev := via[len(via)-1]; strings.EqualFold(prev.URL.Scheme, "https") {
			return fmt.Errorf("%w: redirect downgrades https to http %s", ErrScheme, req.URL.Redacted())
		}
	default:
		return fmt.Errorf("%w: redirect to scheme %q", ErrScheme, req.URL.Scheme)
	}
	return nil
}

// attempt is one GET of u within timeout. A failure is an *Error without
// its Attempts; retryAfter is the wait a 429 or 503 answer asked for.
func (f *Fetcher) attempt(ctx context.Context, src string, u *url.URL, timeout time.Duration) (data []byte, retryAfter time.Duration, e *Error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, fail(src, ReasonScheme, fmt.Errorf("%w: %v", ErrScheme, err))
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", f.cfg.Accept)
	start := time.Now()
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, 0, transportError(src, err, start, ReasonUnreachable)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), f.cfg.Retry.Now())
		}
		e := &Error{Src: src, Status: resp.StatusCode, Reason: ReasonStatus, Err: &StatusError{URL: resp.Request.URL.Redacted(), StatusCode: resp.StatusCode}}
		return nil, retryAfter, e
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, 0, fail(src, ReasonTooLarge, fmt.Errorf("%w: Content-Length %d exceeds %d bytes", ErrTooLarge, resp.ContentLength, f.cfg.MaxBytes))
	}
	data, err = readLimited(resp.Body, resp.ContentLength, f.cfg.MaxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, 0, fail(src, ReasonTooLarge, err)
		}
		// The answer began: a body cut short is a connection lost.
		return nil, 0, transportError(src, err, start, ReasonReset)
	}
	return data, 0, nil
}

// transportError classifies a failed transfer. Guard, scheme and redirect
// refusals keep their class; a time limit that fired, whichever it was
// (the attempt's deadline, the transport's wait for response headers, the
// connect timeout), is a time-out; a connection reset or closed early is a
// reset; anything else is otherwise.
func transportError(src string, err error, start time.Time, otherwise Reason) *Error {
	var ne net.Error
	switch {
	case errors.Is(err, ErrForbiddenAddress):
		return fail(src, ReasonRefused, err)
	case errors.Is(err, ErrScheme):
		return fail(src, ReasonScheme, err)
	case errors.Is(err, errRedirects):
		return fail(src, ReasonRedirects, err)
	case errors.Is(err, context.Canceled):
		return fail(src, ReasonCanceled, err)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fail(src, ReasonTimeout, fmt.Errorf("after %v: %w", time.Since(start).Round(time.Millisecond), err))
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fail(src, ReasonReset, err)
	}
	return fail(src, otherwise, err)
}
