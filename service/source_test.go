package service

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// cms is a loopback article source: /articles/{id}.json.
type cms struct {
	*httptest.Server
	hits atomic.Int64
	mu   sync.Mutex
	docs map[string][]byte // id → body; "status:NNN" bodies answer that status
	last string            // last path requested
}

func newCMS(t *testing.T, docs map[string][]byte) *cms {
	t.Helper()
	c := &cms{docs: docs}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.hits.Add(1)
		c.mu.Lock()
		c.last = r.URL.EscapedPath()
		c.mu.Unlock()
		id, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/articles/"), ".json")
		doc, found := c.docs[id]
		switch {
		case !ok || !found:
			http.NotFound(w, r)
		case string(doc) == "status:500":
			http.Error(w, "boom", http.StatusInternalServerError)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(doc)
		}
	}))
	t.Cleanup(c.Close)
	return c
}

func TestArticleSource(t *testing.T) {
	img := dataURI("image/jpeg", testJPEG(t, 300, 200))
	src := newCMS(t, map[string][]byte{
		"nge-1":   seed(t, img),
		"broken":  []byte("<html>maintenance</html>"),
		"invalid": []byte(`{"body":[]}`),
		"down":    []byte("status:500"),
		"big":     []byte(`{"headline":"` + strings.Repeat("x", 70<<10) + `","body":"<p>x</p>"}`),
	})
	host := strings.TrimPrefix(src.URL, "http://")
	s := newTestServer(t, func(c *Config) {
		c.ArticleSource = src.URL + "/articles/{id}.json"
		c.AllowHTTP = true
		c.AllowHosts = []string{host}
		c.MaxBody = 64 << 10
	})
	for _, tc := range []struct {
		path string
		want int
		typ  string
	}{
		{"/v1/articles/nge-1.pdf", http.StatusOK, ""},
		{"/v1/articles/nge-1.pdf?columns=1&grayscale=true", http.StatusOK, ""},
		{"/v1/articles/nge-1.pdf?columns=7", http.StatusUnprocessableEntity, "invalid-article"},
		{"/v1/articles/missing.pdf", http.StatusNotFound, "article-not-found"},
		{"/v1/articles/down.pdf", http.StatusBadGateway, "article-source"},
		{"/v1/articles/broken.pdf", http.StatusBadGateway, "article-source"},
		{"/v1/articles/big.pdf", http.StatusBadGateway, "article-source"},
		{"/v1/articles/invalid.pdf", http.StatusUnprocessableEntity, "invalid-article"},
		{"/v1/articles/nge-1.json", http.StatusNotFound, ""},
		{"/v1/articles/...pdf", http.StatusNotFound, ""},
		{"/v1/articles/..pdf", http.StatusNotFound, ""},
		{"/v1/articles/a%2Fb.pdf", http.StatusNotFound, ""},
		{"/v1/articles/" + strings.Repeat("a", 201) + ".pdf", http.StatusNotFound, ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			before := src.hits.Load()
			rec := get(t, s, tc.path)
			if tc.want == http.StatusOK {
				wantPDF(t, rec)
				if !strings.Contains(rec.Header().Get("Content-Disposition"), `filename="nge-2025-11-19-zelensky-us-peace-plan.pdf"`) {
					t.Errorf("Content-Disposition %q", rec.Header().Get("Content-Disposition"))
				}
				return
			}
			p := problemOf(t, rec, tc.want)
			if tc.typ != "" && p.Type != problemBase+tc.typ {
				t.Errorf("type %q, want %s", p.Type, tc.typ)
			}
			if tc.typ == "" && src.hits.Load() != before {
				t.Error("a malformed id reached the article source")
			}
			if strings.Contains(p.Detail, "127.0.0.1") {
				t.Errorf("detail leaks the source address: %q", p.Detail)
			}
		})
	}
	// The ETag path works for source articles too.
	first := get(t, s, "/v1/articles/nge-1.pdf")
	wantPDF(t, first)
	if rec := get(t, s, "/v1/articles/nge-1.pdf", "If-None-Match", first.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("conditional GET: %d", rec.Code)
	}
	m := metricsText(t, s)
	if v := metricValue(m, `printd_article_source_fetches_total{result="not_found"}`); v != "1" {
		t.Errorf("not_found fetches %q", v)
	}
}

func TestArticleSourceUsesTheAddressGuard(t *testing.T) {
	src := newCMS(t, map[string][]byte{"a": seed(t, "")})
	s := newTestServer(t, func(c *Config) {
		c.ArticleSource = src.URL + "/articles/{id}.json"
		c.AllowHTTP = true // but no allow-hosts: loopback is private
	})
	p := problemOf(t, get(t, s, "/v1/articles/a.pdf"), http.StatusBadGateway)
	if src.hits.Load() != 0 {
		t.Fatal("the source on a private address was fetched without allow-hosts")
	}
	if !strings.Contains(p.Detail, "allow-hosts") {
		t.Errorf("detail %q", p.Detail)
	}
}

func TestSourceConfigValidation(t *testing.T) {
	for _, tc := range []struct {
		tmpl      string
		allowHTTP bool
		ok        bool
	}{
		{"https://cms.example.org/a/{id}.json", false, true},
		{"http://cms.example.org/a/{id}", false, false},
		{"http://cms.example.org/a/{id}", true, true},
		{"https://cms.example.org/a/", false, false},
		{"https://cms.example.org/{id}/{id}", false, false},
		{"file:///etc/{id}", true, false},
		{"https:///{id}", false, false},
	} {
		c := DefaultConfig()
		c.ArticleSource, c.AllowHTTP = tc.tmpl, tc.allowHTTP
		if err := c.Validate(); (err == nil) != tc.ok {
			t.Errorf("%q allow-http=%t: %v", tc.tmpl, tc.allowHTTP, err)
		}
	}
}

// TestHeadArticlePDF: HEAD on /v1/articles/{id}.pdf, /healthz and
// /metrics over a real connection answers as GET does, status and
// headers, with no body (and not 405).
func TestHeadArticlePDF(t *testing.T) {
	src := newCMS(t, map[string][]byte{"nge-1": seed(t, "")})
	host := strings.TrimPrefix(src.URL, "http://")
	s := newTestServer(t, func(c *Config) {
		c.ArticleSource = src.URL + "/articles/{id}.json"
		c.AllowHTTP = true
		c.AllowHosts = []string{host}
	})
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, path := range []string{"/v1/articles/nge-1.pdf", "/v1/articles/missing.pdf", "/healthz", "/metrics"} {
		get, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		get.Body.Close()
		head, err := http.Head(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, head.Body)
		head.Body.Close()
		if head.StatusCode != get.StatusCode || n != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes; GET %d", path, head.StatusCode, n, get.StatusCode)
		}
		for _, h := range []string{"Content-Type", "ETag", "X-Printd-Pages", "Content-Disposition", "Cache-Control"} {
			if head.Header.Get(h) != get.Header.Get(h) {
				t.Errorf("HEAD %s: %s %q, GET %q", path, h, head.Header.Get(h), get.Header.Get(h))
			}
		}
	}
}
