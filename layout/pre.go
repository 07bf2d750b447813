package layout

import (
	"strings"
)

// Preformatted text keeps its lines: it is never broken inside a word
// while it can be helped. The whole block is first set smaller (down to
// preColumnMinSize in a column), then across all the columns of the page
// (a float, down to tableMinSize), so that its longest line fits; only
// then does a line still too long wrap, at a space, with a continuation
// mark at the end of the broken line and the rest indented under it; a
// word longer than the measure is broken at a character, with the mark.

// preColumnMinSize is the smallest size preformatted text is set in
// within a column before it goes across the page.
const preColumnMinSize = 7

// preMark ends a preformatted line that continues on the next (the first
// of preMarks a face has); preIndent (in characters) is how far the
// continuation is indented.
const (
	preMark   = "↩"
	preIndent = 2
)

var preMarks = [...]string{preMark, "↵", "¬", "\\"}

// preMarkFor is the continuation mark drawn in style st.
func (c *composer) preMarkFor(st TextStyle) string {
	for _, m := range preMarks {
		r := []rune(m)[0]
		if f := c.set.faceFor(st.Font); f != nil && f.Has(r) {
			return m
		}
		if _, f := c.set.fallbackFor(st.Font, r); f != nil {
			return m
		}
	}
	return "\\"
}

// preLine is one source line with its characters' widths at the base size.
type preLine struct {
	text   string
	widths []float64 // per byte offset of each rune start
	w      float64
}

// pre sets preformatted text.
func (c *composer) pre(text string, bi int, colW float64, where string) []*unit {
	s := c.spec
	base := s.Pre
	if c.set.faceFor(base.Font) == nil {
		return nil
	}
	var lines []preLine
	longest := 0.0
	for _, raw := range strings.Split(text, "\n") {
		l := c.preMeasure(cleanPre(expandTabs(raw)), base, where)
		longest = max(longest, l.w)
		lines = append(lines, l)
	}
	size, wide, width := base.Size, false, colW
	fullW := s.Content().W
	switch {
	case longest <= colW:
	case longest*preColumnMinSize/base.Size <= colW+eps:
		size = colW / longest * base.Size
	case s.Columns > 1 && fullW > colW+1:
		wide, width = true, fullW
		if longest > fullW {
			size = max(tableMinSize, fullW/longest*base.Size)
		}
	default:
		size = tableMinSize
	}
	size = max(tableMinSize, float64(int(size*4+eps))/4) // quarter points, rounded down
	k := size / base.Size
	st := base
	st.Size, st.Leading = size, base.Leading*k
	markW := 0.0
	mark := c.preMarkFor(st)
	mk := span{text: mark, font: st.Font, size: size}
	for _, p := range c.set.pieces(&mk, mark, 0, where, nil) {
		markW += p.width
	}
	var us []*unit
	g := c.nextGroup()
	lt := c.tags.lines(TagCode, 0)
	indent := preIndent * c.preCell(base) // at the base size, as the widths
	for _, l := range lines {
		segs := wrapPre(l, width/k, markW/k, indent)
		for i, seg := range segs {
			us = append(us, c.preUnit(seg, i == len(segs)-1, st, mark, markW, width, bi, where, lt))
		}
	}
	for i, u := range us {
		u.group, u.line, u.lines = g, i, len(us)
	}
	if len(us) == 0 {
		return nil
	}
	if !wide {
		us[0].space = st.SpaceBefore
		us[len(us)-1].h += st.SpaceAfter
		return us
	}
	// across the page: one float, or one per page's height of lines
	maxH := s.Content().H * 0.8
	var floats []*unit
	for len(us) > 0 {
		n, h := 0, 0.0
		for n < len(us) && (n == 0 || h+us[n].h <= maxH) {
			h += us[n].h
			n++
		}
		f := stack(us[:n])
		f.wide = true
		floats = append(floats, f)
		us = us[n:]
	}
	return floats
}

// preMeasure measures a line in the faces it will be drawn in.
func (c *composer) preMeasure(text string, st TextStyle, where string) preLine {
	runes := []rune(text)
	l := preLine{text: text, widths: make([]float64, 0, len(runes))}
	sp := span{text: text, font: st.Font, size: st.Size, color: st.Color}
	cell, base := c.preCell(st), c.set.faceFor(st.Font)
	for _, p := range c.set.pieces(&sp, text, 0, where, nil) {
		for _, r := range p.text {
			// characters no face has are left out of the pieces: they
			// keep a zero width where they stand, so offsets line up
			for len(l.widths) < len(runes) && runes[len(l.widths)] != r {
				l.widths = append(l.widths, 0)
			}
			w := float64(p.face.Advance(r)) * p.size / 1000
			if p.face != base {
				w = cells(w, cell) * cell
			}
			l.widths = append(l.widths, w)
			l.w += w
		}
	}
	for len(l.widths) < len(runes) {
		l.widths = append(l.widths, 0)
	}
	return l
}

