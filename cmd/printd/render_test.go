package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"printd/article"
)

// tool finds an external checker; with PRINTD_REQUIRE_TOOLS set (as CI
// does) a missing one fails the test instead of skipping it.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found (install poppler-utils and qpdf)", name)
		}
		t.Skipf("%s not found", name)
	}
	return p
}

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// letters keeps what must survive typesetting: no white space, no hyphens
// (line breaking adds and removes them), compatibility forms folded.
func letters(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u00ad' || r == '\u2010' {
			return -1
		}
		return r
	}, s)
}

// pieces lists the article's texts in reading order.
func pieces(a *article.Article) []string {
	var p []string
	add := func(s ...string) {
		for _, x := range s {
			if x != "" {
				p = append(p, x)
			}
		}
	}
	add(a.Headline, a.Subheadline)
	add(a.Authors...)
	if a.Photo != nil {
		add(a.Photo.Caption, a.Photo.Credit)
	}
	for _, b := range a.Body {
		switch b.Type {
		case article.Paragraph, article.Quote:
			add(article.PlainText(b.Runs), b.Cite)
		case article.Heading, article.Preformatted:
			add(b.Text)
		case article.List:
			for _, it := range article.ItemTexts(b.Items) {
				add(article.PlainText(it))
			}
		}
	}
	if a.Footer != nil {
		add(a.Footer.Text)
		for _, l := range a.Footer.Links {
			add(l.Text)
		}
	}
	return p
}

func TestRenderFixtures(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	qpdf := tool(t, "qpdf")
	pdffonts := tool(t, "pdffonts")
	dir := t.TempDir()
	for _, fx := range []string{"seed-article.json", "ru-article.json", "html-body-article.json"} {
		t.Run(fx, func(t *testing.T) {
			src := filepath.Join("..", "..", "testdata", fx)
			out := filepath.Join(dir, strings.TrimSuffix(fx, ".json")+".pdf")
			code, _, stderr := runCLI(t, "render", src, "-o", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if strings.Contains(stderr, "warning") {
				t.Errorf("unexpected warnings: %s", stderr)
			}
			if b, err := exec.Command(qpdf, "--check", out).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, b)
			}
			fl, err := exec.Command(pdffonts, out).Output()
			if err != nil {
				t.Fatal(err)
			}
			rows := strings.Split(strings.TrimSpace(string(fl)), "\n")[2:]
			if len(rows) < 2 {
				t.Errorf("pdffonts lists %d fonts", len(rows))
			}
			for _, row := range rows {
				f := strings.Fields(row)
				// name type... encoding emb sub uni object ID
				if n := len(f); n < 6 || f[n-5] != "yes" || f[n-4] != "yes" {
					t.Errorf("font not embedded and subset: %s", row)
				}
			}
			// The type area only: the running footer repeats on every page.
			txt, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "1000", "-H", "780", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(src)
			a, err := article.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			full := letters(string(txt))
			got := full
			// A body figure may head the column where the paragraph before
			// it continues: its caption is checked apart from the text.
			for _, b := range a.Body {
				if b.Image != nil {
					for _, c := range []string{b.Image.Caption, b.Image.Credit} {
						if w := letters(c); w != "" {
							got = strings.Replace(got, w, "", 1)
						}
					}
				}
			}
			at := 0
			for _, p := range pieces(a) {
				want := letters(p)
				i := strings.Index(got[at:], want)
				if i < 0 {
					t.Errorf("text %q not found in order in the PDF (after byte %d)", p, at)
					continue
				}
				at += i + len(want)
			}
			for _, b := range a.Body {
				// figures may float past the text that follows them
				if b.Type == article.ImageBlock && !strings.Contains(full, letters(b.Image.Caption)) {
					t.Errorf("figure caption %q missing", b.Image.Caption)
				}
			}
			for _, special := range []string{"“", "”", "’", "—", "ö", "ë", "Ελληνικά", "«", "ё"} {
				if strings.Count(string(data), special) > 0 && strings.Count(string(txt), special) < 1 {
					t.Errorf("%q lost", special)
				}
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, body string
		want       []string
	}{
		{"syntax.json", "{\n  \"headline\": \"x\",\n  \"body\": [\n}", []string{"syntax.json:4:1:"}},
		{"invalid.json", `{"body": [{"type": "heading", "level": 7, "text": "x"}, {"type": "chart"}]}`,
			[]string{"headline:", "body[0].level:", "body[1].type:"}},
	}
	for _, c := range cases {
		out := filepath.Join(dir, c.name+".pdf")
		code, _, stderr := runCLI(t, "render", write(c.name, c.body), "-o", out)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", c.name, code)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.name, w, stderr)
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a PDF was written for bad input", c.name)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
		if len(left) > 0 {
			t.Errorf("%s: temporary files left: %v", c.name, left)
		}
	}
	if code, _, _ := runCLI(t, "render"); code != 2 {
		t.Errorf("render without input: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestRenderOptionsAndStdout(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "seed-article.json")
	code, out, stderr := runCLI(t, "render", "--paper", "Letter", "--columns", "3", "--grayscale", src, "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "%PDF-") || !strings.Contains(out, "%%EOF") {
		t.Fatalf("stdout is not a PDF")
	}
	if !strings.Contains(out, "/MediaBox [0 0 612.00 792.00]") {
		t.Errorf("Letter paper not applied")
	}
	code, _, stderr = runCLI(t, "render", "--columns", "9", src, "-o", "-")
	if code != 2 || !strings.Contains(stderr, "--columns: must be 1–4") {
		t.Errorf("columns=9: exit %d, stderr %q", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "printd ") {
		t.Errorf("version: %d %q", code, out)
	}
}
