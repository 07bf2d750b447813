package render

import (
	"printd/fonts"
	"printd/layout"
)

// Book adapts a font set to the layout's font book. Lib, when not nil,
// finds faces for characters the set lacks (see shaped.go).
type Book struct {
	Set *fonts.Set
	Lib *fonts.Library
}

// Face returns the face for k, or nil when the family is unknown.
func (b Book) Face(k layout.FontKey) layout.Face {
	if f := b.face(k); f != nil {
		return f
	}
	if f := b.sysFace(k); f != nil {
		return f
	}
	return nil
}

func (b Book) face(k layout.FontKey) *fonts.Face {
	if b.Set == nil {
		return nil
	}
	fam := b.Set.Family(k.Family)
	if fam == nil {
		return nil
	}
	return fam.Face(fonts.Style(k.Style))
}
