package linebreak

import (
	"math/rand/v2"
	"testing"
)

// A 2,000-word paragraph of 10 pt text with hyphenation points on a 250 pt
// measure (about 50 characters a line).
func benchParagraph() []Item { return prose(rand.New(rand.NewPCG(1, 1)), 2000) }

func BenchmarkBreak2000(b *testing.B) {
	items := benchParagraph()
	widths := Widths(250)
	p := DefaultParams()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Break(items, widths, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBreak2000DropCap(b *testing.B) {
	items := benchParagraph()
	widths := Widths(200, 200, 200, 250)
	p := DefaultParams()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Break(items, widths, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGreedy2000(b *testing.B) {
	items := benchParagraph()
	widths := Widths(250)
	b.ReportAllocs()
	for b.Loop() {
		if Greedy(items, widths) == nil {
			b.Fatal("no lines")
		}
	}
}
