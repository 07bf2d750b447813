package layout

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"printd/article"
	"printd/layout/locale"
)

// composer builds the flow units of one article.
type composer struct {
	in    *Input
	spec  *Spec
	set   *setter
	loc   *locale.Locale
	lang  string
	group int
	warn  []string
	notes []string // Document.Notes
	// linkNotes are the addresses of the links set as numbered notes
	// (Spec.PrintLinks), in the order of their numbers.
	linkNotes []string
	lead      *unit // the lead photo's figure in the header stack
	// legalCol is the closing block at column width, for a last page with
	// no room for it across the page under the balanced columns; built
	// once, when first needed.
	legalCol []*unit
	tags     *tagTree // the logical structure (tags.go)
	noAlt    []string // Document.NoAlt
	// heading is the level of the last heading tagged (1: the
	// headline); a heading is tagged at most one level below it.
	heading int
}

func (c *composer) nextGroup() int {
	c.group++
	return c.group
}

// paragraph sets spans at width and returns grouped line units, tagged by
// lt.
func (c *composer) paragraph(spans []span, st TextStyle, width, indent, dx float64, role Role, block int, where string, lt *lineTags) []*unit {
	o := paraOpts{width: width, indent: indent, align: st.Align, where: where}
	if role == RoleBody {
		o.expand, o.track = c.spec.MaxExpansion, c.spec.MaxTracking
	}
	lines := c.set.set(spans, o)
	if len(lines) == 0 {
		return nil
	}
	return paragraphUnits(lines, dx, st.Leading, st.SpaceBefore, role, block, c.nextGroup(), lt)
}

// balanced sets a ragged heading so that its lines are of similar length
// (minimum raggedness over all breaks with as few lines as first fit
// needs), breaking inside a quoted phrase or after a one-letter word only
// when no other break is nearly as good.
func (c *composer) balanced(spans []span, st TextStyle, width float64, where string) []setLine {
	return c.set.set(spans, paraOpts{width: width, align: st.Align, where: where, balance: true})
}

// header builds the full-width stack above the body: kicker, headline,
// standfirst, byline and date, a rule, the lead photo with caption and
// credit.
func (c *composer) header(width float64) []*unit {
	a := c.in.Article
	s := c.spec
	var us []*unit
	us = append(us, c.masthead(width)...)
	kicker := a.Section
	if a.Rubric != "" {
		if kicker != "" {
			kicker += " · "
		}
		kicker += a.Rubric
	}
	if kicker != "" {
		us = append(us, c.paragraph(plainSpans(kicker, s.Kicker), s.Kicker, width, 0, 0, RoleKicker, -1, "section", c.tags.lines(TagP, 0))...)
	}
	// The headline steps down in size until it takes at most four lines
	// and its longest word fits the measure (below the smallest size, a
	// word still too long is broken with a hyphen).
	hs := s.Headline
	var hl []setLine
	for {
		hl = c.balanced(plainSpans(a.Headline, hs), hs, width, "headline")
		if len(hl) <= 4 && c.wordsFit(a.Headline, hs, width) {
			break
		}
		var ok bool
		if hs, ok = c.smallerHeadline(hs); !ok {
			break
		}
	}
	hu := paragraphUnits(hl, 0, hs.Leading, 0, RoleHeadline, -1, c.nextGroup(), c.tags.lines(TagH1, 0))
	c.heading = 1
	if len(hu) > 0 {
		hu[0].bookmark = &Bookmark{Title: a.Headline, Level: 0}
		hu[len(hu)-1].h += hs.SpaceAfter
	}
	us = append(us, hu...)
	sub := a.Subheadline
	if sub != "" && sameWords(sub, a.Headline) {
		c.warn = append(c.warn, "subheadline: repeats the headline; not printed")
		sub = ""
	}
	if sub != "" {
		sl := c.balanced(plainSpans(sub, s.Standfirst), s.Standfirst, width, "subheadline")
		su := paragraphUnits(sl, 0, s.Standfirst.Leading, s.Standfirst.SpaceBefore, RoleStandfirst, -1, c.nextGroup(), c.tags.lines(TagP, 0))
		if len(su) > 0 {
			su[len(su)-1].h += s.Standfirst.SpaceAfter
		}
		us = append(us, su...)
	}
	var by []string
	if names := joinNames(c.loc, a.Authors); names != "" {
		by = append(by, names)
	}
	if !a.Published.IsZero() {
		by = append(by, FormatDate(c.lang, s.DateFormat, a.Published))
	}
	if !a.Updated.IsZero() && (a.Published.IsZero() || !sameDay(a.Updated, a.Published)) {
		by = append(by, c.loc.Updated()+" "+FormatDate(c.lang, s.DateFormat, a.Updated))
	}
	if len(by) > 0 {
		bu := c.paragraph(plainSpans(strings.Join(by, " · "), s.Byline), s.Byline, width, 0, 0, RoleByline, -1, "authors", c.tags.lines(TagP, 0))
		us = append(us, bu...)
	}
	rule := &unit{h: s.Byline.SpaceAfter, group: -1}
	rule.rules = []Rule{{X1: 0, Y1: s.Byline.SpaceAfter / 2, X2: width, Y2: s.Byline.SpaceAfter / 2, Thickness: 0.6, Color: s.RuleColor}}
	us = append(us, rule)
	if a.Photo != nil {
		if f := c.figure(a.Photo, width, s.MaxPhotoHeight*s.Content().H, -1, "photo"); f != nil {
			c.lead = f
			us = append(us, f)
		}
	}
	return us
}

