package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"printd/fonts"
	"printd/layout"
	"printd/render/internal/pdfpatch"
	"printd/render/internal/zstream"
	"printd/shaping"
)

// Shaped text is drawn by glyph ID in Type0 fonts with Identity-H
// encoding: CIDFontType2 for TrueType outlines, CIDFontType0 for CFF ones,
// each with its font program subset by glyph (cidprogram.go), a W array of
// the glyphs' advances and a ToUnicode map. Where a glyph does not stand
// for its characters one by one, in order — ligatures, conjuncts,
// reordered Indic vowels, any right-to-left run — the text is wrapped in a
// marked-content span with /ActualText, so that copying, searching and
// pdftotext give the logical text in logical order.
//
// fpdf knows nothing of these fonts: each is registered with it as a core
// font with a placeholder name, so that it gets a resource name and an
// object; the post-pass (pdfpatch.Additions) replaces that object with the
// Type0 font and appends the objects it refers to.

// cidFont is one shaped face's state in a document.
type cidFont struct {
	face   *fonts.SysFace
	family string // fpdf family
	mark   string // the placeholder BaseFont
	used   map[uint16]bool
	uni    map[uint16]string // ToUnicode: first text seen for a glyph
	cid    []byte            // content bytes being built
}

// cidFonts holds a document's Type0 fonts.
type cidFonts struct {
	byFace map[*fonts.SysFace]*cidFont
	order  []*cidFont
}

const cidMarkPrefix = "PrintdCIDFont"

func (d *drawer) cidFontFor(f *fonts.SysFace) *cidFont {
	if cf := d.cids.byFace[f]; cf != nil {
		return cf
	}
	if d.cids.byFace == nil {
		d.cids.byFace = map[*fonts.SysFace]*cidFont{}
	}
	n := len(d.cids.order)
	cf := &cidFont{face: f, family: "cid" + strconv.Itoa(n), mark: cidMarkPrefix + strconv.Itoa(n),
		used: map[uint16]bool{}, uni: map[uint16]string{}}
	// No widths (Cw): fpdf reads them only to measure strings, which
	// render never asks of it, and decoding 256 of them from JSON per face
	// and document was a noticeable share of a shaped article's time.
	def := `{"Tp":"Core","Name":"` + cf.mark + `","Up":-100,"Ut":50}`
	d.pdf.AddFontFromBytes(cf.family, "", []byte(def), nil)
	d.cids.byFace[f] = cf
	d.cids.order = append(d.cids.order, cf)
	return cf
}

// drawShaped draws a text item by its glyphs. actualText, when not
// empty, is what the text reads as (see drawShapedTagged).
func (d *drawer) drawShaped(f *fonts.SysFace, t layout.Text, actualText string) {
	cf := d.cidFontFor(f)
	starts := cf.mapText(f.Font(), t)
	d.drawGlyphs(cf, t, starts, actualText)
}

// mapText records the glyphs of t as used and gives those new to the
// ToUnicode map their text: each glyph that starts a cluster (first seen
// in visual order) stands for the cluster's text. It returns the starts
// of t's clusters, in order, and the end of its text.
func (cf *cidFont) mapText(ft *shaping.Font, t layout.Text) []int {
	starts := make([]int, 0, len(t.Glyphs)+1)
	for _, g := range t.Glyphs {
		starts = append(starts, int(g.Cluster))
	}
	starts = append(starts, len(t.Text))
	sort.Ints(starts)
	starts = slices.Compact(starts)
	for i := 0; i < len(t.Glyphs); {
		j := i + 1
		for j < len(t.Glyphs) && t.Glyphs[j].Cluster == t.Glyphs[i].Cluster {
			j++
		}
		for _, g := range t.Glyphs[i:j] {
			cf.used[g.ID] = true
		}
		if c := int(t.Glyphs[i].Cluster); c >= 0 && c <= len(t.Text) && !cf.mapped(t.Glyphs[i:j]) {
			cf.mapCluster(ft, t.Glyphs[i:j], t.Text[c:clusterEnd(starts, c, len(t.Text))], t.RTL)
		}
		i = j
	}
	return starts
}

