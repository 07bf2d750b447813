package layout

import (
	"fmt"
	"strings"
	"testing"

	"printd/article"
)

// closingArticle has n words of body text (in paragraphs of up to 60
// words), a long address and a legal footer.
func closingArticle(n int) *article.Article {
	words := strings.Fields(strings.Repeat("the harbour reopened on wednesday after six weeks of repairs and ferries are back ", 400))
	var body []article.Block
	for i := 0; i < n; i += 60 {
		body = append(body, article.Block{Type: article.Paragraph, Runs: []article.Run{{Text: strings.Join(words[i:min(i+60, n)], " ") + "."}}})
	}
	return &article.Article{
		Lang: "en", Headline: "Harbour reopens", URL: "https://example.org/world/2025/11/19/harbour-reopens-after-the-storm-with-a-rather-long-address-indeed",
		Body:   body,
		Footer: &article.Footer{Text: "Editor in chief: Jane Doe.", Links: []article.Link{{Text: "Terms", URL: "https://example.org/terms"}}},
	}
}

// TestClosingBlockKeptWhole: for articles whose text ends anywhere on a
// page — near its foot included — the legal footer, the address and the QR
// code are on one page, in one column, in that order, and never alone on
// a page without body text.
func TestClosingBlockKeptWhole(t *testing.T) {
	fb := testBook(t)
	qr := make([][]bool, 25)
	for i := range qr {
		qr[i] = make([]bool, 25)
		qr[i][i] = true
	}
	checked, endings := 0, map[string]bool{}
	for _, cols := range []int{1, 2, 3} {
		spec := DefaultSpec(mustPaper(t, "148x210mm"), cols)
		if spec.Validate() != nil {
			continue
		}
		layout := func(n int) *Document {
			doc, err := Layout(&Input{Article: closingArticle(n), Spec: spec, Fonts: fb, QR: qr})
			if err != nil {
				t.Fatal(err)
			}
			return doc
		}
		// the shortest text that needs a second page; the ones a little
		// shorter end near the foot of the first
		lo, hi := 20, 2400
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; len(layout(mid).Pages) > 1 {
				hi = mid
			} else {
				lo = mid
			}
		}
		for n := hi - 40; n <= hi+10; n += 2 {
			name := fmt.Sprintf("%dcol/%dwords", cols, n)
			doc := layout(n)
			checked++
			legalPage, legalX := -1, 0.0
			var legalTop, legalBottom float64
			for pi, p := range doc.Pages {
				for _, tx := range p.Texts {
					if tx.Role != RoleLegal {
						continue
					}
					if legalPage >= 0 && legalPage != pi {
						t.Fatalf("%s: legal footer split over pages %d and %d (%q)", name, legalPage+1, pi+1, tx.Text)
					}
					if legalPage < 0 {
						legalX, legalTop = tx.X, tx.Y
					}
					legalPage, legalBottom = pi, tx.Y
				}
			}
			if legalPage < 0 {
				t.Fatalf("%s: no legal footer", name)
			}
			p := doc.Pages[legalPage]
			if len(p.Boxes) == 0 {
				t.Fatalf("%s: QR code not on the page of the legal footer (page %d)", name, legalPage+1)
			}
			for _, b := range p.Boxes {
				if b.Y < legalTop-spec.Legal.Leading || b.Y > legalBottom+2*qrSideFor(33) || b.X < legalX {
					t.Fatalf("%s: QR module at %+v away from the footer text (from %.1f,%.1f to %.1f)", name, b.Rect, legalX, legalTop, legalBottom)
				}
			}
			body := 0
			for _, tx := range p.Texts {
				if tx.Role == RoleBody {
					body++
				}
			}
			if body == 0 {
				t.Fatalf("%s: the closing block stands alone on page %d of %d", name, legalPage+1, len(doc.Pages))
			}
			endings[fmt.Sprintf("%d pages", len(doc.Pages))] = true
		}
	}
	if checked == 0 || len(endings) < 2 {
		t.Fatalf("checked %d layouts, endings %v", checked, endings)
	}
}
