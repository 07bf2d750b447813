package desk_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/service"
)

func get(t *testing.T, url string, edit func(*http.Request)) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(req)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestDeskOffByDefault(t *testing.T) {
	ts := testServer(t, func(c *service.Config) { c.Desk = false })
	for _, p := range []string{"/desk", "/desk/", "/desk/assets/desk.js", "/desk/api/config"} {
		if res, _ := get(t, ts.URL+p, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s with the desk off: %d, want 404", p, res.StatusCode)
		}
	}
}

func TestDeskServesItsPage(t *testing.T) {
	ts := testServer(t, nil)
	res, body := get(t, ts.URL+"/desk", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "proof desk") {
		t.Fatalf("GET /desk: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	if strings.Contains(body, "{{VERSION}}") || strings.Contains(body, "https://") {
		t.Errorf("the page has a placeholder left or loads something from elsewhere")
	}
	for p, ctype := range map[string]string{
		"/desk/assets/desk.js": "text/javascript", "/desk/assets/pdfjs/pdf.min.mjs": "text/javascript",
		"/desk/assets/pdfjs/pdf.worker.min.mjs": "text/javascript", "/desk/assets/desk.css": "text/css",
		"/desk/assets/pdfjs/wasm/qcms_bg.wasm": "application/wasm",
	} {
		res, _ := get(t, ts.URL+p, nil)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), ctype) {
			t.Errorf("GET %s: %d %s", p, res.StatusCode, res.Header.Get("Content-Type"))
		}
		etag := res.Header.Get("ETag")
		if res, _ := get(t, ts.URL+p, func(r *http.Request) { r.Header.Set("If-None-Match", etag) }); res.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: %d, want 304", p, res.StatusCode)
		}
	}
	for _, p := range []string{"/desk/assets/index.html", "/desk/assets/nothing.js", "/desk/other"} {
		if res, _ := get(t, ts.URL+p, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
	}
	res, body = get(t, ts.URL+"/desk/api/config", nil)
	var cfg struct {
		Presets       []string `json:"presets"`
		Profiles      []string `json:"profiles"`
		ArticleSource bool     `json:"article_source"`
	}
	if err := json.Unmarshal([]byte(body), &cfg); err != nil || res.StatusCode != 200 {
		t.Fatalf("config: %d %s", res.StatusCode, body)
	}
	if strings.Join(cfg.Presets, ",") != "web,archive,proof" || len(cfg.Profiles) == 0 || cfg.ArticleSource {
		t.Errorf("config %+v", cfg)
	}
	if res, _ := get(t, ts.URL+"/desk/api/source?ref=1", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("source without an article source: %d, want 404", res.StatusCode)
	}
}

func TestDeskCredentials(t *testing.T) {
	file := filepath.Join(t.TempDir(), "desk-auth")
	if err := os.WriteFile(file, []byte("# the newsroom's desk\ns3cret-token-0123456789\neditor:correct horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := testServer(t, func(c *service.Config) { c.DeskAuth = file })
	for _, tc := range []struct {
		name string
		edit func(*http.Request)
		want int
	}{
		{"none", nil, http.StatusUnauthorized},
		{"wrong bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer s3cret-token-0123456780") }, http.StatusUnauthorized},
		{"bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer s3cret-token-0123456789") }, http.StatusOK},
		{"bearer, scheme in lower case", func(r *http.Request) { r.Header.Set("Authorization", "bearer s3cret-token-0123456789") }, http.StatusOK},
		{"basic", func(r *http.Request) { r.SetBasicAuth("editor", "correct horse") }, http.StatusOK},
		{"basic, wrong password", func(r *http.Request) { r.SetBasicAuth("editor", "correct horsf") }, http.StatusUnauthorized},
		{"basic, token as password", func(r *http.Request) { r.SetBasicAuth("anyone", "s3cret-token-0123456789") }, http.StatusOK},
		{"basic, unknown user", func(r *http.Request) { r.SetBasicAuth("intern", "correct horse") }, http.StatusUnauthorized},
	} {
		for _, p := range []string{"/desk", "/desk/assets/desk.js", "/desk/api/config"} {
			res, _ := get(t, ts.URL+p, tc.edit)
			if res.StatusCode != tc.want {
				t.Errorf("%s: GET %s: %d, want %d", tc.name, p, res.StatusCode, tc.want)
			}
			if tc.want == http.StatusUnauthorized && !strings.Contains(strings.Join(res.Header.Values("WWW-Authenticate"), ","), "Basic") {
				t.Errorf("%s: 401 without a Basic challenge", tc.name)
			}
		}
	}
	// the API the page uses is the service's own, open as before
	if res, _ := get(t, ts.URL+"/healthz", nil); res.StatusCode != 200 {
		t.Errorf("healthz: %d", res.StatusCode)
	}
}

func TestDeskRefusesBadCredentialsFile(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"empty": "# nothing\n\n", "short token": "abc\n", "half pair": "editor:\n"} {
		file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		c := service.DefaultConfig()
		c.Desk, c.DeskAuth = true, file
		if _, err := service.New(c, io.Discard); err == nil {
			t.Errorf("%s: the server started", name)
		}
	}
	c := service.DefaultConfig()
	c.Desk, c.DeskAuth = true, filepath.Join(dir, "missing")
	if _, err := service.New(c, io.Discard); err == nil {
		t.Error("a missing credentials file: the server started")
	}
}

