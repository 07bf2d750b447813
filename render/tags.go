package render

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"printd/fonts"
	"printd/layout"
	"printd/render/internal/pdfpatch"
)

// Tagged PDF: every text, picture and link area layout tagged with a
// structure node (layout.Document.Tags) is drawn inside marked content
// with an MCID that the structure tree points back to; everything else —
// running footers, page numbers, printer's marks, rules, the QR code's
// modules, the hyphens of broken words — is drawn as an artifact. The
// tagger writes the marked-content operators through fpdf's raw output
// while the page is drawn and collects what pdfpatch needs to write the
// structure tree, the parent tree and the link annotations' entries.

// Artifacts, by what the marked content of a drawn item is when it is not
// a structure node's: negative "tags".
const (
	artLayout  = -1 - iota // rules, the QR code, decorative pictures, added hyphens
	artFooter              // running footers and page numbers
	artPrinter             // crop marks and the slug line, outside the trim
	artNone    = 0         // nothing open
)

var artifactOps = map[int32]string{
	artLayout:  "/Artifact <</Type /Layout>> BDC",
	artFooter:  "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
	artPrinter: "/Artifact <</Type /Page>> BDC",
}

// contentKey orders a node's content: page, then MCID, then the page's
// link annotations after its marked content.
type contentKey uint64

func mcidKey(page, mcid int) contentKey   { return contentKey(page)<<32 | contentKey(mcid) }
func annotKey(page, annot int) contentKey { return contentKey(page)<<32 | 1<<31 | contentKey(annot) }

// tagger marks the content of one document.
type tagger struct {
	tags    []layout.Tag
	out     func(string)
	cur     int32   // the open marked content: a tag, an artifact, or artNone
	page    int     // the page being drawn (0-based)
	mcids   []int32 // the current page's MCIDs: the tag of each
	pages   [][]int32
	annots  [][]int32                  // each page's link annotations: the tag of each
	content map[int32][]contentKey     // each tag's content, in drawing order
	text    map[int32]*strings.Builder // the words of each Link, for its annotation
	buf     []byte
}

func newTagger(tags []layout.Tag, out func(string)) *tagger {
	return &tagger{tags: tags, out: out, content: make(map[int32][]contentKey, len(tags))}
}

// to makes want the open marked content, closing the one open before.
func (m *tagger) to(want int32) {
	if m == nil || want == m.cur {
		return
	}
	b := m.buf[:0]
	if m.cur != artNone {
		b = append(b, "EMC"...)
	}
	switch {
	case want > 0:
		if len(b) > 0 {
			b = append(b, ' ')
		}
		mcid := len(m.mcids)
		b = append(b, '/')
		b = append(b, m.tags[want].Kind.String()...)
		b = append(b, " <</MCID "...)
		b = strconv.AppendInt(b, int64(mcid), 10)
		b = append(b, ">> BDC"...)
		m.mcids = append(m.mcids, want)
		m.content[want] = append(m.content[want], mcidKey(m.page, mcid))
	case want < 0:
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, artifactOps[want]...)
	}
	m.cur = want
	m.buf = b
	m.out(string(b))
}

// ruleArtifact is the artifact a rule is: a printer's mark when it lies
// wholly outside the trim, else part of the layout.
func ruleArtifact(p *layout.Page, r layout.Rule) int32 {
	t := p.Trim
	if t.W > 0 && (max(r.X1, r.X2) <= t.X || min(r.X1, r.X2) >= t.Right() || max(r.Y1, r.Y2) <= t.Y || min(r.Y1, r.Y2) >= t.Bottom()) {
		return artPrinter
	}
	return artLayout
}

// textTag is the marked content a text is drawn in.
func (m *tagger) textTag(t *layout.Text) int32 {
	if m == nil {
		return artNone
	}
	if t.Tag > 0 && int(t.Tag) < len(m.tags) {
		return int32(t.Tag)
	}
	switch t.Role {
	case layout.RoleRunningFooter:
		return artFooter
	case layout.RoleMark:
		return artPrinter
	}
	return artLayout
}

// words records the text of a Link's words, for its annotation.
func (m *tagger) words(tag int32, s string, space bool) {
	if m == nil || tag <= 0 || m.tags[tag].Kind != layout.TagLink {
		return
	}
	if m.text == nil {
		m.text = map[int32]*strings.Builder{}
	}
	b := m.text[tag]
	if b == nil {
		b = &strings.Builder{}
		m.text[tag] = b
	}
	b.WriteString(s)
	if space {
		b.WriteByte(' ')
	}
}

