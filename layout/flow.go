package layout

const eps = 1e-6

// slot is a unit placed in a column region at y (absolute).
type slot struct {
	u   *unit
	idx int // index in the flowed unit list
	reg int // column region index
	y   float64
}

// flow is one run of the column flow: units placed into regions in order.
type flow struct {
	units  []*unit
	region func(int) Rect // the i-th column; pages follow one another
	max    int            // regions available
	// perPage is the number of regions on a page: a figure never moves to
	// the next page while the text after it stays on this one.
	perPage int
	// grid is the baseline grid step (the body leading): units marked grid
	// start a whole number of steps below their column's top, so that body
	// lines line up across the columns of a page. 0 turns it off.
	grid float64
	// buf, when not nil, is where the slots are appended (from its
	// start): a caller that flows the same units again and again (the
	// balancing of the last page) reuses its room.
	buf []slot
}

// flowResult is what a flow placed and how.
type flowResult struct {
	slots    []slot
	used     int  // regions used
	complete bool // everything was placed
	// forced lists the regions that end where no permitted break existed
	// (a keep rule yielded to the page).
	forced []int
}

// flowUnits is the column flow with no grid and one region per page (the
// full-width header stack).
func flowUnits(units []*unit, region func(int) Rect, maxRegions int) (slots []slot, used int, complete bool, forced int) {
	r := (&flow{units: units, region: region, max: maxRegions, perPage: 1}).run()
	return r.slots, r.used, r.complete, len(r.forced)
}

// snap returns where a unit placed at y in column col starts: y itself, or
// the next grid line for a grid unit.
func (f *flow) snap(u *unit, col Rect, y float64) float64 {
	if !u.grid || f.grid <= 0 {
		return y
	}
	k := float64(int((y-col.Y)/f.grid + 1 - 1e-6))
	if k < 0 {
		k = 0
	}
	return col.Y + k*f.grid
}

// run places the units into the regions in order. It keeps headings with
// what follows, leaves no widow or orphan line and no hyphen at a column's
// foot, drops spacing and dividers at a column head, and lets a figure that
// does not fit move to the top of the next column of the same page, or up
// to the top of its own column, so that it never follows the text after it
// onto another page nor comes after the article's last line.
func (f *flow) run() flowResult {
	units := f.units
	var res flowResult
	res.slots = f.buf[:0]
	if res.slots == nil {
		res.slots = make([]slot, 0, len(units))
	}
	var deferred []int               // figures waiting for the top of a column, by index
	done := make([]bool, len(units)) // figures deferred or set at a column's top
	i, ri := 0, 0
	restarts := 0
	var wf wideFloats
outer:
	for i < len(units) || len(deferred) > 0 || wf.pending(ri/f.perPage) {
		if ri >= f.max {
			res.used = ri
			return res
		}
		raw := f.region(ri)
		if raw.H < 1 {
			ri++
			continue
		}
		page := ri / f.perPage
		if ri%f.perPage == 0 {
			res.slots = wf.place(res.slots, units, page, ri, raw.Y, f.wideNeed)
		}
		col := raw
		if r := wf.reserved(page); r > 0 {
			col.Y += r
			col.H -= r
		}
		y := col.Y
		colStart := len(res.slots)
		empty := true
		started := false // a unit of the flow (no figure) is in the column
		for len(deferred) > 0 {
			d := units[deferred[0]]
			if !empty && y+d.space+d.h > col.Bottom()+eps {
				break
			}
			sp := d.space
			if empty {
				sp = 0
			}
			res.slots = append(res.slots, slot{u: d, idx: deferred[0], reg: ri, y: y + sp})
			y += sp + d.h
			empty = false
			deferred = deferred[1:]
		}
		headFigs := len(res.slots) - colStart
		rewind := false // the column is set again with a figure at its top
		for i < len(units) {
			if done[i] {
				i++
				continue
			}
			u := units[i]
			if empty && u.discard {
				i++ // a divider at a column head
				continue
			}
			if u.wide {
				done[i] = true
				if k, ok := f.wideHere(&wf, u, i, ri, res.slots, restarts < len(units)); ok {
					// The float goes to the top of this page: set the page
					// again under it, from its first unit.
					restarts++
					var heads []int
					first := i
					for _, s := range res.slots[k:] {
						if !s.u.figure && !s.u.wide && s.idx < first {
							first = s.idx
						}
					}
					for _, s := range res.slots[k:] {
						switch {
						case s.u.figure && s.idx < first:
							heads = append(heads, s.idx)
						case s.u.figure:
							done[s.idx] = false
						}
					}
					kept := heads
					for _, d := range deferred {
						if d < first {
							kept = append(kept, d)
						} else {
							done[d] = false
						}
					}
					deferred = kept
					res.slots = res.slots[:k]
					i, ri = first, page*f.perPage
					continue outer
				}
				i++ // to the top of the next page
				continue
			}
			sp := u.space
			if empty {
				sp = 0
			}
			repeated := false
			if !started && u.repeat != nil {
				// a table's row at the head of a column: its header first
				res.slots = append(res.slots, slot{u: u.repeat, idx: i, reg: ri, y: y})
				y += u.repeat.h
				empty, repeated, sp = false, true, 0
			}
			top := f.snap(u, col, y+sp)
			if top+u.h-u.pad <= col.Bottom()+eps || empty || repeated {
				res.slots = append(res.slots, slot{u: u, idx: i, reg: ri, y: top})
				y = top + u.h
				empty, started = false, started || !u.figure
				i++
				continue
			}
			if u.figure && u.shrink != nil {
				if v := u.shrink(col.Bottom() - y - sp + u.pad); v != nil && y+sp+v.h-v.pad <= col.Bottom()+eps {
					v.space = u.space
					res.slots = append(res.slots, slot{u: v, idx: i, reg: ri, y: y + sp})
					y += sp + v.h
					i++
					continue
				}
			}
			if u.figure {
				done[i] = true
				deferred = append(deferred, i)
				if ri%f.perPage == f.perPage-1 && restarts < len(units) && f.fitsAtTop(col, res.slots[colStart:colStart+headFigs], u) {
					rewind = true // the next column is overleaf: up to this one's top
					break
				}
				i++
				continue
			}
			k, ok := f.legalBreak(res.slots[colStart:], u)
			if !ok {
				res.forced = append(res.forced, ri)
			}
			if k < len(res.slots)-colStart {
				back := res.slots[colStart+k].idx
				res.slots = res.slots[:colStart+k]
				i = back
				kept := deferred[:0]
				for _, d := range deferred {
					if d < back {
						kept = append(kept, d)
					} else {
						done[d] = false
					}
				}
				deferred = kept
			}
			break
		}
		if !rewind && (i >= len(units) || units[i].closing) && len(deferred) > 0 && restarts < len(units) &&
			f.fitsAtTop(col, res.slots[colStart:colStart+headFigs], units[deferred[0]]) {
			rewind = true // never after the article's last line
		}
		if rewind {
			// Set the column again: its head figures and the waiting
			// figures first, then the text from where the column began.
			restarts++
			first := i
			var heads []int
			for _, s := range res.slots[colStart:] {
				if len(heads) < headFigs {
					heads = append(heads, s.idx)
					continue
				}
				if s.idx < first {
					first = s.idx
				}
				if s.u.figure {
					done[s.idx] = false
				}
			}
			res.slots = res.slots[:colStart]
			deferred = append(heads, deferred...)
			i = first
			continue // the same region again
		}
		ri++
	}
	res.used = ri
	res.complete = true
	return res
}