// smallerHeadline is the headline style hs a step (2 pt) smaller, its
// leading in proportion; false when that is under Spec.HeadlineMinSize.
// Compose steps down a headline too long for four lines, copyfit one that
// a smaller size sets in a line fewer.
func (c *composer) smallerHeadline(hs TextStyle) (TextStyle, bool) {
	if hs.Size-2 < c.spec.HeadlineMinSize {
		return hs, false
	}
	ratio := (hs.Size - 2) / hs.Size
	hs.Size -= 2
	hs.Leading *= ratio
	return hs, true
}

// sameWords reports whether two texts have the same words, whatever their
// case, spacing and final punctuation.
func sameWords(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimRight(strings.Join(strings.Fields(s), " "), ".!?:;…")
	}
	return strings.EqualFold(norm(a), norm(b))
}

// widestWord is the width of the widest word of spans (each span measured
// in its own face).
func (c *composer) widestWord(spans []span) float64 {
	w := 0.0
	for _, sp := range spans {
		f := c.set.faceFor(sp.font)
		if f == nil {
			continue
		}
		for _, word := range strings.Fields(sp.text) {
			w = max(w, measure(f, word, sp.size))
		}
	}
	return w
}

// wordsFit reports whether every word of s set in st is narrower than
// width.
func (c *composer) wordsFit(s string, st TextStyle, width float64) bool {
	f := c.set.faceFor(st.Font)
	if f == nil {
		return true
	}
	for _, w := range strings.Fields(s) {
		if measure(f, w, st.Size) > width {
			return false
		}
	}
	return true
}