// clusterEnd is where the cluster starting at c ends, by the starts of a
// text's clusters (mapText) and the text's length n.
func clusterEnd(starts []int, c, n int) int {
	i := sort.SearchInts(starts, c+1)
	if i < len(starts) {
		return starts[i]
	}
	return n
}

// drawGlyphs draws t's glyphs in font cf, mapped by mapText (starts: its
// result for t).
func (d *drawer) drawGlyphs(cf *cidFont, t layout.Text, starts []int, actualText string) {
	fam := cf.family
	if !d.cur.set || d.cur.font.Family != fam || d.cur.size != t.Size {
		d.pdf.SetFont(fam, "", t.Size)
		d.cur.font, d.cur.size, d.cur.set = layout.FontKey{Family: fam}, t.Size, true
	}
	ft := cf.face.Font()
	upem := float64(ft.UnitsPerEm())
	// What an extractor reads through ToUnicode, glyph by glyph; where it
	// is not the text, the text is given as /ActualText. (Right-to-left
	// runs are put back in logical order by extractors themselves.)
	actual := false
	if !t.RTL {
		// one glyph per cluster, in logical order, each mapped to its text
		for i, g := range t.Glyphs {
			c := int(g.Cluster)
			if i > 0 && g.Cluster <= t.Glyphs[i-1].Cluster || c < 0 || c > len(t.Text) || cf.uni[g.ID] != t.Text[c:clusterEnd(starts, c, len(t.Text))] {
				actual = true
				break
			}
		}
	}

	r, gr, b := d.color(t.Color)
	var s strings.Builder
	s.Grow(32 + 12*len(t.Glyphs))
	s.WriteString("q ")
	s.WriteString(rgb(r, gr, b))
	endActual := ""
	if (actual || actualText != "") && !d.span {
		if actualText == "" {
			actualText = t.Text
		}
		var begin string
		begin, endActual = d.tag.actual(actualText)
		s.WriteString(" " + begin)
	}
	s.WriteString(" BT")
	sc := t.HScale()
	if sc != 1 {
		s.WriteString(" " + strconv.FormatFloat(100*sc, 'f', 3, 64) + " Tz")
	}
	// Tracking spaces clusters apart: with Tc where each glyph is a
	// cluster of its own, else by TJ adjustments after a cluster's last
	// glyph (byCluster), so that a cluster's glyphs keep together.
	byCluster := t.Tracking != 0 && !oneGlyphPerCluster(t.Glyphs)
	if t.Tracking != 0 && !byCluster {
		s.WriteString(" " + charSpacing(t) + " Tc")
	}
	trk := t.Tracking * 1000 / (sc * t.Size) // per cluster, in 1/1000 em before scaling
	y0 := d.pageH - t.Y
	pens := make([]float64, len(t.Glyphs)) // 1/1000 em from t.X
	pen := 0.0
	for i, g := range t.Glyphs {
		pens[i] = pen
		step := float64(g.Advance)
		if i+1 == len(t.Glyphs) || t.Glyphs[i+1].Cluster != g.Cluster {
			step += trk
		}
		pen += step
	}
	inTJ, synced := false, false
	prev := -1
	for _, i := range drawOrder(t.Glyphs, t.RTL, endActual != "" || d.span) {
		g := t.Glyphs[i]
		w := float64(ft.GlyphAdvance(g.ID)) * 1000 / upem
		if i != prev+1 {
			synced = false
		}
		prev = i
		if g.XOff != 0 || g.YOff != 0 || !synced {
			if inTJ {
				s.WriteString("] TJ")
				inTJ = false
			}
			x := t.X + sc*(pens[i]+float64(g.XOff))*t.Size/1000
			y := y0 + float64(g.YOff)*t.Size/1000
			var nb [64]byte
			b := append(nb[:0], " 1 0 0 1 "...)
			b = strconv.AppendFloat(b, x, 'f', 3, 64)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, y, 'f', 3, 64)
			s.Write(append(b, " Tm"...))
			synced = g.XOff == 0 && g.YOff == 0
		}
		if !inTJ {
			s.WriteString(" [")
			inTJ = true
		}
		h := glyphHex(g.ID)
		s.Write(h[:])
		adj := w - float64(g.Advance)
		if byCluster && i+1 < len(t.Glyphs) && t.Glyphs[i+1].Cluster != g.Cluster {
			adj -= trk
		}
		if synced && (adj > 0.0005 || adj < -0.0005) {
			s.WriteString(strconv.FormatFloat(adj, 'f', 3, 64))
		}
	}
	if inTJ {
		s.WriteString("] TJ")
	}
	if t.Tracking != 0 && !byCluster {
		s.WriteString(" 0 Tc")
	}
	s.WriteString(" ET")
	if endActual != "" {
		s.WriteString(" " + endActual)
	}
	s.WriteString(" Q")
	d.pdf.RawWriteStr(s.String())
}

