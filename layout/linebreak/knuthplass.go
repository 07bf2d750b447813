package linebreak

import (
	"errors"
	"fmt"
	"math"
)

// Break chooses breakpoints for items by Knuth–Plass total fit. widths(i) is
// the measure of line i (0-based); it must accept any i ≥ 0 and is called
// for every line number the paragraph could reach (see Widths for a
// repeating list). The passes are described in the package documentation;
// the last one always succeeds, so an error means malformed items, measures
// or parameters. Empty items give no lines.
func Break(items []Item, widths func(line int) float64, p Params) ([]Line, error) {
	if err := Validate(items); err != nil {
		return nil, fmt.Errorf("linebreak: %w", err)
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("linebreak: %w", err)
	}
	if len(items) == 0 {
		return nil, nil
	}
	if widths == nil {
		return nil, fmt.Errorf("linebreak: %w: nil widths", ErrInvalidMeasure)
	}
	maxLines := 0
	for i := range items {
		if legalBreak(items, i) {
			maxLines++
		}
	}
	if !endsForced(items) {
		maxLines++
	}
	lw, err := probeWidths(widths, maxLines)
	if err != nil {
		return nil, fmt.Errorf("linebreak: %w", err)
	}
	// Most breakpoints end up with one or two nodes; sizing the pool up
	// front avoids repeated growth.
	b := &breaker{items: items, p: p, lw: lw, pool: make([]node, 0, 2*maxLines+1), maxHyph: maxRun + 1}
	if p.MaxConsecutiveHyphens > 0 && p.MaxConsecutiveHyphens <= maxRun {
		b.maxHyph = int8(p.MaxConsecutiveHyphens)
	}
	for _, ps := range b.passes() {
		if best, ok := b.run(ps); ok {
			return b.lines(best), nil
		}
	}
	return nil, errors.New("linebreak: final pass found no breaks")
}

// pass is one run of the algorithm.
type pass struct {
	threshold float64 // largest badness accepted
	hyphens   bool    // flagged penalties are breakpoints
	emergency bool    // add emergency stretch to each line's stretch
	final     bool    // accept any badness and unavoidable overfull lines
}

func (b *breaker) passes() []pass {
	ps := make([]pass, 0, 4)
	if b.p.PreTolerance > 0 {
		ps = append(ps, pass{threshold: b.p.PreTolerance})
	}
	ps = append(ps, pass{threshold: b.p.Tolerance, hyphens: true})
	if b.p.EmergencyStretch >= 0 {
		ps = append(ps, pass{threshold: b.p.Tolerance, hyphens: true, emergency: true})
	}
	return append(ps, pass{threshold: math.Inf(1), hyphens: true, emergency: true, final: true})
}

// node is a breakpoint reached by a chain of lines from the paragraph
// start: an active node while lines may still start there.
type node struct {
	at        sums    // totals of items [0, start)
	dem, over float64 // total demerits and total excess of overfull lines of the chain
	pos       int32   // break item index; -1 for the paragraph start
	start     int32   // first item of the line starting here
	line      int32   // lines before this break: the index of the next line
	prev      int32   // previous node in the pool; -1 for the start
	glue      int32   // glue items with finite stretch in [0, start)
	fit       int8    // fitness class of the line ending here
	hyph      int8    // lines ending at flagged penalties in a row, up to this break
}

// candidate is the best way found so far to reach the current breakpoint
// with a given fitness class from one class of active nodes.
type candidate struct {
	ok        bool
	prev      int32
	line      int32
	dem, over float64
}

// breaker holds the state of one Break call.
type breaker struct {
	items []Item
	p     Params
	lw    lineWidths
	merge int32 // active nodes of line numbers ≥ merge share a class

	pool         []node
	active, next []int32
	sum          sums                     // totals of items [0, current)
	glue         int32                    // glue items with finite stretch in [0, current)
	cand         [4][maxRun + 1]candidate // by fitness class and hyphen run
	maxHyph      int8                     // longest permitted hyphen run; maxRun+1 when unlimited
}

// maxRun is the longest hyphen run Break keeps apart: runs up to it are
// honoured exactly by MaxConsecutiveHyphens; longer runs count as maxRun.
const maxRun = 3

// runDemerits are what the final pass charges for a hyphen run longer than
// Params.MaxConsecutiveHyphens, where it is the only way to avoid an
// overfull line.
const runDemerits = 1e9

func (b *breaker) class(line int32) int32 { return min(line, b.merge) }

// emergencyFor is the extra stretch of a line of measure w.
func (b *breaker) emergencyFor(w float64) float64 {
	switch {
	case b.p.EmergencyStretch > 0:
		return b.p.EmergencyStretch
	case b.p.EmergencyStretch == 0:
		return AutoEmergencyFraction * w
	}
	return 0
}

