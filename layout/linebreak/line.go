package linebreak

import "math"

// Fitness classes of a line, from its adjustment ratio r.
const (
	Tight     = 0 // r < -0.5
	Decent    = 1 // -0.5 ≤ r ≤ 0.5
	Loose     = 2 // 0.5 < r ≤ 1
	VeryLoose = 3 // r > 1
)

// Line is one line of a broken paragraph.
type Line struct {
	// Start and End delimit the items set on the line, [Start, End). Start
	// is past the glue and penalties discarded after the previous break; End
	// equals Break, so the break item itself is excluded (a penalty's width
	// is still set at the line end, see Width).
	Start, End int
	// Break is the index of the item the line breaks at, or len(items) for
	// the last line of a list that does not end with a forced penalty.
	Break int
	// Ratio is the adjustment ratio applied to finite glue: stretch
	// proportion when > 0, shrink proportion when < 0. It is never below -1
	// (overfull lines report -1, glue fully shrunk). It is 0 when the line
	// cannot stretch or when infinitely stretchable glue takes the slack.
	//
	// On a line whose boxes have stretch or shrink, the line's adjustment
	// ratio r is the slack over all of its finite stretch (or shrink), glue
	// and boxes alike, and both are set with it; but boxes never stretch
	// beyond their Stretch, so when r > 1 the boxes get BoxRatio 1 and the
	// glue takes the rest of the slack: Ratio is then above r. Without
	// box stretch Ratio is r.
	Ratio float64
	// BoxRatio is the adjustment ratio applied to the stretch and shrink of
	// boxes, r clamped to [-1, 1]; 0 when infinitely stretchable glue takes
	// the slack (a last line keeps its boxes at natural width).
	BoxRatio float64
	// FilRatio is the ratio applied to the stretch of infinitely stretchable
	// glue (Stretch ≥ Infinity) when such glue fills the line; 0 otherwise.
	FilRatio float64
	// Hyphenated reports that the line ends at a flagged penalty.
	Hyphenated bool
	// Fitness is the line's class, Tight..VeryLoose, from its real
	// adjustment ratio r (see Ratio).
	Fitness int
	// Width is the natural width of the line's content: items [Start, End)
	// plus the break penalty's width.
	Width float64
	// Measure is the width the line was broken for.
	Measure float64
	// Badness is 100·|r|³ (r the line's adjustment ratio, see Ratio)
	// capped at 10000; 10000 for an overfull line and for an underfull line
	// that cannot reach its measure (no stretch, or boxes fully stretched
	// and no glue stretch).
	Badness float64
	// Overfull reports that the content does not fit even fully shrunk;
	// only the final pass produces such lines, for material no break can
	// split (typically one overlong box).
	Overfull bool
}

// GlueWidth returns the width at which glue item it is set on the line:
// natural width plus its share of stretch or shrink. Shrinking never exceeds
// it.Shrink; finite glue keeps its natural width on a line filled by
// infinitely stretchable glue (a last line). Other kinds return it.Width.
func (l Line) GlueWidth(it Item) float64 {
	if it.Kind != Glue {
		return it.Width
	}
	if it.IsFil() {
		if l.FilRatio > 0 && finite(l.FilRatio) {
			return it.Width + l.FilRatio*filAmount(it.Stretch)
		}
		if l.Ratio < 0 {
			return it.Width + math.Max(l.Ratio, -1)*it.Shrink
		}
		return it.Width
	}
	switch {
	case l.FilRatio > 0:
		return it.Width
	case l.Ratio > 0 && finite(l.Ratio) && it.Stretch > 0:
		return it.Width + l.Ratio*it.Stretch
	case l.Ratio < 0 && it.Shrink > 0:
		return it.Width + math.Max(l.Ratio, -1)*it.Shrink
	}
	return it.Width
}

// BoxWidth returns the width at which box it is set on the line: natural
// width plus its share of stretch or shrink at BoxRatio, which never goes
// beyond it.Stretch or it.Shrink. Other kinds return it.Width.
func (l Line) BoxWidth(it Item) float64 {
	if it.Kind != Box {
		return it.Width
	}
	switch r := l.BoxRatio; {
	case r > 0 && it.Stretch > 0:
		return it.Width + min(r, 1)*it.Stretch
	case r < 0 && it.Shrink > 0:
		return it.Width + max(r, -1)*it.Shrink
	}
	return it.Width
}

