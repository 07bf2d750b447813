package service

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestLoopbackPhotoIsNeverFetchedUnlessAllowed(t *testing.T) {
	ps := newPhotoServer(t, testJPEG(t, 300, 200), nil)
	for _, tc := range []struct {
		name      string
		allow     []string
		query     string
		wantCode  int
		wantHits  int64
		wantWarn  string
		wantPaths []string
	}{
		{"guarded", nil, "", http.StatusOK, 0, "address not allowed", nil},
		{"guarded strict", nil, "strict=true", http.StatusUnprocessableEntity, 0, "", []string{"photo.src"}},
		{"allowed", []string{"127.0.0.1"}, "", http.StatusOK, 1, "", nil},
		{"allowed strict", []string{ps.host(t)}, "strict=1", http.StatusOK, 1, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps.hits.Store(0)
			s := newTestServer(t, func(c *Config) {
				c.AllowHTTP = true // so that the address guard, not the scheme, decides
				c.AllowHosts = tc.allow
			})
			rec := post(t, s, tc.query, seed(t, ps.URL+"/photo.jpg"))
			if got := ps.hits.Load(); got != tc.wantHits {
				t.Errorf("photo server hit %d times, want %d", got, tc.wantHits)
			}
			if tc.wantCode != http.StatusOK {
				p := problemOf(t, rec, tc.wantCode)
				if p.Type != problemBase+"photo-unavailable" {
					t.Errorf("type %q", p.Type)
				}
				if strings.Join(paths(p), ",") != strings.Join(tc.wantPaths, ",") {
					t.Errorf("paths %q, want %q", paths(p), tc.wantPaths)
				}
				return
			}
			wantPDF(t, rec)
			warn := rec.Header().Get("X-Printd-Warnings")
			if tc.wantWarn == "" && warn != "" {
				t.Errorf("unexpected warnings %q", warn)
			}
			if tc.wantWarn != "" && !strings.Contains(warn, tc.wantWarn) {
				t.Errorf("warnings %q lack %q", warn, tc.wantWarn)
			}
		})
	}
}

func TestPlainHTTPPhotoRefusedByDefault(t *testing.T) {
	ps := newPhotoServer(t, testJPEG(t, 300, 200), nil)
	s := newTestServer(t, func(c *Config) { c.AllowHosts = []string{ps.host(t)} })
	rec := post(t, s, "", seed(t, ps.URL+"/photo.jpg"))
	wantPDF(t, rec)
	if ps.hits.Load() != 0 {
		t.Error("plain http photo fetched without allow-http")
	}
	if w := rec.Header().Get("X-Printd-Warnings"); !strings.Contains(w, "not allowed") {
		t.Errorf("warnings %q", w)
	}
}

func TestPixelBombRefusedWithoutDecoding(t *testing.T) {
	src := dataURI("image/png", bombPNG(30000, 30000))
	s := newTestServer(t, nil)
	rec := post(t, s, "", seed(t, src))
	wantPDF(t, rec)
	// A decode of the bogus pixel data would fail as a corrupt image; the
	// refusal comes from the header alone.
	if w := rec.Header().Get("X-Printd-Warnings"); !strings.Contains(w, "too many pixels") {
		t.Errorf("warnings %q", w)
	}
	p := problemOf(t, post(t, s, "strict=true", seed(t, src)), http.StatusUnprocessableEntity)
	if !hasPath(p, "photo.src") || !strings.Contains(p.Errors[0].Message, "too many pixels") {
		t.Errorf("problem %+v", p)
	}
	if v := metricValue(metricsText(t, s), "printd_photo_failures_total"); v != "2" {
		t.Errorf("photo failures %q, want 2", v)
	}
}

func TestBodyImagePathInStrictProblem(t *testing.T) {
	s := newTestServer(t, nil)
	bomb := dataURI("image/png", bombPNG(20000, 20000))
	body := seed(t, "", func(m map[string]any) {
		blocks := m["body"].([]any)
		m["body"] = append(blocks[:2:2], map[string]any{"type": "image", "src": bomb, "caption": "c"})
	})
	p := problemOf(t, post(t, s, "strict=true", body), http.StatusUnprocessableEntity)
	if !hasPath(p, "body[2].src") {
		t.Errorf("paths %q", paths(p))
	}
}