// glyphHex is a glyph's code in a content stream's string, "<04D2>".
func glyphHex(id uint16) [6]byte {
	const digits = "0123456789ABCDEF"
	return [6]byte{'<', digits[id>>12], digits[id>>8&15], digits[id>>4&15], digits[id&15], '>'}
}

// mapped reports a cluster whose glyphs all have their ToUnicode text
// already (mapCluster would change nothing).
func (cf *cidFont) mapped(gs []layout.Glyph) bool {
	for _, g := range gs {
		if _, ok := cf.uni[g.ID]; !ok {
			return false
		}
	}
	return true
}

// drawOrder is the order in which the glyphs of a text are drawn: their
// visual order, except that in right-to-left text the marks of a cluster
// (glyphs without advance: Arabic vowels, Hebrew points) are drawn after
// its base, which they sit on. Text extractors take the first glyph of a
// word for its direction and keep a mark with the letter it follows.
func drawOrder(gs []layout.Glyph, rtl, actual bool) []int {
	order := make([]int, len(gs))
	for i := range order {
		order[i] = i
	}
	if !rtl {
		if !actual {
			return order
		}
		// Under /ActualText an extractor places the text from the first
		// glyph drawn to the end of the last one's advance: a mark ending
		// the run (a Tamil pulli, a Devanagari virama, set back over its
		// base) would end it short, so that a hyphen drawn next reads as a
		// word of its own. Such marks are drawn before their cluster's last
		// glyph with an advance instead (never before the run's first
		// glyph, which gives the start). Glyph by glyph, without
		// /ActualText, the order stays visual.
		last := len(gs) - 1
		k := last
		for k > 0 && gs[k].Advance == 0 && gs[k].Cluster == gs[last].Cluster {
			k--
		}
		if k > 0 && k < last && gs[k].Cluster == gs[last].Cluster {
			copy(order[k:], order[k+1:])
			order[last] = k
		}
		return order
	}
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		if j-i > 1 {
			marksAfter(gs, order[i:j])
		}
		i = j
	}
	return order
}

// marksAfter orders one cluster's glyphs: those with an advance first,
// the marks (no advance) after them, each group in its own order.
func marksAfter(gs []layout.Glyph, order []int) {
	slices.SortStableFunc(order, func(a, b int) int {
		za, zb := gs[a].Advance == 0, gs[b].Advance == 0
		switch {
		case za == zb:
			return 0
		case zb:
			return -1
		}
		return 1
	})
}

func reverseRunes(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func rgb(r, g, b int) string {
	if r == g && g == b {
		return strconv.FormatFloat(float64(r)/255, 'f', 3, 64) + " g"
	}
	return strconv.FormatFloat(float64(r)/255, 'f', 3, 64) + " " + strconv.FormatFloat(float64(g)/255, 'f', 3, 64) + " " +
		strconv.FormatFloat(float64(b)/255, 'f', 3, 64) + " rg"
}

// finish builds the Type0 fonts of the document.
func (cs *cidFonts) finish() ([]pdfpatch.Font, error) {
	out := make([]pdfpatch.Font, 0, len(cs.order))
	var z zstream.Deflater
	defer z.Release()
	for _, cf := range cs.order {
		o, err := cf.build(&z)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", cf.face.Font().Name(), err)
		}
		out = append(out, o)
	}
	return out, nil
}

