package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestUnspacedLineEnds renders Thai, Lao, Khmer and Burmese articles (the
// UDHR test texts of layout/segment) through the CLI with the system's Noto
// Sans face of each script as a profile's fallback, and checks, on the PDF
// as pdftotext reads it, that every line of the body ends where ICU's
// BreakIterator sees a word boundary (or at a space), and that the text
// reads as the article has it, without a space between words it writes
// together (checkUnspacedText). Skipped without the
// fonts (Debian fonts-noto-core), poppler or python3-icu.
func TestUnspacedLineEnds(t *testing.T) {
	for _, sc := range []struct{ lang, font string }{
		{"th", "Thai"}, {"lo", "Lao"}, {"km", "Khmer"}, {"my", "Myanmar"},
	} {
		t.Run(sc.lang, func(t *testing.T) { testUnspacedLineEnds(t, sc.lang, sc.font) })
	}
}

func testUnspacedLineEnds(t *testing.T, lang, script string) {
	regular := "/usr/share/fonts/truetype/noto/NotoSans" + script + "-Regular.ttf"
	bold := "/usr/share/fonts/truetype/noto/NotoSans" + script + "-Bold.ttf"
	for _, f := range []string{regular, bold} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("%s not installed (Debian fonts-noto-core)", f)
		}
	}
	pdftotext := tool(t, "pdftotext")
	py := pythonICU(t)
	dir := t.TempDir()
	prof := "name: unspaced\nfonts:\n  fallback:\n    - name: script\n      regular: " + regular + "\n      bold: " + bold + "\n"
	if err := os.WriteFile(filepath.Join(dir, "unspaced.yaml"), []byte(prof), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../../layout/segment/testdata/udhr-" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(text)), "\n")
	paras = append(paras, paras...)
	blocks := make([]map[string]string, len(paras))
	for i, p := range paras {
		blocks[i] = map[string]string{"type": "paragraph", "html": p}
	}
	src, err := json.Marshal(map[string]any{
		"id": "udhr-" + lang, "url": "https://example.org/" + lang + "/udhr", "lang": lang, "publication": "unspaced",
		"headline": "Universal Declaration of Human Rights", "published": "2025-11-19T14:05:00Z", "body": blocks,
	})
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	in := filepath.Join(work, lang+".json")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, lang+".pdf")
	if code, _, stderr := runCLI(t, "render", "--profiles", dir, in, "-o", out); code != 0 {
		t.Fatalf("render: %d %s", code, stderr)
	}
	// no space read where the text has none (a justified line's slack
	// between words), in the order of the text
	checkUnspacedText(t, extracted(t, out, true), paras)
	body := strings.Join(paras, "\n")
	cmd := exec.Command(py, "../../layout/segment/testdata/icu_words.py", lang)
	cmd.Stdin = strings.NewReader(body)
	icuOut, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	icu := map[int]bool{}
	for _, f := range bytes.Fields(icuOut) {
		n, _ := strconv.Atoi(string(f))
		icu[n] = true
	}
	// the body without white space, and where each of its bytes is in body
	var flat []byte
	var at []int
	for i := 0; i < len(body); i++ {
		if body[i] == ' ' || body[i] == '\n' {
			continue
		}
		flat = append(flat, body[i])
		at = append(at, i)
	}
	bbox, err := exec.Command(pdftotext, "-bbox-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	lineRE := regexp.MustCompile(`(?s)<line[^>]*>(.*?)</line>`)
	wordRE := regexp.MustCompile(`<word[^>]*>([^<]*)</word>`)
	pos, checked := 0, 0
	for _, m := range lineRE.FindAllSubmatch(bbox, -1) {
		var line []byte
		for _, w := range wordRE.FindAllSubmatch(m[1], -1) {
			line = append(line, w[1]...)
		}
		i := bytes.Index(flat[pos:], line)
		if len(line) < 9 || i < 0 || i > 3*len(line) {
			continue // not a body line (headline, byline, footer)
		}
		end := pos + i + len(line) // in flat
		pos = end
		if end >= len(flat) {
			break
		}
		e := at[end-1] + 1 // just after the line's last byte in body
		checked++
		if body[e] != ' ' && body[e] != '\n' && !icu[e] {
			t.Errorf("a line ends inside a word: …%s|%s…", lastN(body[:e], 15), firstN(body[e:], 15))
		}
	}
	t.Logf("%d body lines checked", checked)
	if checked < 10 {
		t.Errorf("only %d body lines found in the PDF", checked)
	}
}

func pythonICU(t *testing.T) string {
	t.Helper()
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import icu").Run() == nil {
			return p
		}
	}
	if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
		t.Fatal("python3 with ICU (Debian python3-icu) not found")
	}
	t.Skip("python3-icu not installed")
	return ""
}

func lastN(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

func firstN(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}
