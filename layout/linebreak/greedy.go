package linebreak

// Greedy breaks items first-fit: each line takes material up to the last
// breakpoint at which it still fits fully shrunk (adjustment ratio ≥ -1).
// Forced breaks are honoured and penalties ≥ Infinity never chosen; penalty
// costs are otherwise ignored. A line is overfull only when no breakpoint
// fits, which leaves the unbreakable material on a line of its own. Greedy
// returns nil for empty or malformed items or measures (see Validate).
func Greedy(items []Item, widths func(line int) float64) []Line {
	if len(items) == 0 || widths == nil || Validate(items) != nil {
		return nil
	}
	g := greedy{items: items, widths: widths}
	if !g.measure() {
		return nil
	}
	for i := range items {
		if legalBreak(items, i) {
			if !g.consider(i) {
				return nil
			}
		}
		g.sum.add(&items[i])
	}
	if !endsForced(items) {
		if !g.consider(len(items)) {
			return nil
		}
	}
	return g.out
}

// mark is a place a line can start: after the break at pos.
type mark struct {
	pos, start int
	at         sums // totals of items [0, start)
}

type greedy struct {
	items  []Item
	widths func(int) float64
	out    []Line
	lw     float64 // measure of the line being filled
	sum    sums    // totals of items before the current one
	cur    mark    // where the current line starts
	fit    mark    // the last break at which the current line fits
	hasFit bool
}

// measure reads the measure of the next line; false if it is invalid.
func (g *greedy) measure() bool {
	g.lw = g.widths(len(g.out))
	return finite(g.lw) && g.lw >= 0
}

// emit ends the current line at break bi and starts the next one at m.
func (g *greedy) emit(bi int, m mark) bool {
	g.out = append(g.out, makeLine(g.items, g.cur.start, bi, g.lw))
	g.cur, g.hasFit = m, false
	return g.measure()
}

// consider handles a legal break at item bi (len(items) for the implicit
// final break); false if a measure is invalid.
func (g *greedy) consider(bi int) bool {
	forced := bi == len(g.items) || g.items[bi].isForced()
	pw := 0.0
	if bi < len(g.items) && g.items[bi].Kind == Penalty {
		pw = g.items[bi].Width
	}
	for {
		if bi < g.cur.start && !forced {
			return true // nothing to set before this break
		}
		minWidth := pw
		if bi >= g.cur.start {
			minWidth += g.sum.w - g.cur.at.w - (g.sum.sh - g.cur.at.sh)
		}
		if minWidth <= g.lw+overEps {
			start, at := afterBreak(g.items, bi, g.sum)
			m := mark{pos: bi, start: start, at: at}
			if forced {
				return g.emit(bi, m)
			}
			g.fit, g.hasFit = m, true
			return true
		}
		if !g.hasFit {
			// Nothing fits: the unbreakable material gets its own line.
			start, at := afterBreak(g.items, bi, g.sum)
			return g.emit(bi, mark{pos: bi, start: start, at: at})
		}
		if !g.emit(g.fit.pos, g.fit) {
			return false
		}
	}
}
