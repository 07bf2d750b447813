package layout

import (
	"strings"

	"printd/article"
)

// Table setting. A table is set in the newspaper manner: a rule above it,
// a thinner one under its header rows, hairlines between body rows, a rule
// under it, no vertical rules. Column widths come from the content as in
// CSS's automatic table layout: each column gets at least its widest word
// (min-content) and, as room allows, up to its longest line
// (max-content). A table whose min-content does not fit a column (or that
// would wrap very hard there) is set across all the columns of the page as
// a float; one still too wide is set smaller, down to tableMinSize, and
// only then are words in cells broken. Nothing is clipped.

// tableMinSize is the smallest type a table or preformatted block is set
// in to make it fit.
const tableMinSize = 6.5

// tcell is a cell placed in the table's grid.
type tcell struct {
	runs         []article.Run
	row, col     int // top-left grid position (row within its part)
	rows, cols   int // spans, cut to the grid
	align        article.Align
	header       bool // a header row's cell or a row's label
	text         string
	minW, maxW   float64 // at the base size, content only
	pre, post    float64 // decimal alignment: widths before and from the decimal point, at the base size
	lines        []setLine
	h            float64 // height of the set lines
	x, w         float64 // content box, relative to the table's left
	decimal      bool
	set          article.Align // how its lines were set
	decimalShift float64
}

// tpart is the header rows or the body rows.
type tpart struct {
	cells [][]*tcell // by starting row
	n     int        // rows
}

// tgrid is a table read into a grid of columns.
type tgrid struct {
	ncol       int
	head, body tpart
	align      []article.Align // per column, resolved
	decimal    []rune          // per column, the decimal separator of a decimal column
}

// buildGrid places the cells of rows into grid positions, spans cut to
// the part's rows and to ncol columns.
func buildPart(rows [][]article.Cell, ncol int, head bool) tpart {
	p := tpart{cells: make([][]*tcell, len(rows)), n: len(rows)}
	carry := make([]int, ncol) // rows each column is still taken by
	for r, row := range rows {
		col := 0
		for _, c := range row {
			for col < ncol && carry[col] > 0 {
				col++
			}
			if col >= ncol {
				break
			}
			cs := min(max(c.ColSpan, 1), ncol-col)
			rs := min(max(c.RowSpan, 1), len(rows)-r)
			tc := &tcell{runs: c.Runs, row: r, col: col, rows: rs, cols: cs, align: c.Align,
				header: head || c.Header, text: strings.TrimSpace(article.PlainText(c.Runs))}
			p.cells[r] = append(p.cells[r], tc)
			for k := 0; k < cs; k++ {
				carry[col+k] = rs
			}
			col += cs
		}
		for i := range carry {
			if carry[i] > 0 {
				carry[i]--
			}
		}
	}
	return p
}

func newGrid(t *article.Table) *tgrid {
	g := &tgrid{ncol: max(t.Columns(), 1)}
	g.head = buildPart(t.Head, g.ncol, true)
	g.body = buildPart(t.Rows, g.ncol, false)
	g.align = make([]article.Align, g.ncol)
	g.decimal = make([]rune, g.ncol)
	for i := range g.align {
		if i < len(t.Align) {
			g.align[i] = t.Align[i]
		}
		// a column of numbers is lined up on the decimal point
		var texts []string
		numbers, others := 0, 0
		for _, row := range g.body.cells {
			for _, c := range row {
				if c.col != i || c.cols != 1 || c.text == "" || c.header {
					continue
				}
				texts = append(texts, c.text)
				switch {
				case isNumber(c.text):
					numbers++
				case !isPlaceholder(c.text):
					others++
				}
			}
		}
		if g.align[i] == article.AlignAuto && numbers > 0 && numbers >= 4*others {
			g.align[i] = article.AlignDecimal
		}
		if g.align[i] == article.AlignDecimal {
			g.decimal[i] = decimalSeparator(texts)
		}
	}
	return g
}

func (g *tgrid) each(fn func(c *tcell)) {
	for _, p := range []*tpart{&g.head, &g.body} {
		for _, row := range p.cells {
			for _, c := range row {
				fn(c)
			}
		}
	}
}

