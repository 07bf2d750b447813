package service

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"printd/engine"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestHealthAndReadiness(t *testing.T) {
	s := newTestServer(t, nil)
	if rec := get(t, s, "/healthz"); rec.Code != http.StatusOK {
		t.Errorf("/healthz %d", rec.Code)
	}
	if rec := get(t, s, "/readyz"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "ready") {
		t.Errorf("/readyz %d %s", rec.Code, rec.Body)
	}
	s.draining.Store(true)
	if rec := get(t, s, "/readyz"); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "draining") {
		t.Errorf("draining /readyz %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, s, "/healthz"); rec.Code != http.StatusOK {
		t.Errorf("draining /healthz %d", rec.Code)
	}
}

func TestMetricsExposeTheCounters(t *testing.T) {
	s := newTestServer(t, nil)
	wantPDF(t, post(t, s, "", seed(t, "")))
	problemOf(t, post(t, s, "", []byte("{")), http.StatusBadRequest)
	m := metricsText(t, s)
	for series, want := range map[string]string{
		`printd_http_requests_total{method="POST",route="/v1/pdf",status="200"}`: "1",
		`printd_http_requests_total{method="POST",route="/v1/pdf",status="400"}`: "1",
		`printd_http_request_duration_seconds_count{route="/v1/pdf"}`:            "2",
		`printd_renders_total{outcome="ok"}`:                                     "1",
		`printd_render_duration_seconds_count`:                                   "1",
		`printd_pdf_pages_count`:                                                 "1",
		`printd_pdf_bytes_count`:                                                 "1",
		`printd_pdf_cache_requests_total{result="miss"}`:                         "1",
		`printd_pdf_cache_entries`:                                               "1",
		`printd_http_requests_in_flight`:                                         "1", // the scrape itself
		`printd_renders_running`:                                                 "0",
		`printd_renders_queued`:                                                  "0",
		`printd_render_slots`:                                                    "2",
		`printd_photo_failures_total`:                                            "0",
		`printd_ready`:                                                           "1",
		`printd_build_info{version="` + engine.Version + `"}`:                    "1",
	} {
		if got := metricValue(m, series); got != want {
			t.Errorf("%s = %q, want %s", series, got, want)
		}
	}
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total", "printd_pdf_cache_bytes",
		`printd_render_rejections_total`, "printd_article_source_fetches_total"} {
		if !strings.Contains(m, "# HELP "+name) {
			t.Errorf("no %s", name)
		}
	}
	// Two servers in one process have their own registries.
	other := newTestServer(t, nil)
	if got := metricValue(metricsText(t, other), `printd_renders_total{outcome="ok"}`); got != "0" {
		t.Errorf("a new server reports renders: %q", got)
	}
}

func TestRequestIDOnEveryLogLine(t *testing.T) {
	var logs syncBuffer
	s := newTestServerLog(t, func(c *Config) { c.LogLevel = "debug" }, &logs)
	for _, tc := range []struct {
		sent string
		kept bool
	}{
		{"abc-123_X.y:z/+=", true},
		{"", false},
		{"bad id with spaces", false},
		{strings.Repeat("a", 129), false},
		{"inject\"quote", false},
	} {
		logs.Reset()
		rec := post(t, s, "", seed(t, "", withID("id"+tc.sent)), "X-Request-ID", tc.sent)
		wantPDF(t, rec)
		got := rec.Header().Get("X-Request-ID")
		if tc.kept && got != tc.sent || !tc.kept && (got == tc.sent || !saneRequestID(got)) {
			t.Errorf("sent %q, got %q", tc.sent, got)
		}
		lines := bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n"))
		if len(lines) < 2 { // at least "rendered" and "request"
			t.Fatalf("%d log lines: %s", len(lines), logs.Bytes())
		}
		for _, line := range lines {
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Fatalf("log line is not JSON: %s", line)
			}
			if rec["request_id"] != got {
				t.Errorf("log line without the request ID %q: %s", got, line)
			}
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.b.Bytes()...)
}

func (s *syncBuffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

func TestPprofOnlyWhenEnabled(t *testing.T) {
	off := newTestServer(t, nil)
	problemOf(t, get(t, off, "/debug/pprof/"), http.StatusNotFound)
	on := newTestServer(t, func(c *Config) { c.Pprof = true })
	for _, p := range []string{"/debug/pprof/", "/debug/pprof/goroutine?debug=1", "/debug/pprof/cmdline"} {
		if rec := get(t, on, p); rec.Code != http.StatusOK {
			t.Errorf("%s: %d", p, rec.Code)
		}
	}
}

// openAPIDoc is the part of the document the tests read.
type openAPIDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	var doc openAPIDoc
	if err := json.Unmarshal([]byte(openAPI), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	s := newTestServer(t, nil)
	var table, served []string
	ginPaths := map[string]string{}
	for _, r := range s.routeTable() {
		table = append(table, r.method+" "+r.docPath)
		ginPaths[r.method+" "+r.ginPath] = r.docPath
	}
	for _, r := range s.router.Routes() {
		docPath, ok := ginPaths[r.Method+" "+r.Path]
		if !ok {
			t.Errorf("gin route %s %s is not in the route table", r.Method, r.Path)
			continue
		}
		served = append(served, r.Method+" "+docPath)
	}
	slices.Sort(documented)
	slices.Sort(table)
	slices.Sort(served)
	if !slices.Equal(documented, table) {
		t.Errorf("documented %q\nrouted     %q", documented, table)
	}
	if !slices.Equal(served, table) {
		t.Errorf("gin serves %q\ntable      %q", served, table)
	}
	// Each documented operation lists its error responses as problems.
	for _, op := range []string{"/v1/pdf", "/v1/articles/{id}.pdf"} {
		for method, raw := range doc.Paths[op] {
			for _, code := range []string{"200", "304", "400", "422", "503", "504"} {
				if !strings.Contains(string(raw), `"`+code+`"`) {
					t.Errorf("%s %s does not document %s", method, op, code)
				}
			}
		}
	}
}

func TestOpenAPIServedAndCopiedToDocs(t *testing.T) {
	s := newTestServer(t, nil)
	rec := get(t, s, "/openapi.json")
	if rec.Code != http.StatusOK || rec.Body.String() != openAPI {
		t.Fatalf("/openapi.json: %d", rec.Code)
	}
	docs, err := os.ReadFile(filepath.Join("..", "docs", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(docs) != openAPI {
		t.Error("docs/openapi.json differs from service/openapi.json; copy service/openapi.json over it")
	}
}
