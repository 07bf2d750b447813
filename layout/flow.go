package layout

const eps = 1e-6

// slot is a unit placed in a column region at y (absolute).
type slot struct {
	u   *unit
	idx int // index in the flowed unit list
	reg int // column region index
	y   float64
}

// flowUnits places units into column regions in order: region(i) is the
// i-th column (pages follow one another), at most maxRegions of them. It
// keeps headings with what follows, leaves no widow or orphan line, and lets
// a figure that does not fit move to the next column while the text flows
// on. It reports how many regions it used and whether everything was placed;
// forced counts the column ends where no permitted break existed.
func flowUnits(units []*unit, region func(int) Rect, maxRegions int) (slots []slot, used int, complete bool, forced int) {
	type pending struct {
		u   *unit
		idx int
	}
	var deferred []pending
	i, ri := 0, 0
	for i < len(units) || len(deferred) > 0 {
		if ri >= maxRegions {
			return slots, ri, false, forced
		}
		col := region(ri)
		if col.H < 1 {
			ri++
			continue
		}
		y := col.Y
		colStart := len(slots)
		empty := true
		for len(deferred) > 0 {
			d := deferred[0]
			if !empty && y+d.u.space+d.u.h > col.Bottom()+eps {
				break
			}
			sp := d.u.space
			if empty {
				sp = 0
			}
			slots = append(slots, slot{u: d.u, idx: d.idx, reg: ri, y: y + sp})
			y += sp + d.u.h
			empty = false
			deferred = deferred[1:]
		}
		for i < len(units) {
			u := units[i]
			sp := u.space
			if empty {
				sp = 0
			}
			if y+sp+u.h <= col.Bottom()+eps || empty {
				slots = append(slots, slot{u: u, idx: i, reg: ri, y: y + sp})
				y += sp + u.h
				empty = false
				i++
				continue
			}
			if u.figure && u.shrink != nil {
				if v := u.shrink(col.Bottom() - y - sp); v != nil && y+sp+v.h <= col.Bottom()+eps {
					v.space = u.space
					slots = append(slots, slot{u: v, idx: i, reg: ri, y: y + sp})
					y += sp + v.h
					i++
					continue
				}
			}
			if u.figure {
				deferred = append(deferred, pending{u, i})
				i++
				continue
			}
			k, ok := legalBreak(slots[colStart:], u)
			if !ok {
				forced++
			}
			if k < len(slots)-colStart {
				back := slots[colStart+k].idx
				slots = slots[:colStart+k]
				i = back
				kept := deferred[:0]
				for _, d := range deferred {
					if d.idx < back {
						kept = append(kept, d)
					}
				}
				deferred = kept
			}
			break
		}
		ri++
	}
	return slots, ri, true, forced
}

// legalBreak returns how many of a column's slots to keep so that the
// column ends at a permitted place; next is the unit that did not fit.
// With no permitted place it keeps them all (the rules yield to the page).
func legalBreak(col []slot, next *unit) (int, bool) {
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
		if canBreakBetween(a, b) {
			return k, true
		}
	}
	return len(col), false
}

// canBreakBetween says whether a column may end after a with b starting the
// next one.
func canBreakBetween(a, b *unit) bool {
	if a.keepNext {
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
