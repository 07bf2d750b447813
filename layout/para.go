package layout

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"printd/layout/linebreak"
	"printd/layout/segment"
)

// Typesetting constants, in TeX's terms.
const (
	hyphenPenalty   = 50
	exHyphenPenalty = 50
	finalGlue       = 1e5 // parfillskip stretch: the last line stays ragged
)

// piece is a drawable fragment of one box or a hyphen.
type piece struct {
	text   string
	font   FontKey
	face   Face
	size   float64
	color  Color
	link   string
	rise   float64
	under  bool
	strike bool
	width  float64 // as set: the natural advance times scale
	scale  float64 // horizontal scale of the glyphs; 0 for none
	level  uint8   // bidi embedding level (odd: right to left)
	glyphs []Glyph // the shaped glyphs when face is a ShapedFace
	// joinNext: the piece ends at a hyphenation point of a shaped word
	// that the next piece continues (see joinPiece).
	joinNext bool
	// gaps is the number of letter gaps the piece may space (see
	// trackGaps); track is the spacing set per gap, in points (it is
	// part of width).
	gaps  int
	track float64
	// gapW is the weight of each gap in Spec.MaxTracking units: 0 for 1,
	// 2 for a Tamil cluster gap (trackGaps)
	gapW uint8
}

// gapWeight is the weight of each of p's letter gaps.
func (p *piece) gapWeight() float64 {
	if p.gapW == 0 {
		return 1
	}
	return float64(p.gapW)
}

func (p *piece) sameStyle(o *piece) bool {
	return p.glyphs == nil && o.glyphs == nil && p.level == o.level && p.level&1 == 0 && p.font == o.font && p.size == o.size && p.color == o.color && p.link == o.link &&
		p.rise == o.rise && p.under == o.under && p.strike == o.strike
}

// setLine is one set line: fragments with x relative to the line start.
type setLine struct {
	frags      []placedPiece
	width      float64 // the measure the line was set to
	natural    float64 // natural width of its content
	hyphenated bool
	ratio      float64
	maxSize    float64
}

type placedPiece struct {
	piece
	x float64
	// space: a word space that is not drawn follows (Text.Space);
	// hyphen: the fragment ends in the hyphen of the line's break
	// (Text.Hyphen).
	space, hyphen bool
}

// paraOpts are the parameters of one paragraph.
type paraOpts struct {
	width  float64
	indent float64 // first-line indent
	// The first narrowLines lines are narrowW wide (room for a drop cap).
	narrowLines int
	narrowW     float64
	align       Align
	where       string // JSON path, for missing-glyph reports
	// expand is the share by which a justified line may scale its words
	// horizontally (Spec.MaxExpansion); 0 sets them at natural width.
	expand float64
	// track is the letter spacing a justified line may add or take per
	// letter gap of its words, in em (Spec.MaxTracking); 0 for none.
	track float64
	// balance sets ragged lines of near-equal length (headlines,
	// standfirsts): linebreak.Balance, with poor breaks penalised.
	balance bool
}

// setter sets paragraphs for one article: it knows the fonts, the language
// rules and where to report characters no font has.
type setter struct {
	book     FontBook
	fallback []string
	hyph     hyphenator
	// oneLetter lists the one-letter words (lower case) kept with the
	// word that follows them; french sets narrow no-break spaces before
	// ; : ! ? and inside « » (see package locale).
	oneLetter string
	french    bool
	lang      string // the article's language, for segmentation, shaping and font choice
	params    linebreak.Params
	missing   []MissingGlyph
	seenMiss  map[missKey]bool
	mono      string
	// greedy sets justified text first-fit instead of total-fit (for
	// comparisons).
	greedy bool
	// hmin are the language's shortest hyphenated fragments; hyphCaps lets
	// capitalised words be hyphenated as freely as others.
	hmin     hyphenMins
	hyphCaps bool
	rtl      bool // a right-to-left article (pages are mirrored)
	// The paragraph being set: bidi levels by byte of its bidi text (nil:
	// all 0) and its own level.
	levels []uint8
	base   uint8
	// scratch holds build's slices between paragraphs.
	scratch struct {
		items   []linebreak.Item
		pay     []payload
		pieces  []piece
		hyphens []piece
	}
	// fallbacks remembers fallbackFor's answers.
	fallbacks map[fallbackKey]fallbackHit
	// shaped holds the texts shape has shaped.
	shaped map[shapeKey]shapedWord
}

