package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"printd/article"
	"printd/layout/hyphen"
	"printd/layout/linebreak"
	"printd/layout/locale"
)

// ImageInfo is what layout needs to know of a picture: its pixel size after
// orientation.
type ImageInfo struct{ Width, Height int }

// Input is everything one layout depends on. Nothing else is read: the same
// input gives the same document.
type Input struct {
	Article *article.Article
	Spec    Spec
	Fonts   FontBook
	// Images holds the pictures that could be had, by source. An image
	// missing here is left out (its caption stays) with a warning.
	Images map[string]ImageInfo
	// ImageErrors says why an image could not be had, by source, for the
	// warning that reports it left out.
	ImageErrors map[string]string
	// QR is a QR code of the article's address (dark modules true), printed
	// with the legal footer when not empty.
	QR [][]bool
	// QRURL is what the QR code encodes (the article's short address when
	// it has one); empty means the article's URL.
	QRURL string
	// Slug starts the proof's slug line (id, version, time); layout adds
	// "page n of N" and "PROOF". Used only when Spec.Marks > 0.
	Slug string
}

// ErrNoFonts is returned when the font book lacks the body face.
var ErrNoFonts = errors.New("layout: body font unavailable")

// maxPages bounds a runaway layout.
const maxPages = 2000

// Layout typesets an article into pages.
func Layout(in *Input) (*Document, error) {
	s := &in.Spec
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if in.Article == nil {
		return nil, errors.New("layout: no article")
	}
	lang, langWarning := articleLang(in.Article, s.Lang)
	st := &setter{book: in.Fonts, fallback: s.Fallback, params: breakParams(s), mono: "mono",
		oneLetter: locale.OneLetterWords(lang), french: locale.FrenchSpaces(lang), lang: lang,
		hmin: hyphenMinsFor(lang), hyphCaps: s.HyphenateCapitals,
		rtl: in.Article.Dir == "rtl"}
	if st.book.Face(s.Body.Font) == nil {
		return nil, ErrNoFonts
	}
	if s.Hyphenate {
		if h := hyphen.For(lang); h != nil {
			st.hyph = h
		}
	}
	c := &composer{in: in, spec: s, set: st, loc: localeFor(lang), lang: lang, tags: newTagTree()}
	content := s.Content()
	doc := &Document{}

	// The header stack runs full width from the top of page 1 (and on, for
	// an absurdly long one); the body flows in columns under it.
	head := c.header(content.W)
	body := c.body(s.ColumnWidth(), content.H*0.6)
	legalFull := c.legal(content.W)
	pg := c.paginate(head, body, legalFull, flowOpts{grid: s.Body.Leading})
	if s.Copyfit {
		pg = c.copyfit(pg, head, body, legalFull)
	}
	c.notes = append(c.notes, pg.notes...)
	c.assemble(doc, pg)
	c.runningFooters(doc)
	if s.Marks > 0 {
		c.printersMarks(doc)
	}
	if st.rtl {
		mirrorDocument(doc)
	}
	doc.Missing = st.missing
	doc.Warnings = c.warn
	if langWarning != "" {
		doc.Warnings = append(doc.Warnings, langWarning)
	}
	doc.Notes = c.notes
	doc.Tags = c.tags.tags
	doc.NoAlt = c.noAlt
	doc.Lang = lang
	doc.Grid = pg.grid
	for _, g := range MissingGaps(st.missing) {
		doc.Warnings = append(doc.Warnings, g.String())
	}
	return doc, nil
}

// flowOpts is how one flow of the article is set: the copyfit step it
// tries, or none. Each paginate call is given its own, so that nothing of
// one flow stays behind for the next.
type flowOpts struct {
	grid float64 // the baseline grid step of the body flow
	// compact sets the closing block (legal footer, address, QR code) at
	// column width at the foot of the last column instead of across the
	// page under the balanced columns.
	compact bool
	// pageLimit, when > 0, is the most pages the flow may take: it stops
	// there (overset) instead of running on and balancing a last page that
	// is no use.
	pageLimit int
}

// pagination is where one flow of the header, the body and the legal
// footer put everything.
type pagination struct {
	head, body, legal []*unit
	grid              float64 // the body's baseline grid step
	hslots, slots     []slot
	legalAt           float64 // y of the full-width legal footer on the last page; -1 for none
	bodyPage          int     // the page the body starts on
	bodyTop           float64 // where it starts there
	npages            int
	overset           bool
	notes             []string // short column feet
	lastFill          float64  // share of the last page's type area in use
	textFill          float64  // the same without the closing block
}

