package article

import "fmt"

// This file holds the part of the option vocabulary that only publication
// profiles set, per preset: how small a picture may print (min_ppi), where
// a picture narrower than its column goes (image_align), and how a link's
// address is printed on paper (links). Their defaults and limits live
// here, beside the other options'; profile checks its sheets with
// CheckSheetExtras.

// Effective resolution limits, in pixels per inch.
const (
	// DefaultWebMinPPI is the smallest resolution the web preset prints a
	// picture at: a screen's.
	DefaultWebMinPPI = 96
	// DefaultPaperMinPPI is the archive's and the proof's.
	DefaultPaperMinPPI = 150
	MinMinPPI          = 36
	MaxMinPPI          = 600
)

// DefaultMinPPI is a preset's smallest effective resolution: a picture with
// fewer pixels than its column needs at it is printed smaller, never blown
// up.
func DefaultMinPPI(preset string) int {
	if preset == PresetWeb {
		return DefaultWebMinPPI
	}
	return DefaultPaperMinPPI
}

// Placement of a picture narrower than its column (image_align).
const (
	ImageCenter = "center" // centred in the column (the default)
	ImageStart  = "start"  // at the start of the line (left, right in RTL)
)

// How a link's address is printed where the reader cannot click (links),
// on the paper presets (archive and proof); the web preset keeps live
// links and prints no addresses.
const (
	LinksInline   = "inline"   // "text (address)" (the default)
	LinksFootnote = "footnote" // "text¹", the addresses listed at the article's end
	LinksOff      = "off"      // no addresses printed
)

// DefaultLinks is a preset's link style: inline addresses on paper, none
// on the web (where the links are live).
func DefaultLinks(preset string) string {
	if preset == PresetWeb {
		return LinksOff
	}
	return LinksInline
}

// CheckSheetExtras checks a profile sheet's min_ppi (0: not set),
// image_align and links ("": not set) for a preset, returning a problem
// per bad field with the field's name as its path.
func CheckSheetExtras(preset string, minPPI int, align, links string) []Problem {
	var probs []Problem
	if minPPI != 0 && (minPPI < MinMinPPI || minPPI > MaxMinPPI) {
		probs = append(probs, Problem{Path: "min_ppi", Message: fmt.Sprintf("must be %d–%d", MinMinPPI, MaxMinPPI)})
	}
	switch align {
	case "", ImageCenter, ImageStart:
	default:
		probs = append(probs, Problem{Path: "image_align", Message: "must be center or start"})
	}
	switch links {
	case "", LinksInline, LinksFootnote, LinksOff:
		if links != "" && links != LinksOff && preset == PresetWeb {
			probs = append(probs, Problem{Path: "links", Message: "the web preset's links are live; printed addresses are for archive and proof"})
		}
	default:
		probs = append(probs, Problem{Path: "links", Message: "must be inline, footnote or off"})
	}
	return probs
}
