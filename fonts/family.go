package fonts

import (
	"errors"
	"fmt"
)

// Family groups the four styles of one typeface. Styles the typeface lacks
// are filled in by fallback, so Face never returns nil. Treat a Family as
// read-only.
type Family struct {
	Name  string
	faces [numStyles]*Face
}

// NewFamily builds a family from its faces. Regular is required. A missing
// Bold or Italic falls back to Regular; a missing BoldItalic to Bold, or
// failing that Regular. Every face must have been parsed for this family
// name and its own style.
func NewFamily(name string, faces map[Style]*Face) (*Family, error) {
	if name == "" {
		return nil, errors.New("font family: empty name")
	}
	fam := &Family{Name: name}
	for s, f := range faces {
		if f == nil {
			continue
		}
		if !s.valid() {
			return nil, fmt.Errorf("font family %s: invalid style %d", name, s)
		}
		if f.Family() != name || f.Style() != s {
			return nil, fmt.Errorf("font family %s: %s slot holds face %s %s (%s)", name, s, f.Family(), f.Style(), f.Name())
		}
		fam.faces[s] = f
	}
	if fam.faces[Regular] == nil {
		return nil, fmt.Errorf("font family %s: no Regular face", name)
	}
	fallback := func(s Style, to ...Style) {
		for _, t := range to {
			if fam.faces[s] == nil {
				fam.faces[s] = fam.faces[t]
			}
		}
	}
	fallback(BoldItalic, Bold, Regular) // before Bold is filled in
	fallback(Bold, Regular)
	fallback(Italic, Regular)
	return fam, nil
}

// Face returns the face for style s, or a fallback when the family has no
// such face (Regular for an invalid style). The returned face's Style tells
// which face it really is.
func (fam *Family) Face(s Style) *Face {
	if !s.valid() {
		s = Regular
	}
	return fam.faces[s]
}

// LoadFamily parses the given TrueType files into a family called name.
// Only regular is required; nil bold, italic or boldItalic fall back as in
// NewFamily. The byte slices are kept, not copied.
func LoadFamily(name string, regular, bold, italic, boldItalic []byte) (*Family, error) {
	if regular == nil {
		return nil, fmt.Errorf("font family %s: no Regular font file", name)
	}
	faces := make(map[Style]*Face, numStyles)
	for s, data := range [numStyles][]byte{regular, bold, italic, boldItalic} {
		if data == nil {
			continue
		}
		f, err := Parse(name, Style(s), data)
		if err != nil {
			return nil, fmt.Errorf("font family %s: %w", name, err)
		}
		faces[Style(s)] = f
	}
	return NewFamily(name, faces)
}

// Set holds the families an article is set in: serif for text, sans for
// display and captions, mono for preformatted blocks.
type Set struct {
	Serif, Sans, Mono *Family
	// Extra holds further families by name, such as a fallback for a
	// script the three lack (a CJK typeface added by configuration).
	Extra []*Family
	// Scripts, when not nil, names the library families of scripts and
	// languages the three lack (a profile's fonts.scripts).
	Scripts *ScriptFamilies
}

// Family names understood by Set.Family.
const (
	SerifFamily = "serif"
	SansFamily  = "sans"
	MonoFamily  = "mono"
)

// Family returns the family called "serif", "sans" or "mono", or nil.
func (s *Set) Family(name string) *Family {
	switch name {
	case SerifFamily:
		return s.Serif
	case SansFamily:
		return s.Sans
	case MonoFamily:
		return s.Mono
	}
	for _, f := range s.Extra {
		if f.Name == name {
			return f
		}
	}
	return nil
}
