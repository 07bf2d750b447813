package render

import (
	"fmt"
	"strconv"

	"printd/fonts"
	"printd/layout"
	"printd/render/internal/pdffont"
)

// Text is set in single-byte TrueType fonts: each face is split into pages
// of up to 224 characters (pdffont.Pages), whose definitions and compressed
// programs are built once per process. A document registers only the pages
// it uses, and the PDF writer copies their programs as they are: nothing is
// parsed or subset per document.
//
// A text item is drawn as runs, each in one page, placed one after the
// other at the sum of the advances before them (fonts.Face.Advance, which
// layout measured the item with). Which standard page (code page) sets a
// run is decided per face, page by page of the document: the fewest pages
// that cover the characters, preferring those already in use and, on a
// tie, the earlier (cp1252 first).

// fpdfFamily is the family name a face's pages are registered under with
// the PDF writer, followed by "." and the page's id. The name stays inside
// fpdf: the file names each font by its definition's subset name.
func fpdfFamily(family string) string { return "st+" + family }

// docFonts holds a document's faces and the pages each uses.
type docFonts struct {
	byKey map[layout.FontKey]*faceFonts
	faces []*faceFonts // in order of first use
	codes []byte       // the codes of the run being drawn
}

// faceFonts is one face's state in a document.
type faceFonts struct {
	face  *fonts.Face
	pages *pdffont.Pages
	// active holds the standard pages chosen to set the face's text.
	active pdffont.PageSet
	// keys names each page's font for the PDF writer once used: a family
	// of its own and the face's style. Family is "" until then.
	keys []layout.FontKey
	// need counts, while a page is planned, the characters active pages
	// lack, by the set of standard pages that have them.
	need    [1 << pdffont.NumStandard]int
	pending bool
}

// faceFor returns the state of the face k resolves to, or nil when the book
// has no such face. Keys that fall back on the same face share it.
func (df *docFonts) faceFor(book Book, k layout.FontKey) *faceFonts {
	if ff, ok := df.byKey[k]; ok {
		return ff
	}
	f := book.face(k)
	if f == nil {
		return nil
	}
	var ff *faceFonts
	for _, g := range df.faces {
		if g.face == f {
			ff = g
			break
		}
	}
	if ff == nil {
		ps := pdffont.For(f)
		ff = &faceFonts{face: f, pages: ps, keys: make([]layout.FontKey, ps.Len())}
		df.faces = append(df.faces, ff)
	}
	if df.byKey == nil {
		df.byKey = make(map[layout.FontKey]*faceFonts)
	}
	df.byKey[k] = ff
	return ff
}

// key returns the PDF writer's family and style for page i of the face.
func (ff *faceFonts) key(i int) layout.FontKey {
	if ff.keys[i].Family == "" {
		ff.keys[i] = layout.FontKey{
			Family: fpdfFamily(ff.face.Family()) + "." + ff.pages.Page(i).ID(),
			Style:  layout.Style(ff.face.Style()),
		}
	}
	return ff.keys[i]
}

// planFonts chooses, for each face the texts use, the standard pages to set
// them in: those already chosen for the document, plus greedily the page
// that has the most of the remaining characters, until all are covered.
func (d *drawer) planFonts(texts []layout.Text) {
	for i := range texts {
		t := &texts[i]
		ff := d.text.faceFor(d.book, t.Font)
		if ff == nil {
			continue
		}
		for _, r := range t.Text {
			s, _ := ff.pages.Lookup(r)
			if s == 0 || s&ff.active != 0 {
				continue
			}
			ff.need[s]++
			ff.pending = true
		}
	}
	for _, ff := range d.text.faces {
		if ff.pending {
			ff.cover()
		}
	}
}

func (ff *faceFonts) cover() {
	for {
		var score [pdffont.NumStandard]int
		left := false
		for s, n := range ff.need {
			if n == 0 {
				continue
			}
			if pdffont.PageSet(s)&ff.active != 0 {
				ff.need[s] = 0
				continue
			}
			left = true
			for p := range score {
				if s&(1<<p) != 0 {
					score[p] += n
				}
			}
		}
		if !left {
			break
		}
		best := 0
		for p, n := range score {
			if n > score[best] {
				best = p
			}
		}
		ff.active |= 1 << best
	}
	ff.pending = false
}