// cellAlign is how a cell's lines are set: its own alignment, else its
// column's; header cells of a number column are flush right.
func (g *tgrid) cellAlign(c *tcell) article.Align {
	a := c.align
	if a == article.AlignAuto {
		a = g.align[c.col]
		if c.cols > 1 && a == article.AlignDecimal {
			a = article.AlignLeft
		}
	}
	if a == article.AlignDecimal && (c.header || !isNumber(c.text)) {
		a = article.AlignRight
		if isPlaceholder(c.text) {
			a = article.AlignDecimal
		}
	}
	if a == article.AlignAuto {
		a = article.AlignLeft
	}
	return a
}

// isNumber reports a cell that reads as a number: digits with grouping
// and decimal marks, a sign, a currency, a percent or degree sign, a
// footnote mark.
func isNumber(s string) bool {
	digits := 0
	i := 0
	rs := []rune(s)
	for i < len(rs) && strings.ContainsRune("+-−–±~≈<>≤≥$€£¥₽₹(", rs[i]) {
		i++
	}
	for ; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(".,  \u202f'’", r) && digits > 0:
		default:
			tail := strings.TrimSpace(string(rs[i:]))
			return digits > 0 && len([]rune(tail)) <= 3 && strings.Trim(tail, "%‰°€$£¥₽*†‡)kKmMbB") == ""
		}
	}
	return digits > 0
}

// isPlaceholder is a cell that stands for no value: a dash, "n/a" and the
// like.
func isPlaceholder(s string) bool {
	switch strings.ToLower(s) {
	case "-", "–", "—", "−", "n/a", "na", "…", "...", "x", "?", "":
		return true
	}
	return false
}

// decimalSeparator guesses a column's decimal mark: the later mark when a
// number has both, a comma not followed by three digits, else a point.
func decimalSeparator(texts []string) rune {
	comma := false
	for _, t := range texts {
		p, c := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
		if p >= 0 && c >= 0 {
			if c > p {
				return ','
			}
			return '.'
		}
		if c >= 0 {
			n := 0
			for _, r := range t[c+1:] {
				if r < '0' || r > '9' {
					break
				}
				n++
			}
			if n != 3 {
				comma = true
			}
		}
	}
	if comma {
		return ','
	}
	return '.'
}

// splitDecimal splits a number where it lines up: at its decimal mark, or
// after its last digit when it has none.
func splitDecimal(s string, mark rune) (string, string) {
	if i := strings.LastIndexFunc(s, func(r rune) bool { return r == mark }); i >= 0 && i+1 < len(s) &&
		s[i+1] >= '0' && s[i+1] <= '9' {
		return s[:i], s[i:]
	}
	last := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if last < 0 {
		return s, ""
	}
	return s[:last+1], s[last+1:]
}

// tableLook is the table's type and rules at one size.
type tableLook struct {
	st, head TextStyle
	gap      float64 // between columns
	vpad     float64 // above and below a row's text
}

func (c *composer) tableLook(size float64) tableLook {
	st := c.spec.Caption
	k := size / st.Size
	st.Size = size
	st.Leading *= k
	st.Align = AlignLeft
	st.SpaceBefore = 0
	h := st
	h.Font.Style |= Bold
	return tableLook{st: st, head: h, gap: size * 0.9, vpad: st.Leading * 0.18}
}

func (lk *tableLook) style(c *tcell) TextStyle {
	if c.header {
		return lk.head
	}
	return lk.st
}

// measureCells finds each cell's min- and max-content width at the base
// size (other sizes scale them).
func (c *composer) measureCells(g *tgrid, lk tableLook) {
	g.each(func(tc *tcell) {
		st := lk.style(tc)
		spans := c.inline(tc.runs, st)
		tc.minW = c.widestWord(spans)
		for _, ln := range c.set.set(spans, paraOpts{width: 1e6, align: AlignLeft}) {
			tc.maxW = max(tc.maxW, ln.natural)
		}
		tc.minW = min(tc.minW, tc.maxW)
		if g.cellAlign(tc) == article.AlignDecimal && g.decimal[tc.col] != 0 && !strings.Contains(tc.text, "\n") {
			if f := c.set.faceFor(st.Font); f != nil {
				a, b := splitDecimal(tc.text, g.decimal[tc.col])
				tc.pre, tc.post = measure(f, a, st.Size), measure(f, b, st.Size)
				tc.decimal = true
			}
		}
	})
}

