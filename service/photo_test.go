package service

import (
	"net/http"
	"strings"
	"testing"
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