// TestDeskArticleSource loads an article by id and by the CMS's URL
// through the configured article source.
func TestDeskArticleSource(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed-article.json")
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	cms := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.RequestURI())
		if r.URL.Path != "/wp-json/wp/v2/posts/4711" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(seed)
	}))
	defer cms.Close()
	ts := testServer(t, func(c *service.Config) {
		c.ArticleSource = cms.URL + "/wp-json/wp/v2/posts/{id}?_embed"
		c.AllowHTTP = true
		c.AllowHosts = []string{strings.TrimPrefix(cms.URL, "http://")}
	})
	for _, ref := range []string{"4711", cms.URL + "/wp-json/wp/v2/posts/4711", cms.URL + "/wp-json/wp/v2/posts/4711?_embed", "https://news.example.org/?p=4711"} {
		res, body := get(t, ts.URL+"/desk/api/source?ref="+strings.ReplaceAll(ref, "?", "%3F"), nil)
		if res.StatusCode != 200 || body != string(seed) || res.Header.Get("X-Printd-Article-Id") != "4711" {
			t.Errorf("ref %q: %d %.80s", ref, res.StatusCode, body)
		}
	}
	res, body := get(t, ts.URL+"/desk/api/source?ref=4712", nil)
	if res.StatusCode != http.StatusNotFound || !strings.Contains(res.Header.Get("Content-Type"), "problem+json") {
		t.Errorf("missing article: %d %s", res.StatusCode, body)
	}
	res, _ = get(t, ts.URL+"/desk/api/source?ref=..%2F..%2Fetc", nil)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a path as id: %d, want 404", res.StatusCode)
	}
	for _, a := range asked {
		if strings.Contains(a, "etc") {
			t.Errorf("the source was asked for %q", a)
		}
	}
}

type box struct{ X, Y, W, H float64 }

func (b box) inside(o box) bool {
	return b.W > 0 && b.H > 0 && b.X >= o.X-0.01 && b.Y >= o.Y-0.01 && b.X+b.W <= o.X+o.W+0.01 && b.Y+b.H <= o.Y+o.H+0.01
}

type place struct {
	Page int
	Box  box
}

type report struct {
	Pages     int
	Overset   bool
	OversetAt *place `json:"overset_at"`
	Sheets    []struct {
		Width, Height float64
		Trim, Bleed   box
	}
	Images  []place
	Missing []struct {
		Where string
		Page  int
		Box   *box
	} `json:"missing_glyphs"`
}

func preflight(t *testing.T, url, body string) report {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var r report
	if err := json.Unmarshal(b, &r); err != nil || res.StatusCode != 200 {
		t.Fatalf("POST %s: %d %s", url, res.StatusCode, b)
	}
	return r
}

// TestPreflightPlaces checks that the preflight says where each problem
// is: the page and box of each image, of a field with a missing glyph and
// of the overset, and each page's trim and bleed.
func TestPreflightPlaces(t *testing.T) {
	ts := testServer(t, nil)
	seed, err := os.ReadFile("../testdata/seed-article.json")
	if err != nil {
		t.Fatal(err)
	}
	var art map[string]any
	if err := json.Unmarshal(seed, &art); err != nil {
		t.Fatal(err)
	}
	body := art["body"].([]any)
	body[2] = map[string]any{"type": "paragraph", "html": "A sign no font has: \U000F0000 (a private-use character), set in the third block."}
	withGlyph, _ := json.Marshal(art)

	r := preflight(t, ts.URL+"/v1/preflight", string(withGlyph))
	if len(r.Sheets) != r.Pages || r.Pages == 0 {
		t.Fatalf("%d sheets for %d pages", len(r.Sheets), r.Pages)
	}
	page := box{0, 0, r.Sheets[0].Width, r.Sheets[0].Height}
	if r.Sheets[0].Trim != page {
		t.Errorf("web: trim %+v, want the whole page %+v", r.Sheets[0].Trim, page)
	}
	if len(r.Images) != 1 || r.Images[0].Page != 1 || !r.Images[0].Box.inside(r.Sheets[0].Trim) {
		t.Errorf("images %+v", r.Images)
	}
	if len(r.Missing) != 1 || r.Missing[0].Where != "body[2].html" || r.Missing[0].Box == nil {
		t.Fatalf("missing glyphs %+v", r.Missing)
	}
	m := r.Missing[0]
	if m.Page < 1 || !m.Box.inside(r.Sheets[m.Page-1].Trim) || m.Box.H > 200 {
		t.Errorf("missing glyph at page %d %+v", m.Page, *m.Box)
	}
	if m.Page == r.Images[0].Page && m.Box.Y < r.Images[0].Box.Y+r.Images[0].Box.H {
		t.Errorf("the third block's box %+v is not below the lead photo %+v", *m.Box, r.Images[0].Box)
	}
	if r.Overset || r.OversetAt != nil {
		t.Errorf("overset %v at %+v", r.Overset, r.OversetAt)
	}

	// the proof preset's pages are larger than their trim
	p := preflight(t, ts.URL+"/v1/preflight?preset=proof", string(seed))
	s := p.Sheets[0]
	if !s.Trim.inside(s.Bleed) || s.Trim == s.Bleed || !s.Bleed.inside(box{0, 0, s.Width, s.Height}) || s.Bleed.W >= s.Width {
		t.Errorf("proof sheet %+v", s)
	}
	if !p.Images[0].Box.inside(s.Bleed) {
		t.Errorf("proof image %+v outside the bleed", p.Images[0])
	}

	// a long article on one page is overset in its last column
	long := map[string]any{"headline": "Too long", "body": strings.Repeat("<p>"+strings.Repeat("Words to fill the page. ", 60)+"</p>", 12)}
	lb, _ := json.Marshal(long)
	o := preflight(t, ts.URL+"/v1/preflight?pages=1", string(lb))
	if !o.Overset || o.OversetAt == nil || o.OversetAt.Page != 1 || !o.OversetAt.Box.inside(o.Sheets[0].Trim) {
		t.Errorf("overset %v at %+v", o.Overset, o.OversetAt)
	}
}