// link records a link annotation of the current page.
func (m *tagger) link(tag layout.TagID) {
	if m == nil {
		return
	}
	for len(m.annots) <= m.page {
		m.annots = append(m.annots, nil)
	}
	t := int32(tag)
	if t <= 0 || int(t) >= len(m.tags) {
		t = 0
	}
	if t > 0 {
		m.content[t] = append(m.content[t], annotKey(m.page, len(m.annots[m.page])))
	}
	m.annots[m.page] = append(m.annots[m.page], t)
}

// endPage closes the open marked content and keeps the page's MCIDs.
func (m *tagger) endPage() {
	if m == nil {
		return
	}
	m.to(artNone)
	m.pages = append(m.pages, m.mcids)
	for len(m.annots) <= m.page {
		m.annots = append(m.annots, nil)
	}
	m.mcids = nil
	m.page++
}

// structure is what pdfpatch writes: the nodes that have content (or
// children that have), each with its kids in reading order. The
// document's blocks follow the article's order; within a node, its own
// content and its children (a paragraph's links) follow the drawing order,
// which is the reading order of a paragraph's lines across columns and
// pages.
func (m *tagger) structure(urls [][]string) *pdfpatch.Structure {
	n := len(m.tags)
	keep := make([]bool, n)
	first := make([]contentKey, n)
	for i := range first {
		first[i] = ^contentKey(0)
	}
	for i := n - 1; i >= 0; i-- {
		if c := m.content[int32(i)]; len(c) > 0 {
			keep[i] = true
			first[i] = min(first[i], c[0])
		}
		if i > 0 && keep[i] {
			p := m.tags[i].Parent
			keep[p] = true
			first[p] = min(first[p], first[i])
		}
	}
	if !keep[0] {
		return nil
	}
	// An empty table cell stays, so that every row has its cells.
	for i := 1; i < n; i++ {
		if k := m.tags[i].Kind; (k == layout.TagTD || k == layout.TagTH) && keep[m.tags[i].Parent] {
			keep[i] = true
		}
	}
	elem := make([]int, n) // tag → element index
	s := &pdfpatch.Structure{}
	children := make([][]int32, n)
	for i := 1; i < n; i++ {
		if keep[i] {
			p := m.tags[i].Parent
			children[p] = append(children[p], int32(i))
		}
	}
	// Elements in tree order (depth first), so that a parent precedes its
	// children and the file reads in document order.
	var visit func(t int32, parent int)
	visit = func(t int32, parent int) {
		tg := m.tags[t]
		e := pdfpatch.Elem{Type: tg.Kind.String(), Parent: parent, Alt: tg.Alt, Lang: tg.Lang}
		var attrs string
		switch tg.Scope {
		case layout.ScopeColumn:
			attrs = " /Scope /Column"
		case layout.ScopeRow:
			attrs = " /Scope /Row"
		case layout.ScopeBoth:
			attrs = " /Scope /Both"
		}
		if tg.RowSpan > 1 {
			attrs += " /RowSpan " + strconv.Itoa(tg.RowSpan)
		}
		if tg.ColSpan > 1 {
			attrs += " /ColSpan " + strconv.Itoa(tg.ColSpan)
		}
		if attrs != "" {
			e.Attrs = "<</O /Table" + attrs + ">>"
		}
		if tg.Kind == layout.TagLink {
			e.Alt = "" // a Link's description goes to its annotations
		}
		idx := len(s.Elems)
		elem[t] = idx
		s.Elems = append(s.Elems, e)
		type kid struct {
			key  contentKey
			elem int32 // a child node; -1 for content
		}
		own := m.content[t]
		kids := make([]kid, 0, len(own)+len(children[t]))
		for _, k := range own {
			kids = append(kids, kid{k, -1})
		}
		for _, c := range children[t] {
			kids = append(kids, kid{first[c], c})
		}
		if len(own) > 0 {
			slices.SortStableFunc(kids, func(a, b kid) int {
				switch {
				case a.key < b.key:
					return -1
				case a.key > b.key:
					return 1
				}
				return 0
			})
		}
		var out []pdfpatch.Kid
		for _, k := range kids {
			if k.elem >= 0 {
				visit(k.elem, idx)
				out = append(out, pdfpatch.Kid{Elem: elem[k.elem]})
				continue
			}
			page := int(k.key >> 32)
			low := int(k.key & (1<<32 - 1))
			if low&(1<<31) != 0 {
				out = append(out, pdfpatch.Kid{Elem: -1, Page: page, Annot: low &^ (1 << 31)})
			} else {
				out = append(out, pdfpatch.Kid{Elem: -1, Page: page, MCID: low, Annot: -1})
			}
		}
		s.Elems[idx].Kids = out
	}
	visit(0, -1)
	s.Pages = make([][]int, len(m.pages))
	for p, mc := range m.pages {
		row := make([]int, len(mc))
		for i, t := range mc {
			row[i] = elem[t]
		}
		s.Pages[p] = row
	}
	s.Annots = make([][]pdfpatch.AnnotTag, len(m.annots))
	for p, as := range m.annots {
		for i, t := range as {
			a := pdfpatch.AnnotTag{Elem: -1}
			if t > 0 && keep[t] {
				a.Elem = elem[t]
			}
			if b := m.text[t]; b != nil {
				a.Contents = strings.Join(strings.Fields(b.String()), " ")
			}
			if a.Contents == "" && t > 0 {
				a.Contents = m.tags[t].Alt
			}
			if a.Contents == "" && p < len(urls) && i < len(urls[p]) {
				a.Contents = urls[p][i]
			}
			s.Annots[p] = append(s.Annots[p], a)
		}
	}
	return s
}

