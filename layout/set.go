package layout

import (
	"printd/layout/linebreak"
)

// item payloads parallel to linebreak items.
type payload struct {
	pieces []piece // a box's fragments (several when fonts change inside)
	hyphen *piece  // a flagged penalty's hyphen
	space  bool    // a glue that stands for a space it does not draw (a narrow no-break space)
}

// build turns tokens into line-breaking items with their payloads. They are
// valid until the next build.
func (s *setter) build(toks []token, o paraOpts, justify bool) ([]linebreak.Item, []payload) {
	// The slices are the setter's, reused paragraph after paragraph:
	// set copies what it keeps out of them.
	items, pay := s.scratch.items[:0], s.scratch.pay[:0]
	boxes, hyphens := s.scratch.pieces[:0], s.scratch.hyphens[:0]
	defer func() {
		s.scratch.items, s.scratch.pay = items, pay
		s.scratch.pieces, s.scratch.hyphens = boxes, hyphens
	}()
	add := func(it linebreak.Item, p payload) {
		items = append(items, it)
		pay = append(pay, p)
	}
	// one = a one-piece slice of the scratch pieces; hyphenOf = a pointer
	// into the scratch hyphens (a slice grown later leaves both intact).
	one := func(p piece) []piece {
		boxes = append(boxes, p)
		n := len(boxes)
		return boxes[n-1 : n : n]
	}
	hyphenOf := func(p piece) *piece {
		hyphens = append(hyphens, p)
		return &hyphens[len(hyphens)-1]
	}
	if o.indent > 0 {
		add(linebreak.BoxItem(o.indent), payload{})
	}
	// Words of justified lines may be set up to o.expand wider or narrower;
	// the indent, spaces and hyphens keep their widths.
	// They may also space their letters by up to o.track em per letter
	// gap (trackGaps): a piece is counted with a gap after each of its
	// letters, and the word's last piece one fewer.
	track := 0.0
	if justify {
		track = o.track
	}
	box := func(p *piece) linebreak.Item { return linebreak.BoxItem(p.width) }
	if justify && (o.expand > 0 || track > 0) {
		box = func(p *piece) linebreak.Item {
			if track > 0 {
				p.gaps, p.gapW = trackGaps(p)
			}
			d := p.width*o.expand + float64(p.gaps)*track*p.size*p.gapWeight()
			if d == 0 {
				return linebreak.BoxItem(p.width)
			}
			return linebreak.ExpandableBoxItem(p.width, d, d)
		}
	}
	var buf []piece
	var spacePiece []piece
	var spaceOf *span
	quotes := 0 // quoted phrases open before the current space (balanced text)
	for ti := range toks {
		t := &toks[ti]
		word := t.text()
		shaped := justify && s.shapedWord(t)
		bps := s.wordBreaks(word, justify && (!shaped || s.hmin.shaped))
		if shaped && s.hmin.shaped {
			bps = s.shapedHyphens(t, word, o.where, bps)
		}
		if sp0 := t.parts[0].sp; sp0 != nil {
			bps = cutOverwide(word, bps, s.advanceFace(sp0.font), sp0.size, o.width-o.indent)
		}
		// walk the parts, cutting at break points
		off := 0
		bi := 0
		var last *piece
		lastBox := -1 // the item of last
		for _, part := range t.parts {
			pstart := off
			pend := off + len(part.text)
			cut := pstart
			for bi < len(bps) && bps[bi].off <= pend {
				bp := bps[bi]
				if bp.off > cut {
					buf = s.pieces(part.sp, word[cut:bp.off], part.at+cut-pstart, o.where, buf[:0])
					for i := range buf {
						it := box(&buf[i])
						add(it, payload{pieces: one(buf[i])})
						last, lastBox = &pay[len(pay)-1].pieces[0], len(items)-1
					}
					if last != nil && last.glyphs != nil && bp.hyphen && !bp.emergency && bp.off < pend {
						last.joinNext = true
					}
					cut = bp.off
				}
				if bp.off < pend || (bp.off == pend && bp.off < len(word)) {
					if bp.seg != 0 {
						it, p := s.segmentGlue(bp.seg, part.sp, justify)
						add(it, p)
					} else if bp.emergency && bp.hyphen && last != nil {
						h := s.hyphenPiece(last)
						add(linebreak.PenaltyItem(h.width, emergencyPenalty, true), payload{hyphen: hyphenOf(h)})
					} else if bp.emergency {
						add(linebreak.PenaltyItem(0, emergencyPenalty, false), payload{})
					} else if bp.hyphen && last != nil {
						h := s.hyphenPiece(last)
						pen := float64(hyphenPenalty)
						if bp.capital {
							pen = capHyphenPenalty
						}
						add(linebreak.PenaltyItem(h.width, pen, true), payload{hyphen: hyphenOf(h)})
					} else {
						// after an explicit dash (flagged: it ends the line
						// with a hyphen) or an address's slash (not)
						add(linebreak.PenaltyItem(0, exHyphenPenalty, word[bp.off-1] != '/'), payload{})
					}
				}
				bi++
			}
			if pend > cut {
				buf = s.pieces(part.sp, word[cut:pend], part.at+cut-pstart, o.where, buf[:0])
				for i := range buf {
					it := box(&buf[i])
					add(it, payload{pieces: one(buf[i])})
					last, lastBox = &pay[len(pay)-1].pieces[0], len(items)-1
				}
			}
			off = pend
		}
		if last != nil && last.gaps > 0 && lastBox == len(items)-1 {
			// no gap after the word's last letter
			last.gaps--
			d := last.size * track * last.gapWeight()
			items[lastBox].Stretch -= d
			items[lastBox].Shrink -= d
		}
		switch t.after {
		case sepSpace:
			sp := t.sp
			if sp == nil {
				sp = t.parts[len(t.parts)-1].sp
			}
			f := s.faceFor(sp.font)
			w := 0.0
			if f != nil {
				w = float64(f.Advance(' ')) * sp.size / 1000
			}
			next := ""
			if ti+1 < len(toks) {
				next = toks[ti+1].text()
			}
			if isOneLetterWord(word, s.oneLetter) || clingsLeft(next) {
				add(linebreak.PenaltyItem(0, linebreak.Infinity, false), payload{})
			} else if o.balance {
				quotes = quoteDepth(quotes, word)
				if p := balancePenalty(word, quotes); p > 0 {
					add(linebreak.PenaltyItem(0, p, false), payload{})
				}
			}
			// the spaces of one span share their piece (lines copy it)
			if spacePiece == nil || spaceOf != sp || spacePiece[0].width != w {
				spacePiece, spaceOf = []piece{{text: " ", font: sp.font, face: f, size: sp.size, color: sp.color, width: w}}, sp
			}
			if justify {
				add(linebreak.GlueItem(w, w/2, w/3), payload{pieces: spacePiece})
			} else {
				add(linebreak.GlueItem(w, 0, 0), payload{pieces: spacePiece})
			}
		case sepZero:
			add(linebreak.PenaltyItem(0, 0, false), payload{})
		case sepNarrow:
			add(linebreak.PenaltyItem(0, linebreak.Infinity, false), payload{})
			add(linebreak.GlueItem(s.narrowSpace(t), 0, 0), payload{space: true})
		case sepForced:
			add(linebreak.GlueItem(0, finalGlue, 0), payload{})
			add(linebreak.PenaltyItem(0, -linebreak.Infinity, false), payload{})
		}
	}
	for _, it := range linebreak.ParagraphEnd() {
		add(it, payload{})
	}
	return items, pay
}