// TestHugeDataURIBodyIs413: an article carrying a 50 MB data: URI photo is
// refused by the default 8 MiB body limit with a problem, quickly, and the
// body is never read past the limit, whether its length is declared or
// found while reading.
func TestHugeDataURIBodyIs413(t *testing.T) {
	s := newTestServer(t, nil)
	if s.cfg.MaxBody != DefaultMaxBody || DefaultMaxBody != 8<<20 {
		t.Fatalf("MaxBody %d, want the 8 MiB default", s.cfg.MaxBody)
	}
	h := &printHook{}
	hookPrint(s, h)
	const payload = 50 << 20
	head := `{"headline": "H", "photo": {"src": "data:image/jpeg;base64,`
	tail := `", "caption": "c"}, "body": [{"type": "paragraph", "html": "text"}]}`
	for _, tc := range []struct {
		name     string
		declared bool
		maxRead  int64
	}{
		{"content-length", true, 0},
		{"chunked", false, DefaultMaxBody + 64<<10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &countingReader{r: io.MultiReader(strings.NewReader(head), io.LimitReader(fill('A'), payload), strings.NewReader(tail))}
			req := httptest.NewRequest(http.MethodPost, "/v1/pdf", body)
			req.ContentLength = -1
			if tc.declared {
				req.ContentLength = int64(len(head) + payload + len(tail))
			}
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			s.Handler().ServeHTTP(rec, req)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			p := problemOf(t, rec, http.StatusRequestEntityTooLarge)
			if !strings.Contains(p.Detail, "8388608") {
				t.Errorf("detail %q does not name the limit", p.Detail)
			}
			if body.n > tc.maxRead {
				t.Errorf("read %d bytes of the body, want at most %d", body.n, tc.maxRead)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 40<<20 {
				t.Errorf("allocated %d MB while refusing the body", alloc>>20)
			}
			if took > 10*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
	if n := h.calls.Load(); n != 0 {
		t.Errorf("%d renders, want none", n)
	}
}

// fill reads as an endless run of one byte.
type fill byte

func (f fill) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f)
	}
	return len(p), nil
}

// TestPhotoFailureNamesItsCause: a photo the server answers 404 for is left
// out with a warning saying "HTTP 404" (not only that the fetch failed), a
// strict render's problem says it too, and the log has the whole cause.
func TestPhotoFailureNamesItsCause(t *testing.T) {
	missing := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(missing.Close)
	var log syncBuffer
	s := newTestServerLog(t, func(c *Config) {
		c.AllowHTTP = true
		c.AllowHosts = []string{"127.0.0.1"}
		c.LogLevel = "warn"
	}, &log)
	body := seed(t, missing.URL+"/gone.jpg")
	rec := post(t, s, "", body)
	wantPDF(t, rec)
	if w := rec.Header().Get("X-Printd-Warnings"); !strings.Contains(w, "HTTP 404") {
		t.Errorf("warnings %q do not name the status", w)
	}
	p := problemOf(t, post(t, s, "strict=true", body), http.StatusUnprocessableEntity)
	if !hasPath(p, "photo.src") || p.Errors[0].Message != "unavailable: HTTP 404" {
		t.Errorf("problem %+v", p)
	}
	if l := string(log.Bytes()); !strings.Contains(l, "photo left out") || !strings.Contains(l, "HTTP 404 Not Found") || !strings.Contains(l, "/gone.jpg") {
		t.Errorf("log lacks the cause:\n%s", l)
	}
}

// TestArchiveRequiresItsPhotos: in the archive preset a photo that cannot
// be had is a 422 naming the field and the cause, unless the request
// allows missing photos; a batch over HTTP (archive by default) gets a
// failed row with the cause, or with allow-missing-photos an ok row with a
// warning. The web preset leaves the photo out with a warning.
func TestArchiveRequiresItsPhotos(t *testing.T) {
	missing := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(missing.Close)
	s := newTestServer(t, func(c *Config) {
		c.AllowHTTP = true
		c.AllowHosts = []string{"127.0.0.1"}
	})
	body := seed(t, missing.URL+"/gone.jpg")
	p := problemOf(t, post(t, s, "preset=archive", body), http.StatusUnprocessableEntity)
	if p.Type != problemBase+"photo-unavailable" || !hasPath(p, "photo.src") || p.Errors[0].Message != "unavailable: HTTP 404" {
		t.Errorf("archive: problem %+v", p)
	}
	for _, q := range []string{"preset=archive&allow-missing-photos=true", "preset=web"} {
		rec := post(t, s, q, body)
		wantPDF(t, rec)
		if w := rec.Header().Get("X-Printd-Warnings"); !strings.Contains(w, "HTTP 404") {
			t.Errorf("%s: warnings %q", q, w)
		}
	}

	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	line := append(bytes.ReplaceAll(body, []byte("\n"), nil), '\n')
	for _, tc := range []struct {
		query, status, text string
	}{
		{"", "failed", "HTTP 404"},
		{"?allow-missing-photos=1", "ok", "HTTP 404"},
	} {
		code, answer := postBatchTCP(t, ts, tc.query, bytes.NewReader(line))
		if code != http.StatusOK {
			t.Fatalf("%q: status %d", tc.query, code)
		}
		a := readBatchZip(t, answer)
		if len(a.rows) != 1 || a.rows[0]["status"] != tc.status {
			t.Fatalf("%q: rows %v", tc.query, a.rows)
		}
		text := fmt.Sprint(a.rows[0]["error"], a.rows[0]["warnings"])
		if !strings.Contains(text, tc.text) {
			t.Errorf("%q: row %v lacks %q", tc.query, a.rows[0], tc.text)
		}
	}
}
