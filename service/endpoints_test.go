package service

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"printd/engine"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func postTo(t *testing.T, s *Server, target, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// TestFormatQuery: a WordPress post is read as such, the response says so,
// and what the mapping dropped is in the warnings.
func TestFormatQuery(t *testing.T) {
	s := newTestServer(t, nil)
	wp, err := os.ReadFile(filepath.Join("..", "adapt", "testdata", "wordpress-plain.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "format=wordpress"} {
		rec := post(t, s, q, wp)
		if rec.Code != http.StatusOK {
			t.Fatalf("%q: status %d: %s", q, rec.Code, rec.Body)
		}
		if got := rec.Header().Get("X-Printd-Format"); got != "wordpress" {
			t.Errorf("%q: X-Printd-Format %q", q, got)
		}
		if !strings.Contains(rec.Header().Get("X-Printd-Warnings"), "not embedded") {
			t.Errorf("%q: warnings %q", q, rec.Header().Get("X-Printd-Warnings"))
		}
	}
	p := problemOf(t, post(t, s, "format=ans", wp), http.StatusUnprocessableEntity)
	if len(p.Errors) == 0 {
		t.Errorf("WordPress read as ANS: %+v", p)
	}
	p = problemOf(t, post(t, s, "format=docx", wp), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Path != "query.format" {
		t.Errorf("bad format: %+v", p)
	}
	// a native article without a headline still gets the precise field error
	p = problemOf(t, post(t, s, "", []byte(`{"body": [{"type": "divider"}]}`)), http.StatusUnprocessableEntity)
	if len(p.Errors) == 0 || p.Errors[0].Path != "headline" {
		t.Errorf("missing headline: %+v", p)
	}
}

func TestPreflightEndpoint(t *testing.T) {
	s := newTestServer(t, nil)
	small := dataURI("image/jpeg", testJPEG(t, 300, 200))
	rec := postTo(t, s, "/v1/preflight?preset=proof&paper=150x200mm&columns=2&pages=1", "application/json", seed(t, small))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var r engine.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	// overset is an error; the 300 px photo is set at its 150 ppi size
	// (51 mm), a warning
	if r.Status != "error" || !r.Overset || len(r.Images) != 1 || r.Images[0].Level != "warning" ||
		r.Images[0].EffectivePPI != 150 || r.Images[0].PrintedMM[0] != 51 || r.Preset != "proof" {
		t.Errorf("report %+v", r)
	}
	problemOf(t, postTo(t, s, "/v1/preflight?columns=9", "application/json", seed(t, "")), http.StatusUnprocessableEntity)
}

// TestBatchEndpoint: NDJSON in, a ZIP of PDFs and a manifest out; a bad
// line fails alone.
func TestBatchEndpoint(t *testing.T) {
	s := newTestServer(t, nil)
	var in bytes.Buffer
	in.Write(seed(t, "", withID("a-1")))
	in.WriteString("\n{not json\n")
	in.Write(seed(t, "", withID("a-2")))
	in.WriteString("\n")
	rec := postTo(t, s, "/v1/batch", "application/x-ndjson", in.Bytes())
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("status %d %s: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()[:min(200, rec.Body.Len())])
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[f.Name] = f
	}
	for _, want := range []string{"a-1.pdf", "a-2.pdf", "manifest.ndjson"} {
		if names[want] == nil {
			t.Errorf("zip lacks %s (has %v)", want, zr.File)
		}
	}
	m, err := names["manifest.ndjson"].Open()
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	sc := bufio.NewScanner(m)
	for sc.Scan() {
		var row struct {
			Line    int    `json:"line"`
			Status  string `json:"status"`
			Trailer bool   `json:"trailer"`
			Records int    `json:"records"`
		}
		json.Unmarshal(sc.Bytes(), &row)
		if row.Trailer {
			statuses = append(statuses, fmt.Sprintf("trailer %d", row.Records))
			continue
		}
		statuses = append(statuses, row.Status)
	}
	if strings.Join(statuses, ",") != "ok,failed,ok,trailer 3" {
		t.Errorf("manifest statuses %v", statuses)
	}
	problemOf(t, postTo(t, s, "/v1/batch", "text/plain", in.Bytes()), http.StatusUnsupportedMediaType)
	s2 := newTestServer(t, func(c *Config) { c.BatchMaxBody = 100 })
	problemOf(t, postTo(t, s2, "/v1/batch", "application/x-ndjson", in.Bytes()), http.StatusRequestEntityTooLarge)
}

// TestPhotoDir: with a photo directory, relative photo paths inside it are
// used and nothing outside it is read.
func TestPhotoDir(t *testing.T) {
	dir := t.TempDir()
	jpg, _ := os.ReadFile(filepath.Join("..", "testdata", "seed-photo.jpg"))
	os.WriteFile(filepath.Join(dir, "seed-photo.jpg"), jpg, 0o644)
	s := newTestServer(t, func(c *Config) { c.PhotoDir = dir })
	rec := post(t, s, "", seed(t, "seed-photo.jpg"))
	if rec.Code != http.StatusOK || rec.Header().Get("X-Printd-Warnings") != "" {
		t.Fatalf("status %d, warnings %q", rec.Code, rec.Header().Get("X-Printd-Warnings"))
	}
	rec = post(t, s, "", seed(t, "../"+filepath.Base(dir)+"/seed-photo.jpg", withID("escape")))
	if !strings.Contains(rec.Header().Get("X-Printd-Warnings"), "left out") {
		t.Errorf("a path out of the photo directory was read: %q", rec.Header().Get("X-Printd-Warnings"))
	}
	// without a photo directory no file is ever read
	s0 := newTestServer(t, nil)
	rec = post(t, s0, "", seed(t, "seed-photo.jpg", withID("nofiles")))
	if !strings.Contains(rec.Header().Get("X-Printd-Warnings"), "left out") {
		t.Errorf("a file was read without a photo directory")
	}
}

// TestPartialPDFNotKept: a PDF that left a photo out (the photo server may
// be back a moment later) carries no ETag and Cache-Control: no-store, and
// the same request is rendered again, not answered from the cache.
func TestPartialPDFNotKept(t *testing.T) {
	s := newTestServer(t, nil)
	body := seed(t, "seed-photo.jpg", withID("partial")) // no photo directory: left out
	for i, want := range []string{"miss", "miss"} {
		rec := post(t, s, "", body)
		wantPDF(t, rec)
		h := rec.Header()
		if !strings.Contains(h.Get("X-Printd-Warnings"), "left out") {
			t.Fatalf("request %d: the photo was not left out: %q", i, h.Get("X-Printd-Warnings"))
		}
		if h.Get("ETag") != "" || h.Get("Cache-Control") != "no-store" || h.Get("X-Printd-Cache") != want {
			t.Errorf("request %d: ETag %q, Cache-Control %q, X-Printd-Cache %q; want none, no-store, %s", i, h.Get("ETag"), h.Get("Cache-Control"), h.Get("X-Printd-Cache"), want)
		}
	}
	// a whole PDF keeps both
	rec := post(t, s, "", seed(t, "", withID("whole")))
	if rec.Header().Get("ETag") == "" || rec.Header().Get("Cache-Control") == "no-store" {
		t.Errorf("whole PDF: ETag %q, Cache-Control %q", rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
	}
}

// TestBatchMergedPDF: format=pdf gives one PDF of every good article, a
// bookmark for each, and names the lines that failed.
func TestBatchMergedPDF(t *testing.T) {
	s := newTestServer(t, nil)
	one := post(t, s, "", seed(t, "", withID("m-1")))
	var in bytes.Buffer
	in.Write(seed(t, "", withID("m-1")))
	in.WriteString("\n{\"body\": []}\n")
	in.Write(seed(t, "", withID("m-2")))
	in.WriteString("\n")
	rec := postTo(t, s, "/v1/batch?format=pdf", "application/x-ndjson", in.Bytes())
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
	}
	singles := one.Header().Get("X-Printd-Pages")
	if want := map[string]string{"1": "2", "2": "4", "3": "6"}[singles]; rec.Header().Get("X-Printd-Pages") != want {
		t.Errorf("merged pages %s, one article has %s", rec.Header().Get("X-Printd-Pages"), singles)
	}
	if f := rec.Header().Get("X-Printd-Failed"); !strings.Contains(f, "line 2") {
		t.Errorf("X-Printd-Failed %q", f)
	}
	if n := bytes.Count(rec.Body.Bytes(), []byte("/Outlines")); n == 0 {
		t.Error("no bookmarks")
	}
	problemOf(t, postTo(t, s, "/v1/batch?format=pdf", "application/x-ndjson", []byte("{bad\n")), http.StatusUnprocessableEntity)
}

// TestPartialPDFGoneCached: a PDF that left out only photos whose source
// says they do not exist (HTTP 404 or 410, a missing file in the photo
// directory) is cached for PartialCacheTTL and may be kept as long
// (Cache-Control max-age counts down), flagged in X-Printd-Partial and
// without an ETag; it was rendered again for every request. One that left
// a photo out for a passing cause (HTTP 503) is still never kept, nor is
// any with PartialCacheTTL 0.
func TestPartialPDFGoneCached(t *testing.T) {
	var hits atomic.Int64
	ps := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/gone.jpg":
			http.Error(w, "not here", http.StatusNotFound)
		case "/removed.jpg":
			http.Error(w, "removed", http.StatusGone)
		default:
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}
	}))
	t.Cleanup(ps.Close)
	host := strings.TrimPrefix(ps.URL, "http://")
	photoDir := t.TempDir()
	newServer := func(ttl time.Duration, more ...func(*Config)) (*Server, *time.Time) {
		s := newTestServer(t, func(c *Config) {
			c.AllowHTTP, c.AllowHosts, c.PhotoAttempts, c.PhotoDir = true, []string{host}, 1, photoDir
			c.PartialCacheTTL = ttl
			for _, m := range more {
				m(c)
			}
		})
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return clock }
		return s, &clock
	}
	type want struct{ cache, control, partial string }
	check := func(s *Server, body []byte, w want) {
		t.Helper()
		rec := post(t, s, "", body)
		wantPDF(t, rec)
		h := rec.Header()
		if h.Get("X-Printd-Cache") != w.cache || h.Get("Cache-Control") != w.control || h.Get("X-Printd-Partial") != w.partial || h.Get("ETag") != "" {
			t.Errorf("X-Printd-Cache %q, Cache-Control %q, X-Printd-Partial %q, ETag %q; want %q, %q, %q and none",
				h.Get("X-Printd-Cache"), h.Get("Cache-Control"), h.Get("X-Printd-Partial"), h.Get("ETag"), w.cache, w.control, w.partial)
		}
	}

	s, clock := newServer(time.Minute)
	gone := seed(t, ps.URL+"/gone.jpg", withID("gone"))
	check(s, gone, want{"miss", "public, max-age=60", "photo.src (HTTP 404)"})
	before := hits.Load()
	*clock = clock.Add(20 * time.Second)
	check(s, gone, want{"hit", "public, max-age=40", "photo.src (HTTP 404)"})
	if hits.Load() != before {
		t.Errorf("a cached partial PDF fetched its photo again")
	}
	*clock = clock.Add(40 * time.Second) // expired: rendered again, and kept again
	check(s, gone, want{"miss", "public, max-age=60", "photo.src (HTTP 404)"})
	check(s, gone, want{"hit", "public, max-age=60", "photo.src (HTTP 404)"})

	check(s, seed(t, ps.URL+"/removed.jpg", withID("removed")), want{"miss", "public, max-age=60", "photo.src (HTTP 410)"})
	missing := seed(t, "nope.jpg", withID("nofile"))
	check(s, missing, want{"miss", "public, max-age=60", "photo.src (file unreadable)"})
	check(s, missing, want{"hit", "public, max-age=60", "photo.src (file unreadable)"})

	busy := seed(t, ps.URL+"/busy.jpg", withID("busy"))
	check(s, busy, want{"miss", "no-store", "photo.src (HTTP 503)"})
	check(s, busy, want{"miss", "no-store", "photo.src (HTTP 503)"})
	// a gone photo beside a passing failure: the passing one decides
	both := seed(t, ps.URL+"/gone.jpg", withID("both"), func(m map[string]any) {
		m["body"] = append(m["body"].([]any), map[string]any{"type": "image", "src": ps.URL + "/busy.jpg", "caption": "c"})
	})
	check(s, both, want{"miss", "no-store", "photo.src (HTTP 404); body[" + strconv.Itoa(len(articleBody(t, both))-1) + "].src (HTTP 503)"})

	off, _ := newServer(0)
	check(off, gone, want{"miss", "no-store", "photo.src (HTTP 404)"})
	check(off, gone, want{"miss", "no-store", "photo.src (HTTP 404)"})
	// kept by printd, but by nobody else where the service's own
	// Cache-Control keeps nothing
	for _, own := range []string{"", "no-store", "private, no-cache"} {
		s, _ := newServer(time.Minute, func(c *Config) { c.CacheControl = own })
		check(s, gone, want{"miss", "no-store", "photo.src (HTTP 404)"})
		check(s, gone, want{"hit", "no-store", "photo.src (HTTP 404)"})
	}
}

// articleBody is the body blocks of an article JSON.
func articleBody(t *testing.T, data []byte) []any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m["body"].([]any)
}