func sameDay(a, b time.Time) bool {
	y1, m1, d1 := a.Date()
	y2, m2, d2 := b.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// body builds the units of the body blocks at column width.
func (c *composer) body(width, maxFigure float64) []*unit {
	s := c.spec
	var us []*unit
	indentNext, dropped := false, false
	parSpace := 0.0
	if !s.ParagraphIndent {
		parSpace = s.Body.Leading // one grid step between paragraphs
	}
	step := s.Body.Leading
	afterHeading := false // the block before is a heading
	afterBlock := false   // the block before is padded to the grid below it
	for bi, b := range c.in.Article.Body {
		where := "body[" + strconv.Itoa(bi) + "]"
		heading, block := false, false
		switch b.Type {
		case article.Paragraph:
			indent := 0.0
			space := parSpace
			if s.ParagraphIndent && indentNext {
				indent = s.Body.Size * 1.2
			}
			if len(us) == 0 || afterHeading || afterBlock {
				// a heading's own space after it keeps it with its text; a
				// quote, list, figure, code or table ends with its own space
				// and the room to the grid, which stand for the paragraph's
				space = 0
			}
			st := s.Body
			st.SpaceBefore = space
			if s.DropCap && !dropped {
				if du := c.dropCap(b.Runs, st, width, bi, where+".html"); du != nil {
					us = append(us, onGrid(du)...)
					dropped, indentNext = true, true
					continue
				}
			}
			us = append(us, onGrid(c.paragraph(c.inline(b.Runs, st), st, width, indent, 0, RoleBody, bi, where+".html", c.tags.lines(TagP, 0)))...)
			indentNext = true
		case article.Heading:
			st := s.H2
			switch b.Level {
			case 3:
				st = s.H3
			case 4:
				st = s.H4
			}
			lines := c.set.set(plainSpans(b.Text, st), paraOpts{width: width, align: st.Align, where: where + ".text"})
			hu := paragraphUnits(lines, 0, st.Leading, st.SpaceBefore, RoleHeading, bi, c.nextGroup(), c.tags.lines(c.headingTag(b.Level), 0))
			for _, u := range hu {
				u.keepNext = true
			}
			if len(hu) > 0 {
				hu[0].bookmark = &Bookmark{Title: b.Text, Level: b.Level - 1}
				hu[len(hu)-1].h += st.SpaceAfter
			}
			padBefore(hu, step)
			us = append(us, hu...)
			indentNext, heading = false, true
		case article.Quote:
			qu := c.quote(b, bi, width, where)
			padAfter(qu, step)
			us = append(us, qu...)
			indentNext, block = false, len(qu) > 0
		case article.List:
			lu := c.list(b, bi, width, where)
			padAfter(lu, step)
			us = append(us, lu...)
			indentNext, block = false, len(lu) > 0
		case article.ImageBlock:
			if b.Image != nil {
				if f := c.figure(b.Image, width, maxFigure, bi, where); f != nil {
					f.space = s.Caption.SpaceBefore * 2
					padAfter([]*unit{f}, step)
					us = append(us, f)
					block = true
				}
			}
			indentNext = false
		case article.Preformatted:
			pu := c.pre(b.Text, bi, width, where)
			padAfter(pu, step)
			us = append(us, pu...)
			indentNext, block = false, len(pu) > 0
		case article.TableBlock:
			tu := c.table(b.Table, bi, width, where)
			padAfter(tu, step)
			us = append(us, tu...)
			indentNext, block = false, len(tu) > 0
		case article.Divider:
			h := s.Body.Leading * 2
			u := &unit{h: h, group: -1, discard: true}
			u.rules = []Rule{{X1: width/2 - width/8, Y1: h / 2, X2: width/2 + width/8, Y2: h / 2, Thickness: 0.6, Color: s.RuleColor}}
			us = append(us, u)
			indentNext = false
		}
		afterHeading, afterBlock = heading, block
	}
	return us
}

func (c *composer) inline(runs []article.Run, st TextStyle) []span {
	if c.spec.PrintLinks != LinksPrintOff {
		runs = c.withAddresses(runs)
	}
	return spansFromRuns(runs, st, "mono", c.spec.LinkColor)
}

// masthead is the publication's logo or name above the kicker, with a rule.
func (c *composer) masthead(width float64) []*unit {
	s := c.spec
	st := s.Kicker
	st.Size *= 1.6
	st.Leading *= 1.6
	st.Color = s.Body.Color
	var us []*unit
	if info, ok := c.in.Images[s.MastheadLogo]; ok && s.MastheadLogo != "" && info.Width > 0 && info.Height > 0 {
		h := st.Leading * 1.2
		w := h * float64(info.Width) / float64(info.Height)
		if w > width {
			w, h = width, width*float64(info.Height)/float64(info.Width)
		}
		r := Rect{0, 0, w, h}
		logo := Image{Rect: r, Full: r, Src: s.MastheadLogo, PixelsW: info.Width, PixelsH: info.Height, Block: -1, Alt: s.Masthead}
		if s.Masthead != "" {
			logo.Tag = c.tags.add(TagFigure, 0)
			c.tags.node(logo.Tag).Alt = s.Masthead
		}
		us = append(us, &unit{h: h, group: -1, images: []Image{logo}})
	} else if s.Masthead != "" {
		us = append(us, c.paragraph(plainSpans(s.Masthead, st), st, width, 0, 0, RoleMasthead, -1, "masthead", c.tags.lines(TagP, 0))...)
	}
	if len(us) == 0 {
		return nil
	}
	gap := st.Size * 0.6
	rule := &unit{h: gap * 2, group: -1}
	rule.rules = []Rule{{X1: 0, Y1: gap, X2: width, Y2: gap, Thickness: 1.2, Color: s.Body.Color}}
	return append(us, rule)
}

// The QR code's size: a module is at least qrModule wide (3 pixels at
// 150 dpi, so that a printed page scanned or rendered at 150 dpi still
// reads), the code at least qrMinSide; qrGap is the room between it and
// the text beside it, which is never narrower than qrMinText.
const (
	qrModule  = 0.5 * 72 / 25.4
	qrMinSide = 16 * 72 / 25.4
	qrGap     = 4 * 72 / 25.4
	qrMinText = 60.0
)

// qrSideFor is the side of a QR code of n modules a side.
func qrSideFor(n int) float64 { return max(qrMinSide, float64(n)*qrModule) }

// qr is the QR code (Input.QR, of Input.QRURL) at the right of a block
// width wide.
func (c *composer) qr(width float64) *unit {
	q := c.in.QR
	target := c.in.QRURL
	if target == "" {
		target = c.in.Article.URL
	}
	if len(q) == 0 || target == "" {
		return nil
	}
	side := qrSideFor(len(q))
	mod := side / float64(len(q))
	u := &unit{h: side + c.spec.Legal.Leading*0.5, space: c.spec.Legal.Leading * 0.5, group: -1}
	x0 := width - side
	runs := 0 // one box per run of dark modules in a row
	for _, row := range q {
		for x, dark := range row {
			if dark && (x == 0 || !row[x-1]) {
				runs++
			}
		}
	}
	u.boxes = make([]Box, 0, runs)
	for y, row := range q {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := x
			for run < len(row) && row[run] {
				run++
			}
			u.boxes = append(u.boxes, Box{Rect: Rect{x0 + float64(x)*mod, float64(y) * mod, float64(run-x) * mod, mod}, Color: Color{}})
			x = run
		}
	}
	u.links = append(u.links, LinkArea{Rect: Rect{x0, 0, side, side}, URL: target})
	return u
}