// drawText draws t in face ff as runs of single-byte text. A scaled text
// (t.Scale other than 0 or 1) is drawn with the horizontal scaling set
// around it (the Tz operator, in percent) and reset to 100 after it, so
// that nothing else is drawn scaled. With space, a space is drawn after
// the text (see drawTagged).
func (d *drawer) drawText(ff *faceFonts, t layout.Text, space bool) {
	scaled := t.HScale() != 1
	if scaled {
		d.pdf.RawWriteStr(strconv.FormatFloat(100*t.HScale(), 'f', 3, 64) + " Tz")
	}
	if t.Tracking != 0 {
		d.pdf.RawWriteStr(charSpacing(t) + " Tc")
	}
	if !space {
		ff.runs(safeText(t.Text), func(run string, page, pos, n int) {
			d.drawRun(ff, t, run, page, pos, n, false)
		})
	} else {
		// the last run carries the space
		var last struct {
			run          string
			page, pos, n int
		}
		ff.runs(safeText(t.Text), func(run string, page, pos, n int) {
			if last.run != "" {
				d.drawRun(ff, t, last.run, last.page, last.pos, last.n, false)
			}
			last.run, last.page, last.pos, last.n = run, page, pos, n
		})
		if last.run != "" {
			d.drawRun(ff, t, last.run, last.page, last.pos, last.n, true)
		}
	}
	if t.Tracking != 0 {
		d.pdf.RawWriteStr("0 Tc")
	}
	if scaled {
		d.pdf.RawWriteStr("100 Tz")
	}
}

// charSpacing is the operand of the Tc operator that spaces t's glyphs
// t.Tracking points apart on the page: character spacing is in unscaled
// text space, which the horizontal scaling (Tz) scales.
func charSpacing(t layout.Text) string {
	return strconv.FormatFloat(t.Tracking/t.HScale(), 'f', 4, 64)
}

// runs splits s into the longest runs one page can set, calling fn with
// each run, the index of the page to set it in and its advance from the
// start of s (1/1000 em) and the number of characters before it. Among the standard pages it prefers the active
// ones, then the earlier. Characters no page has (the face lacks them;
// layout never hands any over) are left out, their advance kept.
func (ff *faceFonts) runs(s string, fn func(run string, page, pos, n int)) {
	ps := ff.pages
	pos := 0                   // advance so far
	start, startPos := -1, 0   // the current run: its byte offset and advance
	n, startN := 0, 0          // characters so far, before the run
	var runSet pdffont.PageSet // its standard pages, or
	runPage := -1              // its further page
	flush := func(end int) {
		if start < 0 {
			return
		}
		page := runPage
		if runSet != 0 {
			page = runSet.First()
		}
		fn(s[start:end], page, startPos, startN)
	}
	for i, r := range s {
		set, further := ps.Lookup(r)
		if a := set & ff.active; a != 0 {
			set = a
		}
		switch {
		case start >= 0 && set != 0 && runSet&set != 0:
			runSet &= set
		case start >= 0 && runPage >= 0 && (further == runPage || r == ' ' && ps.Page(runPage).Rune(' ') == ' '):
		default:
			flush(i)
			start, startPos, startN, runSet, runPage = i, pos, n, set, further
			if set != 0 {
				runPage = -1
			} else if further < 0 {
				start = -1
			}
		}
		pos += ff.face.Advance(r)
		n++
	}
	flush(len(s))
}

// drawRun draws run in page page of face ff at advance pos from the start
// of t (scaled with t's glyphs), after n characters of t (spaced by
// t.Tracking).
func (d *drawer) drawRun(ff *faceFonts, t layout.Text, run string, page, pos, n int, space bool) {
	codes := d.text.codes[:0]
	for _, r := range run {
		c, ok := ff.pages.Encode(page, r)
		if !ok {
			d.pdf.SetError(fmt.Errorf("font %s: page %s cannot encode %U", ff.face.Name(), ff.pages.Page(page).ID(), r))
			return
		}
		codes = append(codes, c)
	}
	if c, ok := ff.pages.Encode(page, ' '); ok && space {
		codes = append(codes, c)
	}
	d.text.codes = codes
	d.useFont(ff, page, t.Size)
	d.pdf.Text(t.X+t.HScale()*float64(pos)*t.Size/1000+float64(n)*t.Tracking, t.Y, string(codes))
}
