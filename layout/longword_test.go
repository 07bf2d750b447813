package layout

import (
	"sort"
	"strings"
	"testing"

	"printd/article"
)

// lineTexts returns the text of each line of role on page 0, top to bottom.
func lineTexts(doc *Document, role Role) []string {
	byY := map[float64][]Text{}
	for _, t := range doc.Pages[0].Texts {
		if t.Role == role {
			byY[t.Y] = append(byY[t.Y], t)
		}
	}
	ys := make([]float64, 0, len(byY))
	for y := range byY {
		ys = append(ys, y)
	}
	sort.Float64s(ys)
	var out []string
	for _, y := range ys {
		ts := byY[y]
		sort.Slice(ts, func(i, j int) bool { return ts[i].X < ts[j].X })
		var b strings.Builder
		for i, t := range ts {
			if i > 0 && t.X > ts[i-1].X+ts[i-1].Width+0.5 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Text)
		}
		out = append(out, b.String())
	}
	return out
}

// rejoin puts lines back together: a line ending in a hyphen the setter
// added joins the next without a space.
func rejoin(lines []string, hyphens *int) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && !strings.HasSuffix(lines[i-1], "-") {
			b.WriteByte(' ')
		}
		if strings.HasSuffix(l, "-") && i < len(lines)-1 {
			l = strings.TrimSuffix(l, "-")
			*hyphens++
		}
		b.WriteString(l)
	}
	return b.String()
}

// TestHeadlineLongWord: a headline word wider than the measure makes the
// headline smaller, and when even the smallest size cannot hold it, it is
// broken with a hyphen; never cut silently ("Selbstbestimmungsgesetz" /
// "es:").
func TestHeadlineLongWord(t *testing.T) {
	const headline = "Das Selbstbestimmungsgesetzes: was sich ändert"
	for _, tt := range []struct {
		paper      string
		wantHyphen bool
	}{{"150x210mm", false}, {"90x150mm", true}} {
		a := &article.Article{Lang: "de", Headline: headline, Body: []article.Block{{Type: article.Paragraph, Runs: []article.Run{{Text: "Text."}}}}}
		spec := DefaultSpec(mustPaper(t, tt.paper), 1)
		doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t)})
		if err != nil {
			t.Fatal(err)
		}
		lines := lineTexts(doc, RoleHeadline)
		hyphens := 0
		if got := rejoin(lines, &hyphens); got != headline {
			t.Errorf("%s: headline lines %q read %q, want %q", tt.paper, lines, got, headline)
		}
		if (hyphens > 0) != tt.wantHyphen {
			t.Errorf("%s: headline lines %q: %d hyphens", tt.paper, lines, hyphens)
		}
	}
}

// TestEmergencyCutHyphen: a word no line of a narrow column can hold is cut
// with a hyphen; an address is cut without one.
func TestEmergencyCutHyphen(t *testing.T) {
	const word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
	const addr = "https://example.org/averyveryverylongpathsegmentwithoutslashesanywhere"
	a := &article.Article{Lang: "xx", Headline: "H", Body: []article.Block{
		{Type: article.Paragraph, Runs: []article.Run{{Text: word}}},
		{Type: article.Paragraph, Runs: []article.Run{{Text: addr}}},
	}}
	spec := DefaultSpec(mustPaper(t, "90x150mm"), 1)
	spec.Hyphenate = false
	doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t)})
	if err != nil {
		t.Fatal(err)
	}
	lines := lineTexts(doc, RoleBody)
	if len(lines) < 4 {
		t.Fatalf("lines %q", lines)
	}
	var words, addrs []string
	for _, l := range lines {
		if strings.HasPrefix(l, "https") || len(addrs) > 0 {
			addrs = append(addrs, l)
		} else {
			words = append(words, l)
		}
	}
	hyphens := 0
	if got := rejoin(words, &hyphens); got != word || hyphens != len(words)-1 {
		t.Errorf("word lines %q: read %q with %d hyphens", words, got, hyphens)
	}
	if got := strings.Join(addrs, ""); got != addr {
		t.Errorf("address lines %q", addrs)
	}
}

// TestStandfirstRepeatingHeadline: a standfirst that only repeats the
// headline is printed once, with a warning.
func TestStandfirstRepeatingHeadline(t *testing.T) {
	a := &article.Article{Lang: "en", Headline: "Harbour reopens", Subheadline: " harbour  Reopens.",
		Body: []article.Block{{Type: article.Paragraph, Runs: []article.Run{{Text: "Text."}}}}}
	doc, err := Layout(&Input{Article: a, Spec: DefaultSpec(mustPaper(t, "A4"), 1), Fonts: testBook(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := lineTexts(doc, RoleStandfirst); len(got) != 0 {
		t.Errorf("standfirst printed: %q", got)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "repeats the headline") {
		t.Errorf("warnings %q", doc.Warnings)
	}
}
