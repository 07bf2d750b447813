package linebreak

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// letters builds a paragraph of words made of 10 pt boxes (one per letter)
// separated by 3/+2/-1 pt glue, ended by ParagraphEnd.
func letters(wordLens ...int) []Item {
	var items []Item
	for i, n := range wordLens {
		if i > 0 {
			items = append(items, GlueItem(3, 2, 1))
		}
		for range n {
			items = append(items, BoxItem(10))
		}
	}
	return append(items, ParagraphEnd()...)
}

// syllables builds a paragraph of words given as syllable widths, with a
// 4 pt hyphen (penalty 50, flagged) between syllables and 3/+2/-1 pt glue
// between words.
func syllables(words ...[]float64) []Item {
	var items []Item
	for i, w := range words {
		if i > 0 {
			items = append(items, GlueItem(3, 2, 1))
		}
		for k, s := range w {
			if k > 0 {
				items = append(items, PenaltyItem(4, 50, true))
			}
			items = append(items, BoxItem(s))
		}
	}
	return append(items, ParagraphEnd()...)
}

func breaks(lines []Line) []int {
	out := make([]int, len(lines))
	for i, l := range lines {
		out[i] = l.Break
	}
	return out
}

// setWidth is the width line l occupies when set: boxes, glue at its set
// width and the break penalty's width.
func setWidth(items []Item, l Line) float64 {
	w := 0.0
	for i := l.Start; i < l.End; i++ {
		if items[i].Kind == Glue {
			w += l.GlueWidth(items[i])
		} else if items[i].Kind == Box {
			w += l.BoxWidth(items[i])
		}
	}
	if l.Break < len(items) && items[l.Break].Kind == Penalty {
		w += items[l.Break].Width
	}
	return w
}

// checkLines verifies the invariants every result of Break or Greedy must
// satisfy and returns the first violation. An overfull line must hold no
// legal breakpoint, i.e. be one unbreakable run of material.
func checkLines(items []Item, lines []Line, widths func(int) float64) error {
	return checkLinesOpt(items, lines, widths, true)
}

// checkLinesOpt is checkLines, checking overfull lines only if loneOverfull.
// (With measures that vary, moving material to a later, narrower line can
// cost more than leaving it beside an overlong box.)
func checkLinesOpt(items []Item, lines []Line, widths func(int) float64, loneOverfull bool) error {
	if len(items) == 0 {
		if len(lines) != 0 {
			return fmt.Errorf("%d lines for no items", len(lines))
		}
		return nil
	}
	if len(lines) == 0 {
		return fmt.Errorf("no lines for %d items", len(items))
	}
	isBreak := make(map[int]bool, len(lines))
	prev := -1
	for k, l := range lines {
		if l.Break <= prev {
			return fmt.Errorf("line %d: break %d not after %d", k, l.Break, prev)
		}
		if l.End != l.Break || l.Start > l.End {
			return fmt.Errorf("line %d: bad range [%d,%d) break %d", k, l.Start, l.End, l.Break)
		}
		// Everything between the previous break and Start is discarded.
		want := prev + 1
		if k == 0 {
			want = 0
		} else {
			for want < l.End && items[want].Kind != Box && !(want > prev && items[want].isForced()) {
				want++
			}
		}
		if l.Start != want {
			return fmt.Errorf("line %d: starts at %d, want %d", k, l.Start, want)
		}
		if l.Break < len(items) && !legalBreak(items, l.Break) {
			return fmt.Errorf("line %d: break at %d is not a legal breakpoint (%+v)", k, l.Break, items[l.Break])
		}
		if l.Measure != widths(k) {
			return fmt.Errorf("line %d: measure %v, want %v", k, l.Measure, widths(k))
		}
		if math.IsNaN(l.Ratio) || math.IsInf(l.Ratio, 0) || l.Ratio < -1 {
			return fmt.Errorf("line %d: ratio %v", k, l.Ratio)
		}
		if math.IsNaN(l.BoxRatio) || l.BoxRatio < -1 || l.BoxRatio > 1 {
			return fmt.Errorf("line %d: box ratio %v", k, l.BoxRatio)
		}
		if l.FilRatio > 0 && l.BoxRatio != 0 {
			return fmt.Errorf("line %d: filled line with box ratio %v", k, l.BoxRatio)
		}
		sw := setWidth(items, l)
		switch {
		case l.Overfull:
			if !loneOverfull {
				break
			}
			for i := l.Start + 1; i < l.End; i++ {
				if legalBreak(items, i) {
					return fmt.Errorf("line %d: overfull (%v > %v) with a breakpoint at %d inside", k, sw, l.Measure, i)
				}
			}
		case sw > l.Measure+1e-6:
			return fmt.Errorf("line %d: set width %v exceeds measure %v", k, sw, l.Measure)
		case (l.Ratio != 0 || l.FilRatio > 0 || (l.BoxRatio != 0 && l.BoxRatio < 1)) && math.Abs(sw-l.Measure) > 1e-6:
			return fmt.Errorf("line %d: justified to %v, measure %v", k, sw, l.Measure)
		}
		isBreak[l.Break] = true
		prev = l.Break
	}
	last := len(items)
	if endsForced(items) {
		last = len(items) - 1
	}
	if prev != last {
		return fmt.Errorf("last break %d, want %d", prev, last)
	}
	for i := range items {
		if items[i].isForced() && !isBreak[i] {
			return fmt.Errorf("forced break at %d not taken", i)
		}
	}
	return nil
}