// columnWidths are the min- and max-content widths of the columns at
// scale k of the base size; spanning cells widen the columns they span
// where they need more.
func (g *tgrid) columnWidths(k, gap float64) (mins, maxs []float64) {
	mins, maxs = make([]float64, g.ncol), make([]float64, g.ncol)
	pre, post := make([]float64, g.ncol), make([]float64, g.ncol)
	var spanning []*tcell
	g.each(func(c *tcell) {
		if c.cols > 1 {
			spanning = append(spanning, c)
			return
		}
		mins[c.col] = max(mins[c.col], c.minW*k)
		maxs[c.col] = max(maxs[c.col], c.maxW*k)
		if c.decimal {
			pre[c.col] = max(pre[c.col], c.pre*k)
			post[c.col] = max(post[c.col], c.post*k)
		}
	})
	for i := range mins {
		mins[i] = max(mins[i], pre[i]+post[i])
		maxs[i] = max(maxs[i], mins[i])
	}
	for _, c := range spanning {
		for _, pair := range []struct {
			w  []float64
			cw float64
		}{{mins, c.minW * k}, {maxs, c.maxW * k}} {
			have := gap * float64(c.cols-1)
			for j := c.col; j < c.col+c.cols; j++ {
				have += pair.w[j]
			}
			if extra := pair.cw - have; extra > 0 {
				for j := c.col; j < c.col+c.cols; j++ {
					pair.w[j] += extra / float64(c.cols)
				}
			}
		}
	}
	for i := range maxs {
		maxs[i] = max(maxs[i], mins[i])
	}
	return mins, maxs
}

// distribute gives the columns their widths in width (gaps taken out): up
// to max-content when it fits, else min-content plus a share of the rest
// in proportion to how much more each would take, else (min-content too
// wide) in proportion to min-content.
func distribute(mins, maxs []float64, width float64) []float64 {
	sumMin, sumMax := 0.0, 0.0
	for i := range mins {
		sumMin += mins[i]
		sumMax += maxs[i]
	}
	w := make([]float64, len(mins))
	switch {
	case sumMax <= width:
		// the room left goes to the columns in proportion to their width,
		// so that the table fills the measure
		for i := range w {
			w[i] = maxs[i]
			if sumMax > 0 {
				w[i] += (width - sumMax) * maxs[i] / sumMax
			} else {
				w[i] = width / float64(len(w))
			}
		}
	case sumMin <= width:
		for i := range w {
			w[i] = mins[i] + (maxs[i]-mins[i])*(width-sumMin)/(sumMax-sumMin)
		}
	default:
		for i := range w {
			w[i] = width * mins[i] / sumMin
		}
	}
	return w
}

// tableFit is how a table is set: its size and whether across the page.
type tableFit struct {
	size float64
	wide bool
	w    float64 // the measure
}

// fitTable chooses a table's measure and size: the column at the base
// size when its min-content fits there and it would not wrap very hard;
// else across the page (when there are columns), at the base size or
// smaller down to tableMinSize; at the floor the words in cells break.
func (c *composer) fitTable(g *tgrid, base, colW, fullW float64) tableFit {
	need := func(size float64) (float64, float64) {
		lk := c.tableLook(size)
		mins, maxs := g.columnWidths(size/base, lk.gap)
		gaps := lk.gap * float64(g.ncol-1)
		sMin, sMax := gaps, gaps
		for i := range mins {
			sMin += mins[i]
			sMax += maxs[i]
		}
		return sMin, sMax
	}
	sMin, sMax := need(base)
	if sMin <= colW && (sMax <= 2.5*colW || c.spec.Columns == 1) {
		return tableFit{size: base, w: colW}
	}
	wide := c.spec.Columns > 1 && fullW > colW+1
	w := colW
	if wide {
		w = fullW
	}
	for size := base; size >= tableMinSize-eps; size -= 0.25 {
		if m, _ := need(size); m <= w {
			return tableFit{size: size, wide: wide, w: w}
		}
	}
	return tableFit{size: tableMinSize, wide: wide, w: w}
}

