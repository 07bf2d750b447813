package layout

import (
	"strconv"
	"strings"
	"testing"
)

// ruleBox is the area a rule's stroke covers.
func ruleBox(r Rule) Rect {
	h := r.Thickness / 2
	return Rect{X: min(r.X1, r.X2) - h, Y: min(r.Y1, r.Y2) - h, W: abs(r.X2-r.X1) + r.Thickness, H: abs(r.Y2-r.Y1) + r.Thickness}
}

// TestSlugClearOfMarks: on every paper, with a short and an absurdly long
// article name, the slug line names the article, the page and PROOF, lies
// under the bleed inside the sheet, and no stroke of a crop or
// registration mark crosses its box.
func TestSlugClearOfMarks(t *testing.T) {
	a := loadFixture(t, "seed-article.json")
	for _, paper := range []string{"A4", "Tabloid", "Berliner", "100x150mm"} {
		for _, slug := range []string{
			a.ID + " · printd 0.1.0 · 2025-11-19 14:05 UTC",
			strings.Repeat("a-very-long-article-identifier-", 12) + " · printd 0.1.0 · 2025-11-19 14:05 UTC",
		} {
			spec := presetSpec(t, "proof", paper, 1)
			doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t), Images: fixtureImages(a), Slug: slug})
			if err != nil {
				t.Fatal(err)
			}
			for pi, p := range doc.Pages {
				var slugs []Text
				for _, tx := range p.Texts {
					if tx.Role == RoleMark {
						slugs = append(slugs, tx)
					}
				}
				if len(slugs) != 1 {
					t.Fatalf("%s p%d: %d slug lines", paper, pi+1, len(slugs))
				}
				sl := slugs[0]
				want := []string{"page " + itoa(pi+1) + " of " + itoa(len(doc.Pages)), "· PROOF"}
				if len(slug) < 100 {
					want = append(want, a.ID, "printd 0.1.0")
				} else if !strings.Contains(sl.Text, "a-very-long") || !strings.Contains(sl.Text, "…") {
					t.Errorf("%s: long slug %q not shortened with an ellipsis", paper, sl.Text)
				}
				for _, w := range want {
					if !strings.Contains(sl.Text, w) {
						t.Errorf("%s p%d: slug %q lacks %q", paper, pi+1, sl.Text, w)
					}
				}
				box := sl.Box()
				if box.Y < p.Bleed.Bottom() || box.Bottom() > p.Height || box.X < p.Trim.X || box.Right() > p.Trim.Right() {
					t.Errorf("%s p%d: slug %+v not under the trim within the sheet (bleed %+v, page %.0f high)", paper, pi+1, box, p.Bleed, p.Height)
				}
				marks := 0
				for _, r := range p.Rules {
					rb := ruleBox(r)
					if p.Bleed.Intersects(rb, 0) {
						continue // a rule of the page, not a mark
					}
					marks++
					if rb.Intersects(box, 0) {
						t.Errorf("%s p%d: mark stroke %+v crosses the slug %q %+v", paper, pi+1, rb, sl.Text, box)
					}
				}
				if marks != 8+3*26 {
					t.Errorf("%s p%d: %d mark strokes, want 8 of crop marks and 3×26 of registration marks", paper, pi+1, marks)
				}
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
