package render

import (
	"slices"
	"strings"
	"unicode/utf8"

	"printd/fonts"
	"printd/layout"
	"printd/shaping"
)

// Faces found by the font library (fonts.Library) go by the family name
// "@" + their PostScript name in layout's font keys; their text is shaped
// and drawn by glyph ID in Type0 fonts (cidfont.go).

// shapedFace adapts a library face to layout's ShapedFace.
type shapedFace struct{ *fonts.SysFace }

// Shape shapes text, converting font units to 1/1000 em and rune clusters
// to byte offsets.
func (f shapedFace) Shape(text string, rtl bool, lang string, dst []layout.Glyph) []layout.Glyph {
	ft := f.Font()
	var gbuf [32]shaping.Glyph
	gs := ft.ShapeString(text, shaping.Props{RTL: rtl, Lang: shaping.Language(lang)}, gbuf[:0])
	// the byte offset of each rune, and of the end
	var buf [64]int32
	byteAt := buf[:0]
	for off := range text {
		byteAt = append(byteAt, int32(off))
	}
	n := len(byteAt)
	byteAt = append(byteAt, int32(len(text)))
	dst = slices.Grow(dst, len(gs))
	k := 1000 / float32(ft.UnitsPerEm())
	for _, g := range gs {
		c := g.Cluster
		if c < 0 || c > n {
			c = 0
		}
		dst = append(dst, layout.Glyph{ID: g.ID, Advance: float32(g.Advance) * k, XOff: float32(g.XOff) * k,
			YOff: float32(g.YOff) * k, Cluster: byteAt[c]})
	}
	return dst
}

// shapedFace returns the library face of a key, or nil.
func (b Book) shapedFace(k layout.FontKey) *fonts.SysFace {
	if b.Lib == nil || !strings.HasPrefix(k.Family, "@") {
		return nil
	}
	return b.Lib.ByKey(k.Family)
}

// sysFace resolves a library face by key.
func (b Book) sysFace(k layout.FontKey) layout.Face {
	if b.Lib == nil || !strings.HasPrefix(k.Family, "@") {
		return nil
	}
	if f := b.Lib.ByKey(k.Family); f != nil {
		return shapedFace{f}
	}
	return nil
}

// Fallback finds a face for r in the font library, in the role k's family
// stands for (sans for "sans", mono for "mono", serif otherwise) and k's
// style: in the family the set's Scripts names for r's script or the
// text's language when that family has r, else the library's choice.
func (b Book) Fallback(k layout.FontKey, r rune, lang string) (layout.FontKey, layout.Face) {
	if b.Lib == nil || r == utf8.RuneError {
		return k, nil
	}
	w := fonts.Want{Role: fonts.RoleSerif, Bold: k.Style&layout.Bold != 0, Italic: k.Style&layout.Italic != 0, Lang: lang}
	switch k.Family {
	case fonts.SansFamily:
		w.Role = fonts.RoleSans
	case fonts.MonoFamily:
		w.Role = fonts.RoleMono
	}
	if b.Set != nil && !b.Set.Scripts.Empty() {
		if fam := b.Set.Scripts.For(r, lang, w.Role); fam != "" {
			named := w
			named.Family = fam
			if f := b.Lib.Pick(r, named); f != nil {
				return layout.FontKey{Family: f.Key(), Style: k.Style}, shapedFace{f}
			}
		}
	}
	f := b.Lib.Pick(r, w)
	if f == nil {
		return k, nil
	}
	return layout.FontKey{Family: f.Key(), Style: k.Style}, shapedFace{f}
}