// dropCapLines is how many lines a drop cap spans.
const dropCapLines = 3

// dropCap sets a paragraph whose first letter is a large initial sunk into
// its first lines; the text of those lines runs beside it. It returns nil
// when the paragraph is too short or does not start with a letter.
func (c *composer) dropCap(runs []article.Run, st TextStyle, width float64, bi int, where string) []*unit {
	if len(runs) == 0 || runs[0].Style != 0 || runs[0].Link != "" {
		return nil
	}
	first, n := utf8.DecodeRuneInString(runs[0].Text)
	if n == 0 || !unicode.IsLetter(first) {
		return nil
	}
	capKey := FontKey{st.Font.Family, Bold}
	face := c.set.faceFor(capKey)
	if face == nil || !face.Has(first) {
		return nil
	}
	// The initial's cap height spans the lines: from the first line's cap
	// height down to the last line's baseline.
	size := (float64(dropCapLines-1)*st.Leading + st.Size*0.72) / 0.72
	capW := float64(face.Advance(first)) * size / 1000
	gap := st.Size * 0.4
	rest := append([]article.Run{{Text: runs[0].Text[n:], Style: runs[0].Style}}, runs[1:]...)
	lines := c.set.set(c.inline(rest, st), paraOpts{width: width, align: st.Align, where: where,
		narrowLines: dropCapLines, narrowW: width - capW - gap, expand: c.spec.MaxExpansion, track: c.spec.MaxTracking})
	if len(lines) <= dropCapLines {
		return nil
	}
	lt := c.tags.lines(TagP, 0)
	us := paragraphUnits(lines, 0, st.Leading, st.SpaceBefore, RoleBody, bi, c.nextGroup(), lt)
	for i := 0; i < dropCapLines; i++ {
		for k := range us[i].texts {
			us[i].texts[k].X += capW + gap
		}
		for k := range us[i].rules {
			us[i].rules[k].X1 += capW + gap
			us[i].rules[k].X2 += capW + gap
		}
		for k := range us[i].links {
			us[i].links[k].X += capW + gap
		}
	}
	// The initial is drawn with the first line, its baseline on the last
	// sunk line's; the sunk lines stay together.
	base := us[dropCapLines-1].texts[0].Y + float64(dropCapLines-1)*st.Leading
	asc := size * 0.72
	us[0].texts = append([]Text{{X: 0, Y: base, Text: string(first), Font: capKey, Size: size, Color: st.Color,
		Width: capW, Asc: asc, Desc: 0, Role: RoleBody, Block: bi, Tag: lt.parent}}, us[0].texts...)
	for i := 0; i < dropCapLines-1; i++ {
		us[i].keepNext = true
	}
	return us
}

