package layout

import "math"

// wideFloats are the floats set across all the columns of a page (wide
// units), by page: the flow reserves their height at the page's top and
// sets the columns under them.
type wideFloats struct {
	at     map[int][]int   // unit indexes by page, in order
	top    map[int]float64 // height taken at each page's top
	placed map[int]bool    // the page's floats are among the slots
	last   int             // the last page with floats, -1 for none
	any    bool
}

// pending reports floats waiting for page or a later one.
func (w *wideFloats) pending(page int) bool { return w.any && w.last >= page }

// reserved is the height the page's floats take at its top.
func (w *wideFloats) reserved(page int) float64 {
	if !w.any {
		return 0
	}
	return w.top[page]
}

func (w *wideFloats) add(page, idx int, need float64) {
	if !w.any {
		w.any, w.last = true, -1
		w.at, w.top, w.placed = map[int][]int{}, map[int]float64{}, map[int]bool{}
	}
	w.at[page] = append(w.at[page], idx)
	w.top[page] += need
	w.placed[page] = false
	w.last = max(w.last, page)
}

// place appends the page's floats to slots, from y down, in region reg
// (the page's first column, whose left edge is the type area's), once.
func (w *wideFloats) place(slots []slot, units []*unit, page, reg int, y float64, need func(*unit) float64) []slot {
	if !w.any || w.placed[page] {
		return slots
	}
	for _, i := range w.at[page] {
		slots = append(slots, slot{u: units[i], idx: i, reg: reg, y: y})
		y += need(units[i])
	}
	w.placed[page] = true
	return slots
}

// wideNeed is the height a float takes at a page's top: its own and room
// under it, a whole number of grid steps.
func (f *flow) wideNeed(u *unit) float64 {
	if f.grid <= 0 {
		return u.h + 9
	}
	return math.Ceil((u.h+f.grid*0.75)/f.grid-1e-6) * f.grid
}

// wideHere finds a page for float u (unit i), reached in region ri: the
// top of this page when it fits there with room for three lines under it
// (and the page may be set again: rewind), else the next page. It returns
// true, with the index of the page's first slot, when the float went to
// this page, whose columns are then set again.
func (f *flow) wideHere(w *wideFloats, u *unit, i, ri int, slots []slot, rewind bool) (int, bool) {
	page := ri / f.perPage
	first := page * f.perPage
	room := 3 * f.grid
	if f.grid <= 0 {
		room = 36
	}
	need := f.wideNeed(u)
	if rewind && w.reserved(page)+need <= f.region(first).H-room {
		w.add(page, i, need)
		k := len(slots)
		for k > 0 && slots[k-1].reg >= first {
			k--
		}
		return k, true
	}
	w.add(page+1, i, need)
	return 0, false
}
