package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pdfWord is a word as pdftotext -bbox places it (points from the top
// left of its page).
type pdfWord struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
}

// pdfWords reads every word of a PDF, pages in order, each page's words
// top to bottom and left to right.
func pdfWords(t *testing.T, pdf string) ([]pdfWord, float64) {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var words []pdfWord
	page, width := -1, 0.0
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.Contains(line, "<page "):
			page++
			width = attr(line, "width")
		case strings.Contains(line, "<word"):
			_, text, _ := strings.Cut(line, ">")
			text, _, _ = strings.Cut(text, "<")
			text = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(text)
			words = append(words, pdfWord{page, attr(line, "xMin"), attr(line, "yMin"), attr(line, "xMax"), attr(line, "yMax"), text})
		}
	}
	sort.SliceStable(words, func(i, j int) bool {
		a, b := words[i], words[j]
		if a.page != b.page {
			return a.page < b.page
		}
		if d := a.y0 - b.y0; d < -1 || d > 1 {
			return d < 0
		}
		return a.x0 < b.x0
	})
	return words, width
}

type fixtureTable struct {
	Type, Caption string
	Head          [][]string
	Rows          [][]string
}

func loadTables(t *testing.T, name string) []fixtureTable {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var a struct{ Body []json.RawMessage }
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	var out []fixtureTable
	for _, b := range a.Body {
		var tb fixtureTable
		if json.Unmarshal(b, &tb) == nil && tb.Type == "table" {
			out = append(out, tb)
		}
	}
	return out
}

// TestTablePDF reads the table fixture back from the PDF (A4, two
// columns): every row of the long table in order with its cells' words in
// their columns' x ranges, its header above its rows in every column it
// takes (after a page break too); the 12-column table set across the page,
// smaller than the others, every cell on the page and none clipped.
func TestTablePDF(t *testing.T) {
	pdf := renderFixture(t, "table-article.json", "--paper", "A4", "--columns", "2")
	words, pageW := pdfWords(t, pdf)
	tables := loadTables(t, "table-article.json")

	// the long table: rows svc-001 … svc-090
	status := tables[2]
	type inst struct {
		page int
		x    float64
	}
	var order []string
	var rowWords []pdfWord
	ranges := map[inst][3][2]float64{}
	firstY := map[inst]float64{}
	rowH := 0.0
	for i, w := range words {
		if !strings.HasPrefix(w.text, "svc-") {
			continue
		}
		rowH = w.y1 - w.y0
		rowWords = append(rowWords, w)
		k := inst{w.page, float64(int(w.x0/10)) * 10}
		if _, ok := firstY[k]; !ok {
			firstY[k] = w.y0
		}
		// the words of its line, from it rightwards within the column
		var line []pdfWord
		for _, v := range words[i:] {
			if v.page != w.page || v.y0-w.y0 > 1 {
				break
			}
			if v.y0-w.y0 > -1 && v.x0 >= w.x0-1 && v.x0 < w.x0+pageW/2-40 {
				line = append(line, v)
			}
		}
		if len(line) < 3 {
			t.Errorf("row %s: words %v", w.text, line)
			continue
		}
		r := ranges[k]
		for c := 0; c < 3; c++ {
			cw := line[min(c, len(line)-1)]
			if c == 2 {
				cw.x1 = line[len(line)-1].x1
			}
			if r[c] == [2]float64{} {
				r[c] = [2]float64{cw.x0, cw.x1}
			}
			r[c][0], r[c][1] = min(r[c][0], cw.x0), max(r[c][1], cw.x1)
		}
		ranges[k] = r
	}
	// reading order: page, then column, then down the column
	sort.SliceStable(rowWords, func(i, j int) bool {
		a, b := rowWords[i], rowWords[j]
		if a.page != b.page {
			return a.page < b.page
		}
		if d := a.x0 - b.x0; d < -10 || d > 10 {
			return d < 0
		}
		return a.y0 < b.y0
	})
	for _, w := range rowWords {
		order = append(order, w.text)
	}
	var want []string
	for _, r := range status.Rows {
		want = append(want, r[0])
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("rows in the PDF:\n%v\nwant\n%v", order, want)
	}
	pages := map[int]bool{}
	for k, r := range ranges {
		pages[k.page] = true
		for c := 0; c < 2; c++ {
			if r[c][1] >= r[c+1][0] {
				t.Errorf("page %d x %.0f: column %d [%.1f, %.1f] runs into column %d [%.1f, %.1f]", k.page+1, k.x, c+1, r[c][0], r[c][1], c+2, r[c+1][0], r[c+1][1])
			}
		}
		header := false
		for _, w := range words {
			if w.page == k.page && w.text == "Service" && w.x0 > k.x-1 && w.x0 < k.x+10 && w.y0 < firstY[k] && firstY[k]-w.y0 < 3*rowH {
				header = true
			}
		}
		if !header {
			t.Errorf("page %d x %.0f: no header right above the rows", k.page+1, k.x)
		}
	}
	if len(ranges) < 2 || len(pages) < 2 {
		t.Errorf("the long table takes %d columns on %d pages, want a page break", len(ranges), len(pages))
	}

	// the 12-column table
	wide := tables[1]
	var region, nov, svc pdfWord
	for _, w := range words {
		switch {
		case w.text == "Region" && region.text == "":
			region = w
		case w.text == "Nov" && nov.text == "":
			nov = w
		case w.text == "Service" && svc.text == "":
			svc = w
		}
	}
	if region.text == "" || nov.text == "" {
		t.Fatalf("the 12-column table's header is not in the PDF")
	}
	if nov.x1-region.x0 < pageW/2 {
		t.Errorf("the 12-column table is %.0f pt wide, want across the page (%.0f)", nov.x1-region.x0, pageW)
	}
	if h, hs := region.y1-region.y0, svc.y1-svc.y0; h >= hs-0.1 {
		t.Errorf("the 12-column table's type is %.2f high, the other tables' %.2f: want smaller", h, hs)
	}
	have := map[string]bool{}
	for _, w := range words {
		have[w.text] = true
		if w.x0 < 0 || w.x1 > pageW-20 {
			t.Errorf("%q at x %.1f–%.1f: outside the page's margins", w.text, w.x0, w.x1)
		}
	}
	for _, r := range append(wide.Head, wide.Rows...) {
		for _, cell := range r {
			if !have[cell] {
				t.Errorf("cell %q of the 12-column table not in the PDF", cell)
			}
		}
	}
}