// drawTagged draws a text with what a reader of the text needs besides
// the glyphs: a word space layout leaves undrawn (a justified line's gap,
// a line's end) is drawn after the text, where it is invisible; a hyphen
// the line break added is drawn as an artifact, so that the broken word
// reads whole.
func (d *drawer) drawTagged(ff *faceFonts, t layout.Text, tag int32) {
	if d.tag == nil {
		d.drawText(ff, t, false)
		return
	}
	if t.Hyphen && tag > 0 && strings.HasSuffix(t.Text, "-") {
		head := t
		head.Text = t.Text[:len(t.Text)-1]
		adv := 0
		for _, r := range head.Text {
			adv += ff.face.Advance(r)
		}
		if head.Text != "" {
			d.drawText(ff, head, false)
		}
		hy := t
		hy.Text = "-"
		hy.X = t.X + t.HScale()*float64(adv)*t.Size/1000 + float64(utf8.RuneCountInString(head.Text))*t.Tracking
		d.tag.to(artLayout)
		d.drawText(ff, hy, false)
		return
	}
	// (inside an /ActualText span that gives the space, none is drawn:
	// its glyph would end the span's extent after the space)
	d.drawText(ff, t, t.Space && !strings.HasSuffix(t.Text, " ") && !d.span)
}

// drawShapedTagged draws shaped text; what a reader needs besides the
// glyphs (see drawTagged) is given as /ActualText.
func (d *drawer) drawShapedTagged(f *fonts.SysFace, t layout.Text) {
	if d.mirroredGlyphs(f, t) {
		return
	}
	if d.tag == nil || !t.Hyphen && !t.Space || t.RTL {
		// (Extractors read /ActualText of right-to-left glyphs as if it
		// were in visual order, and reverse it: there the space is left to
		// the gap between the words.)
		d.drawShaped(f, t, "")
		return
	}
	actual := t.Text
	if t.Hyphen {
		actual = strings.TrimSuffix(actual, "-")
	}
	if t.Space {
		actual += " "
	}
	d.drawShaped(f, t, actual)
}

// actual returns the operators that begin and end marked content giving
// the text drawn between them as text, for the open marked content. Under
// a structure node it is a marked-content item of the node's own, with
// its MCID (the open one ends before it): marked content nested in a
// node's would hide what follows it from readers that follow MCIDs by
// nesting. Elsewhere it is a Span nested in what is open.
func (m *tagger) actual(text string) (begin, end string) {
	if m == nil || m.cur <= 0 {
		return "/Span <</ActualText " + string(pdfpatch.TextString(text)) + ">> BDC", "EMC"
	}
	tag := m.cur
	m.to(artNone)
	mcid := len(m.mcids)
	m.mcids = append(m.mcids, tag)
	m.content[tag] = append(m.content[tag], mcidKey(m.page, mcid))
	// tagged Span whatever the node: readers take /ActualText from a Span
	return "/Span <</MCID " + strconv.Itoa(mcid) + " /ActualText " + string(pdfpatch.TextString(text)) + ">> BDC", "EMC"
}

// open returns the marked content open (artNone without a tagger).
func (m *tagger) open() int32 {
	if m == nil {
		return artNone
	}
	return m.cur
}

// linkURLs lists each page's link addresses, in drawing order.
func linkURLs(doc *layout.Document) [][]string {
	out := make([][]string, len(doc.Pages))
	for i := range doc.Pages {
		for _, l := range doc.Pages[i].Links {
			out[i] = append(out[i], l.URL)
		}
	}
	return out
}
