package main

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseBytes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"8388608", 8 << 20, true},
		{"8Mi", 8 << 20, true},
		{"8MiB", 8 << 20, true},
		{"64 Mi", 64 << 20, true},
		{"512Ki", 512 << 10, true},
		{"1Gi", 1 << 30, true},
		{"8MB", 8_000_000, true},
		{"8M", 8_000_000, true},
		{"10k", 10_000, true},
		{"100B", 100, true},
		{"0", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"1.5Mi", 0, false},
		{"8 mebibytes", 0, false},
		{"99999999999Gi", 0, false},
	} {
		got, err := parseBytes(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseBytes(%q) = %d, %v", tc.in, got, err)
		}
	}
	for _, n := range []int64{0, 1000, 8 << 20, 64 << 20, 1 << 30, 1536} {
		back, err := parseBytes(formatBytes(n))
		if err != nil || back != n {
			t.Errorf("%d → %q → %d, %v", n, formatBytes(n), back, err)
		}
	}
}

func TestServeFlagsFromEnvironment(t *testing.T) {
	t.Setenv("PRINTD_MAX_BODY", "1Mi")
	t.Setenv("PRINTD_RENDER_TIMEOUT", "3s")
	t.Setenv("PRINTD_ALLOW_HOSTS", "cms.internal, 10.0.0.0/8")
	t.Setenv("PRINTD_QUEUE", "5")
	t.Setenv("PRINTD_MEMORY_LIMIT", "256Mi")
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg, hosts := serveFlags(fs)
	if _, err := parseInterleaved(fs, []string{"--queue", "7", "--pprof"}); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxBody != 1<<20 || cfg.RenderTimeout != 3*time.Second || cfg.Queue != 7 || !cfg.Pprof || cfg.MemoryLimit != 256<<20 {
		t.Errorf("config %+v", cfg)
	}
	if got := splitList(*hosts); len(got) != 2 || got[0] != "cms.internal" || got[1] != "10.0.0.0/8" {
		t.Errorf("allow-hosts %q", got)
	}
	// Untouched settings keep the service defaults.
	if cfg.Addr != ":8080" || cfg.CacheBytes != 32<<20 || cfg.ShutdownGrace != 20*time.Second {
		t.Errorf("defaults lost: %+v", cfg)
	}
}

func TestServeRejectsBadConfig(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"serve", "--max-body", "0"}, nil, io.Discard, &stderr); code != 1 {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	if code := run([]string{"serve", "--max-body", "lots"}, nil, io.Discard, io.Discard); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
}

func TestHealthURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/healthz"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/healthz"},
		{"http://10.1.2.3:9000/healthz", "http://10.1.2.3:9000/healthz"},
		{":8080", "http://127.0.0.1:8080/healthz"},
		{"0.0.0.0:9090", "http://127.0.0.1:9090/healthz"},
		{"[::]:9090", "http://127.0.0.1:9090/healthz"},
		{"localhost:1", "http://localhost:1/healthz"},
	} {
		got, err := healthURL(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("healthURL(%q) = %q, %v", tc.in, got, err)
		}
	}
	if _, err := healthURL("nonsense"); err == nil {
		t.Error("healthURL accepted an address without a port")
	}
}

func TestHealthcheck(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusOK)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(int(status.Load()))
	}))
	defer srv.Close()
	if code := run([]string{"healthcheck", "--addr", srv.URL}, nil, io.Discard, io.Discard); code != 0 {
		t.Errorf("healthy: exit %d", code)
	}
	status.Store(http.StatusServiceUnavailable)
	if code := run([]string{"healthcheck", "--addr", srv.URL}, nil, io.Discard, io.Discard); code != 1 {
		t.Errorf("unhealthy: exit %d", code)
	}
	srv.Close()
	if code := run([]string{"healthcheck", "--addr", srv.URL, "--timeout", "1s"}, nil, io.Discard, io.Discard); code != 1 {
		t.Errorf("down: exit %d", code)
	}
}
