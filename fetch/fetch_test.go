package fetch

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFetchLoopbackRefused(t *testing.T) {
	srv := newCountingServer(t, serveBytes([]byte("secret"), "text/plain"))
	f := New(Config{AllowHTTP: true})
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		_, err := f.Fetch(context.Background(), u+"/latest/meta-data/")
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("Fetch(%s) error = %v, want ErrForbiddenAddress", u, err)
		}
	}
	if n := srv.hits.Load(); n != 0 {
		t.Fatalf("guarded server was reached %d times", n)
	}
}

func TestFetchAllowedHost(t *testing.T) {
	body := []byte("photo bytes")
	srv := newCountingServer(t, serveBytes(body, "image/jpeg"))
	for _, allow := range []string{"127.0.0.1", srv.hostport(t), "127.0.0.0/8"} {
		f := New(Config{AllowHTTP: true, AllowHosts: []string{allow}})
		got, err := f.Fetch(context.Background(), srv.URL+"/a.jpg")
		if err != nil {
			t.Fatalf("AllowHosts %q: %v", allow, err)
		}
		if !bytes.Equal(got, body) {
			t.Fatalf("AllowHosts %q: got %q", allow, got)
		}
	}
	if n := srv.hits.Load(); n != 3 {
		t.Fatalf("server hits = %d, want 3", n)
	}
}

func TestFetchRedirectToGuardedTarget(t *testing.T) {
	target := newCountingServer(t, serveBytes([]byte("internal"), "image/jpeg"))
	tests := []struct {
		name   string
		allow  string
		target string
	}{
		{"other port", "", target.URL + "/x"},
		{"loopback by name", "127.0.0.1", strings.Replace(target.URL, "127.0.0.1", "localhost", 1) + "/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			origin := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, tt.target, http.StatusFound)
			})
			allow := tt.allow
			if allow == "" {
				allow = origin.hostport(t) // only the origin's port
			}
			f := New(Config{AllowHTTP: true, AllowHosts: []string{allow}})
			_, err := f.Fetch(context.Background(), origin.URL+"/start")
			if !errors.Is(err, ErrForbiddenAddress) {
				t.Fatalf("error = %v, want ErrForbiddenAddress", err)
			}
			if origin.hits.Load() != 1 {
				t.Fatalf("origin hits = %d, want 1", origin.hits.Load())
			}
		})
	}
	if n := target.hits.Load(); n != 0 {
		t.Fatalf("redirect target was reached %d times", n)
	}
}

func TestFetchRedirects(t *testing.T) {
	var loop *countingServer
	loop = newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, loop.URL+"/again", http.StatusFound)
	})
	f := New(Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}})
	_, err := f.Fetch(context.Background(), loop.URL+"/start")
	if !errors.Is(err, ErrFetch) {
		t.Fatalf("loop error = %v, want ErrFetch", err)
	}
	if n := loop.hits.Load(); n != 4 {
		t.Fatalf("loop hits = %d, want 4 (first request + 3 redirects)", n)
	}

	// A chain of exactly MaxRedirects hops succeeds.
	var chain *countingServer
	chain = newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		if n < 3 {
			http.Redirect(w, r, chain.URL+"/?n="+strconv.Itoa(n+1), http.StatusMovedPermanently)
			return
		}
		w.Write([]byte("done"))
	})
	got, err := f.Fetch(context.Background(), chain.URL+"/?n=0")
	if err != nil || string(got) != "done" {
		t.Fatalf("3-hop chain: %q, %v", got, err)
	}

	// Negative MaxRedirects follows none.
	none := New(Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}, MaxRedirects: -1})
	if _, err := none.Fetch(context.Background(), chain.URL+"/?n=2"); !errors.Is(err, ErrFetch) {
		t.Fatalf("MaxRedirects -1: error = %v, want ErrFetch", err)
	}
}

