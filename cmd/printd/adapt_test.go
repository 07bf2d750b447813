package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCMSInputs: a WordPress post, an ANS story and JSON-LD articles become
// PDFs through the CLI, with the format detected and what was dropped
// reported.
func TestCMSInputs(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	cases := []struct {
		file, format, headline, warning string
	}{
		{"wordpress-embed.json", "wordpress", "", "wordpress: stripped shortcode"},
		{"wordpress-plain.json", "wordpress", "", "not embedded; request with ?_embed"},
		{"ans-story.json", "ans", "", "ans: content_elements"},
		{"jsonld-graph.json", "jsonld", "", ""},
		{"jsonld-article.json", "jsonld", "", ""},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			src := filepath.Join("..", "..", "adapt", "testdata", c.file)
			out := filepath.Join(dir, c.file+".pdf")
			for _, format := range []string{"auto", c.format} {
				code, _, stderr := runCLI(t, "render", src, "--format", format, "-o", out)
				if code != 0 {
					t.Fatalf("--format %s: exit %d: %s", format, code, stderr)
				}
				if !strings.Contains(stderr, "read as "+c.format) {
					t.Errorf("--format %s: stderr does not say the format: %s", format, stderr)
				}
				if c.warning != "" && !strings.Contains(stderr, c.warning) {
					t.Errorf("--format %s: no warning %q in %s", format, c.warning, stderr)
				}
			}
			txt, err := exec.Command(pdftotext, out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if len(strings.Fields(string(txt))) < 30 {
				t.Errorf("PDF has little text: %q", txt)
			}
		})
	}
	// The wrong explicit format is a clear error, not a garbled PDF.
	code, _, stderr := runCLI(t, "render", filepath.Join("..", "..", "adapt", "testdata", "ans-story.json"), "--format", "wordpress", "-o", filepath.Join(dir, "x.pdf"))
	if code != 1 || !strings.Contains(stderr, "title.rendered: required") {
		t.Errorf("ANS read as WordPress: exit %d, %s", code, stderr)
	}
}