// narrowSpace is the width of a narrow no-break space after token t: the
// font's own U+202F, or a fifth of an em where the font lacks it. It is
// glue, never drawn, so it needs no glyph.
func (s *setter) narrowSpace(t *token) float64 {
	sp := t.sp
	if sp == nil {
		sp = t.parts[len(t.parts)-1].sp
	}
	if f := s.faceFor(sp.font); f != nil && f.Has('\u202f') {
		return float64(f.Advance('\u202f')) * sp.size / 1000
	}
	return sp.size / 5
}

func (s *setter) hyphenPiece(last *piece) piece {
	h := *last
	h.text = "-"
	if h.glyphs != nil {
		h.glyphs, h.width = s.shape(h.face, "-", h.size, false)
	} else {
		h.width = measure(h.face, "-", h.size)
	}
	return h
}

// set typesets spans into lines of width o.width.
func (s *setter) set(spans []span, o paraOpts) []setLine {
	if s.french {
		spans = frenchSpaces(spans)
	}
	toks := tokenize(spans)
	if len(toks) == 0 {
		return nil
	}
	s.levels, s.base = s.paraBidi(toks)
	if s.levels == nil && s.rtl {
		s.base = 0 // a paragraph without right-to-left text in a right-to-left article
	}
	defer func() { s.levels, s.base = nil, 0 }()
	justify := o.align == AlignJustify
	items, pay := s.build(toks, o, justify)
	widths := func(i int) float64 {
		if i < o.narrowLines {
			return o.narrowW
		}
		return o.width
	}
	var lines []linebreak.Line
	if justify && !s.greedy {
		var err error
		lines, err = linebreak.Break(items, widths, s.params)
		if err != nil {
			lines = linebreak.Greedy(items, widths)
		}
	} else if o.balance && o.narrowLines == 0 {
		lines = linebreak.Balance(items, o.width)
	} else {
		lines = linebreak.Greedy(items, widths)
	}
	out := make([]setLine, 0, len(lines))
	for li, ln := range lines {
		sl := setLine{width: widths(li), hyphenated: ln.Hyphenated, ratio: ln.Ratio}
		if justify {
			sl.frags = make([]placedPiece, 0, (ln.End-ln.Start)/2+2) // a word every other item, about
		}
		// Ratio is already in [-1, ∞) and 0 where a fill takes the slack;
		// Start is past the glue and penalties that vanish after a break.
		r := ln.Ratio
		if !justify {
			r = 0 // ragged lines keep their natural spaces
		}
		// Expandable boxes are drawn scaled to their set widths (on one
		// line they share a scale). A hyphen ending the line takes its
		// syllable's scale, so that the two stay one text; the spaces give
		// back the width it gains or loses.
		var hyph *piece
		if ln.End < len(items) && items[ln.End].Kind == linebreak.Penalty {
			hyph = pay[ln.End].hyphen
		}
		sc := lineScale(ln, o.expand, justify)
		trk := 0.0 // letter spacing per em of type
		if justify {
			trk = ln.BoxRatio * o.track
		}
		hyphScale, perSpace := 0.0, 0.0
		if hyph != nil && sc != 0 && ln.End > ln.Start && expandable(items[ln.End-1]) {
			if n := interwordSpaces(items, ln); n > 0 {
				hyphScale = sc
				perSpace = hyph.width * (sc - 1) / float64(n)
			}
		}
		x := 0.0
		for i := ln.Start; i < ln.End; i++ {
			it := items[i]
			switch it.Kind {
			case linebreak.Box:
				// An expandable box is set at its BoxWidth: its pieces
				// scaled by the line's scale.
				for _, p := range pay[i].pieces {
					if sc != 0 && expandable(it) {
						p.scale = sc
						p.width *= sc
					}
					if trk != 0 && p.gaps > 0 {
						p.track = trk * p.size * p.gapWeight()
						p.width += float64(p.gaps) * p.track
					}
					if n := len(sl.frags); n > 0 && sl.frags[n-1].joinNext && s.joinPiece(&sl.frags[n-1], p, x) {
						x += p.width
						continue
					}
					sl.appendPiece(p, x, !justify)
					x += p.width
				}
				if len(pay[i].pieces) == 0 {
					x += ln.BoxWidth(it)
				}
			case linebreak.Glue:
				if (len(pay[i].pieces) == 1 && (justify || i+1 >= ln.End) || pay[i].space) && len(sl.frags) > 0 {
					sl.frags[len(sl.frags)-1].space = true // a word space not drawn
				}
				gw := it.Width
				if r > 0 {
					gw += r * it.Stretch
				} else if r < 0 {
					gw += r * it.Shrink
				}
				if !it.IsFil() {
					gw -= perSpace
				}
				if !justify && len(pay[i].pieces) == 1 && i+1 < ln.End {
					sl.appendPiece(pay[i].pieces[0], x, true)
				}
				x += gw
			}
		}
		if hyph != nil {
			h := *hyph
			if hyphScale != 0 {
				h.scale = hyphScale
				h.width *= hyphScale
			}
			if n := len(sl.frags); n > 0 && sl.frags[n-1].track != 0 {
				h.track = sl.frags[n-1].track // drawn with its syllable: the gap before it is the syllable's
			}
			sl.appendPiece(h, x, true)
			x += h.width
			sl.hyphenated = true
			sl.frags[len(sl.frags)-1].hyphen = true
		} else if ln.End < len(items) && items[ln.End].Kind == linebreak.Glue && len(pay[ln.End].pieces) == 1 && len(sl.frags) > 0 {
			sl.frags[len(sl.frags)-1].space = true // the line ends at a word space
		}
		sl.natural = x
		if s.levels != nil || s.rtl {
			sl.reorder(s.base, s.rtl)
		}
		out = append(out, sl)
	}
	return out
}