// run performs one pass and returns the chosen final node.
func (b *breaker) run(ps pass) (int32, bool) {
	items := b.items
	n := len(items)
	// Looseness needs every line count kept apart; the final pass ignores
	// it, since accepting any badness would make that quadratic.
	b.merge = int32(len(b.lw.head))
	if b.p.Looseness != 0 && !ps.final {
		b.merge = math.MaxInt32
	}
	b.pool = append(b.pool[:0], node{pos: -1, prev: -1, fit: Decent})
	b.active = append(b.active[:0], 0)
	b.sum, b.glue = sums{}, 0
	for i := range items {
		it := &items[i]
		switch it.Kind {
		case Glue:
			if i > 0 && items[i-1].Kind == Box {
				b.try(i, 0, false, 0, false, ps)
			}
		case Penalty:
			if it.Penalty < Infinity && (ps.hyphens || !it.Flagged || it.isForced()) {
				b.try(i, it.Penalty, it.Flagged, it.Width, i == n-1 && it.isForced(), ps)
			}
		}
		if len(b.active) == 0 {
			return -1, false
		}
		b.sum.add(it)
		if it.stretchyGlue() {
			b.glue++
		}
	}
	if !endsForced(items) {
		b.try(n, -Infinity, false, 0, true, ps)
	}
	if len(b.active) == 0 {
		return -1, false
	}
	return b.choose(!ps.final), true
}

// try considers a break at item bi with penalty pi, flag flagged and width
// pw; last marks the paragraph's final break.
func (b *breaker) try(bi int, pi float64, flagged bool, pw float64, last bool, ps pass) {
	forced := pi <= -Infinity
	next := b.next[:0]
	var (
		brkStart int32
		brkAt    sums
		brkGlue  int32
		brkDone  bool
	)
	flush := func() {
		if !b.haveCand() {
			return
		}
		if !brkDone {
			s, at := afterBreak(b.items, bi, b.sum)
			_, _, g := stretchParts(b.items, bi, s)
			brkStart, brkAt, brkGlue, brkDone = int32(s), at, b.glue+int32(g), true
		}
		next = b.flush(next, int32(bi), brkStart, brkAt, brkGlue)
	}
	cur := int32(-1)
	for _, ai := range b.active {
		if c := b.class(b.pool[ai].line); c != cur {
			flush()
			cur = c
		}
		a := &b.pool[ai]
		measure := b.lw.at(a.line)
		// The line's content: nothing but the break's width when the break
		// comes before the first item kept after a.
		nat, st, fil, sh := pw, 0.0, 0.0, 0.0
		glues := int32(0)
		if int32(bi) >= a.start {
			nat += b.sum.w - a.at.w
			st = b.sum.st - a.at.st
			fil = b.sum.fil - a.at.fil
			sh = b.sum.sh - a.at.sh
			glues = b.glue - a.glue
		}
		// Boxes stretch at most by their Stretch: a line that needs more
		// than all of its stretch must have glue to take the rest (as
		// makeLine). Without such glue, all of st is the boxes'.
		cannotFill := glues == 0 && !ps.emergency
		if ps.emergency {
			st += b.emergencyFor(measure)
		}
		var r, bad, over float64
		overfull := false
		switch slack := measure - nat; {
		case slack > 0 && fil > 0:
			r = 0
		case slack > 0 && st > 0:
			r = slack / st
			bad = badness(r)
			if cannotFill && slack > st+overEps {
				bad = Infinity // the line stays underfull
			}
		case slack > 0:
			r, bad = math.Inf(1), Infinity
		case slack < 0:
			if sh > 0 {
				r = slack / sh
			} else {
				r = math.Inf(-1)
			}
			if r < -1 && nat-sh-measure > overEps {
				overfull = true
			} else {
				r = max(r, -1)
				bad = badness(r)
			}
		}
		if overfull || forced {
			// a cannot start a line reaching past this break.
			if overfull && !ps.final {
				continue
			}
		} else {
			next = append(next, ai)
		}
		if overfull {
			bad, r = Infinity, -1
			over = b.excess(int(a.start), bi, nat-sh, measure)
		} else if bad > ps.threshold {
			continue
		}
		d := b.p.LinePenalty + bad
		if math.Abs(d) >= Infinity {
			d = 1e8
		} else {
			d *= d
		}
		switch {
		case pi > 0:
			d += pi * pi
		case pi > -Infinity:
			d -= pi * pi
		}
		run := int8(0)
		if flagged {
			run = a.hyph + 1
			if run > b.maxHyph {
				if !ps.final {
					continue // a hyphen run longer than permitted
				}
				d += runDemerits // the last resort: better than an overfull line
			}
			run = min(run, maxRun)
		}
		if last {
			if a.hyph > 0 {
				d += b.p.FinalHyphenDemerits
			}
		} else if flagged && a.hyph > 0 {
			d += b.p.DoubleHyphenDemerits
		}
		fc := fitness(r)
		if fc-a.fit > 1 || a.fit-fc > 1 {
			d += b.p.FitnessDemerits
		}
		d += a.dem
		over += a.over
		if c := &b.cand[fc][run]; !c.ok || better(over, d, c.over, c.dem) {
			*c = candidate{ok: true, prev: ai, line: a.line + 1, dem: d, over: over}
		}
	}
	flush()
	b.active, b.next = next, b.active[:0]
}

