package layout

// The measure — characters per line — decides how well justified type can
// be set: under about 40 characters the spaces of most lines must stretch
// far, over about 75 the eye loses the next line. DefaultSpec picks the
// body size, side margins and gutter from the paper and column count so
// that a line holds roughly that many; a publication profile can still
// fix the body size.

// charEm is the average advance of a character of body text, spaces
// included, in ems: the embedded serif over English and Russian news text
// sets about 55 characters on a 245 pt line at 9 pt.
const charEm = 0.5

// The band DefaultSpec aims a body line at, in characters.
const (
	minMeasure = 42.0
	maxMeasure = 72.0
)

// The bounds of the body size it may choose, relative to the paper's own
// reading size, and of the tighter margins and gutter of narrow columns.
const (
	maxBodyGrow   = 1.5 // points a wide measure may add to the body size
	minBodySize   = 8.0 // points a narrow measure may take it down to
	narrowGutter  = 4.0 // millimetres
	narrowSideMin = 12.0
)

// measureChoice is what chooseMeasure decided.
type measureChoice struct {
	body, leading float64 // the body size and its leading (the baseline grid)
	margin        float64 // top margin (the bottom adds its footer)
	side          float64 // left and right margins
	gutter        float64
}

// chooseMeasure picks the body size, side margins and gutter for cols
// columns on p, starting from the paper's reading size, margin and gutter:
// a measure over maxMeasure first sets larger type (up to maxBodyGrow
// more) and then widens the side margins; one under minMeasure first
// narrows the side margins (to ¾, not under narrowSideMin mm) and the
// gutter, then sets smaller type (not under minBodySize). Sizes move in
// quarter points; the leading keeps the body's 9/12.5 proportion.
func chooseMeasure(p Paper, cols int, size, margin, gutter float64) measureChoice {
	m := measureChoice{body: size, margin: margin, side: margin, gutter: gutter}
	chars := func() float64 {
		w := (p.Width - 2*m.side - float64(cols-1)*m.gutter) / float64(cols)
		return w / (charEm * m.body)
	}
	switch {
	case chars() > maxMeasure:
		for m.body+0.25 <= size+maxBodyGrow && chars() > maxMeasure {
			m.body += 0.25
		}
		if chars() > maxMeasure {
			w := maxMeasure * charEm * m.body
			m.side = (p.Width - float64(cols)*w - float64(cols-1)*m.gutter) / 2
		}
	case chars() < minMeasure:
		m.side = max(margin*0.75, min(margin, MM(narrowSideMin)))
		if cols > 1 {
			m.gutter = min(gutter, MM(narrowGutter))
		}
		for m.body-0.25 >= minBodySize && chars() < minMeasure {
			m.body -= 0.25
		}
	}
	m.leading = float64(int(m.body*12.5/9*4+0.5)) / 4
	return m
}