// quote is a block quote: indented, set in the quote style, with an accent
// bar beside its lines and the citation below.
func (c *composer) quote(b article.Block, bi int, width float64, where string) []*unit {
	s := c.spec
	inset := s.Body.Size * 1.4
	st := s.Quote
	bq := c.tags.add(TagBlockQuote, 0)
	us := c.paragraph(c.inline(b.Runs, st), st, width-inset, 0, inset, RoleQuote, bi, where+".html", c.tags.lines(TagP, bq))
	if b.Cite != "" {
		cs := s.Cite
		cs.SpaceBefore = 2
		cu := c.paragraph(plainSpans("— "+b.Cite, cs), cs, width-inset, 0, inset, RoleQuote, bi, where+".cite", c.tags.lines(TagP, bq))
		for _, u := range cu {
			u.group = us[0].group
		}
		us = append(us, cu...)
		for i, u := range us {
			u.line, u.lines = i, len(us)
		}
	}
	for _, u := range us {
		x := s.Body.Size * 0.3
		u.rules = append(u.rules, Rule{X1: x, Y1: 0, X2: x, Y2: u.h, Thickness: 1.6, Color: s.Accent})
	}
	if len(us) > 0 {
		us[len(us)-1].h += st.SpaceAfter
	}
	return us
}

// list sets items with a hanging indent: the marker in the margin of the
// first line, every line of the item aligned after it. A list nested in
// an item follows the item's text, indented to that text, with markers of
// its own level (see listMarker).
func (c *composer) list(b article.Block, bi int, width float64, where string) []*unit {
	st := c.spec.List
	if c.set.faceFor(st.Font) == nil {
		return nil
	}
	us := c.listItems(b.Items, b.Ordered, 0, bi, 0, width, where+".items", c.tags.add(TagL, 0))
	if len(us) > 0 {
		us[len(us)-1].h += st.SpaceAfter
	}
	return us
}