// demerits scores lines the way Break does in a pass without emergency
// stretch.
func demerits(items []Item, lines []Line, p Params) float64 {
	total := 0.0
	prevFit, prevFlag := Decent, false
	for k, l := range lines {
		d := p.LinePenalty + l.Badness
		if math.Abs(d) >= Infinity {
			d = 1e8
		} else {
			d *= d
		}
		flagged := false
		if l.Break < len(items) && items[l.Break].Kind == Penalty {
			pi := items[l.Break].Penalty
			flagged = items[l.Break].Flagged
			switch {
			case pi > 0:
				d += pi * pi
			case pi > -Infinity:
				d -= pi * pi
			}
		}
		if k == len(lines)-1 {
			if prevFlag {
				d += p.FinalHyphenDemerits
			}
		} else if flagged && prevFlag {
			d += p.DoubleHyphenDemerits
		}
		if l.Fitness-prevFit > 1 || prevFit-l.Fitness > 1 {
			d += p.FitnessDemerits
		}
		total += d
		prevFit, prevFlag = l.Fitness, flagged
	}
	return total
}

// bestDemerits finds, by exhaustive dynamic programming over (break, line
// number, fitness, hyphen run) without any pruning, the least total demerits of a
// breaking whose lines all have badness ≤ p.Tolerance and ratio ≥ -1. ok is
// false when there is none.
func bestDemerits(items []Item, widths func(int) float64, p Params) (best float64, ok bool) {
	var bps []int
	for i := range items {
		if legalBreak(items, i) {
			bps = append(bps, i)
		}
	}
	if !endsForced(items) {
		bps = append(bps, len(items))
	}
	type state struct{ bp, line, fit, run int }
	const unset = -1.0
	memo := map[state]float64{}
	// cost of the rest of the paragraph after break index bi (into bps) when
	// line `line` starts there and the previous line had fitness fit.
	var rest func(bi, line, fit, run int) float64
	rest = func(bi, line, fit, run int) float64 {
		st := state{bi, line, fit, run}
		if v, seen := memo[st]; seen {
			return v
		}
		pos := -1
		start := 0
		flag := run > 0
		if bi >= 0 {
			pos = bps[bi]
			s, _ := afterBreak(items, pos, sums{})
			start = s
		}
		res := math.Inf(1)
		for nj := bi + 1; nj < len(bps); nj++ {
			b := bps[nj]
			l := makeLine(items, start, b, widths(line))
			last := nj == len(bps)-1
			forced := b < len(items) && items[b].isForced()
			if !l.Overfull && l.Badness <= p.Tolerance {
				ls := []Line{l}
				d := demerits(items, ls, Params{LinePenalty: p.LinePenalty})
				nflag := b < len(items) && items[b].Kind == Penalty && items[b].Flagged
				nrun := 0
				if nflag {
					nrun = run + 1
				}
				if p.MaxConsecutiveHyphens > 0 && nrun > p.MaxConsecutiveHyphens {
					if forced {
						break
					}
					continue
				}
				if last {
					if flag {
						d += p.FinalHyphenDemerits
					}
				} else if flag && nflag {
					d += p.DoubleHyphenDemerits
				}
				if l.Fitness-fit > 1 || fit-l.Fitness > 1 {
					d += p.FitnessDemerits
				}
				if !last {
					d += rest(nj, line+1, l.Fitness, nrun)
				}
				res = math.Min(res, d)
			}
			if forced {
				break
			}
		}
		memo[st] = res
		return res
	}
	best = rest(-1, 0, Decent, 0)
	return best, !math.IsInf(best, 1)
}

// wordLengths is a rough distribution of English word lengths in letters:
// each entry is one draw.
var wordLengths = []int{
	1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8,
	8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 12, 13,
}

// prose builds a paragraph of n words shaped like 10 pt text: English-like
// word lengths, letters 4.5 to 6 pt wide, hyphenation points every three
// letters leaving at least two on each side (flagged penalty 50, 3.3 pt
// hyphen) and 3.33/+1.67/-1.11 pt interword glue.
func prose(rng *rand.Rand, n int) []Item {
	items := make([]Item, 0, n*4+3)
	for w := range n {
		if w > 0 {
			items = append(items, GlueItem(3.33, 1.67, 1.11))
		}
		letters := wordLengths[rng.IntN(len(wordLengths))]
		width := 0.0
		for l := range letters {
			if l >= 2 && l%3 == 2 && letters-l >= 2 {
				items = append(items, BoxItem(width), PenaltyItem(3.3, 50, true))
				width = 0
			}
			width += 4.5 + rng.Float64()*1.5
		}
		items = append(items, BoxItem(width))
	}
	return append(items, ParagraphEnd()...)
}

// expandable gives every box of items stretch and shrink of frac of its
// width (type that may be set up to frac wider or narrower).
func expandable(items []Item, frac float64) []Item {
	out := append([]Item(nil), items...)
	for i := range out {
		if out[i].Kind == Box {
			out[i].Stretch = out[i].Width * frac
			out[i].Shrink = out[i].Width * frac
		}
	}
	return out
}
