package photo

import (
	"printd/fetch"

	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestStoreCoalescesConcurrentPrepared(t *testing.T) {
	photo := testJPEG(t, 256, 128)
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(50 * time.Millisecond) // keep the fetch in flight while callers pile up
		w.Write(photo)
	})
	s := NewStore(Config{Fetch: fetch.Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}}})

	const callers = 20
	results := make([]*Prepared, callers)
	errs := make([]error, callers)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range callers {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			results[i], errs[i] = s.Prepared(context.Background(), srv.URL+"/p.jpg", Target{MaxW: 100})
		}()
	}
	start.Done()
	done.Wait()

	for i := range callers {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if results[i] != results[0] {
			t.Fatalf("caller %d got a different *Prepared (decoded more than once)", i)
		}
	}
	if p := results[0]; p.Width != 100 || p.Height != 50 {
		t.Fatalf("prepared %d×%d, want 100×50", p.Width, p.Height)
	}
	if n := srv.hits.Load(); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}

	// Later calls are served from the caches: another size reuses the
	// source bytes, Inspect reuses the Info.
	if _, err := s.Prepared(context.Background(), srv.URL+"/p.jpg", Target{MaxW: 50}); err != nil {
		t.Fatal(err)
	}
	info, err := s.Inspect(context.Background(), srv.URL+"/p.jpg")
	if err != nil || info.Width != 256 || info.Height != 128 {
		t.Fatalf("Inspect = %+v, %v", info, err)
	}
	if n := srv.hits.Load(); n != 1 {
		t.Fatalf("server saw %d requests after cached calls, want 1", n)
	}
}

func TestStoreInspectThenPrepared(t *testing.T) {
	photo := testJPEG(t, 64, 32)
	srv := newCountingServer(t, serveBytes(photo, "image/jpeg"))
	s := NewStore(Config{Fetch: fetch.Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}}})
	ctx := context.Background()
	info, err := s.Inspect(ctx, srv.URL)
	if err != nil || info.Width != 64 {
		t.Fatalf("Inspect = %+v, %v", info, err)
	}
	p, err := s.Prepared(ctx, srv.URL, Target{})
	if err != nil || !p.PassedThrough || !bytes.Equal(p.Data, photo) {
		t.Fatalf("Prepared = %+v, %v", p, err)
	}
	if n := srv.hits.Load(); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}
}

func TestStoreDoesNotCacheFailures(t *testing.T) {
	photo := testJPEG(t, 16, 16)
	var fail atomic.Bool
	fail.Store(true)
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write(photo)
	})
	s := NewStore(Config{Fetch: fetch.Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}, Retry: fetch.Retry{Attempts: -1}}})
	_, err := s.Prepared(context.Background(), srv.URL, Target{})
	if !errors.Is(err, fetch.ErrFetch) || !strings.Contains(err.Error(), srv.URL) {
		t.Fatalf("error = %v, want fetch.ErrFetch naming the source", err)
	}
	fail.Store(false)
	if _, err := s.Prepared(context.Background(), srv.URL, Target{}); err != nil {
		t.Fatalf("retry after failure: %v", err)
	}
}

func TestStoreErrors(t *testing.T) {
	html := []byte("<!doctype html><html><body>login</body></html>")
	srv := newCountingServer(t, serveBytes(html, "text/html"))
	s := NewStore(Config{Fetch: fetch.Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}}})
	ctx := context.Background()
	if _, err := s.Inspect(ctx, srv.URL); !errors.Is(err, ErrUnsupported) {
		t.Errorf("HTML: error = %v, want ErrUnsupported", err)
	}
	if _, err := s.Prepared(ctx, "data:image/png;base64,"+base64.StdEncoding.EncodeToString(pngHeader(30000, 30000)), Target{}); !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("pixel bomb: error = %v, want ErrTooManyPixels", err)
	}
	guarded := NewStore(Config{Fetch: fetch.Config{AllowHTTP: true}})
	if _, err := guarded.Prepared(ctx, srv.URL, Target{}); !errors.Is(err, fetch.ErrForbiddenAddress) {
		t.Errorf("loopback: error = %v, want fetch.ErrForbiddenAddress", err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Prepared(cancelled, srv.URL+"/other", Target{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error = %v, want context.Canceled", err)
	}
}

func TestStoreDataURIKeysAreBounded(t *testing.T) {
	photo := testJPEG(t, 64, 64)
	src := "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(photo)
	s := NewStore(Config{})
	if _, err := s.Prepared(context.Background(), src, Target{MaxW: 32, MaxH: 32, Quality: 80}); err != nil {
		t.Fatal(err)
	}
	if k := sourceKey(src); len(k) > 100 || !strings.HasPrefix(k, "sha256:") {
		t.Fatalf("key for a %d-byte data URI is %d bytes", len(src), len(k))
	}
	if sourceKey("https://example.com/a.jpg") != "https://example.com/a.jpg" {
		t.Fatal("short sources should be their own key")
	}
}

func TestStorePreparedCacheBudget(t *testing.T) {
	const budget = 64 << 10
	s := NewStore(Config{CacheBytes: budget})
	ctx := context.Background()
	for i := range 40 {
		src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes(t, 80+i, 80))
		if _, err := s.Prepared(ctx, src, Target{Quality: 95}); err != nil {
			t.Fatal(err)
		}
	}
	n, used := s.prepared.Usage()
	if used > budget || n == 0 || n == 40 {
		t.Fatalf("prepared cache holds %d entries, %d bytes; budget %d", n, used, budget)
	}
	if _, rawUsed := s.raw.Usage(); rawUsed > budget/2 {
		t.Fatalf("raw cache uses %d bytes, budget %d", rawUsed, budget/2)
	}
}
