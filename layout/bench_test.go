package layout

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkLayoutSeed is the whole typesetting of the seed article on A4 in
// two columns: header, lead photo, hyphenation, line breaking, flow and
// balancing.
func BenchmarkLayoutSeed(b *testing.B) {
	for _, name := range []string{"seed-article.json", "ru-article.json"} {
		b.Run(name, func(b *testing.B) {
			a := loadFixture(b, name)
			in := &Input{Article: a, Spec: DefaultSpec(mustPaper(b, "A4"), 2), Fonts: testBook(b), Images: fixtureImages(a)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Layout(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLayoutLength lays out the seed article with its body repeated 1
// to 20 times and reports the time per body word: a layout that scales
// linearly keeps ns/word flat as the article grows to 20 pages and more.
func BenchmarkLayoutLength(b *testing.B) {
	seed := loadFixture(b, "seed-article.json")
	for _, copies := range []int{1, 5, 10, 20, 40} {
		a := *seed
		a.Body = nil
		for range copies {
			a.Body = append(a.Body, seed.Body...)
		}
		words := 0
		for _, blk := range a.Body {
			for _, r := range blk.Runs {
				words += len(strings.Fields(r.Text))
			}
			words += len(strings.Fields(blk.Text))
		}
		in := &Input{Article: &a, Spec: DefaultSpec(mustPaper(b, "A4"), 2), Fonts: testBook(b), Images: fixtureImages(&a)}
		b.Run(fmt.Sprintf("x%d", copies), func(b *testing.B) {
			b.ReportAllocs()
			var pages int
			for b.Loop() {
				doc, err := Layout(in)
				if err != nil {
					b.Fatal(err)
				}
				pages = len(doc.Pages)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