// listItems sets the items of one list at depth (0 for a list block), x
// from the column's left edge and width wide.
func (c *composer) listItems(items []article.Item, ordered bool, depth, bi int, x, width float64, where string, list TagID) []*unit {
	st := c.spec.List
	f := c.set.faceFor(st.Font)
	markers := make([]string, len(items))
	hang := 0.0
	n := 0
	for ii, item := range items {
		if len(item.Runs) == 0 {
			continue
		}
		n++
		markers[ii] = listMarker(f, ordered, depth, n)
		hang = max(hang, measure(f, markers[ii], st.Size))
	}
	// at least as wide as the count in digits, so that the text of every
	// list of about that length starts at the same place
	hang = max(hang, measure(f, strconv.Itoa(n)+".", st.Size)) + st.Size*0.6
	var us []*unit
	for ii, item := range items {
		path := fmt.Sprintf("%s[%d]", where, ii)
		li := c.tags.add(TagLI, list)
		lbl := c.tags.add(TagLbl, li)
		body := c.tags.lines(TagLBody, li)
		if len(item.Runs) > 0 {
			ist := st
			if ii > 0 || depth > 0 {
				ist.SpaceBefore = st.Size * 0.2
			}
			iu := c.paragraph(c.inline(item.Runs, ist), ist, width-hang, 0, x+hang, RoleList, bi, path, body)
			if len(iu) > 0 {
				marker := markers[ii]
				mw := measure(f, marker, st.Size)
				base := st.Leading/2 + st.Size*0.3
				if first := iu[0].texts; len(first) > 0 {
					base = first[0].Y
				}
				iu[0].texts = append([]Text{{X: x + hang - st.Size*0.6 - mw, Y: base, Text: marker, Font: st.Font, Size: st.Size,
					Color: st.Color, Width: mw, Asc: st.Size * 0.78, Desc: st.Size * 0.22, Role: RoleBullet, Block: bi, Tag: lbl, Space: true}}, iu[0].texts...)
				us = append(us, iu...)
			}
		}
		if item.Sub != nil {
			sx, sw := x+hang, width-hang
			if len(item.Runs) == 0 {
				sx, sw = x, width // nothing to indent under: the sub-list takes the item's place
			}
			us = append(us, c.listItems(item.Sub.Items, item.Sub.Ordered, depth+1, bi, sx, sw, path+".list.items", c.tags.add(TagL, body.parent))...)
		}
	}
	return us
}

// listMarker is the marker of the n-th item (from 1) of a list at depth:
// ordered lists count 1. 2. 3., then a. b. c., then i. ii. iii., then
// A. B. C.; other lists use a bullet, then an en dash, then a white
// bullet (when the face has one), then a bullet again.
func listMarker(f Face, ordered bool, depth, n int) string {
	if ordered {
		switch depth % 4 {
		case 1:
			return alphaNumber(n, 'a') + "."
		case 2:
			return romanNumber(n) + "."
		case 3:
			return alphaNumber(n, 'A') + "."
		}
		return strconv.Itoa(n) + "."
	}
	switch depth % 4 {
	case 1:
		if f.Has('–') {
			return "–"
		}
	case 2:
		if f.Has('◦') {
			return "◦"
		}
		if f.Has('–') {
			return "–"
		}
	}
	return "•"
}