type missKey struct {
	r     rune
	where string
}

// hyphenator finds hyphenation points: byte offsets inside word.
type hyphenator interface {
	Points(word string) []int
}

// wordPart is the text of one span inside a word.
type wordPart struct {
	sp   *span
	text string
	at   int // where text starts in the paragraph's bidi text (paraBidi)
}

// token is a word (parts in possibly different styles) followed by what
// separates it from the next: a space, a zero-width break, a forced break
// or the end of the paragraph.
type token struct {
	parts []wordPart
	after sepKind
	sp    *span // style of the separating space
}

type sepKind uint8

const (
	sepSpace sepKind = iota
	sepZero
	sepForced
	sepEnd
	sepNarrow // a narrow no-break space (U+202F): fixed, no break
)

// tokenize splits spans into words, dropping characters that must never be
// drawn (controls, bidi marks, joiners) and keeping soft hyphens for the
// hyphenation step.
func tokenize(spans []span) []token {
	var toks []token
	var cur []wordPart
	var b strings.Builder
	var curSp *span
	flushPart := func() {
		if b.Len() > 0 {
			cur = append(cur, wordPart{sp: curSp, text: b.String()})
			b.Reset()
		}
	}
	endWord := func(k sepKind, sp *span) {
		flushPart()
		if len(cur) == 0 && len(toks) > 0 && k == sepSpace {
			return // collapse repeated spaces
		}
		if len(cur) == 0 && k == sepSpace {
			return // leading space
		}
		toks = append(toks, token{parts: cur, after: k, sp: sp})
		cur = nil
	}
	for i := range spans {
		sp := &spans[i]
		if sp.brk {
			endWord(sepForced, sp)
			continue
		}
		if curSp != sp {
			flushPart()
			curSp = sp
		}
		for _, r := range sp.text {
			switch {
			case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
				endWord(sepSpace, sp)
				curSp = sp
			case r == '\u200b':
				endWord(sepZero, sp)
				curSp = sp
			case r == '\u202f':
				endWord(sepNarrow, sp)
				curSp = sp
			case r == '\u200c' || r == '\u200d':
				b.WriteRune(r) // joiners shape Persian, Indic and emoji; pieces drops them elsewhere
			case dropRune(r):
			default:
				b.WriteRune(r)
			}
		}
	}
	flushPart()
	if len(cur) > 0 {
		toks = append(toks, token{parts: cur, after: sepEnd})
	} else if n := len(toks); n > 0 {
		toks[n-1].after = sepEnd
	}
	return toks
}

// dropRune reports characters that carry no ink and no break: controls,
// bidi controls, joiners, byte-order marks, variation selectors.
func dropRune(r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u180e':
		return true
	case r >= '\u200e' && r <= '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r >= '\ufe00' && r <= '\ufe0f':
		return true
	case r == utf8.RuneError:
		return false
	}
	return false
}

func (t *token) text() string {
	if len(t.parts) == 1 {
		return t.parts[0].text
	}
	var b strings.Builder
	for _, p := range t.parts {
		b.WriteString(p.text)
	}
	return b.String()
}

// breakPoint is a place inside a word where a line may end.
type breakPoint struct {
	off       int          // byte offset in the word text
	hyphen    bool         // a hyphen is added when the line ends here
	capital   bool         // a pattern hyphen in a capitalised word
	emergency bool         // a cut inside a word too wide for any line (hyphenated when hyphen is set)
	seg       segment.Kind // a break between words or characters of scripts without spaces (segbreaks.go)
}

// emergencyPenalty is the cost of cutting a word that no line can hold.
const emergencyPenalty = 900

// cutOverwide adds emergency break points to every stretch of w between
// bps that is wider than width, so that no line is overfull. A cut between
// two letters of a word that is no address gets a hyphen (a word is never
// cut silently), and room for it is kept.
func cutOverwide(w string, bps []breakPoint, f Face, size, width float64) []breakPoint {
	if f == nil || width <= 0 || measure(f, w, size) <= width {
		return bps
	}
	address := strings.ContainsAny(w, "/@")
	hyphenW := measure(f, "-", size)
	out := make([]breakPoint, 0, len(bps)+4)
	acc := 0.0
	next := 0
	prev := rune(0)
	for i, r := range w {
		for next < len(bps) && bps[next].off <= i {
			if bps[next].off == i {
				acc = 0
			}
			out = append(out, bps[next])
			next++
		}
		rw := float64(f.Advance(r)) * size / 1000
		hyphen := !address && unicode.IsLetter(prev) && unicode.IsLetter(r)
		room := width * 0.97
		if hyphen {
			room -= hyphenW
		}
		if acc+rw > room && acc > 0 {
			out = append(out, breakPoint{off: i, emergency: true, hyphen: hyphen})
			acc = 0
		}
		acc += rw
		prev = r
	}
	out = append(out, bps[next:]...)
	return out
}

