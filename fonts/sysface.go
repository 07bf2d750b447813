package fonts

import (
	"sync"

	"printd/shaping"
)

// SysFace is a face found by a Library: an OpenType font whose text is
// shaped (shaping.Font) and embedded in the PDF by glyph. It is immutable
// and safe for concurrent use.
type SysFace struct {
	font  *shaping.Font
	key   string // "@" + PostScript name: the family name layout knows it by
	path  string
	index int // the face's index in a collection (.ttc)

	derived sync.Map // see Derived
}

// Derived returns the value build makes of the face for key, built on the
// first call with that key and shared by every later one (and by every
// concurrent render). It is where another package keeps what it derives
// once per process from a face (the PDF writer's compressed font tables
// that do not depend on the glyphs a document uses). key must be
// comparable; a package uses a type of its own.
func (f *SysFace) Derived(key any, build func(*SysFace) any) any {
	v, ok := f.derived.Load(key)
	if !ok {
		v, _ = f.derived.LoadOrStore(key, sync.OnceValue(func() any { return build(f) }))
	}
	return v.(func() any)()
}

// Index returns the face's index in its file (0 unless a collection).
func (f *SysFace) Index() int { return f.index }

// Font returns the shaping font.
func (f *SysFace) Font() *shaping.Font { return f.font }

// Key returns the family name the face goes by in layout's font keys.
func (f *SysFace) Key() string { return f.key }

// Path returns the file the face was read from.
func (f *SysFace) Path() string { return f.path }

// Has reports whether the face maps r.
func (f *SysFace) Has(r rune) bool { return f.font.Has(r) }

// Advance returns r's nominal advance in 1/1000 em (0 when missing).
func (f *SysFace) Advance(r rune) int { return f.font.Advance(r) }

// Ascent returns the ascender in 1/1000 em.
func (f *SysFace) Ascent() int { return f.font.Ascent() }

// Descent returns the descender in 1/1000 em (negative).
func (f *SysFace) Descent() int { return f.font.Descent() }