// table sets a table block into flow units: its caption, its header rows
// (repeated at the head of every column it continues to), its rows in
// bands that never split (rows joined by a rowspan), its credit. A table
// set across the page is one float (or, taller than a page, several, each
// with the header).
func (c *composer) table(t *article.Table, bi int, colW float64, where string) []*unit {
	s := c.spec
	g := newGrid(t)
	base := c.spec.Caption.Size
	if c.set.faceFor(c.tableLook(base).st.Font) == nil {
		return nil
	}
	c.measureCells(g, c.tableLook(base))
	fit := c.fitTable(g, base, colW, s.Content().W)
	lk := c.tableLook(fit.size)
	k := fit.size / base
	mins, maxs := g.columnWidths(k, lk.gap)
	widths := distribute(mins, maxs, fit.w-lk.gap*float64(g.ncol-1))
	xs := make([]float64, g.ncol+1)
	for i, w := range widths {
		xs[i+1] = xs[i] + w + lk.gap
	}
	// decimal columns: the widest part after the mark, per column
	post := make([]float64, g.ncol)
	g.each(func(tc *tcell) {
		if tc.decimal && tc.cols == 1 {
			post[tc.col] = max(post[tc.col], tc.post*k)
		}
	})
	g.each(func(tc *tcell) {
		tc.x = xs[tc.col]
		tc.w = xs[tc.col+tc.cols] - xs[tc.col] - lk.gap
		st := lk.style(tc)
		al := g.cellAlign(tc)
		tc.set = al
		tc.lines = c.set.set(c.inline(tc.runs, st), paraOpts{width: tc.w, align: AlignLeft, where: where})
		tc.h = float64(len(tc.lines)) * st.Leading
		if al == article.AlignDecimal && tc.decimal && len(tc.lines) == 1 && tc.lines[0].natural <= tc.w+eps {
			// the number's mark at the column's mark, the column's widest
			// tail flush right
			tc.decimalShift = tc.w - (post[tc.col] - tc.post*k) - tc.lines[0].natural
			tc.decimalShift = max(0, tc.decimalShift)
		} else if al == article.AlignDecimal {
			tc.set = article.AlignRight
		}
	})
	width := xs[g.ncol] - lk.gap
	ink := s.Body.Color
	// Tagged as a Table: its Caption, THead and TBody of TR rows of TH
	// (with their scope) and TD cells; the credit is a paragraph after it.
	tbl := c.tags.add(TagTable, 0)
	var caption, credit []*unit
	if t.Caption != "" {
		st := lk.head
		st.Size, st.Leading = s.Caption.Size, s.Caption.Leading
		caption = c.paragraph(plainSpans(t.Caption, st), st, width, 0, 0, RoleCaption, bi, where+".caption", c.tags.lines(TagCaption, tbl))
		for _, u := range caption {
			u.keepNext = true
		}
		if len(caption) > 0 {
			caption[len(caption)-1].h += st.Leading * 0.25
		}
	}
	headRows := c.tableRows(g, &g.head, lk, bi, c.tags.add(TagTHead, tbl))
	bodyRows := c.tableRows(g, &g.body, lk, bi, c.tags.add(TagTBody, tbl))

	var head *unit
	if len(headRows) > 0 {
		head = stack(headRows)
		head.rules = append(head.rules,
			Rule{X1: 0, Y1: 0, X2: width, Y2: 0, Thickness: 0.8, Color: ink},
			Rule{X1: 0, Y1: head.h, X2: width, Y2: head.h, Thickness: 0.5, Color: ink})
		head.keepNext = true
	}
	if t.Credit != "" {
		cr := s.Credit
		cr.SpaceBefore = 2
		credit = c.paragraph(plainSpans(t.Credit, cr), cr, width, 0, 0, RoleCredit, bi, where+".credit", c.tags.lines(TagP, 0))
	}
	bands := tableBands(g, bodyRows, xs, lk.gap, width, s.RuleColor)
	headH := 0.0
	for _, h := range headRows {
		headH += h.h
	}
	for _, b := range bands {
		if headH+b.h > s.Content().H*0.8 {
			// a row taller than a page is no row to read across (a page
			// laid out with a table): its cells are set as paragraphs
			c.warn = append(c.warn, where+": a table row taller than a page; its cells set as paragraphs")
			return c.tableAsText(t, bi, colW, where, c.tags.add(TagDiv, 0))
		}
	}
	for i, b := range bands {
		y := b.h
		th, col := 0.3, s.RuleColor
		if i == len(bands)-1 {
			th, col = 0.8, ink
		}
		b.rules = append(b.rules, Rule{X1: 0, Y1: y, X2: width, Y2: y, Thickness: th, Color: col})
		if i == 0 && head == nil {
			b.rules = append(b.rules, Rule{X1: 0, Y1: 0, X2: width, Y2: 0, Thickness: 0.8, Color: ink})
		}
	}
	if len(credit) > 0 && len(bands) > 0 {
		bands[len(bands)-1].keepNext = true
	}
	// No row alone at the head or foot of a column: a short table stays
	// whole, a longer one keeps two rows together at either end.
	n := len(bands)
	for i, b := range bands {
		if i < n-1 && (n <= 5 || i == 0 || i == n-2) {
			b.keepNext = true
		}
	}
	space := s.Caption.SpaceBefore * 2
	if !fit.wide {
		var us []*unit
		us = append(us, caption...)
		if head != nil {
			us = append(us, head)
			rep := artifactCopy(head)
			rep.repeated = true
			for _, b := range bands {
				b.repeat = rep
			}
		}
		us = append(us, bands...)
		us = append(us, credit...)
		if len(us) > 0 {
			// as much room below as above: a paragraph after a table
			// takes no space of its own (see body)
			us[0].space = space
			us[len(us)-1].h += space
		}
		return us
	}
	// Across the page: one float, or one per page's height of rows.
	maxH := s.Content().H * 0.8
	var floats []*unit
	var cur []*unit
	curH, inCur := 0.0, 0
	start := func() {
		cur, curH, inCur = nil, 0, 0
		if len(floats) == 0 {
			cur = append(cur, caption...)
		}
		if head != nil {
			if len(floats) == 0 {
				cur = append(cur, head)
			} else {
				cur = append(cur, artifactCopy(head))
			}
		}
		for _, u := range cur {
			curH += u.h
		}
	}
	flush := func() {
		if len(cur) > 0 {
			f := stack(cur)
			f.wide = true
			floats = append(floats, f)
		}
	}
	start()
	for _, b := range bands {
		if curH+b.h > maxH && inCur > 0 {
			flush()
			start()
		}
		cur = append(cur, b)
		curH += b.h
		inCur++
	}
	cur = append(cur, credit...)
	flush()
	return floats
}

