package layout

import (
	"fmt"
	"math"
	"strings"
)

// Printer's marks of a proof: crop marks at the trim's corners,
// registration marks at the middle of the top, left and right edges, and
// the slug line under the trim. All lie outside the bleed, where the
// printer cuts them off, and none of their strokes crosses the slug's
// glyphs: the slug runs between the two bottom crop marks, a clear
// distance from each.

// Mark geometry, in points.
const (
	markStroke = 0.25
	// slugClear is the room between a crop mark and the slug's first or
	// last glyph.
	slugClear = 3 * 72 / 25.4
	// slugMinSize is the smallest size the slug is set at before the
	// article's name is shortened.
	slugMinSize = 5.0
)

// printersMarks draws the crop and registration marks and the slug line of
// every page.
func (c *composer) printersMarks(doc *Document) {
	s := c.spec
	st := s.Running
	st.Color = Color{}
	f := c.set.faceFor(st.Font)
	n := len(doc.Pages)
	for i := range doc.Pages {
		p := &doc.Pages[i]
		p.Rules = append(p.Rules, cropMarks(p.Trim, s.Bleed, s.Marks)...)
		p.Rules = append(p.Rules, registrationMarks(p.Trim, s.Bleed, s.Marks)...)
		if f == nil {
			continue
		}
		p.Texts = append(p.Texts, c.slugText(p, i+1, n, st, f)...)
	}
}

// cropMarks are two short strokes at each corner of the trim, on the
// trim's lines extended, starting just outside the bleed.
func cropMarks(t Rect, bleed, marks float64) []Rule {
	black := Color{}
	gap := bleed + 1
	long := marks - 2
	var out []Rule
	for _, x := range []float64{t.X, t.Right()} {
		for _, y := range []float64{t.Y, t.Bottom()} {
			dx, dy := -1.0, -1.0
			if x > t.X {
				dx = 1
			}
			if y > t.Y {
				dy = 1
			}
			out = append(out,
				Rule{X1: x + dx*gap, Y1: y, X2: x + dx*(gap+long), Y2: y, Thickness: markStroke, Color: black},
				Rule{X1: x, Y1: y + dy*gap, X2: x, Y2: y + dy*(gap+long), Thickness: markStroke, Color: black})
		}
	}
	return out
}

// registrationMarks are a circle with a cross through it, centred in the
// marks' room at the middle of the top, left and right edges (the bottom
// edge carries the slug).
func registrationMarks(t Rect, bleed, marks float64) []Rule {
	r := min(marks*0.22, 3*72/25.4)
	mid := bleed + marks/2 + 0.5
	var out []Rule
	for _, ctr := range [][2]float64{
		{t.X + t.W/2, t.Y - mid},
		{t.X - mid, t.Y + t.H/2},
		{t.Right() + mid, t.Y + t.H/2},
	} {
		out = append(out, registrationMark(ctr[0], ctr[1], r)...)
	}
	return out
}

// registrationMark is one target: a circle of radius r (as a 24-sided
// polygon) and a cross 1.4 r long each way.
func registrationMark(x, y, r float64) []Rule {
	black := Color{}
	const sides = 24
	out := make([]Rule, 0, sides+2)
	for k := 0; k < sides; k++ {
		a0 := 2 * math.Pi * float64(k) / sides
		a1 := 2 * math.Pi * float64(k+1) / sides
		out = append(out, Rule{X1: x + r*math.Cos(a0), Y1: y + r*math.Sin(a0), X2: x + r*math.Cos(a1), Y2: y + r*math.Sin(a1),
			Thickness: markStroke, Color: black})
	}
	arm := r * 1.4
	return append(out,
		Rule{X1: x - arm, Y1: y, X2: x + arm, Y2: y, Thickness: markStroke, Color: black},
		Rule{X1: x, Y1: y - arm, X2: x, Y2: y + arm, Thickness: markStroke, Color: black})
}

// slugText is the slug line of page n of total: the article, the engine's
// version, the time of the proof, "page n of N" and "PROOF", set under the
// trim between the bottom crop marks with slugClear to spare at each end.
// A slug too long for that is set smaller, down to slugMinSize, and then
// its first part (the article's name) is shortened with an ellipsis.
func (c *composer) slugText(p *Page, n, total int, st TextStyle, f Face) []Text {
	t := p.Trim
	head := strings.TrimSpace(c.in.Slug)
	tail := fmt.Sprintf("page %d of %d · PROOF", n, total)
	room := t.W - 2*slugClear
	join := func(h string) string {
		if h == "" {
			return tail
		}
		return h + " · " + tail
	}
	text := join(head)
	size := st.Size
	if w := measure(f, text, size); w > room {
		size = max(slugMinSize, size*room/w)
	}
	for measure(f, text, size) > room && head != "" {
		r := []rune(strings.TrimSuffix(head, "…"))
		head = strings.TrimSpace(string(r[:len(r)-1]))
		if head != "" {
			head += "…"
		}
		text = join(head)
	}
	if measure(f, text, size) > room {
		return nil // a sheet too narrow for even "page n of N · PROOF"
	}
	// The baseline sits in the middle of the marks' room under the bleed,
	// the cap height centred on it. An article name the slug face cannot
	// draw is shaped with the fallback faces, not dropped.
	y := p.Bleed.Bottom() + c.spec.Marks/2 + size*0.36
	st.Size = size
	return c.runningTexts(text, st, t.X+slugClear, y, false, RoleMark, "slug")
}