// alphaNumber writes n (from 1) in letters from first: a … z, aa, ab, …
func alphaNumber(n int, first rune) string {
	var b []rune
	for n > 0 {
		n--
		b = append([]rune{first + rune(n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// romanNumber writes n (from 1) in lower-case Roman numerals; from 4000
// on, in digits.
func romanNumber(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, d := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
		{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= d.v {
			b.WriteString(d.s)
			n -= d.v
		}
	}
	return b.String()
}

func cleanPre(s string) string {
	return strings.Map(func(r rune) rune {
		if dropRune(r) {
			return -1
		}
		return r
	}, s)
}

// legal builds the closing block as one unit: the legal footer's text and
// links, the article's address and its QR code.
func (c *composer) legal(width float64) []*unit {
	a := c.in.Article
	s := c.spec
	st := s.Legal
	var runs []article.Run
	if a.Footer != nil {
		if a.Footer.Text != "" {
			runs = append(runs, article.Run{Text: a.Footer.Text})
		}
		for _, l := range a.Footer.Links {
			if len(runs) > 0 {
				runs = append(runs, article.Run{Text: " "})
			}
			if s.PrintLinks == LinksPrintOff || sameAddress(l.Text, l.URL) {
				t := l.Text
				if !strings.HasSuffix(t, ".") {
					t += "."
				}
				runs = append(runs, article.Run{Text: t, Link: l.URL})
				continue
			}
			// on paper, the address after the text (a footer's links are
			// never footnotes: the footer is the article's end)
			runs = append(runs, article.Run{Text: strings.TrimSuffix(l.Text, "."), Link: l.URL},
				article.Run{Text: " (" + article.DisplayURL(l.URL) + ").", Link: l.URL})
		}
	}
	top := &unit{h: st.SpaceBefore, group: -1}
	top.rules = []Rule{{X1: 0, Y1: st.SpaceBefore / 2, X2: width, Y2: st.SpaceBefore / 2, Thickness: 0.5, Color: s.RuleColor}}
	notes := c.noteLines(st)
	if len(runs) == 0 && a.URL == "" && notes == nil {
		return nil
	}
	// The QR code stands at the right, the footer text and the address
	// beside it; in a column too narrow for that, under them.
	q := c.qr(width)
	textW := width
	beside := false
	if q != nil {
		side := qrSideFor(len(c.in.QR))
		beside = width-side-qrGap >= qrMinText
		if beside {
			textW = width - side - qrGap
		}
	}
	var text []*unit
	st.SpaceBefore = 0
	for _, n := range notes {
		text = append(text, c.paragraph(n, st, width, 0, 0, RoleLegal, -1, "links", c.tags.lines(TagP, 0))...)
	}
	if len(notes) > 0 {
		// the footer proper starts under the notes, the QR code beside it
		gap := &unit{h: st.Leading * 0.5, group: -1}
		text = append(text, gap)
		top = stack(append([]*unit{top}, text...))
		text = nil
	}
	if len(runs) > 0 {
		text = append(text, c.paragraph(spansFromRuns(runs, st, "mono", st.Color), st, textW, 0, 0, RoleLegal, -1, "footer", c.tags.lines(TagP, 0))...)
	}
	if a.URL != "" {
		text = append(text, c.paragraph([]span{{text: article.DisplayURL(a.URL), font: st.Font, size: st.Size, color: st.Color, link: a.URL}}, st, textW, 0, 0, RoleLegal, -1, "url", c.tags.lines(TagP, 0))...)
	}
	if q != nil {
		// the QR code's link, after the text it repeats, described by
		// the address
		link := c.tags.add(TagLink, 0)
		c.tags.node(link).Alt = a.URL
		for i := range q.links {
			q.links[i].Tag = link
		}
	}
	// The closing block never splits: the address does not run onto a page
	// of its own, nor does the QR code part from it or from the footer.
	switch {
	case q == nil:
		return []*unit{stack(append([]*unit{top}, text...))}
	case beside:
		// the QR code's modules and link join the stacked text as they
		// are, moved down by the rule above them
		u := stack(append([]*unit{top}, text...))
		for i := range q.boxes {
			q.boxes[i].Y += top.h
		}
		for i := range q.links {
			q.links[i].Y += top.h
		}
		if len(u.boxes) == 0 {
			u.boxes = q.boxes
		} else {
			u.boxes = append(u.boxes, q.boxes...)
		}
		u.links = append(u.links, q.links...)
		u.h = max(u.h, top.h+q.h)
		return []*unit{u}
	}
	return []*unit{stack(append(append([]*unit{top}, text...), q))}
}

// closeFlow returns body followed by the closing block (the legal footer
// at column width) for one flow. The block is kept with the end of the
// text: the column may not end between them, so when the block does not
// fit under the text, the last lines of the text (two at least, as the
// widow rule has it) go over with it rather than it standing alone on the
// last page.
func closeFlow(body, closing []*unit) []*unit {
	all := make([]*unit, 0, len(body)+len(closing))
	all = append(all, body...)
	if n := len(all); n > 0 && len(closing) > 0 {
		last := *all[n-1]
		last.keepNext = true
		all[n-1] = &last
	}
	return append(all, closing...)
}

// figureAlt is a picture's alternate text: its alt, else its caption.
func figureAlt(im *article.Image) string {
	if a := strings.TrimSpace(im.Alt); a != "" {
		return a
	}
	return strings.TrimSpace(im.Caption)
}

// headingTag is the tag of a body heading of level: at most one level
// below the previous heading (the headline is level 1), so that a reader
// never finds a level skipped.
func (c *composer) headingTag(level int) TagKind {
	level = max(2, min(level, c.heading+1))
	c.heading = level
	return HeadingTag(level)
}