// tableRows sets the rows of a part, one unit per row, its cells' lines
// placed in the cell boxes; a cell spanning rows is drawn with its first
// row, and the rows it spans are made tall enough for it.
func (c *composer) tableRows(g *tgrid, p *tpart, lk tableLook, bi int, section TagID) []*unit {
	if p.n == 0 {
		return nil
	}
	hs := make([]float64, p.n)
	for r, row := range p.cells {
		for _, tc := range row {
			if tc.rows == 1 {
				hs[r] = max(hs[r], tc.h+2*lk.vpad)
			}
		}
	}
	for r, row := range p.cells {
		for _, tc := range row {
			if tc.rows > 1 {
				have := 0.0
				for j := r; j < r+tc.rows; j++ {
					have += hs[j]
				}
				if extra := tc.h + 2*lk.vpad - have; extra > 0 {
					hs[r+tc.rows-1] += extra
				}
			}
		}
	}
	role := RoleTable
	if p == &g.head {
		role = RoleTableHead
	}
	out := make([]*unit, p.n)
	for r := range out {
		u := &unit{h: max(hs[r], lk.st.Leading+2*lk.vpad), group: -1}
		tr := c.tags.add(TagTR, section)
		for _, tc := range p.cells[r] {
			st := lk.style(tc)
			kind, scope := TagTD, ScopeNone
			switch {
			case p == &g.head:
				kind, scope = TagTH, ScopeColumn
			case tc.header:
				kind, scope = TagTH, ScopeRow
			}
			lt := c.tags.lines(kind, tr)
			n := c.tags.node(lt.parent)
			n.Scope, n.RowSpan, n.ColSpan = scope, tc.rows, tc.cols
			y := lk.vpad
			for li := range tc.lines {
				dx := 0.0
				switch free := tc.w - tc.lines[li].natural; tc.set {
				case article.AlignRight:
					dx = free
				case article.AlignCenter:
					dx = free / 2
				case article.AlignDecimal:
					dx = tc.decimalShift
				}
				u.addMoved(lineUnit(&tc.lines[li], tc.x+max(dx, 0), st.Leading, role, bi, lt), y)
				y += st.Leading
			}
		}
		out[r] = u
	}
	return out
}