// Measure returns the natural width, finite stretch and shrink of line l of
// items: items [l.Start, l.End) plus the width of a penalty break item.
// Stretch and shrink count glue and boxes; infinitely stretchable glue is
// left out of stretch. Out-of-range indices are clamped.
func Measure(items []Item, l Line) (natural, stretch, shrink float64) {
	s, pw := lineSums(items, l.Start, l.Break)
	return s.w + pw, s.st, s.sh
}

// lineSums totals items [start, brk) (clamped) and returns the width of a
// penalty at brk.
func lineSums(items []Item, start, brk int) (sums, float64) {
	end := min(max(brk, 0), len(items))
	start = min(max(start, 0), end)
	var s sums
	for i := start; i < end; i++ {
		s.add(&items[i])
	}
	pw := 0.0
	if brk >= 0 && brk < len(items) && items[brk].Kind == Penalty {
		pw = items[brk].Width
	}
	return s, pw
}

// makeLine describes the line of items from start up to the break at brk,
// set to measure.
func makeLine(items []Item, start, brk int, measure float64) Line {
	start = min(start, brk)
	s, pw := lineSums(items, start, brk)
	l := Line{
		Start:   start,
		End:     brk,
		Break:   brk,
		Width:   s.w + pw,
		Measure: measure,
	}
	if brk < len(items) && items[brk].Kind == Penalty {
		l.Hyphenated = items[brk].Flagged
	}
	slack := measure - l.Width
	r := 0.0 // the line's adjustment ratio over all finite stretch or shrink
	switch {
	case slack > 0 && s.fil > 0:
		l.FilRatio = slack / s.fil
	case slack > 0 && s.st > 0:
		r = slack / s.st
		l.Badness = badness(r)
		l.Ratio, l.BoxRatio = r, min(r, 1)
		if r > 1 {
			// Boxes stop at their full stretch; the glue takes the rest.
			box, glue, glues := stretchParts(items, start, min(max(brk, 0), len(items)))
			switch {
			case box == 0:
			case glues > 0:
				l.Ratio = (slack - box) / glue
			default:
				l.Ratio = 0
				if slack > box+overEps {
					l.Badness = Infinity // nothing can take the rest
				}
			}
		}
	case slack > 0:
		l.Badness = Infinity
	case slack < 0:
		if s.sh > 0 {
			r = slack / s.sh
		} else {
			r = math.Inf(-1)
		}
		if l.Width-s.sh-measure > overEps {
			l.Overfull = true
		}
		r = math.Max(r, -1)
		l.Ratio, l.BoxRatio = r, r
		l.Badness = badness(r)
		if l.Overfull {
			l.Badness = Infinity
		}
	}
	l.Fitness = int(fitness(r))
	if l.Badness >= Infinity && slack > 0 {
		l.Fitness = VeryLoose
	}
	return l
}

// overEps is the overflow, in points, below which a line counts as fitting.
const overEps = 1e-6

// badness is 100·|r|³ capped at Infinity (also for infinite or NaN r).
func badness(r float64) float64 {
	if r < 0 {
		r = -r
	}
	if !(r < 4.65) { // 100·4.65³ > 10000
		return Infinity
	}
	return min(100*r*r*r, Infinity)
}

// fitness classifies an adjustment ratio.
func fitness(r float64) int8 {
	switch {
	case r < -0.5:
		return Tight
	case r <= 0.5:
		return Decent
	case r <= 1:
		return Loose
	}
	return VeryLoose
}

// Widths returns a measure function for Break and Greedy: line i gets ws[i],
// and lines past the end repeat the last value. With no values every line
// measures 0.
func Widths(ws ...float64) func(line int) float64 {
	ws = append([]float64(nil), ws...)
	return func(i int) float64 {
		switch {
		case len(ws) == 0:
			return 0
		case i < 0:
			return ws[0]
		case i >= len(ws):
			return ws[len(ws)-1]
		}
		return ws[i]
	}
}
