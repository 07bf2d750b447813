package service

import (
	"bytes"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"printd/article"
)

var (
	etagRE   = regexp.MustCompile(`^"[0-9a-f]{32}"$`)
	letterRE = regexp.MustCompile(`/MediaBox ?\[ ?0(\.0+)? 0(\.0+)? 612(\.0+)? 792(\.0+)?`)
)

func TestPostFixtures(t *testing.T) {
	s := newTestServer(t, nil)
	img := dataURI("image/jpeg", testJPEG(t, 600, 400))
	for _, tc := range []struct {
		fixture, filename string
	}{
		{"seed-article.json", `inline; filename="nge-2025-11-19-zelensky-us-peace-plan.pdf"`},
		{"ru-article.json", ""},
		{"html-body-article.json", ""},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			rec := post(t, s, "", articleJSON(t, tc.fixture, func(m map[string]any) {
				if _, ok := m["photo"]; ok {
					setPhoto(img)(m)
				}
				if body, ok := m["body"].(string); ok { // the picture inside the body too
					m["body"] = strings.ReplaceAll(body, `src="seed-photo.jpg"`, `src="`+img+`"`)
				}
			}))
			if w := rec.Header().Get("X-Printd-Warnings"); strings.Contains(w, "left out") {
				t.Fatalf("a photo was left out: %s", w)
			}
			wantPDF(t, rec)
			h := rec.Header()
			if got, want := h.Get("Content-Length"), strconv.Itoa(rec.Body.Len()); got != want {
				t.Errorf("Content-Length %s, body %s bytes", got, want)
			}
			if !etagRE.MatchString(h.Get("ETag")) {
				t.Errorf("ETag %q", h.Get("ETag"))
			}
			if got := h.Get("Cache-Control"); got != DefaultCacheControl {
				t.Errorf("Cache-Control %q", got)
			}
			if n, err := strconv.Atoi(h.Get("X-Printd-Pages")); err != nil || n < 1 {
				t.Errorf("X-Printd-Pages %q", h.Get("X-Printd-Pages"))
			}
			if !strings.HasPrefix(h.Get("X-Printd-Preflight"), "status=") {
				t.Errorf("X-Printd-Preflight %q", h.Get("X-Printd-Preflight"))
			}
			if h.Get("X-Request-ID") == "" {
				t.Error("no X-Request-ID")
			}
			cd := h.Get("Content-Disposition")
			if tc.filename != "" && cd != tc.filename {
				t.Errorf("Content-Disposition %q, want %q", cd, tc.filename)
			}
			if !strings.HasPrefix(cd, `inline; filename="`) {
				t.Errorf("Content-Disposition %q", cd)
			}
		})
	}
}

func TestQueryOverridesOptions(t *testing.T) {
	s := newTestServer(t, nil)
	h := &printHook{}
	hookPrint(s, h)
	body := seed(t, "", func(m map[string]any) {
		m["options"] = map[string]any{"paper": "A4", "columns": 2}
	})
	a := post(t, s, "", body)
	wantPDF(t, a)
	b := post(t, s, "columns=1&paper=Letter", body)
	wantPDF(t, b)
	if a.Header().Get("ETag") == b.Header().Get("ETag") {
		t.Error("query options did not change the ETag")
	}
	if h.calls.Load() != 2 {
		t.Errorf("%d renders, want 2", h.calls.Load())
	}
	if !letterRE.Match(b.Body.Bytes()) || letterRE.Match(a.Body.Bytes()) {
		t.Error("?paper=Letter did not override the article's A4")
	}
}

func TestCacheServesSecondRequestWithoutRendering(t *testing.T) {
	s := newTestServer(t, nil)
	h := &printHook{}
	hookPrint(s, h)
	body := seed(t, "")
	first := post(t, s, "", body)
	wantPDF(t, first)
	second := post(t, s, "", body)
	wantPDF(t, second)
	if n := h.calls.Load(); n != 1 {
		t.Fatalf("%d renders for two identical requests, want 1", n)
	}
	if got := second.Header().Get("X-Printd-Cache"); got != "hit" {
		t.Errorf("X-Printd-Cache %q, want hit", got)
	}
	for _, h := range []string{"ETag", "Content-Disposition", "Content-Length", "X-Printd-Pages", "X-Printd-Preflight"} {
		if first.Header().Get(h) != second.Header().Get(h) {
			t.Errorf("cached %s %q, first %q", h, second.Header().Get(h), first.Header().Get(h))
		}
	}
	if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
		t.Error("cached PDF differs")
	}
	// White space is not part of the input's identity.
	var indented bytes.Buffer
	indented.WriteString("\n  ")
	indented.Write(body)
	indented.WriteString("\n")
	third := post(t, s, "", indented.Bytes())
	wantPDF(t, third)
	if n := h.calls.Load(); n != 1 {
		t.Errorf("%d renders after re-sending with white space, want 1", n)
	}
	// Another article renders.
	wantPDF(t, post(t, s, "", seed(t, "", withID("another"))))
	if n := h.calls.Load(); n != 2 {
		t.Errorf("%d renders, want 2", n)
	}
	m := metricsText(t, s)
	if v := metricValue(m, `printd_pdf_cache_requests_total{result="hit"}`); v != "2" {
		t.Errorf("cache hits %q, want 2", v)
	}
	if v := metricValue(m, `printd_pdf_cache_requests_total{result="miss"}`); v != "2" {
		t.Errorf("cache misses %q, want 2", v)
	}
}