// tableBands joins body rows that a rowspan ties together into one unit
// each, with hairlines between their rows where no cell spans across.
func tableBands(g *tgrid, rows []*unit, xs []float64, gap, width float64, hair Color) []*unit {
	edge := func(k int) float64 { // the left edge of column k, mid-gap
		switch {
		case k == 0:
			return 0
		case k >= g.ncol:
			return width
		}
		return xs[k] - gap/2
	}
	reach := make([]int, len(rows)) // the last row a cell starting in row r reaches
	for r, row := range g.body.cells {
		reach[r] = r
		for _, tc := range row {
			reach[r] = max(reach[r], r+tc.rows-1)
		}
	}
	var bands []*unit
	for r := 0; r < len(rows); {
		end := reach[r]
		for j := r; j <= end; j++ {
			end = max(end, reach[j])
		}
		if end == r {
			bands = append(bands, rows[r])
			r++
			continue
		}
		b := stack(rows[r : end+1])
		// hairlines inside the band, broken where a cell spans the edge
		y := 0.0
		for j := r; j < end; j++ {
			y += rows[j].h
			covered := make([]bool, g.ncol)
			for i := r; i <= j; i++ {
				for _, tc := range g.body.cells[i] {
					if i+tc.rows-1 > j {
						for k := tc.col; k < tc.col+tc.cols; k++ {
							covered[k] = true
						}
					}
				}
			}
			x0 := -1.0
			for k := 0; k <= g.ncol; k++ {
				if k < g.ncol && !covered[k] {
					if x0 < 0 {
						x0 = edge(k)
					}
					continue
				}
				if x0 >= 0 {
					b.rules = append(b.rules, Rule{X1: x0, Y1: y, X2: edge(k), Y2: y, Thickness: 0.3, Color: hair})
					x0 = -1
				}
			}
		}
		bands = append(bands, b)
		r = end + 1
	}
	return bands
}

// artifactCopy is a copy of a table's header rows to set again where the
// table continues: furniture, not content (its texts tagged 0).
func artifactCopy(u *unit) *unit {
	v := *u
	v.texts = append([]Text(nil), u.texts...)
	for i := range v.texts {
		v.texts[i].Tag = 0
	}
	v.links = append([]LinkArea(nil), u.links...)
	for i := range v.links {
		v.links[i].Tag = 0
	}
	v.bookmark = nil
	return &v
}

// tableAsText sets a table's caption, each cell and its credit as
// paragraphs, in reading order, tagged as a division of them.
func (c *composer) tableAsText(t *article.Table, bi int, width float64, where string, div TagID) []*unit {
	s := c.spec
	st := s.Body
	st.SpaceBefore = s.Body.Leading / 2
	var us []*unit
	if t.Caption != "" {
		h := s.H4
		us = append(us, c.paragraph(plainSpans(t.Caption, h), h, width, 0, 0, RoleCaption, bi, where+".caption", c.tags.lines(TagP, div))...)
	}
	for _, runs := range article.TableTexts(t) {
		us = append(us, c.paragraph(c.inline(runs, st), st, width, 0, 0, RoleBody, bi, where+".rows", c.tags.lines(TagP, div))...)
	}
	if t.Credit != "" {
		us = append(us, c.paragraph(plainSpans(t.Credit, s.Credit), s.Credit, width, 0, 0, RoleCredit, bi, where+".credit", c.tags.lines(TagP, div))...)
	}
	return us
}
