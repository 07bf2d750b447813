package main

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

// scriptArticle is a script fixture without its photo (a file path, which
// the service and batch do not read), and the texts it prints in order.
func scriptArticle(t *testing.T, name string) ([]byte, []string) {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "scripts", name+".json")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var a map[string]any
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	delete(a, "photo")
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	texts := fixtureTexts(t, src)
	texts = append(texts[:3:3], texts[5:]...) // no caption, no credit
	return out, texts
}

// TestScriptFixturesOverHTTPAndBatch sends every script fixture through
// POST /v1/pdf and through printd batch, and reads each PDF's text back
// as TestScriptFixtures does for the CLI: every character there, in order.
func TestScriptFixturesOverHTTPAndBatch(t *testing.T) {
	for _, fx := range scriptFixtures {
		needFont(t, fx.font)
	}
	srv, err := service.New(service.DefaultConfig(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var lines []string
	for _, fx := range scriptFixtures {
		body, texts := scriptArticle(t, fx.name)
		lines = append(lines, string(body))
		t.Run("http/"+fx.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/v1/pdf", strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if w := rec.Header().Get("X-Printd-Warnings"); strings.Contains(w, "no font has") {
				t.Errorf("warnings: %s", w)
			}
			pdf := filepath.Join(dir, fx.name+"-http.pdf")
			if err := os.WriteFile(pdf, rec.Body.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			checkTextOrder(t, pdf, texts, fx.rtl)
			checkFontsEmbedded(t, pdf)
		})
	}
	in := filepath.Join(dir, "scripts.ndjson")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "batch", in, "--out", out, "--progress-interval", "0"); code != 0 {
		t.Fatalf("batch: exit %d: %s", code, stderr)
	}
	for _, fx := range scriptFixtures {
		t.Run("batch/"+fx.name, func(t *testing.T) {
			_, texts := scriptArticle(t, fx.name)
			pdf := filepath.Join(out, "scripts-"+strings.ToLower(fx.name)+".pdf") // file names are lower case
			if _, err := os.Stat(pdf); err != nil {
				t.Fatal(err)
			}
			checkTextOrder(t, pdf, texts, fx.rtl)
			checkFontsEmbedded(t, pdf)
		})
	}
}
