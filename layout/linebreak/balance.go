package linebreak

import "math"

// Balance breaks ragged items (headlines, standfirsts) into as few lines as
// Greedy needs at measure width and, among the breakings with that many
// lines, chooses the one of least raggedness: the sum over all lines, the
// last included, of 10000·((width − line width)/width)², plus the penalty
// of every penalty break (as CSS text-wrap: balance, but by total fit
// rather than by narrowing the measure). A penalty of 400 thus costs as
// much as one line a fifth shorter than the measure: callers put such
// penalties where a break is poor but allowed (inside a quoted phrase,
// after a one-letter word), so that it is taken only when every other
// breaking is more ragged by that much. Lines never exceed the measure at natural width
// unless Greedy's do (an unbreakable word wider than the measure); forced
// breaks are honoured. Balance returns Greedy's result when it finds no
// better one, and nil where Greedy does.
func Balance(items []Item, width float64) []Line {
	widths := Widths(width)
	greedy := Greedy(items, widths)
	if len(greedy) < 2 {
		return greedy
	}
	for _, l := range greedy {
		if l.Width > width+overEps {
			return greedy // an overlong word: first fit is as good as any
		}
	}
	// Breakpoints: each legal break and the end, with where the line after
	// it starts.
	type bp struct{ pos, start int }
	bps := []bp{{pos: -1, start: 0}}
	for i := range items {
		if legalBreak(items, i) {
			s, _ := afterBreak(items, i, sums{})
			bps = append(bps, bp{pos: i, start: s})
		}
	}
	if !endsForced(items) {
		bps = append(bps, bp{pos: len(items), start: len(items)})
	}
	n := len(greedy)
	last := len(bps) - 1
	inf := math.Inf(1)
	// cost[k][j]: least cost of k lines ending at break j; from[k][j]: the
	// break before.
	cost := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range cost {
		cost[k] = make([]float64, len(bps))
		from[k] = make([]int, len(bps))
		for j := range cost[k] {
			cost[k][j] = inf
		}
	}
	cost[0][0] = 0
	for j := 1; j <= last; j++ {
		pos := bps[j].pos
		pen := 0.0
		if pos < len(items) && items[pos].Kind == Penalty && items[pos].Penalty > 0 {
			pen = items[pos].Penalty
		}
		for i := j - 1; i >= 0; i-- {
			start := bps[i].start
			l := makeLine(items, start, pos, width)
			if l.Width > width+overEps {
				break // earlier starts only make the line longer
			}
			short := (width - l.Width) / width
			c := 10000*short*short + pen
			for k := 1; k <= n; k++ {
				if prev := cost[k-1][i]; prev+c < cost[k][j] {
					cost[k][j], from[k][j] = prev+c, i
				}
			}
			if i > 0 && items[bps[i].pos].isForced() {
				break // a line never runs across a forced break
			}
		}
	}
	if math.IsInf(cost[n][last], 1) {
		return greedy
	}
	out := make([]Line, n)
	j := last
	for k := n; k >= 1; k-- {
		i := from[k][j]
		out[k-1] = makeLine(items, bps[i].start, bps[j].pos, width)
		j = i
	}
	return out
}
