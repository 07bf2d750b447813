package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
	"printd/engine"
)

// TestSeedFitsOnePage: the seed article in the web preset (A4, two
// columns, copyfit on by default) is set on one page with every word of it
// there in reading order, and the preflight report says what copyfit did.
// With copyfit off it runs onto a second page: the test would not notice a
// seed that simply got shorter.
func TestSeedFitsOnePage(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	pdfinfo := tool(t, "pdfinfo")
	dir := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "seed-article.json")
	pages := func(pdf string) string {
		out, err := exec.Command(pdfinfo, pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && k == "Pages" {
				return strings.TrimSpace(v)
			}
		}
		return "?"
	}
	off := filepath.Join(dir, "off.pdf")
	if code, _, stderr := runCLI(t, "render", src, "-o", off, "--fit", "off"); code != 0 {
		t.Fatalf("fit off: exit %d: %s", code, stderr)
	}
	if n := pages(off); n != "2" {
		t.Fatalf("without copyfit the seed takes %s pages; the test wants a runover", n)
	}

	pdf := filepath.Join(dir, "seed.pdf")
	report := filepath.Join(dir, "report.json")
	if code, _, stderr := runCLI(t, "render", src, "-o", pdf, "--preflight", report); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := pages(pdf); n != "1" {
		t.Fatalf("the seed in the web preset takes %s pages, want 1", n)
	}
	txt, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	got := letters(string(txt))
	at := 0
	for _, p := range pieces(a) {
		want := letters(p)
		i := strings.Index(got[at:], want)
		if i < 0 {
			t.Errorf("text %q not found in order on the page (after byte %d)", p, at)
			continue
		}
		at += i + len(want)
	}
	if w := letters(a.URL); !strings.Contains(got, w) {
		t.Errorf("the article's address %q is not on the page", a.URL)
	}

	var r engine.Report
	rb, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(rb, &r); err != nil {
		t.Fatal(err)
	}
	var did string
	for _, n := range r.Layout {
		if strings.HasPrefix(n, "copyfit: ") {
			did = n
		}
	}
	if !strings.Contains(did, "2 → 1 pages") || !strings.Contains(did, "lead photo") {
		t.Errorf("preflight layout notes %q: want what copyfit did to pull the page back", r.Layout)
	}
}