// lineScale is the horizontal scale of the expandable boxes of line ln of a
// paragraph built with expansion share expand: each has stretch and shrink
// of expand times its width, so ln.BoxWidth sets it 1 + BoxRatio×expand
// times as wide. It is 0 when they keep their natural width. One value per
// line keeps the pieces of a word (and its hyphen) mergeable.
func lineScale(ln linebreak.Line, expand float64, justify bool) float64 {
	if !justify || expand <= 0 || ln.BoxRatio == 0 {
		return 0
	}
	return 1 + ln.BoxRatio*expand // BoxRatio is within [-1, 1]
}

// expandable reports a box with stretch or shrink of its own.
func expandable(it linebreak.Item) bool {
	return it.Kind == linebreak.Box && (it.Stretch > 0 || it.Shrink > 0)
}

// interwordSpaces counts the glue items that separate words on line ln.
func interwordSpaces(items []linebreak.Item, ln linebreak.Line) int {
	n := 0
	for i := ln.Start; i < ln.End; i++ {
		if items[i].Kind == linebreak.Glue && !items[i].IsFil() {
			n++
		}
	}
	return n
}

// appendPiece adds a fragment at x, merging it into the previous one when
// they touch and share a style (fewer text objects, real spaces in ragged
// lines).
func (sl *setLine) appendPiece(p piece, x float64, merge bool) {
	if p.size > sl.maxSize {
		sl.maxSize = p.size
	}
	if n := len(sl.frags); n > 0 {
		prev := &sl.frags[n-1]
		if prev.sameStyle(&p) && prev.face == p.face && prev.scale == p.scale && prev.track == p.track && abs(prev.x+prev.width-x) < 1e-9 && (merge || p.text != " ") {
			prev.text += p.text
			prev.width += p.width
			prev.gaps += p.gaps
			return
		}
	}
	if p.text == " " && (len(sl.frags) == 0) {
		return
	}
	sl.frags = append(sl.frags, placedPiece{piece: p, x: x})
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
