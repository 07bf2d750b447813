package layout

import "math"

// Baseline grid: body lines start a whole number of body leadings below
// their column's top (flow.snap), and every other block of the body —
// headings, quotes, lists, code, figures, dividers — is made a whole number
// of leadings tall, space included, so that the body lines after it stay on
// the grid and the lines of facing columns line up.

// gridHeight is the height of a run of units as the flow stacks them: the
// first one's space, then each one's height and the spaces between.
func gridHeight(us []*unit) float64 {
	h := 0.0
	for _, u := range us {
		h += u.space + u.h
	}
	return h
}

// gridPad is what rounds h up to a whole number of steps.
func gridPad(h, step float64) float64 {
	if step <= 0 {
		return 0
	}
	n := math.Ceil(h/step - 1e-6)
	return max(0, n*step-h)
}

// padAfter makes a block a whole number of grid steps tall by adding room
// below its last unit.
func padAfter(us []*unit, step float64) {
	if len(us) == 0 {
		return
	}
	h := gridHeight(us)
	pad := gridPad(h, step)
	last := us[len(us)-1]
	last.h += pad
	last.pad += pad
	last.blockH = h
}

// padBefore makes a block (a heading) a whole number of grid steps tall by
// adding room above it, which keeps it close to the text it introduces.
func padBefore(us []*unit, step float64) {
	if len(us) == 0 {
		return
	}
	h := gridHeight(us)
	pad := gridPad(h, step)
	us[0].space += pad
	us[0].padTop, us[0].blockTopH = pad, h
}

// onGrid marks a paragraph's lines as body lines that sit on the grid.
func onGrid(us []*unit) []*unit {
	for _, u := range us {
		u.grid = true
	}
	return us
}