// addressBreaks lists where an address may be broken: after a slash (not
// in "//"), and before a dot, a hyphen, a question mark or an ampersand
// that more of the address follows — never with a hyphen added, nor after
// a hyphen of its own, which would read as one added.
func addressBreaks(w string, out []breakPoint) []breakPoint {
	for i := 1; i < len(w)-1; i++ {
		switch w[i] {
		case '/':
			if w[i+1] != '/' && w[i-1] != '/' && w[i-1] != ':' {
				out = append(out, breakPoint{off: i + 1})
			}
		case '.', '-', '?', '&':
			next, _ := utf8.DecodeRuneInString(w[i+1:])
			prev, _ := utf8.DecodeLastRuneInString(w[:i])
			if (unicode.IsLetter(next) || unicode.IsDigit(next)) && prev != '/' && !strings.ContainsRune(".-?&", prev) {
				out = append(out, breakPoint{off: i})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].off < out[b].off })
	return out
}

// wordBreaks lists where a word may be broken: at soft hyphens only when it
// has any, else after explicit hyphens and dashes between letters, and at
// the hyphenator's points in between.
func (s *setter) wordBreaks(w string, hyphenate bool) []breakPoint {
	if segment.Needs(w) {
		return s.segmentBreaks(w)
	}
	var out []breakPoint
	if strings.ContainsRune(w, '\u00ad') {
		for i, r := range w {
			if r == '\u00ad' && i > 0 && i+2 < len(w) {
				out = append(out, breakPoint{off: i, hyphen: true})
			}
		}
		return out
	}
	hasDash := false
	for i, r := range w {
		if (r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014') && i > 0 {
			next, _ := utf8.DecodeRuneInString(w[i+utf8.RuneLen(r):])
			prev, _ := utf8.DecodeLastRuneInString(w[:i])
			if unicode.IsLetter(prev) && unicode.IsLetter(next) {
				out = append(out, breakPoint{off: i + utf8.RuneLen(r)})
				hasDash = true
			}
		}
	}
	if strings.Contains(w, "/") && utf8.RuneCountInString(w) > 20 {
		return addressBreaks(w, out[:0])
	}
	if s.hyph == nil || !hyphenate {
		return out
	}
	capital := !s.hyphCaps && capitalised(w)
	if !hasDash {
		for _, p := range s.hyph.Points(w) {
			if s.hmin.keepHyphen(w, p) {
				out = append(out, breakPoint{off: p, hyphen: true, capital: capital})
			}
		}
		return out
	}
	// Hyphenate each hyphen-separated part on its own.
	var all []breakPoint
	start := 0
	for _, bp := range append(out, breakPoint{off: len(w)}) {
		part := w[start:bp.off]
		// the part ends with its dash; leave it out of the pattern word
		core := strings.TrimRight(part, "-\u2010\u2013\u2014")
		for _, p := range s.hyph.Points(core) {
			if s.hmin.keepHyphen(core, p) {
				all = append(all, breakPoint{off: start + p, hyphen: true, capital: !s.hyphCaps && capitalised(core)})
			}
		}
		if bp.off < len(w) {
			all = append(all, bp)
		}
		start = bp.off
	}
	return all
}

// faceFor resolves a font key to a face, trying the fallback families with
// the same style when the family is unknown.
func (s *setter) faceFor(k FontKey) Face {
	if f := s.book.Face(k); f != nil {
		return f
	}
	for _, fam := range s.fallback {
		if f := s.book.Face(FontKey{fam, k.Style}); f != nil {
			return f
		}
	}
	return nil
}

