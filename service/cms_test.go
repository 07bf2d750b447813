package service

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArticleSourceCMSFormats: the PDF link can point straight at a CMS's
// own API: WordPress, ANS and JSON-LD answers are detected (or named with
// article-format) and rendered, with what was dropped in the warnings.
func TestArticleSourceCMSFormats(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "adapt", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	src := newCMS(t, map[string][]byte{
		"wp-1":  read("wordpress-embed.json"),
		"ans-1": read("ans-story.json"),
		"ld-1":  read("jsonld-graph.json"),
	})
	host := strings.TrimPrefix(src.URL, "http://")
	for _, format := range []string{"auto", ""} {
		s := newTestServer(t, func(c *Config) {
			c.ArticleSource = src.URL + "/articles/{id}.json"
			c.ArticleFormat = format
			c.AllowHTTP = true
			c.AllowHosts = []string{host}
		})
		for id, want := range map[string]string{"wp-1": "wordpress", "ans-1": "ans", "ld-1": "jsonld"} {
			rec := get(t, s, "/v1/articles/"+id+".pdf")
			if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) {
				t.Fatalf("%s: status %d: %s", id, rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
			}
			if got := rec.Header().Get("X-Printd-Format"); got != want {
				t.Errorf("%s: read as %q, want %q", id, got, want)
			}
		}
	}
	// A source configured for WordPress refuses an ANS answer clearly.
	s := newTestServer(t, func(c *Config) {
		c.ArticleSource = src.URL + "/articles/{id}.json"
		c.ArticleFormat = "wordpress"
		c.AllowHTTP = true
		c.AllowHosts = []string{host}
	})
	problemOf(t, get(t, s, "/v1/articles/ans-1.pdf"), http.StatusUnprocessableEntity)
}

// TestPresetsThroughTheAPI: each preset's defining marks in the PDF.
func TestPresetsThroughTheAPI(t *testing.T) {
	s := newTestServer(t, nil)
	img := dataURI("image/jpeg", testJPEG(t, 1200, 800))
	body := seed(t, img)
	web := post(t, s, "preset=web", body)
	archive := post(t, s, "preset=archive", body)
	proof := post(t, s, "preset=proof&bleed=5", body)
	for name, rec := range map[string]int{"web": web.Code, "archive": archive.Code, "proof": proof.Code} {
		if rec != http.StatusOK {
			t.Fatalf("%s: status %d", name, rec)
		}
	}
	if !bytes.Contains(archive.Body.Bytes(), []byte("pdfaid:part")) || !bytes.Contains(archive.Body.Bytes(), []byte("/OutputIntents")) {
		t.Error("archive: no PDF/A metadata or output intent")
	}
	if !bytes.Contains(proof.Body.Bytes(), []byte("/TrimBox")) || !bytes.Contains(proof.Body.Bytes(), []byte("/BleedBox")) {
		t.Error("proof: no trim and bleed boxes")
	}
	if bytes.Contains(web.Body.Bytes(), []byte("/TrimBox")) || bytes.Contains(web.Body.Bytes(), []byte("pdfaid")) {
		t.Error("web: proof or archive marks in the web preset")
	}
	if !strings.HasPrefix(proof.Header().Get("X-Printd-Preflight"), "status=") {
		t.Errorf("proof: preflight header %q", proof.Header().Get("X-Printd-Preflight"))
	}
	again := post(t, s, "preset=archive", body)
	if !bytes.Equal(again.Body.Bytes(), archive.Body.Bytes()) {
		t.Error("archive: different bytes for the same request")
	}
}