func TestFetchSchemes(t *testing.T) {
	plain := newCountingServer(t, serveBytes([]byte("plain"), "image/jpeg"))
	secure := newCountingTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/downgrade" {
			http.Redirect(w, r, plain.URL+"/x", http.StatusFound)
			return
		}
		w.Write([]byte("secure"))
	})

	httpsOnly := New(Config{AllowHosts: []string{"127.0.0.1"}})
	trust(httpsOnly, secure)
	got, err := httpsOnly.Fetch(context.Background(), secure.URL+"/ok")
	if err != nil || string(got) != "secure" {
		t.Fatalf("https fetch: %q, %v", got, err)
	}

	withHTTP := New(Config{AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}})
	trust(withHTTP, secure)

	tests := []struct {
		name string
		f    *Fetcher
		src  string
		want error
	}{
		{"http without AllowHTTP", httpsOnly, plain.URL + "/x", ErrScheme},
		{"https redirect downgrading to http", withHTTP, secure.URL + "/downgrade", ErrScheme},
		{"https redirect to http without AllowHTTP", httpsOnly, secure.URL + "/downgrade", ErrScheme},
		{"ftp", withHTTP, "ftp://127.0.0.1/x.jpg", ErrScheme},
		{"gopher", withHTTP, "gopher://127.0.0.1/x", ErrScheme},
		{"javascript", withHTTP, "javascript:alert(1)", ErrScheme},
		{"empty", withHTTP, "  ", ErrScheme},
		{"no host", withHTTP, "https:///x.jpg", ErrScheme},
		{"path without AllowFiles", withHTTP, "/etc/passwd", ErrScheme},
		{"file URL without AllowFiles", withHTTP, "file:///etc/passwd", ErrScheme},
		{"windows path without AllowFiles", withHTTP, `C:\photos\a.jpg`, ErrScheme},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.f.Fetch(context.Background(), tt.src); !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}
	if n := plain.hits.Load(); n != 0 {
		t.Fatalf("plain http server was reached %d times", n)
	}
}

func TestFetchLimitsAndStatus(t *testing.T) {
	const limit = 1000
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/exact":
			w.Write(bytes.Repeat([]byte{'a'}, limit))
		case "/declared":
			w.Header().Set("Content-Length", strconv.Itoa(5*limit))
			w.Write(bytes.Repeat([]byte{'a'}, 5*limit))
		case "/chunked":
			for range 3 {
				w.Write(bytes.Repeat([]byte{'a'}, limit/2))
				w.(http.Flusher).Flush()
			}
		case "/missing":
			http.NotFound(w, r)
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}
	})
	f := New(Config{MaxBytes: limit, AllowHTTP: true, AllowHosts: []string{"127.0.0.1"}, Timeout: 300 * time.Millisecond})

	got, err := f.Fetch(context.Background(), srv.URL+"/exact")
	if err != nil || len(got) != limit {
		t.Fatalf("exact limit: %d bytes, %v", len(got), err)
	}
	for _, p := range []string{"/declared", "/chunked"} {
		if _, err := f.Fetch(context.Background(), srv.URL+p); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: error = %v, want ErrTooLarge", p, err)
		}
	}

	_, err = f.Fetch(context.Background(), srv.URL+"/missing")
	var fe *Error
	if !errors.Is(err, ErrFetch) || !errors.As(err, &fe) || fe.Status != http.StatusNotFound || fe.Attempts != 1 {
		t.Errorf("404: error = %v, want ErrFetch with status 404 after one attempt", err)
	}

	start := time.Now()
	_, err = f.Fetch(context.Background(), srv.URL+"/slow")
	if !errors.Is(err, ErrFetch) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow: error = %v, want ErrFetch wrapping DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("timeout not enforced: took %v", d)
	}
}

func TestFetchFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.jpg"), []byte("local"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.jpg"), make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	f := New(Config{AllowFiles: true, BaseDir: dir, MaxBytes: 1024})
	tests := []struct {
		src     string
		want    string
		wantErr error
	}{
		{"a.jpg", "local", nil},
		{"./sub/../a.jpg", "local", nil},
		{filepath.Join(dir, "a.jpg"), "local", nil},
		{"file://" + filepath.ToSlash(filepath.Join(dir, "a.jpg")), "local", nil},
		{"big.jpg", "", ErrTooLarge},
		{"missing.jpg", "", ErrFetch},
		{".", "", ErrFetch}, // a directory
		{"file://remote.example/a.jpg", "", ErrScheme},
	}
	for _, tt := range tests {
		got, err := f.Fetch(context.Background(), tt.src)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Fetch(%q) error = %v, want %v", tt.src, err, tt.wantErr)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("Fetch(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

func TestFetchBadAllowHostsReported(t *testing.T) {
	f := New(Config{AllowHosts: []string{"host:notaport"}})
	if _, err := f.Fetch(context.Background(), "https://127.0.0.1:1/a.jpg"); err == nil || !strings.Contains(err.Error(), "notaport") {
		t.Fatalf("error = %v, want the malformed entry reported", err)
	}
}
