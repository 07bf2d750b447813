package linebreak

import (
	"math"
	"math/rand/v2"
	"testing"
)

// raggedWords is a paragraph of ragged words: boxes of the given widths
// with rigid 3 pt spaces.
func raggedWords(ws ...float64) []Item {
	var items []Item
	for i, w := range ws {
		if i > 0 {
			items = append(items, GlueItem(3, 0, 0))
		}
		items = append(items, BoxItem(w))
	}
	return append(items, ParagraphEnd()...)
}

// raggedCost is Balance's objective for a breaking.
func raggedCost(items []Item, lines []Line, width float64) float64 {
	c := 0.0
	for _, l := range lines {
		s := (width - l.Width) / width
		c += 10000 * s * s
		if l.Break < len(items) && items[l.Break].Kind == Penalty && items[l.Break].Penalty > 0 {
			c += items[l.Break].Penalty
		}
	}
	return c
}

// Balance keeps Greedy's line count and finds the least ragged breaking,
// as an exhaustive search over every breaking does.
func TestBalanceMatchesExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 300; iter++ {
		var ws []float64
		for range 3 + rng.IntN(9) {
			ws = append(ws, float64(10+rng.IntN(50)))
		}
		items := raggedWords(ws...)
		// some breaks are poor: a penalty before their space
		for i := len(items) - 4; i > 0; i-- {
			if items[i].Kind == Glue && rng.IntN(4) == 0 {
				items = append(items[:i], append([]Item{PenaltyItem(0, 400, false)}, items[i:]...)...)
			}
		}
		width := float64(80 + rng.IntN(120))
		g := Greedy(items, Widths(width))
		got := Balance(items, width)
		if len(got) != len(g) {
			t.Fatalf("%v at %v: %d lines, greedy %d", ws, width, len(got), len(g))
		}
		if err := checkLines(items, got, Widths(width)); err != nil {
			t.Fatal(err)
		}
		// exhaustive: every subset of breakpoints giving len(g) lines
		var bps []int
		for i := range items {
			if legalBreak(items, i) && !items[i].isForced() {
				bps = append(bps, i)
			}
		}
		best := math.Inf(1)
		for mask := 0; mask < 1<<len(bps); mask++ {
			var lines []Line
			start, ok := 0, true
			for b, pos := range bps {
				if mask&(1<<b) == 0 {
					continue
				}
				l := makeLine(items, start, pos, width)
				if l.Width > width+overEps {
					ok = false
					break
				}
				lines = append(lines, l)
				start, _ = afterBreak(items, pos, sums{})
			}
			if !ok {
				continue
			}
			l := makeLine(items, start, len(items)-1, width)
			if l.Width > width+overEps {
				continue
			}
			lines = append(lines, l)
			if len(lines) == len(g) {
				best = min(best, raggedCost(items, lines, width))
			}
		}
		if c := raggedCost(items, got, width); math.Abs(c-best) > 1e-6*max(1, best) {
			t.Fatalf("%v at %v: cost %v, exhaustive optimum %v", ws, width, c, best)
		}
	}
}

// A headline of two lines breaks where the lines come out even, not where
// first fit would.
func TestBalanceEvensLines(t *testing.T) {
	items := raggedWords(40, 40, 40, 40, 40, 40)
	g := Greedy(items, Widths(220)) // 5 words on the first line, 1 on the second
	b := Balance(items, 220)
	if len(g) != 2 || len(b) != 2 {
		t.Fatalf("greedy %d lines, balance %d", len(g), len(b))
	}
	if math.Abs(b[0].Width-b[1].Width) > 1 {
		t.Errorf("balanced lines %.0f and %.0f, want equal", b[0].Width, b[1].Width)
	}
}
