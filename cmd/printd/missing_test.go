package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingGlyphs renders an article with characters no font has (Unicode
// private use, in the headline and in many places of the body): one
// warning line for the gap, naming the characters, the fields and what to
// do; an error in the preflight report; exit 1 under --strict and in the
// proof preset, with no PDF written.
func TestMissingGlyphs(t *testing.T) {
	dir := t.TempDir()
	var body []map[string]string
	for i := range 40 {
		body = append(body, map[string]string{"type": "paragraph",
			"html": strings.Repeat("A sign only the publication's own font has: \U000F0000\U000F0001, "+string(rune(0xF0010+i))+". ", 3)})
	}
	src, _ := json.Marshal(map[string]any{"headline": "The \U000F0002 sign", "lang": "en", "body": body})
	in := filepath.Join(dir, "pua.json")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}

	out, report := filepath.Join(dir, "web.pdf"), filepath.Join(dir, "web.json")
	code, _, stderr := runCLI(t, "render", in, "-o", out, "--preflight", report)
	if code != 0 {
		t.Fatalf("web: exit %d: %s", code, stderr)
	}
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "no font has") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("%d warning lines about missing characters, want 1:\n%s", len(lines), stderr)
	}
	for _, want := range []string{"43 different characters of private use", "U+F0000", "headline", "body[0].html", "and 38 more", "--fonts DIR"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("the warning lacks %q: %s", want, lines[0])
		}
	}
	if len(lines[0]) > 600 {
		t.Errorf("the warning is %d bytes long", len(lines[0]))
	}
	var rep struct {
		Status  string `json:"status"`
		Missing []struct {
			Code, Where string
		} `json:"missing_glyphs"`
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Status != "error" || len(rep.Missing) == 0 {
		t.Errorf("preflight status %q with %d missing glyphs; want an error", rep.Status, len(rep.Missing))
	}

	for _, args := range [][]string{{"--strict"}, {"--preset", "proof"}} {
		out := filepath.Join(dir, "strict.pdf")
		code, _, stderr := runCLI(t, append([]string{"render", in, "-o", out}, args...)...)
		if code != 1 || !strings.Contains(stderr, "missing glyphs: no font has") {
			t.Errorf("%v: exit %d, want 1 with the gap named: %s", args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: a PDF was written", args)
		}
	}
}

// TestSymbolsInLatin sets symbols inside Latin text — an emoji, n-ary sum
// and product, a midline ellipsis, IPA, box drawing in preformatted text —
// from the system's fallback faces: none is left out and each is in the
// PDF's text.
func TestSymbolsInLatin(t *testing.T) {
	needFont(t, "truetype/noto/NotoSansMath-Regular.ttf")
	needFont(t, "truetype/noto/NotoSansSymbols2-Regular.ttf")
	needFont(t, "truetype/dejavu/DejaVuSans.ttf")
	dir := t.TempDir()
	para := "The index rose ∑ 4.2% (∏ of the ratios ⋯ as before) ☂ ⚡ ✈ ♻; the word is said [ˈwɜːd ʃɪp] ŋ ʒ θ ð."
	pre := "┌──────┬──────┐\n│ 2024 │ 2025 │\n├──────┼──────┤\n│  41  │  47  │\n└──────┴──────┘"
	src, _ := json.Marshal(map[string]any{"headline": "Symbols ∑ and ☂ in Latin text", "lang": "en", "body": []map[string]string{
		{"type": "paragraph", "html": para}, {"type": "preformatted", "text": pre}}})
	in := filepath.Join(dir, "symbols.json")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "symbols.pdf")
	code, _, stderr := runCLI(t, "render", in, "-o", out, "--strict")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkTextOrder(t, out, []string{"Symbols ∑ and ☂ in Latin text", para, pre}, false)
	checkFontsEmbedded(t, out)
}
