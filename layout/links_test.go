package layout

import (
	"strings"
	"testing"

	"printd/article"
)

// linkArticle is an article whose paragraph links a long address.
func linkArticle(t *testing.T) *article.Article {
	a := loadFixture(t, "seed-article.json")
	a.Body = append([]article.Block{{Type: article.Paragraph, Runs: []article.Run{
		{Text: "The draft was "},
		{Text: "published in full", Link: "https://news.example.org/world/2025/11/19/peace-plan-28-points-full-text?utm_source=print&utm_medium=archive"},
		{Text: " and again "},
		{Text: "here", Link: "https://news.example.org/world/2025/11/19/peace-plan-28-points-full-text?utm_source=print&utm_medium=archive"},
		{Text: ", see also "},
		{Text: "example.org", Link: "https://example.org/"},
		{Text: "."},
	}}}, a.Body...)
	return a
}

// TestAddressesOnPaper: inline, a link's address follows its text in
// parentheses and breaks only after a slash or before . - ? &, never with
// a hyphen; as footnotes, the text carries a number and the addresses are
// listed once each in the closing block; a link whose text is its address
// gets neither.
func TestAddressesOnPaper(t *testing.T) {
	addr := "https://news.example.org/world/2025/11/19/peace-plan-28-points-full-text?utm_source=print&utm_medium=archive"
	for _, mode := range []LinksPrint{LinksPrintInline, LinksPrintFootnote} {
		a := linkArticle(t)
		spec := presetSpec(t, "archive", "A4", 4)
		spec.PrintLinks = mode
		doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t), Images: fixtureImages(a)})
		if err != nil {
			t.Fatal(err)
		}
		// the texts of the paragraph and the closing block, line by line
		// (a raised note number joins its line), without spaces
		var lines []string
		for _, p := range doc.Pages {
			lastY := -100.0
			for _, tx := range p.Texts {
				if tx.Block != 0 && tx.Role != RoleLegal {
					continue
				}
				if tx.Y-lastY > 4 || lastY-tx.Y > 4 {
					lines = append(lines, "")
					lastY = tx.Y
				}
				lines[len(lines)-1] += strings.ReplaceAll(tx.Text, " ", "")
			}
		}
		joined := strings.Join(lines, "")
		all := strings.Join(lines, "\n")
		switch mode {
		case LinksPrintInline:
			if strings.Count(joined, "("+addr+")") != 2 {
				t.Errorf("inline: the address is not printed after both links:\n%s", all)
			}
			if strings.Contains(joined, "(https://example.org/)") {
				t.Errorf("inline: a link showing its address got it again:\n%s", all)
			}
			// each line end inside an address: after / or before . - ? &
			// (and no hyphen added: the address reads whole above)
			at := 0
			ends := map[int]bool{}
			for _, l := range lines {
				at += len(l)
				ends[at] = true
			}
			for k := 0; ; {
				i := strings.Index(joined[k:], addr)
				if i < 0 {
					break
				}
				start := k + i
				for e := start + 1; e < start+len(addr); e++ {
					if ends[e] && joined[e-1] != '/' && strings.IndexByte(".-?&", joined[e]) < 0 {
						t.Errorf("inline: address broken at %q|%q", joined[start:e], joined[e:start+len(addr)])
					}
				}
				k = start + len(addr)
			}
			if n := len(lines); n < 8 {
				t.Errorf("inline: %d lines; want the address broken over several", n)
			}
		case LinksPrintFootnote:
			if strings.Contains(joined, "("+addr) {
				t.Errorf("footnote: address inline:\n%s", all)
			}
			if !strings.Contains(joined, "published") || !strings.Contains(joined, "full1") || !strings.Contains(joined, "here1") {
				t.Errorf("footnote: the links carry no note number:\n%s", all)
			}
			if n := strings.Count(joined, "1"+addr); n != 1 {
				t.Errorf("footnote: the address is listed %d times, want once:\n%s", n, all)
			}
		}
	}
}
