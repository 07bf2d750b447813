package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// arabicURLArticle is the seed article with an address whose path is
// Arabic (percent-encoded, as a CMS sends it), a short address, and a link
// in the body.
func arabicURLArticle(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var art map[string]any
	if err := json.Unmarshal(data, &art); err != nil {
		t.Fatal(err)
	}
	art["url"] = "https://ar.example/%D8%B4%D8%B9%D8%A7%D8%B1"
	art["shortUrl"] = "https://ar.example/s/Zp4"
	photo, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "seed-photo.jpg"))
	art["photo"].(map[string]any)["src"] = photo
	body := art["body"].([]any)
	body[1] = map[string]any{"type": "paragraph", "html": `The plan, <a href="https://example.org/plans/28">not yet disclosed</a>, was put together without Kyiv.`}
	b, _ := json.Marshal(art)
	src := filepath.Join(dir, "ar.json")
	if err := os.WriteFile(src, b, 0o644); err != nil {
		t.Fatal(err)
	}
	src, _ = filepath.Abs(src)
	return src
}

// TestLinksOnPaper: the archive and proof PDFs print every link's address
// as text — the legal footer's links and the body's — the article's
// Arabic address in Arabic letters, not percent-encoded; the web PDF
// prints none (its links are live). Every preset's QR code, set beside the
// footer text, decodes at 150 dpi to the article's short address.
func TestLinksOnPaper(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	zbar := tool(t, "zbarimg")
	pdftoppm := tool(t, "pdftoppm")
	dir := t.TempDir()
	for _, fx := range []string{"seed", "arabic"} {
		src := filepath.Join("..", "..", "testdata", "seed-article.json")
		if fx == "arabic" {
			src = arabicURLArticle(t, dir)
		}
		for _, preset := range []string{"web", "archive", "proof"} {
			pdf := filepath.Join(dir, fx+"-"+preset+".pdf")
			if code, _, stderr := runCLI(t, "render", src, "--preset", preset, "-o", pdf); code != 0 {
				t.Fatalf("%s %s: exit %d: %s", fx, preset, code, stderr)
			}
			out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			// the words without the spaces between them: an address may
			// be broken over lines (at / . - ? &, never with a hyphen)
			text := strings.Join(strings.Fields(string(out)), "")
			addrs := []string{"Terms of use (https://example.org/terms).", "Privacy policy (https://example.org/privacy)."}
			if fx == "arabic" {
				addrs = append(addrs, "not yet disclosed (https://example.org/plans/28)")
			}
			for _, a := range addrs {
				if has := strings.Contains(text, strings.ReplaceAll(a, " ", "")); has != (preset != "web") {
					t.Errorf("%s %s: %q printed: %v", fx, preset, a, has)
				}
			}
			if fx == "arabic" {
				if !strings.Contains(text, "شعار") || strings.Contains(text, "%D8") {
					t.Errorf("%s: the Arabic address is not printed in Arabic letters: %s", preset, text[max(0, len(text)-400):])
				}
			}
			// the QR code, at 150 dpi, on the last page
			if o, err := exec.Command(pdftoppm, "-png", "-r", "150", pdf, filepath.Join(dir, fx+preset)).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v %s", err, o)
			}
			pages, _ := filepath.Glob(filepath.Join(dir, fx+preset+"-*.png"))
			got, _ := exec.Command(zbar, "-q", "--raw", pages[len(pages)-1]).Output()
			want := "https://example.org/articles/2025/11/19/zelensky-us-peace-plan"
			if fx == "arabic" {
				want = "https://ar.example/s/Zp4"
			}
			if strings.TrimSpace(string(got)) != want {
				t.Errorf("%s %s: QR code reads %q, want %q", fx, preset, got, want)
			}
		}
	}
}
