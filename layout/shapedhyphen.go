package layout

// Hyphenating shaped words. A word set in a shaped face (Tamil, Telugu,
// Devanagari…) may be broken at a hyphenation point only where shaping its
// two parts apart gives the glyphs, advances and offsets that shaping it
// whole gives there: a syllable boundary no conjunct, ligature, reordered
// vowel or mark positioning crosses. Where the line is not broken the
// parts are joined again and the word is shaped whole (joinPiece).

// shapedHyphens drops the hyphenation points of token t (word is its text,
// where its place in the article) at which its shaping does not split
// cleanly. Other break points stay.
func (s *setter) shapedHyphens(t *token, word, where string, bps []breakPoint) []breakPoint {
	n := 0
	for _, bp := range bps {
		if bp.hyphen && !bp.emergency && bp.seg == 0 {
			n++
		}
	}
	if n == 0 {
		return bps
	}
	var ps []piece
	if len(t.parts) == 1 {
		ps = s.pieces(t.parts[0].sp, word, t.parts[0].at, where, nil)
	}
	out := bps[:0]
	for _, bp := range bps {
		if bp.hyphen && !bp.emergency && bp.seg == 0 && !s.splitsClean(ps, word, bp.off) {
			continue
		}
		out = append(out, bp)
	}
	return out
}

// splitsClean reports whether cutting word at byte offset off leaves the
// glyphs as they are: the piece of ps (the word's pieces, in order) the
// cut falls in is a left-to-right shaped run that shapes into the same
// glyphs when cut there. A cut between two pieces is clean.
func (s *setter) splitsClean(ps []piece, word string, off int) bool {
	start := 0
	for _, p := range ps {
		end := start + len(p.text)
		if word[start:min(end, len(word))] != p.text {
			return false // a piece's text differs from the word's (joiners dropped, reordered)
		}
		if off == start {
			return true
		}
		if off < end {
			sf, ok := p.face.(ShapedFace)
			if !ok || p.glyphs == nil || p.level&1 == 1 {
				return false
			}
			return s.splitsCleanAt(sf, p.text, p.glyphs, off-start)
		}
		start = end
	}
	return false
}

// splitsCleanAt reports whether text, whose whole shaping in face sf is
// whole, shapes into the same glyphs when cut at byte offset off: the
// glyphs of the two parts, one after the other, are the whole's, their
// advances and offsets within splitSlack. (A font may space a syllable
// that ends a word a little differently, as Noto Serif Tamil gives த்
// 0.01 em more before a space; clusters may differ too: a shaper merges
// those of a syllable, and Tamil's pulli ends a syllable the shaper runs
// on into the next consonant, with no glyph changed.)
// The parts are shaped through the setter's cache (s.shape): a part met
// again in the article is not shaped again.
func (s *setter) splitsCleanAt(sf ShapedFace, text string, whole []Glyph, off int) bool {
	left, _ := s.shape(sf, text[:off], 0, false)
	if len(left) >= len(whole) || !sameGlyphs(left, whole[:len(left)]) {
		return false
	}
	right, _ := s.shape(sf, text[off:], 0, false)
	return sameGlyphs(right, whole[len(left):])
}

// splitSlack is how far, in 1/1000 em, a glyph of a cut word may move.
const splitSlack = 20

func sameGlyphs(a, b []Glyph) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		g, h := a[i], b[i]
		if g.ID != h.ID || abs32(g.Advance-h.Advance) > splitSlack || abs32(g.XOff-h.XOff) > splitSlack || abs32(g.YOff-h.YOff) > splitSlack {
			return false
		}
	}
	return true
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// joinSlack is how far, in points, the end of a piece may be from the
// start of the next piece of its word: shaped whole, a word's width may
// differ from its parts' by up to splitSlack per glyph; the line keeps the
// positions the breaker set, so that its ends stay where they were.
const joinSlack = 1

// joinPiece joins p to prev, the piece of the same word before it on the
// line, when prev was cut at a hyphenation point the line did not break
// at: the word is drawn as one text, shaped whole. It reports whether it
// joined them.
func (s *setter) joinPiece(prev *placedPiece, p piece, x float64) bool {
	if !prev.joinNext || prev.glyphs == nil || p.glyphs == nil || prev.face != p.face || prev.font != p.font ||
		prev.size != p.size || prev.scale != p.scale || prev.track != p.track && p.gaps > 0 || prev.level != p.level || prev.color != p.color ||
		prev.link != p.link || prev.rise != p.rise || prev.under != p.under || prev.strike != p.strike ||
		abs(prev.x+prev.width-x) > joinSlack {
		return false
	}
	text := prev.text + p.text
	gs, w := s.shape(p.face, text, p.size, false)
	if p.scale != 0 {
		w *= p.scale
	}
	// p's own track is 0 when it has no gap to space (a last syllable of
	// one cluster); the joined word takes prev's
	gaps := 0
	if prev.track != 0 {
		// a gap after each glyph (each cluster in the scripts spaced
		// by clusters) but the last, and after that too when the word
		// goes on
		gaps = trackUnits(text, gs) - 1 + p.gaps - (trackUnits(p.text, p.glyphs) - 1)
		w += float64(gaps) * prev.track
	}
	prev.text, prev.glyphs, prev.width, prev.joinNext, prev.gaps = text, gs, w, p.joinNext, gaps
	return true
}

// trackUnits is the number of units letter spacing sets apart in glyphs
// gs of a piece of text: its clusters in the scripts spaced by clusters
// (clusterTracked), else its glyphs.
func trackUnits(text string, gs []Glyph) int {
	if clusterTracked(text) > 0 {
		return clusters(gs)
	}
	return len(gs)
}