func TestConcurrentIdenticalRequestsRenderOnce(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Concurrency = 4 })
	h := &printHook{hold: make(chan struct{})}
	hookPrint(s, h)
	body := seed(t, "")
	const n = 8
	recs := make([]*bytes.Buffer, n)
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := post(t, s, "", body)
			codes[i], recs[i] = rec.Code, rec.Body
		}()
	}
	// Wait until all n wait on the one render, then let it finish.
	deadline := time.Now().Add(5 * time.Second)
	for waiting(s) < n {
		if time.Now().After(deadline) {
			close(h.hold)
			wg.Wait()
			t.Fatalf("only %d requests joined the render", waiting(s))
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(h.hold)
	wg.Wait()
	if c := h.calls.Load(); c != 1 {
		t.Fatalf("%d renders for %d identical concurrent requests, want 1", c, n)
	}
	for i := range n {
		if codes[i] != http.StatusOK || !bytes.Equal(recs[i].Bytes(), recs[0].Bytes()) {
			t.Fatalf("request %d: status %d, %d bytes", i, codes[i], recs[i].Len())
		}
	}
	if v := metricValue(metricsText(t, s), `printd_pdf_cache_requests_total{result="coalesced"}`); v != strconv.Itoa(n-1) {
		t.Errorf("coalesced %q, want %d", v, n-1)
	}
}

// waiting is the number of requests waiting on calls in flight.
func waiting(s *Server) int {
	s.flight.mu.Lock()
	defer s.flight.mu.Unlock()
	n := 0
	for _, c := range s.flight.calls {
		n += c.waiters
	}
	return n
}

func TestETagNotModified(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.CacheBytes = 0 }) // every 200 renders
	h := &printHook{}
	hookPrint(s, h)
	body := seed(t, "")
	first := post(t, s, "", body)
	wantPDF(t, first)
	etag := first.Header().Get("ETag")
	for _, tc := range []struct {
		name, inm string
		want      int
	}{
		{"exact", etag, http.StatusNotModified},
		{"weak", "W/" + etag, http.StatusNotModified},
		{"list", `"0000", ` + etag, http.StatusNotModified},
		{"star", "*", http.StatusNotModified},
		{"other", `"0123456789abcdef0123456789abcdef"`, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := h.calls.Load()
			rec := post(t, s, "", body, "If-None-Match", tc.inm)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
			rendered := h.calls.Load() - before
			if tc.want == http.StatusNotModified {
				if rendered != 0 {
					t.Errorf("304 rendered %d times", rendered)
				}
				if rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag || rec.Header().Get("Cache-Control") == "" {
					t.Errorf("304 with body %d bytes, ETag %q, Cache-Control %q", rec.Body.Len(), rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
				}
			} else if rendered != 1 {
				t.Errorf("200 rendered %d times", rendered)
			}
		})
	}
	// "*" matches only input that decodes and validates.
	problemOf(t, post(t, s, "", []byte(`{"body":[]}`), "If-None-Match", "*"), http.StatusUnprocessableEntity)
	// Other options, other tag.
	rec := post(t, s, "grayscale=true", body, "If-None-Match", etag)
	wantPDF(t, rec)
	if rec.Header().Get("ETag") == etag {
		t.Error("grayscale has the same ETag")
	}
}

func TestContentDisposition(t *testing.T) {
	for _, tc := range []struct {
		id, headline, want string
	}{
		{"nge-2025-11-19", "x", `inline; filename="nge-2025-11-19.pdf"`},
		{"", "Zürich – München: \"ok\"/../etc", `inline; filename="Zurich-Munchen-ok-..-etc.pdf"; filename*=UTF-8''Z%C3%BCrich-M%C3%BCnchen-ok-..-etc.pdf`},
		{"", "Путин и Зеленский", `inline; filename="article.pdf"; filename*=UTF-8''%D0%9F%D1%83%D1%82%D0%B8%D0%BD-%D0%B8-%D0%97%D0%B5%D0%BB%D0%B5%D0%BD%D1%81%D0%BA%D0%B8%D0%B9.pdf`},
		{"a\r\nb;c=\"d\"", "x", `inline; filename="a-b-c-d.pdf"`},
		{"", "???", `inline; filename="article.pdf"`},
		{"  ", "Headline", `inline; filename="Headline.pdf"`},
	} {
		got := contentDisposition(&article.Article{ID: tc.id, Headline: tc.headline})
		if got != tc.want {
			t.Errorf("id %q headline %q:\n got %s\nwant %s", tc.id, tc.headline, got, tc.want)
		}
		if strings.ContainsAny(got, "\r\n") {
			t.Errorf("header breaks lines: %q", got)
		}
		for _, r := range got {
			if r > 0x7e {
				t.Errorf("non-ASCII in header: %q", got)
				break
			}
		}
	}
	// Long names are cut.
	long := strings.Repeat("word ", 100)
	got := contentDisposition(&article.Article{Headline: long})
	if len(got) > 2*maxNameRunes+80 {
		t.Errorf("long headline gives a %d-byte header", len(got))
	}
}

func TestWarningsHeader(t *testing.T) {
	got := warningsHeader([]string{"photo x left out:\r\n bad", "glyph ж | missing"})
	want := `photo x left out:   bad | glyph \u0436 / missing`
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	long := warningsHeader([]string{strings.Repeat("a", 5000), "b"})
	if len(long) != maxWarningsHeader || !strings.HasSuffix(long, "...") {
		t.Errorf("long warnings: %d bytes", len(long))
	}
}
