package fonts

import "strconv"

// Style selects one face of a family.
type Style uint8

// The four styles of a family. The numbering is shared with package layout.
const (
	Regular    Style = 0
	Bold       Style = 1
	Italic     Style = 2
	BoldItalic Style = 3
)

// numStyles is the number of valid styles.
const numStyles = 4

// String returns the style's name, e.g. "BoldItalic".
func (s Style) String() string {
	switch s {
	case Regular:
		return "Regular"
	case Bold:
		return "Bold"
	case Italic:
		return "Italic"
	case BoldItalic:
		return "BoldItalic"
	}
	return "Style(" + strconv.Itoa(int(s)) + ")"
}

func (s Style) valid() bool { return s < numStyles }