func (pg *pagination) colRect(s *Spec, page, col int) Rect {
	content := s.Content()
	colW := s.ColumnWidth()
	top := content.Y
	if page == pg.bodyPage {
		top = pg.bodyTop
	}
	h := content.Bottom() - top
	if page == pg.bodyPage && h < 3*s.Body.Leading {
		h = 0 // no room for text under the header: the body starts overleaf
	}
	return Rect{X: content.X + float64(col)*(colW+s.Gutter), Y: top, W: colW, H: h}
}

func (pg *pagination) region(s *Spec, i int) Rect {
	return pg.colRect(s, pg.bodyPage+i/s.Columns, i%s.Columns)
}

func (pg *pagination) pageOf(s *Spec, reg int) int { return pg.bodyPage + reg/s.Columns }

// paginate flows the header stack, the body columns and the legal footer
// onto pages, as o says.
func (c *composer) paginate(head, body, legalFull []*unit, o flowOpts) *pagination {
	s := c.spec
	content := s.Content()
	pg := &pagination{head: head, body: body, legal: legalFull, grid: o.grid, legalAt: -1, bodyTop: content.Y}
	full := func(i int) Rect { return content }
	hslots, hregs, _, _ := flowUnits(head, full, maxPages)
	pg.hslots = hslots
	if hregs > 0 {
		pg.bodyPage = hregs - 1
		if b := columnBottoms(hslots)[hregs-1]; b > 0 {
			pg.bodyTop = b
		}
	}
	ncol := s.Columns
	region := func(i int) Rect { return pg.region(s, i) }
	pageOf := func(reg int) int { return pg.pageOf(s, reg) }
	maxRegs := maxPages * ncol
	if s.Pages > 0 {
		maxRegs = max(0, (s.Pages-pg.bodyPage)*ncol)
	}
	if o.pageLimit > 0 {
		maxRegs = min(maxRegs, max(0, (o.pageLimit-pg.bodyPage)*ncol))
	}
	fr := c.flowBody(body, region, maxRegs, o.grid)
	slots, complete := fr.slots, fr.complete
	if !complete {
		pg.overset = true
	}
	// The last page: balance its columns and put the legal footer under
	// them at full width, or, when it does not fit there, at the end of the
	// last column.
	if complete {
		slots, pg.legalAt, complete = c.finishLastPage(body, slots, region, legalFull, s.ColumnWidth(), maxRegs, o)
		pg.notes = c.shortFeet(slots, region, pageOf)
		if !complete {
			pg.overset = true
		}
	}
	pg.slots = slots
	pg.npages = pg.bodyPage + 1
	for _, sl := range slots {
		if p := pageOf(sl.reg) + 1; p > pg.npages {
			pg.npages = p
		}
	}
	// How much of the last page's type area is in use.
	low := content.Y
	for _, sl := range hslots {
		if sl.reg == pg.npages-1 {
			low = max(low, sl.y+sl.u.h)
		}
	}
	text := low
	for _, sl := range slots {
		if pageOf(sl.reg) == pg.npages-1 {
			low = max(low, sl.y+sl.u.h)
			if !sl.u.closing {
				text = max(text, sl.y+sl.u.h)
			}
		}
	}
	pg.textFill = (text - content.Y) / content.H
	if pg.legalAt >= 0 {
		y := pg.legalAt
		for _, u := range legalFull {
			y += u.h
		}
		low = max(low, y)
	}
	pg.lastFill = (low - content.Y) / content.H
	if s.Pages > 0 && pg.npages < s.Pages {
		pg.npages = s.Pages
	}
	return pg
}

// assemble places what a pagination put where onto the document's pages.
func (c *composer) assemble(doc *Document, pg *pagination) {
	s := c.spec
	content := s.Content()
	ncol := s.Columns
	doc.Overset = doc.Overset || pg.overset
	doc.Pages = make([]Page, pg.npages)
	for i := range doc.Pages {
		p := &doc.Pages[i]
		p.Width, p.Height = s.Paper.Width+2*s.Outer(), s.Paper.Height+2*s.Outer()
		p.Trim = s.Trim()
		p.Bleed = Rect{p.Trim.X - s.Bleed, p.Trim.Y - s.Bleed, p.Trim.W + 2*s.Bleed, p.Trim.H + 2*s.Bleed}
		p.Content = content
		if i >= pg.bodyPage {
			for col := 0; col < ncol; col++ {
				p.Columns = append(p.Columns, pg.colRect(s, i, col))
			}
		}
	}
	// Each page's texts in one allocation: the units are known, and the
	// running footer and printer's marks add a few.
	ntexts := make([]int, len(doc.Pages))
	for _, sl := range pg.hslots {
		ntexts[sl.reg] += len(sl.u.texts)
	}
	for _, sl := range pg.slots {
		ntexts[pg.pageOf(s, sl.reg)] += len(sl.u.texts)
	}
	for _, u := range pg.legal {
		ntexts[len(ntexts)-1] += len(u.texts)
	}
	for i, n := range ntexts {
		doc.Pages[i].Texts = make([]Text, 0, n+8)
	}
	for _, sl := range pg.hslots {
		doc.Pages[sl.reg].place(sl.u, content.X, sl.y, sl.reg, doc)
	}
	for _, sl := range pg.slots {
		pi := pg.pageOf(s, sl.reg)
		col := pg.region(s, sl.reg)
		doc.Pages[pi].place(sl.u, col.X, sl.y, pi, doc)
	}
	if pg.legalAt >= 0 {
		last := len(doc.Pages) - 1
		y := pg.legalAt
		for _, u := range pg.legal {
			doc.Pages[last].place(u, content.X, y, last, doc)
			y += u.h
		}
	}
}

