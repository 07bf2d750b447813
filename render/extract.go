package render

import (
	"strings"
	"unicode/utf8"

	"printd/fonts"
	"printd/layout"
)

// What text extractors (pdftotext, a viewer's copy and search) read from
// the page besides the glyphs' ToUnicode text.
//
// Extractors put a space wherever a glyph starts further from the end of
// the one before than some fraction of an em (poppler: a tenth), whatever
// the text. Thai, Lao, Khmer and Burmese write words without spaces
// between them, and so do Chinese and Japanese; a justified line of them
// spreads its slack between words that no space parts. Such words are
// drawn inside one marked-content span whose /ActualText is their text
// without the space (joinedWords, beginJoined): an extractor reads it
// over the extent of the span's glyphs, evenly, and so finds no gap. The
// glyphs are drawn where they were, one text after the other; only the
// words a gap parts share a span, so a viewer still selects and finds the
// words of a line that needs none.

// joinGap is the least gap, in ems, between two words without a space
// that joinedWords joins: half poppler's word space and pdf.js's, above
// the gaps a justified Chinese or Japanese line spreads between all its
// letters (about 0.04 em), which read as no space.
const joinGap = 0.05

// joinedWords returns the index of the last text that texts[k] goes on in
// across gaps without a space (k when it does not).
func joinedWords(texts []layout.Text, k int) int {
	m := k
	for m+1 < len(texts) && joins(&texts[m], &texts[m+1]) {
		m++
	}
	return m
}

// joins reports whether text t goes on in n, on the same line and in the
// same structure node, without a space but a gap between them.
func joins(t, n *layout.Text) bool {
	if t.Space || t.Hyphen || n.Hyphen || t.RTL || n.RTL || t.Text == "" || n.Text == "" ||
		t.Tag != n.Tag || t.Block != n.Block || t.Role != n.Role ||
		strings.HasSuffix(t.Text, " ") || strings.HasPrefix(n.Text, " ") {
		return false
	}
	if d := n.Y - t.Y; d > 0.01 || d < -0.01 {
		return false
	}
	gap := n.X - (t.X + t.Width)
	return gap > joinGap*t.Size && gap < 3*t.Size
}

// beginJoined opens the span of texts that joinedWords joined and returns
// the operator that closes it; until then nothing drawn opens a span of
// its own (drawer.span), nor other marked content.
func (d *drawer) beginJoined(texts []layout.Text) (end string) {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(t.Text)
	}
	if last := texts[len(texts)-1]; d.tag != nil && last.Space && last.Glyphs != nil {
		b.WriteByte(' ') // as drawShapedTagged gives it (drawTagged draws it after the span)
	}
	begin, end := d.tag.actual(b.String())
	d.pdf.RawWriteStr(begin)
	d.span = true
	return end
}

// Right-to-left text is drawn in visual order, and an extractor puts it
// back in logical order itself, character by character. A bracket or
// guillemet of a right-to-left run is drawn as its mirror image — by the
// shaper (the glyph of "»" for "«"), or, in a face drawn by code page,
// by layout (the text holds "»") — and would read as that. Each such
// glyph is drawn in a span of its own whose /ActualText is the character
// of the text (one character, which no extractor's reordering can turn
// round); the pieces of the text around it are drawn in logical order,
// right to left, so that marked content follows the text's order too.

// mirroredText draws a right-to-left text of a code-page face that holds
// mirrored brackets, piece by piece; false when it holds none.
func (d *drawer) mirroredText(ff *faceFonts, t layout.Text, tag int32) bool {
	if !t.RTL || d.span || !hasMirrored(t.Text) {
		return false
	}
	runes := []rune(t.Text)
	pos := make([]float64, len(runes)+1) // page X of each character
	adv := 0
	for i, r := range runes {
		pos[i] = t.X + t.HScale()*float64(adv)*t.Size/1000 + float64(i)*t.Tracking
		adv += ff.face.Advance(r)
	}
	// pieces in visual order, drawn right to left
	end := len(runes)
	for i := len(runes) - 1; i >= -1; i-- {
		if i >= 0 && layout.MirroredRune(runes[i]) == runes[i] {
			continue
		}
		if i+1 < end { // the plain piece right of runes[i]
			p := t
			p.Text, p.X = string(runes[i+1:end]), pos[i+1]
			p.Space, p.Hyphen = t.Space && end == len(runes), t.Hyphen && end == len(runes)
			d.drawTagged(ff, p, tag)
		}
		if i < 0 {
			break
		}
		p := t
		p.Text, p.X = string(runes[i]), pos[i]
		p.Space, p.Hyphen = t.Space && i == len(runes)-1, false
		begin, endSpan := d.tag.actual(string(layout.MirroredRune(runes[i])))
		d.pdf.RawWriteStr(begin)
		d.drawText(ff, p, false)
		d.pdf.RawWriteStr(endSpan)
		d.tag.to(tag)
		end = i
	}
	return true
}

func hasMirrored(s string) bool {
	for _, r := range s {
		if layout.MirroredRune(r) != r {
			return true
		}
	}
	return false
}

// mirroredGlyphs draws a right-to-left shaped text that has glyphs the
// shaper mirrored, piece by piece; false when it has none. A mirrored
// glyph is one glyph for one character that has a mirror image
// (layout.MirroredRune, as mapCluster reads it), not the character's own
// glyph in the face.
func (d *drawer) mirroredGlyphs(f *fonts.SysFace, t layout.Text) bool {
	if !t.RTL || d.span {
		return false
	}
	cf := d.cidFontFor(f)
	ft := f.Font()
	gs := t.Glyphs
	var starts []int
	var mirror []int // glyph indices
	for i, g := range gs {
		if i > 0 && gs[i-1].Cluster == g.Cluster || i+1 < len(gs) && gs[i+1].Cluster == g.Cluster {
			continue
		}
		c := int(g.Cluster)
		if c < 0 || c >= len(t.Text) {
			continue
		}
		r, n := utf8.DecodeRuneInString(t.Text[c:])
		if layout.MirroredRune(r) == r {
			continue
		}
		if id, ok := ft.Glyph(r); ok && id == g.ID {
			continue
		}
		if starts == nil {
			starts = cf.mapText(ft, t)
		}
		if clusterEnd(starts, c, len(t.Text)) == c+n {
			mirror = append(mirror, i)
		}
	}
	if len(mirror) == 0 {
		if starts != nil {
			d.drawGlyphs(cf, t, starts, "")
			return true
		}
		return false
	}
	tag := d.tag.open()
	sc := t.HScale()
	trk := t.Tracking * 1000 / (sc * t.Size)
	pens := make([]float64, len(gs)+1)
	for i, g := range gs {
		pens[i+1] = pens[i] + float64(g.Advance) + trk
	}
	piece := func(a, b int) layout.Text {
		p := t
		p.Glyphs, p.X = gs[a:b], t.X+sc*pens[a]*t.Size/1000
		return p
	}
	end := len(gs)
	for k := len(mirror) - 1; k >= -1; k-- {
		i := -1
		if k >= 0 {
			i = mirror[k]
		}
		if i+1 < end {
			d.drawGlyphs(cf, piece(i+1, end), starts, "")
		}
		if i < 0 {
			break
		}
		c := int(gs[i].Cluster)
		d.drawGlyphs(cf, piece(i, i+1), starts, t.Text[c:clusterEnd(starts, c, len(t.Text))])
		d.tag.to(tag)
		end = i
	}
	return true
}
