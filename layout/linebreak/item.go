package linebreak

import (
	"errors"
	"fmt"
	"math"
)

// Kind is the type of an Item.
type Kind uint8

// The three kinds of item of the box/glue/penalty model.
const (
	Box Kind = iota
	Glue
	Penalty
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Box:
		return "box"
	case Glue:
		return "glue"
	case Penalty:
		return "penalty"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Infinity is the penalty value that forbids a break (at or above it) or
// forces one (at or below its negation). A glue Stretch at or above it marks
// infinitely stretchable glue.
const Infinity = 10000.0

// Item is one element of a paragraph. Fields that do not apply to the item's
// Kind are ignored.
//
// A box may carry finite Stretch and Shrink: it is then set wider or
// narrower with the line, like glue (horizontally scaled type, as pdfTeX's
// font expansion), but never beyond its Stretch (see Line.BoxRatio).
type Item struct {
	Kind    Kind
	Width   float64 // points; for a penalty, the width set when breaking there (a hyphen)
	Stretch float64 // glue and box; for glue ≥ Infinity (or +Inf) means infinitely stretchable
	Shrink  float64 // glue and box
	Penalty float64 // penalty only; ≥ Infinity forbids, ≤ -Infinity forces a break
	Flagged bool    // penalty only: a hyphen break (for consecutive-hyphen demerits)
}

// BoxItem returns a box of width w.
func BoxItem(w float64) Item { return Item{Kind: Box, Width: w} }

// ExpandableBoxItem returns a box of natural width w that can be set up to
// stretch wider and down to shrink narrower.
func ExpandableBoxItem(w, stretch, shrink float64) Item {
	return Item{Kind: Box, Width: w, Stretch: stretch, Shrink: shrink}
}

// GlueItem returns glue of natural width w that can grow by stretch and
// shrink by shrink.
func GlueItem(w, stretch, shrink float64) Item {
	return Item{Kind: Glue, Width: w, Stretch: stretch, Shrink: shrink}
}

// PenaltyItem returns a penalty of cost p whose width w is set at the end of
// the line when the paragraph breaks there; flagged marks hyphen breaks.
func PenaltyItem(w, p float64, flagged bool) Item {
	return Item{Kind: Penalty, Width: w, Penalty: p, Flagged: flagged}
}

// ParagraphEnd returns the recommended paragraph tail: a penalty forbidding a
// break before the fill glue, the fill glue (TeX's \parfillskip) and the
// forced final break.
func ParagraphEnd() []Item {
	return []Item{
		PenaltyItem(0, Infinity, false),
		GlueItem(0, Infinity, 0),
		PenaltyItem(0, -Infinity, false),
	}
}

// ErrInvalidItem reports a malformed item (negative or non-finite width,
// NaN values, unknown kind).
var ErrInvalidItem = errors.New("invalid item")

// ErrInvalidMeasure reports a line measure that is negative or not finite.
var ErrInvalidMeasure = errors.New("invalid line measure")

// ErrInvalidParams reports parameters that are NaN.
var ErrInvalidParams = errors.New("invalid parameters")

// Validate reports the first malformed item: an unknown kind, a width that
// is negative or not finite, glue stretch that is negative or NaN, glue
// shrink that is negative or not finite, box stretch or shrink that is
// negative or not finite, box shrink larger than its width, or a NaN
// penalty.
func Validate(items []Item) error {
	for i := range items {
		if err := validItem(&items[i]); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

func validItem(it *Item) error {
	if it.Kind > Penalty {
		return fmt.Errorf("%w: unknown %s", ErrInvalidItem, it.Kind)
	}
	if !finite(it.Width) || it.Width < 0 {
		return fmt.Errorf("%w: %s width %v", ErrInvalidItem, it.Kind, it.Width)
	}
	switch it.Kind {
	case Glue:
		if math.IsNaN(it.Stretch) || it.Stretch < 0 {
			return fmt.Errorf("%w: glue stretch %v", ErrInvalidItem, it.Stretch)
		}
		if !finite(it.Shrink) || it.Shrink < 0 {
			return fmt.Errorf("%w: glue shrink %v", ErrInvalidItem, it.Shrink)
		}
	case Box:
		if !finite(it.Stretch) || it.Stretch < 0 {
			return fmt.Errorf("%w: box stretch %v", ErrInvalidItem, it.Stretch)
		}
		if !finite(it.Shrink) || it.Shrink < 0 || it.Shrink > it.Width {
			return fmt.Errorf("%w: box shrink %v", ErrInvalidItem, it.Shrink)
		}
	case Penalty:
		if math.IsNaN(it.Penalty) {
			return fmt.Errorf("%w: penalty NaN", ErrInvalidItem)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// IsFil reports whether it is infinitely stretchable glue: the glue that
// fills a paragraph's last line or a forced break.
func (it *Item) IsFil() bool { return it.Kind == Glue && it.Stretch >= Infinity }

// filAmount is the share of infinitely stretchable glue: its Stretch, with
// +Inf counted as Infinity.
func filAmount(stretch float64) float64 {
	if math.IsInf(stretch, 1) {
		return Infinity
	}
	return stretch
}

// stretchyGlue reports glue with finite stretch: what can take the slack a
// line's fully stretched boxes leave.
func (it *Item) stretchyGlue() bool {
	return it.Kind == Glue && it.Stretch > 0 && !it.IsFil()
}

// stretchParts returns the finite stretch of the boxes and of the glue
// among items [start, end), and how many glue items have finite stretch.
func stretchParts(items []Item, start, end int) (box, glue float64, glues int) {
	for i := start; i < end; i++ {
		it := &items[i]
		switch {
		case it.Kind == Box:
			box += it.Stretch
		case it.stretchyGlue():
			glue += it.Stretch
			glues++
		}
	}
	return box, glue, glues
}

// isForced reports whether the item is a forced break.
func (it *Item) isForced() bool { return it.Kind == Penalty && it.Penalty <= -Infinity }

// sums are running totals of widths, finite stretch (of glue and boxes),
// infinite stretch and shrink over a range of items.
type sums struct {
	w, st, fil, sh float64
}

// add accumulates an item as material inside a line: penalties count only
// when a line breaks at them, so they add nothing here.
func (s *sums) add(it *Item) {
	switch it.Kind {
	case Box:
		s.w += it.Width
		s.st += it.Stretch
		s.sh += it.Shrink
	case Glue:
		s.w += it.Width
		if it.IsFil() {
			s.fil += filAmount(it.Stretch)
		} else {
			s.st += it.Stretch
		}
		s.sh += it.Shrink
	}
}

// afterBreak returns where the line following a break at bi starts, and the
// running totals there, given the totals s of items [0, bi): glue and
// penalties after the break are discarded up to the first box or forced
// penalty.
func afterBreak(items []Item, bi int, s sums) (int, sums) {
	for i := bi; i < len(items); i++ {
		it := &items[i]
		switch it.Kind {
		case Box:
			return i, s
		case Penalty:
			if i > bi && it.isForced() {
				return i, s
			}
		}
		s.add(it)
	}
	return len(items), s
}

// legalBreak reports whether item i is a legal breakpoint: glue preceded by
// a box, or a penalty below Infinity.
func legalBreak(items []Item, i int) bool {
	it := &items[i]
	switch it.Kind {
	case Glue:
		return i > 0 && items[i-1].Kind == Box
	case Penalty:
		return it.Penalty < Infinity
	}
	return false
}

// endsForced reports whether the list ends with a forced break.
func endsForced(items []Item) bool {
	return len(items) > 0 && items[len(items)-1].isForced()
}