// lastPageTail splits a flow at the start of its last page: the slots
// before, the first region of the last page and the units on it.
func lastPageTail(slots []slot, ncol int) (int, int, []*unit) {
	if len(slots) == 0 {
		return 0, 0, nil
	}
	firstReg := slots[len(slots)-1].reg / ncol * ncol
	cut := len(slots)
	for cut > 0 && slots[cut-1].reg >= firstReg {
		cut--
	}
	tail := make([]*unit, 0, len(slots)-cut)
	for _, sl := range slots[cut:] {
		if !sl.u.repeated {
			tail = append(tail, sl.u)
		}
	}
	return cut, firstReg, tail
}

// balance flows tail into the ncol columns starting at firstReg, each at
// most maxH tall, on a baseline grid of step grid, and shortens them
// together as far as the flow allows.
func (c *composer) balance(tail []*unit, firstReg, ncol int, region func(int) Rect, maxH, grid float64) ([]slot, bool) {
	allowed := -1 // the forced breaks the unbalanced columns need
	fitIn := func(h float64, buf []slot) ([]slot, bool) {
		reg := func(i int) Rect {
			r := region(firstReg + i)
			r.H = h
			return r
		}
		r := (&flow{units: tail, region: reg, max: ncol, perPage: c.spec.Columns, grid: grid, buf: buf}).run()
		out, ok, forced := r.slots, r.complete, len(r.forced)
		for i := range out {
			out[i].reg += firstReg
		}
		if allowed < 0 {
			allowed = forced
		}
		return out, ok && forced <= allowed && !figureAfterEnd(out)
	}
	best, ok := fitIn(maxH, nil)
	if !ok || ncol == 1 {
		return best, ok
	}
	// the tries flow into two buffers in turn: the best so far and the
	// one being tried
	var spare []slot
	lo, hi := 0.0, maxH
	for _, u := range tail {
		lo = max(lo, u.h)
	}
	for i := 0; i < 14 && hi-lo > 0.5; i++ {
		mid := (lo + hi) / 2
		out, ok := fitIn(mid, spare)
		if ok {
			best, spare, hi = out, best, mid
		} else {
			spare, lo = out, mid
		}
	}
	return best, true
}

// figureAfterEnd reports a figure placed after the flow's last text: in a
// later column than it, or lower in the same one.
func figureAfterEnd(slots []slot) bool {
	end := -1
	for i := len(slots) - 1; i >= 0; i-- {
		if !slots[i].u.figure {
			end = i
			break
		}
	}
	if end < 0 {
		return false
	}
	last := slots[end]
	for _, s := range slots {
		if s.u.figure && (s.reg > last.reg || s.reg == last.reg && s.y > last.y) {
			return true
		}
	}
	return false
}

// finishLastPage balances the last page's columns and finds room for the
// full-width legal footer below them. When the footer does not fit there,
// it is set at column width at the end of the flow instead, as it is
// when o asks for the compact closing block. It returns the final slots
// and the y of the full-width footer (-1 when none).
func (c *composer) finishLastPage(body []*unit, slots []slot, region func(int) Rect, legalFull []*unit, colW float64,
	maxRegs int, o flowOpts) ([]slot, float64, bool) {
	ncol := c.spec.Columns
	cut, firstReg, tail := lastPageTail(slots, ncol)
	if len(tail) == 0 {
		return slots, -1, true
	}
	top := region(firstReg)
	if len(legalFull) == 0 {
		b, ok := c.balance(tail, firstReg, ncol, region, top.H, o.grid)
		if !ok {
			return slots, -1, true
		}
		return append(slots[:cut:cut], b...), -1, true
	}
	legalH := 0.0
	for _, u := range legalFull {
		legalH += u.h
	}
	gap := c.spec.Legal.Leading * 0.5
	if !o.compact {
		if b, ok := c.balance(tail, firstReg, ncol, region, top.H-legalH-gap, o.grid); ok {
			bottom := top.Y
			for _, s := range b {
				bottom = max(bottom, s.y+s.u.h-s.u.pad) // grid padding may hang into the gap
			}
			return append(slots[:cut:cut], b...), bottom + gap, true
		}
	}
	// No room below the columns (or copyfit asks for the compact block):
	// the footer joins the flow at column width.
	if c.legalCol == nil {
		c.legalCol = c.legal(colW)
		g := c.nextGroup()
		for i, u := range c.legalCol {
			u.group, u.line, u.lines = g, i, len(c.legalCol)
			u.closing = true
		}
	}
	all := closeFlow(body, c.legalCol)
	r := c.flowBody(all, region, maxRegs, o.grid)
	out, ok := r.slots, r.complete
	if !ok {
		return out, -1, false
	}
	cut, firstReg, tail = lastPageTail(out, ncol)
	if b, ok := c.balance(tail, firstReg, ncol, region, region(firstReg).H, o.grid); ok {
		out = append(out[:cut:cut], b...)
	}
	return out, -1, true
}

