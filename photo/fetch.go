package photo

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"printd/internal/describe"
)

// Fetcher retrieves photo bytes from https (and optionally http) URLs,
// data: URIs and, when allowed, local files. It is safe for concurrent use.
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

// NewFetcher returns a Fetcher for cfg; zero fields take the defaults.
func NewFetcher(cfg Config) *Fetcher {
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

// Fetch returns the bytes of src: an https URL (http too with AllowHTTP), a
// data: URI (base64 or percent-encoded), or a local path or file: URL when
// AllowFiles is set. Every source is bounded by MaxBytes.
func (f *Fetcher) Fetch(ctx context.Context, src string) ([]byte, error) {
	data, err := f.fetch(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("photo %q: %w", describe.Source(src), err)
	}
	return data, nil
}

func (f *Fetcher) fetch(ctx context.Context, src string) ([]byte, error) {
	if f.cfgErr != nil {
		return nil, f.cfgErr
	}
	src = strings.TrimSpace(src)
	if src == "" {
		return nil, fmt.Errorf("%w: empty source", ErrScheme)
	}
	switch scheme := strings.ToLower(schemeOf(src)); scheme {
	case "https":
		return f.fetchHTTP(ctx, src)
	case "http":
		if !f.cfg.AllowHTTP {
			return nil, fmt.Errorf("%w: plain http not allowed", ErrScheme)
		}
		return f.fetchHTTP(ctx, src)
	case "data":
		return decodeDataURI(src, f.cfg.MaxBytes)
	case "file", "":
		if !f.cfg.AllowFiles {
			return nil, fmt.Errorf("%w: local files not allowed", ErrScheme)
		}
		return f.readFile(src, scheme == "file")
	default:
		return nil, fmt.Errorf("%w: scheme %q", ErrScheme, scheme)
	}
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

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.cfg.MaxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects", ErrFetch, len(via)-1)
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

func (f *Fetcher) fetchHTTP(ctx context.Context, src string) ([]byte, error) {
	u, err := url.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrScheme, err)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: URL has no host", ErrScheme)
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrScheme, err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "image/jpeg, image/png, image/webp, image/gif;q=0.8, */*;q=0.1")
	start := time.Now()
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, classifyTransportError(err, start)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &StatusError{URL: resp.Request.URL.Redacted(), StatusCode: resp.StatusCode}
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds %d bytes", ErrTooLarge, resp.ContentLength, f.cfg.MaxBytes)
	}
	data, err := readLimited(resp.Body, resp.ContentLength, f.cfg.MaxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, classifyTransportError(err, start)
	}
	return data, nil
}

// classifyTransportError keeps guard and scheme refusals as they are and
// marks everything else (timeouts, resets, redirect limits) as ErrFetch.
// A time limit that fired, whichever it was (the fetch deadline, the
// transport's wait for response headers, the connect timeout), is reported
// as timed out and matches context.DeadlineExceeded.
func classifyTransportError(err error, start time.Time) error {
	var ne net.Error
	switch {
	case errors.Is(err, ErrForbiddenAddress), errors.Is(err, ErrScheme), errors.Is(err, ErrFetch):
		return err
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &timeoutError{after: time.Since(start).Round(time.Millisecond), err: err}
	default:
		return fmt.Errorf("%w: %w", ErrFetch, err)
	}
}

// timeoutError is a transfer cut short by a time limit. It matches ErrFetch
// and context.DeadlineExceeded.
type timeoutError struct {
	after time.Duration
	err   error
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("%s: timed out after %v: %v", ErrFetch, e.after, e.err)
}

func (e *timeoutError) Unwrap() []error {
	return []error{ErrFetch, context.DeadlineExceeded, e.err}
}

// readLimited reads at most limit bytes from r; one byte more is
// ErrTooLarge. sizeHint (a Content-Length, or -1) presizes the buffer.
func readLimited(r io.Reader, sizeHint, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + 1)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return buf.Bytes(), nil
}

func (f *Fetcher) readFile(src string, isURL bool) ([]byte, error) {
	p := src
	if isURL {
		u, err := url.Parse(src)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrScheme, err)
		}
		if u.Host != "" && u.Host != "localhost" {
			return nil, fmt.Errorf("%w: file URL with remote host %q", ErrScheme, u.Host)
		}
		p = filepath.FromSlash(u.Path)
	}
	p = filepath.Clean(p)
	var file *os.File
	var err error
	if f.cfg.Confine {
		if filepath.IsAbs(p) || f.cfg.BaseDir == "" {
			return nil, fmt.Errorf("%w: only paths inside the photo directory", ErrScheme)
		}
		root, rerr := os.OpenRoot(f.cfg.BaseDir)
		if rerr != nil {
			return nil, fmt.Errorf("%w: %w", ErrFetch, rerr)
		}
		defer root.Close()
		file, err = root.Open(p) // refuses escapes, symbolic links included
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%w: %w", ErrScheme, err)
		}
	} else {
		if !filepath.IsAbs(p) && f.cfg.BaseDir != "" {
			p = filepath.Join(f.cfg.BaseDir, p)
		}
		file, err = os.Open(p)
	}
	if err != nil {
		if errors.Is(err, ErrScheme) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrFetch, p)
	}
	if st.Size() > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: file is %d bytes, limit %d", ErrTooLarge, st.Size(), f.cfg.MaxBytes)
	}
	data, err := readLimited(file, st.Size(), f.cfg.MaxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	return data, nil
}