// preSeg is one printed line of a preformatted line: its text, its
// indent and whether it continues on the next.
type preSeg struct {
	text   string
	indent float64
	cont   bool
}

// wrapPre breaks a line wider than width (at the base size) at spaces,
// the mark at the end of each broken line, continuations indented; a word
// wider than the room is broken at a character.
func wrapPre(l preLine, width, markW, indent float64) []preSeg {
	if l.w <= width+eps {
		return []preSeg{{text: l.text}}
	}
	runes := []rune(l.text)
	var out []preSeg
	start, in := 0, 0.0
	for start < len(runes) {
		room := width - in
		w, end := 0.0, start
		for end < len(runes) && w+l.widths[end] <= room+eps {
			w += l.widths[end]
			end++
		}
		if end >= len(runes) {
			out = append(out, preSeg{text: string(runes[start:]), indent: in})
			break
		}
		// room for the mark, then back to the last space
		for end > start && w+markW > room+eps {
			end--
			w -= l.widths[end]
		}
		cut := end
		for cut > start && runes[cut-1] != ' ' && runes[cut] != ' ' {
			cut--
		}
		atSpace := cut > start
		if !atSpace {
			cut = max(end, start+1) // a word longer than the measure
		}
		out = append(out, preSeg{text: string(runes[start:cut]), indent: in, cont: true})
		start = cut
		for atSpace && start < len(runes) && runes[start] == ' ' {
			start++ // the spaces at a break
		}
		in = min(indent, width/4)
	}
	return out
}

// preUnit sets one printed line; the continuation mark, in the muted
// colour, at the measure's right edge.
func (c *composer) preUnit(seg preSeg, last bool, st TextStyle, mark string, markW, width float64, bi int, where string, lt *lineTags) *unit {
	k := st.Size / c.spec.Pre.Size
	var line setLine
	x := seg.indent * k
	sp := span{text: seg.text, font: st.Font, size: st.Size, color: st.Color}
	primary, cell := c.set.faceFor(st.Font), c.preCell(st)
	for _, p := range c.set.pieces(&sp, seg.text, 0, where, nil) {
		if p.face == primary {
			line.appendPiece(p, x, true)
			x += p.width
			continue
		}
		// a character from another face (box drawing, say) takes whole
		// cells of the monospace grid, scaled to them, so that lines join
		// and columns stay aligned
		for _, r := range p.text {
			q := p
			q.text = string(r)
			nat := float64(p.face.Advance(r)) * p.size / 1000
			if p.glyphs != nil {
				q.glyphs, nat = c.set.shape(p.face, q.text, p.size, false)
			}
			q.width = cells(nat, cell) * cell
			if nat > 0 {
				q.scale = q.width / nat
			}
			line.appendPiece(q, x, false)
			x += q.width
		}
	}
	if n := len(line.frags); n > 0 && last {
		line.frags[n-1].space = true // the end of a source line reads as a space
	}
	marks := len(line.frags)
	if seg.cont {
		m := span{text: mark, font: st.Font, size: st.Size, color: c.spec.Muted}
		for _, p := range c.set.pieces(&m, mark, 0, where, nil) {
			line.appendPiece(p, width-markW, false)
		}
	}
	if line.maxSize == 0 {
		line.maxSize = st.Size
	}
	u := lineUnit(&line, 0, st.Leading, RolePre, bi, lt)
	for i := marks; i < len(u.texts); i++ {
		u.texts[i].Tag = 0 // the continuation mark is furniture
	}
	return u
}

// expandTabs replaces tabs with spaces to the next stop of eight.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// preCell is the width of one character of the monospace face.
func (c *composer) preCell(st TextStyle) float64 {
	return float64(c.set.faceFor(st.Font).Advance('0')) * st.Size / 1000
}

// cells is how many monospace cells a character w wide takes: two for a
// wide one (CJK), else one.
func cells(w, cell float64) float64 {
	if w > 1.5*cell {
		return 2
	}
	return 1
}