func (cf *cidFont) build(zw *zstream.Deflater) (pdfpatch.Font, error) {
	ft := cf.face.Font()
	gids := make([]int, 0, len(cf.used)+1)
	for g := range cf.used {
		gids = append(gids, int(g))
	}
	sort.Ints(gids)
	var prog []byte
	var ttf ttfSubset
	var err error
	sub := "FontFile2"
	if ft.CFF() {
		prog, err = subsetCFF(ft.Table("CFF "), cf.used)
		sub = "FontFile3"
	} else {
		ttf, err = subsetTrueType(faceTTFTables(cf.face), ft.Table, ft.NumGlyphs(), cf.used)
	}
	if err != nil {
		return pdfpatch.Font{}, err
	}
	// The subset tag comes from the glyphs used: the same text gives the
	// same bytes.
	h := sha256.New()
	h.Write([]byte(ft.Name()))
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := string(tag[:]) + "+" + ft.Name()
	upem := float64(ft.UnitsPerEm())
	var w strings.Builder
	w.WriteString("[")
	for i := 0; i < len(gids); {
		j := i
		for j+1 < len(gids) && gids[j+1] == gids[j]+1 {
			j++
		}
		w.WriteString(strconv.Itoa(gids[i]) + " [")
		for k := i; k <= j; k++ {
			if k > i {
				w.WriteByte(' ')
			}
			w.WriteString(strconv.FormatFloat(float64(ft.GlyphAdvance(uint16(gids[k])))*1000/upem, 'f', -1, 64))
		}
		w.WriteString("] ")
		i = j + 1
	}
	w.WriteString("]")
	subtype, extra := "/CIDFontType2", " /CIDToGIDMap /Identity"
	if ft.CFF() {
		subtype, extra = "/CIDFontType0", ""
	}
	cidFont := func(desc int) []byte {
		return fmt.Appendf(nil, "<</Type /Font /Subtype %s /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW 1000 /W %s%s>>",
			subtype, base, desc, w.String(), extra)
	}
	x0, y0, x1, y1 := ft.BBox()
	k := 1000 / upem
	flags := 4 // symbolic
	if ft.Italic() {
		flags |= 64
	}
	stemV := 80
	if ft.Weight() >= 600 {
		stemV = 140
	}
	capH := ft.CapHeight()
	if capH == 0 {
		capH = ft.Ascent()
	}
	desc := func(file int) []byte {
		return fmt.Appendf(nil, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV %d /%s %d 0 R>>",
			base, flags, int(float64(x0)*k), int(float64(y0)*k), int(float64(x1)*k), int(float64(y1)*k), ft.Ascent(), ft.Descent(), capH, stemV, sub, file)
	}
	// A CFF program is stored as it is: Type 2 charstrings are compact
	// already, and deflate took 8% off them for a seventh of a CJK page's
	// time.
	var z, fileDict []byte
	if ft.CFF() {
		z = prog
		fileDict = fmt.Appendf(nil, "<</Subtype /CIDFontType0C /Length %d>>", len(z))
	} else {
		z = ttf.deflate(zw)
		fileDict = fmt.Appendf(nil, "<</Length1 %d /Filter /FlateDecode /Length %d>>", ttf.size, len(z))
	}
	tu := zw.Zlib(toUnicodeCMap(cf.uni))
	toUni := fmt.Appendf(nil, "<</Filter /FlateDecode /Length %d>>", len(tu))
	build := func(nums []int) ([]byte, []pdfpatch.Object) {
		file, descN, cidN, uniN := nums[0], nums[1], nums[2], nums[3]
		objs := []pdfpatch.Object{{Dict: fileDict, Stream: z}, {Dict: desc(file)}, {Dict: cidFont(descN)}, {Dict: toUni, Stream: tu}}
		font := fmt.Appendf(nil, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
			base, cidN, uniN)
		return font, objs
	}
	return pdfpatch.Font{Mark: cf.mark, Objects: 4, Build: build}, nil
}