// TestPreformattedPDF: the preformatted fixture (72- and 120-column lines)
// in 1–3 columns: every line's words in order; a word is split only with
// the continuation mark, and only when it is longer than a line; the box
// drawing is printed.
func TestPreformattedPDF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pre-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Body []struct{ Type, Text string }
	}
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	for _, cols := range []string{"1", "2", "3"} {
		pdf := renderFixture(t, "pre-article.json", "--columns", cols)
		words, _ := pdfWords(t, pdf)
		text := make([]string, len(words))
		for i, w := range words {
			text[i] = w.text
		}
		all := " " + strings.Join(text, " ") + " "
		for _, b := range a.Body {
			if b.Type != "preformatted" {
				continue
			}
			at := 0
			for _, tok := range strings.Fields(b.Text) {
				if strings.Trim(tok, "─│┌┐└┘├┤┬┴┼") == "" {
					continue // box drawing: pdftotext splits it at will
				}
				k := strings.Index(all[at:], tok)
				if k >= 0 && strings.Contains(all[at:at+k+len(tok)+1], " "+tok) {
					at += k + len(tok)
					continue
				}
				// split: its head, the mark, the rest
				split := false
				for i, w := range text {
					if i+1 < len(text) && text[i+1] == "↩" && len(w) >= 8 && strings.HasPrefix(tok, w) && len(w) < len(tok) {
						split = true
						if len(tok) < 60 {
							t.Errorf("%s col: %q split though it is shorter than a line", cols, tok)
						}
					}
				}
				if !split {
					t.Errorf("%s col: %q not printed whole after %q (nor split with the mark)", cols, tok, all[max(0, at-60):at])
				}
			}
		}
		if !strings.Contains(all, "┌") || !strings.Contains(all, "│") {
			t.Errorf("%s col: box drawing not printed", cols)
		}
	}
}