// excess is the cost of an overfull line of items [start, bi) with minimum
// width minWidth: how far it sticks out beyond its measure or its widest
// box (fully shrunk), whichever is larger. A lone overlong box costs
// nothing — nothing can be done about it — while material set next to it,
// which a break could have moved away, costs its width.
func (b *breaker) excess(start, bi int, minWidth, measure float64) float64 {
	widest := 0.0
	for i := start; i < bi; i++ {
		if it := &b.items[i]; it.Kind == Box {
			widest = max(widest, it.Width-it.Shrink)
		}
	}
	if e := minWidth - max(measure, widest); e > overEps {
		return e
	}
	return 0
}

// better orders chains by total excess, then total demerits.
func better(over, dem, over2, dem2 float64) bool {
	if math.Abs(over-over2) > overEps {
		return over < over2
	}
	return dem < dem2
}

func (b *breaker) haveCand() bool {
	for fc := range b.cand {
		for _, c := range b.cand[fc] {
			if c.ok {
				return true
			}
		}
	}
	return false
}

// flush turns the candidates into active nodes at break bi, appended to
// next, and clears them. A candidate is dropped when another one reaches the
// same break with less excess, or with demerits lower by more than the
// fitness demerits — no continuation can make up that difference — unless
// the other ends a longer run of hyphenated lines, which may bar
// continuations the candidate allows.
func (b *breaker) flush(next []int32, bi, start int32, at sums, glue int32) []int32 {
	for fc := range b.cand {
		for run, c := range b.cand[fc] {
			if !c.ok || b.dominated(c, run) {
				continue
			}
			b.pool = append(b.pool, node{
				at: at, dem: c.dem, over: c.over,
				pos: bi, start: start, line: c.line, prev: c.prev, glue: glue,
				fit: int8(fc), hyph: int8(run),
			})
			next = append(next, int32(len(b.pool)-1))
		}
	}
	b.cand = [4][maxRun + 1]candidate{}
	return next
}

// dominated reports whether a candidate with hyphen run run is beaten by
// another one at the same break whose run is no longer.
func (b *breaker) dominated(c candidate, run int) bool {
	slack := math.Abs(b.p.FitnessDemerits)
	for fc := range b.cand {
		for r := 0; r <= run; r++ {
			d := &b.cand[fc][r]
			if !d.ok {
				continue
			}
			if c.over > d.over+overEps || (c.over > d.over-overEps && c.dem > d.dem+slack) {
				return true
			}
		}
	}
	return false
}

// choose picks the final node among the active nodes left after the last
// break, honouring Looseness if loose.
func (b *breaker) choose(loose bool) int32 {
	best := b.active[0]
	for _, ai := range b.active[1:] {
		a, c := &b.pool[ai], &b.pool[best]
		if better(a.over, a.dem, c.over, c.dem) {
			best = ai
		}
	}
	if b.p.Looseness == 0 || !loose {
		return best
	}
	want := int32(b.p.Looseness)
	base := b.pool[best].line
	pick, pickDiff := best, int32(0)
	for _, ai := range b.active {
		a := &b.pool[ai]
		if a.over > b.pool[best].over+overEps {
			continue
		}
		d := a.line - base
		if (want > 0 && (d < 0 || d > want)) || (want < 0 && (d > 0 || d < want)) {
			continue
		}
		c := &b.pool[pick]
		if abs32(d) > abs32(pickDiff) || (d == pickDiff && better(a.over, a.dem, c.over, c.dem)) {
			pick, pickDiff = ai, d
		}
	}
	return pick
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

// lines builds the lines of the chain ending at node last.
func (b *breaker) lines(last int32) []Line {
	count := 0
	for i := last; b.pool[i].prev >= 0; i = b.pool[i].prev {
		count++
	}
	out := make([]Line, count)
	k := count - 1
	for i := last; b.pool[i].prev >= 0; i = b.pool[i].prev {
		nd := &b.pool[i]
		pr := &b.pool[nd.prev]
		out[k] = makeLine(b.items, int(pr.start), int(nd.pos), b.lw.at(int32(k)))
		k--
	}
	return out
}
