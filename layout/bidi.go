package layout

import (
	"strings"

	"github.com/go-text/typesetting/bidi"
)

// Bidirectional text (Unicode UAX #9). A paragraph with right-to-left
// characters, or any paragraph of a right-to-left article, gets embedding
// levels per character from go-text's implementation of the algorithm;
// pieces are cut where the level changes. Lines are set in logical order
// as usual and then reordered by rule L2 — the runs of each level, from
// the highest down, mirrored within the span they occupy on the line —
// which also moves a right-to-left line's start to the right.
//
// A right-to-left article is laid out as a left-to-right one and then
// mirrored page by page (mirrorDocument): columns run right to left, list
// markers, quote rules and indents stand on the right, captions and the
// byline align right, the running footer is mirrored. Each line is
// therefore set once more mirrored before, so that its words come out in
// reading order.

// paraBidi computes the levels of a paragraph's tokens: it records in
// every part where its text starts in the paragraph's bidi text and
// returns the level of each byte of that text (nil when every level is 0)
// and the paragraph's level.
func (s *setter) paraBidi(toks []token) (levels []uint8, base uint8) {
	any := false
	for ti := range toks {
		for _, p := range toks[ti].parts {
			if hasRTL(p.text) {
				any = true
			}
		}
	}
	if !any {
		return nil, 0
	}
	var b strings.Builder
	if s.rtl {
		b.WriteRune('\u200f') // an RLM first: the article's direction is the paragraph's
	}
	for ti := range toks {
		t := &toks[ti]
		for pi := range t.parts {
			t.parts[pi].at = b.Len()
			b.WriteString(t.parts[pi].text)
		}
		switch t.after {
		case sepSpace, sepForced:
			b.WriteByte(' ')
		case sepZero:
			b.WriteString("\u200b")
		}
	}
	text := b.String()
	// The paragraph level: the article's in a right-to-left article, else
	// the first strong character's (P2, P3). go-text takes LeftToRight as
	// an explicit level 0, under which Latin words in Arabic text would be
	// level 0 rather than 2 and come out in reverse order.
	dir := bidi.Neutral
	if s.rtl {
		dir = bidi.RightToLeft
	}
	var p bidi.Paragraph
	runs := p.SegmentString(text, dir)
	levels = make([]uint8, len(text))
	ri, run := 0, 0 // rune index, run
	cur := runs.Run(0)
	for i := range text {
		for ri >= cur.End && run+1 < runs.NumRuns() {
			run++
			cur = runs.Run(run)
		}
		levels[i] = uint8(cur.Level)
		ri++
	}
	// continuation bytes of a rune share its level
	for i := 1; i < len(text); i++ {
		if text[i]&0xC0 == 0x80 {
			levels[i] = levels[i-1]
		}
	}
	base = 0
	if s.rtl {
		base = 1
	} else {
		// P2: the first strong character decides
		for i, r := range text {
			if isRTLRune(r) {
				base = levels[i] & 1
				break
			}
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0xBF && !isRTLRune(r) && levels[i] == 0 {
				break
			}
		}
	}
	return levels, base
}

// reorder puts a line's fragments in visual order by rule L2, mirroring
// runs of fragments within the span they occupy; the run of the whole
// line mirrors within the measure. In a right-to-left article the line is
// mirrored once more, since the page will be.
func (sl *setLine) reorder(base uint8, pageRTL bool) {
	fr := sl.frags
	if len(fr) == 0 {
		return
	}
	// A space drawn as a fragment of its own (ragged lines) was given the
	// paragraph's level; between two fragments of a higher level it takes
	// the lower of theirs, as rules N1 and N2 resolve it, so that the
	// words of a Latin name in Arabic text stay one left-to-right run.
	for i := 1; i+1 < len(fr); i++ {
		if strings.TrimSpace(fr[i].text) != "" {
			continue
		}
		l := min(fr[i-1].level, fr[i+1].level)
		if l > fr[i].level {
			fr[i].level = l
		}
	}
	hi, lowOdd := uint8(0), uint8(255)
	for i := range fr {
		l := fr[i].level
		if l < base {
			fr[i].level, l = base, base
		}
		if l > hi {
			hi = l
		}
		if l&1 == 1 && l < lowOdd {
			lowOdd = l
		}
	}
	for lvl := hi; lvl >= lowOdd && lvl > 0; lvl-- {
		for i := 0; i < len(fr); {
			if fr[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(fr) && fr[j].level >= lvl {
				j++
			}
			if i == 0 && j == len(fr) && lvl == base {
				mirrorFrags(fr[i:j], 0, sl.width)
			} else {
				a, b := fr[i].x, fr[i].x+fr[i].width
				for k := i; k < j; k++ {
					a = min(a, fr[k].x)
					b = max(b, fr[k].x+fr[k].width)
				}
				mirrorFrags(fr[i:j], a, b)
			}
			i = j
		}
	}
	if pageRTL {
		mirrorFrags(fr, 0, sl.width)
	}
}

func mirrorFrags(fr []placedPiece, a, b float64) {
	for i := range fr {
		fr[i].x = a + b - fr[i].x - fr[i].width
	}
}

// mirrorDocument mirrors every page of a right-to-left article about its
// vertical axis. Text runs and pictures keep their own drawing (only their
// places move); a QR code moves as a whole.
func mirrorDocument(doc *Document) {
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		w := p.Width
		mx := func(x, width float64) float64 { return w - x - width }
		for i := range p.Texts {
			t := &p.Texts[i]
			t.X = mx(t.X, t.Width)
		}
		for i := range p.Images {
			im := &p.Images[i]
			im.X = mx(im.X, im.W)
			if im.Full.W > 0 {
				im.Full.X = mx(im.Full.X, im.Full.W)
			}
		}
		for i := range p.Rules {
			r := &p.Rules[i]
			r.X1, r.X2 = w-r.X1, w-r.X2
		}
		for i := range p.Links {
			l := &p.Links[i]
			l.X = mx(l.X, l.W)
		}
		for i := range p.Columns {
			c := &p.Columns[i]
			c.X = mx(c.X, c.W)
		}
		p.Content.X = mx(p.Content.X, p.Content.W)
		if len(p.Boxes) > 0 {
			lo, hi := p.Boxes[0].X, p.Boxes[0].Right()
			for _, b := range p.Boxes {
				lo, hi = min(lo, b.X), max(hi, b.Right())
			}
			d := mx(lo, hi-lo) - lo
			for i := range p.Boxes {
				p.Boxes[i].X += d
			}
		}
	}
	doc.RTL = true
}

// MirroredRune returns the mirror image of a bracket-like character (the
// character whose glyph a right-to-left run shows for it), or r itself.
func MirroredRune(r rune) rune { return mirrored(r) }