// fitsAtTop reports whether figure u fits at the top of col under the
// figures already there.
func (f *flow) fitsAtTop(col Rect, heads []slot, u *unit) bool {
	h := u.h
	for i, s := range heads {
		h += s.u.h
		if i > 0 {
			h += s.u.space
		}
	}
	if len(heads) > 0 {
		h += u.space
	}
	return h <= col.H+eps
}

// legalBreak returns how many of a column's slots to keep so that the
// column ends at a permitted place; next is the unit that did not fit.
// With no permitted place it keeps them all (the rules yield to the page).
func (f *flow) legalBreak(col []slot, next *unit) (int, bool) {
	for k := len(col); k >= 1; k-- {
		a := col[k-1].u
		b := next
		if k < len(col) {
			b = col[k].u
			if b.figure {
				break // a placed figure stays where it is
			}
		}
		if a.figure {
			return k, true // a column may always end after a figure
		}
		if a.group >= 0 && a.group == b.group && a.line > 0 && (k == 1 || col[k-2].u.group != a.group) {
			continue // one line of a paragraph alone in a column between two others
		}
		if canBreakBetween(a, b) {
			return k, true
		}
	}
	return len(col), false
}

// canBreakBetween says whether a column may end after a with b starting the
// next one: not after a heading, not inside a paragraph's first or last two
// lines, not after a hyphenated line (TeX's \brokenpenalty as a rule).
func canBreakBetween(a, b *unit) bool {
	if a.keepNext || a.hyph {
		return false
	}
	if a.group >= 0 && a.group == b.group {
		if a.line+1 < 2 || b.lines-b.line < 2 {
			return false
		}
	}
	return true
}

// columnBottoms returns the lowest point reached in each region.
func columnBottoms(slots []slot) map[int]float64 {
	m := map[int]float64{}
	for _, s := range slots {
		if b := s.y + s.u.h; b > m[s.reg] {
			m[s.reg] = b
		}
	}
	return m
}
