package linebreak

import (
	"math/rand/v2"
	"testing"
)

// randomParagraph builds 1..maxWords words for the measure w: word parts of
// random widths, sometimes hyphenation points, non-breaking spaces between
// short words, forced line breaks, and overlong words (never next to a
// non-breaking space, so that only a lone box can be overfull).
func randomParagraph(rng *rand.Rand, maxWords int, w float64) []Item {
	n := 1 + rng.IntN(maxWords)
	var items []Item
	prevLong := false
	for i := range n {
		long := rng.IntN(40) == 0
		if i > 0 {
			switch r := rng.IntN(30); {
			case r == 0:
				items = append(items, GlueItem(0, Infinity, 0), PenaltyItem(0, -Infinity, false))
			case r < 3 && !long && !prevLong:
				items = append(items, PenaltyItem(0, Infinity, false), GlueItem(3, 2, 1))
			default:
				items = append(items, GlueItem(3+rng.Float64(), 1+rng.Float64()*2, rng.Float64()))
			}
		}
		if long {
			items = append(items, BoxItem(w*(1+rng.Float64()*3)))
		} else {
			for p := range 1 + rng.IntN(3) {
				if p > 0 {
					items = append(items, PenaltyItem(3, 50, true))
				}
				items = append(items, BoxItem(4+rng.Float64()*(w/4-4)))
			}
		}
		prevLong = long
	}
	return append(items, ParagraphEnd()...)
}

func TestBreakRandomParagraphs(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 7))
	iters := 400
	if testing.Short() {
		iters = 60
	}
	for iter := range iters {
		w := 40 + rng.Float64()*300
		widths := Widths(w)
		if iter%3 == 0 {
			widths = Widths(w*0.7, w*0.7, w*0.85, w)
		}
		items := randomParagraph(rng, 500, w)
		if iter%4 == 1 {
			items = expandable(items, 0.02)
		}
		p := DefaultParams()
		if iter%5 == 0 {
			p.Looseness = 1
		}
		lines, err := Break(items, widths, p)
		if err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		if err := checkLines(items, lines, widths); err != nil {
			t.Fatalf("iteration %d (measure %v): Break: %v", iter, w, err)
		}
		if err := checkLines(items, Greedy(items, widths), widths); err != nil {
			t.Fatalf("iteration %d (measure %v): Greedy: %v", iter, w, err)
		}
	}
}

// FuzzBreak reads item widths from bytes: the first byte sets the measure,
// then each byte is a word part whose value picks its width and what follows.
func FuzzBreak(f *testing.F) {
	f.Add([]byte{80, 10, 20, 30, 40, 50})
	f.Add([]byte{20, 255, 10, 255, 3})
	f.Add([]byte{0, 1, 2, 3})
	f.Add([]byte{120, 200, 210, 220, 230, 240, 250, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 4000 {
			return
		}
		w := 20 + float64(data[0])
		var items []Item
		for i, b := range data[1:] {
			if i > 0 {
				switch {
				case b >= 250:
					items = append(items, GlueItem(0, Infinity, 0), PenaltyItem(0, -Infinity, false))
				case b >= 240:
					items = append(items, PenaltyItem(3, 50, true)) // hyphen inside a word
				case b >= 230:
					items = append(items, PenaltyItem(0, Infinity, false), GlueItem(3, 2, 1))
				default:
					items = append(items, GlueItem(3, 2, 1))
				}
			}
			width := 4 + float64(b%64)
			if b%97 == 0 {
				width = 5 * w // overlong
			}
			items = append(items, BoxItem(width))
		}
		if data[0]%2 == 0 {
			items = append(items, ParagraphEnd()...)
		}
		if data[0]%3 == 0 {
			items = expandable(items, 0.03)
		}
		for _, m := range []struct {
			widths func(int) float64
			lone   bool
		}{
			{Widths(w), true},
			{Widths(w, w*0.5+10, w), false},
		} {
			lines, err := Break(items, m.widths, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			if err := checkLinesOpt(items, lines, m.widths, m.lone); err != nil {
				t.Fatalf("Break: %v", err)
			}
			if err := checkLinesOpt(items, Greedy(items, m.widths), m.widths, m.lone); err != nil {
				t.Fatalf("Greedy: %v", err)
			}
		}
	})
}