// toUnicodeCMap writes the ToUnicode CMap of a font: glyph ID to text.
func toUnicodeCMap(uni map[uint16]string) []byte {
	gids := make([]int, 0, len(uni))
	for g := range uni {
		gids = append(gids, int(g))
	}
	sort.Ints(gids)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(gids); i += 100 {
		j := min(i+100, len(gids))
		fmt.Fprintf(&b, "%d beginbfchar\n", j-i)
		for _, g := range gids[i:j] {
			fmt.Fprintf(&b, "<%04X> <%s>\n", g, strings.ToUpper(hex.EncodeToString(utf16BE(uni[uint16(g)]))))
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

func utf16BE(s string) []byte {
	u := utf16.Encode([]rune(s))
	out := make([]byte, 0, 2*len(u))
	for _, c := range u {
		out = append(out, byte(c>>8), byte(c))
	}
	return out
}

// mapCluster gives the glyphs of one cluster (in visual order) their text
// in the ToUnicode map, glyph by glyph: a glyph that is some character's
// own (nominal) glyph stands for that character — an Arabic vowel mark,
// a Devanagari vowel sign —, the others share the rest in logical order,
// all of it going to the first when they are fewer than the characters (a
// ligature). A glyph keeps the first text it was given.
func (cf *cidFont) mapCluster(ft *shaping.Font, gs []layout.Glyph, text string, rtl bool) {
	if text == "" {
		return
	}
	set := func(id uint16, s string) {
		if _, ok := cf.uni[id]; !ok && s != "" {
			if rtl && utf8.RuneCountInString(s) > 1 {
				// Text extractors put the glyphs of a right-to-left run
				// back in logical order character by character: the
				// characters of a ligature must be given in visual order.
				s = reverseRunes(s)
			}
			cf.uni[id] = s
		}
	}
	if len(gs) == 1 {
		if rtl {
			// a bracket the shaper mirrored stands for the character it
			// shows (the text is given as /ActualText, mirroredGlyphs)
			if r, n := utf8.DecodeRuneInString(text); n == len(text) && layout.MirroredRune(r) != r {
				if id, ok := ft.Glyph(r); !ok || id != gs[0].ID {
					text = string(layout.MirroredRune(r))
				}
			}
		}
		set(gs[0].ID, text)
		return
	}
	runes := []rune(text)
	order := make([]int, len(gs)) // glyph indices in logical order
	for i := range order {
		order[i] = i
		if rtl {
			order[i] = len(gs) - 1 - i
		}
	}
	got := make([]string, len(gs))
	used := make([]bool, len(runes))
	for _, gi := range order {
		for ri, r := range runes {
			if id, ok := ft.Glyph(r); ok && !used[ri] && id == gs[gi].ID {
				got[gi], used[ri] = string(r), true
				break
			}
		}
	}
	var restG []int
	for _, gi := range order {
		if got[gi] == "" {
			restG = append(restG, gi)
		}
	}
	var restR []rune
	for ri, r := range runes {
		if !used[ri] {
			restR = append(restR, r)
		}
	}
	switch {
	case len(restG) == len(restR):
		for k, gi := range restG {
			got[gi] = string(restR[k])
		}
	case len(restG) > 0:
		got[restG[0]] = string(restR)
	case len(restR) > 0: // every glyph is some character's own: the rest goes with the first
		got[order[0]] += string(restR)
	}
	for gi, g := range gs {
		set(g.ID, got[gi])
	}
}

// oneGlyphPerCluster reports glyphs each of which is a cluster of its own.
func oneGlyphPerCluster(gs []layout.Glyph) bool {
	for i := 1; i < len(gs); i++ {
		if gs[i].Cluster == gs[i-1].Cluster {
			return false
		}
	}
	return true
}