// pieces cuts text in style sp into pieces by the face that can draw each
// character: the style's own face first, then the fallback families.
// Characters no face has are reported and left out.
//
// A piece set in a shaped face is shaped; at is where text starts in the
// paragraph's bidi text, and pieces are also cut where the bidi level
// changes.
func (s *setter) pieces(sp *span, text string, at int, where string, dst []piece) []piece {
	primary := s.faceFor(sp.font)
	start := 0
	var curKey FontKey
	var curFace Face
	curLevel := s.base
	curShaped := false
	emit := func(end int) {
		if end > start && curFace != nil {
			t := text[start:end]
			p := piece{text: t, font: curKey, face: curFace, size: sp.size, color: sp.color,
				link: sp.link, rise: sp.rise, under: sp.under, strike: sp.strike, level: curLevel}
			if curShaped {
				p.glyphs, p.width = s.shape(curFace, t, sp.size, curLevel&1 == 1)
			} else {
				if strings.ContainsAny(t, "\u200c\u200d") {
					t = strings.NewReplacer("\u200c", "", "\u200d", "").Replace(t)
					p.text = t
				}
				if curLevel&1 == 1 {
					p.text = visualRTL(t)
				}
				p.width = measure(curFace, t, sp.size)
			}
			if p.text != "" {
				dst = append(dst, p)
			}
		}
	}
	for i, r := range text {
		if r == '\u00ad' {
			emit(i)
			start = i + len("\u00ad")
			continue
		}
		level := s.base
		if s.levels != nil && at+i < len(s.levels) {
			level = s.levels[at+i]
		}
		var key FontKey
		var face Face
		switch {
		case curShaped && staysInRun(r) && curFace.Has(r):
			key, face = curKey, curFace
		case (r == '\u200c' || r == '\u200d') && curFace != nil:
			key, face = curKey, curFace
		default:
			key, face = sp.font, primary
			if face == nil || !face.Has(r) {
				key, face = s.fallbackFor(sp.font, r)
			}
		}
		if face == nil && (r == '\u200c' || r == '\u200d') {
			emit(i)
			start = i + utf8.RuneLen(r)
			continue
		}
		if face == nil {
			emit(i)
			start = i + utf8.RuneLen(r)
			s.reportMissing(r, where)
			curFace = nil
			continue
		}
		if face != curFace || key != curKey || level != curLevel {
			emit(i)
			start = i
			curKey, curFace, curLevel = key, face, level
			_, curShaped = face.(ShapedFace)
		}
	}
	emit(len(text))
	return dst
}

// fallbackFor returns the key and face that set r where k's face lacks
// it: the first fallback family with r, else the font book's own fallback
// (a system or configured font), else a nil face. The answer is kept for
// the rest of the article, since the book's search costs far more than the
// lookup.
func (s *setter) fallbackFor(k FontKey, r rune) (FontKey, Face) {
	ck := fallbackKey{k, r}
	if hit, ok := s.fallbacks[ck]; ok {
		return hit.key, hit.face
	}
	key, face := s.findFallback(k, r)
	if s.fallbacks == nil {
		s.fallbacks = make(map[fallbackKey]fallbackHit)
	}
	s.fallbacks[ck] = fallbackHit{key, face}
	return key, face
}

type fallbackKey struct {
	k FontKey
	r rune
}

type fallbackHit struct {
	key  FontKey
	face Face
}

func (s *setter) findFallback(k FontKey, r rune) (FontKey, Face) {
	for _, fam := range s.fallback {
		if fam == k.Family {
			continue
		}
		kk := FontKey{fam, k.Style}
		if f := s.book.Face(kk); f != nil && f.Has(r) {
			return kk, f
		}
	}
	if fb, ok := s.book.(FallbackBook); ok {
		if kk, f := fb.Fallback(k, r, s.lang); f != nil && f.Has(r) {
			return kk, f
		}
	}
	return k, nil
}

func (s *setter) reportMissing(r rune, where string) {
	k := missKey{r, where}
	if s.seenMiss == nil {
		s.seenMiss = map[missKey]bool{}
	}
	if !s.seenMiss[k] {
		s.seenMiss[k] = true
		s.missing = append(s.missing, MissingGlyph{Rune: r, Where: where})
	}
}

// isOneLetterWord reports whether w is one of the one-letter words in
// letters (lower case), which must not end a line.
func isOneLetterWord(w, letters string) bool {
	if letters == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && strings.ContainsRune(letters, unicode.ToLower(r))
}

// clingsLeft reports a word made only of closing punctuation or dashes,
// which must not start a line.
func clingsLeft(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		switch r {
		case '\u2014', '\u2013', '\u201d', '\u2019', '\u00bb', ')', ']', '.', ',', ';', ':', '!', '?', '\u2026', '%':
		default:
			return false
		}
	}
	return true
}