// flowBody flows body units into column regions on a baseline grid of
// step grid.
func (c *composer) flowBody(units []*unit, region func(int) Rect, maxRegs int, grid float64) flowResult {
	f := flow{units: units, region: region, max: maxRegs, perPage: c.spec.Columns, grid: grid}
	return f.run()
}

// shortFeet notes the columns on pages before the last whose foot is
// more than a line above the column's bottom: the keep rules (a heading
// with its text, no widow or orphan line, no hyphen at a column's foot, a
// figure kept whole) left no fuller break.
func (c *composer) shortFeet(slots []slot, region func(int) Rect, pageOf func(int) int) (notes []string) {
	if len(slots) == 0 {
		return nil
	}
	lastReg := slots[len(slots)-1].reg
	last := pageOf(lastReg)
	step := c.spec.Body.Leading
	for reg, bottom := range columnBottomList(slots, lastReg) {
		if pageOf(reg) >= last {
			break
		}
		col := region(reg)
		// The grid leaves less than a step unused at every foot.
		if lines := math.Floor((col.Bottom()-bottom)/step + 1e-6); lines >= 2 && col.H >= 3*step {
			notes = append(notes, fmt.Sprintf("page %d column %d ends %.0f lines short: the keep rules left no fuller break",
				pageOf(reg)+1, reg%c.spec.Columns+1, lines))
		}
	}
	return notes
}

// columnBottomList is the lowest point reached in each region up to last,
// grid padding left out (zero in a region with nothing in it).
func columnBottomList(slots []slot, last int) []float64 {
	out := make([]float64, last+1)
	for _, s := range slots {
		if b := s.y + s.u.h - s.u.pad; s.reg <= last && b > out[s.reg] {
			out[s.reg] = b
		}
	}
	return out
}

// runningFooters prints the publication's name and "page n of N" under the
// type area of every page.
func (c *composer) runningFooters(doc *Document) {
	s := c.spec
	st := s.Running
	f := c.set.faceFor(st.Font)
	if f == nil {
		return
	}
	content := s.Content()
	y := content.Bottom() + s.Margins.Bottom*0.55
	n := len(doc.Pages)
	for i := range doc.Pages {
		p := &doc.Pages[i]
		p.Rules = append(p.Rules, Rule{X1: content.X, Y1: y - st.Size*1.3, X2: content.Right(), Y2: y - st.Size*1.3, Thickness: 0.4, Color: s.RuleColor})
		p.Texts = append(p.Texts, c.runningTexts(s.Publication, st, content.X, y, false, RoleRunningFooter, "publication")...)
		p.Texts = append(p.Texts, c.runningTexts(c.loc.PageOf(i+1, n), st, content.Right(), y, true, RoleRunningFooter, "footer")...)
	}
}

// clean keeps only the characters the style's face can draw.
func (c *composer) clean(s string, st TextStyle) string {
	f := c.set.faceFor(st.Font)
	return strings.Map(func(r rune) rune {
		if dropRune(r) || !f.Has(r) {
			return -1
		}
		return r
	}, s)
}

// breakParams tunes total-fit line breaking for newspaper columns: TeX's
// pretolerance first (paragraphs that set well without hyphens get none),
// then every breaking weighed by its true badness (a tolerance just under
// 10000), so that a paragraph with no good breaking spreads its slack
// rather than leaving it in one line, as the emergency pass's artificial
// stretch did; an emergency stretch of about one em as the last resort;
// at most two hyphenated lines in a row.
func breakParams(s *Spec) linebreak.Params {
	p := linebreak.DefaultParams()
	p.Tolerance = 9999
	p.EmergencyStretch = s.Body.Size
	p.MaxConsecutiveHyphens = 2
	return p
}
