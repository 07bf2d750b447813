package layout

import "fmt"

// Align is a paragraph's horizontal alignment.
type Align uint8

const (
	AlignJustify Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// TextStyle is how one kind of text is set.
type TextStyle struct {
	Font        FontKey
	Size        float64 // points
	Leading     float64 // baseline-to-baseline distance, points
	Color       Color
	Align       Align
	SpaceBefore float64
	SpaceAfter  float64
}

// Margins are the distances from the trim edges to the type area.
type Margins struct{ Top, Right, Bottom, Left float64 }

// Spec is everything layout needs besides the article and the fonts: the
// page, the grid, the text styles and the typesetting switches. Presets and
// publication profiles produce one; layout never reads anything else.
type Spec struct {
	Paper   Paper
	Margins Margins
	Columns int
	Gutter  float64

	Body, Headline, Standfirst, Kicker, Byline, Caption, Credit TextStyle
	H2, H3, H4, Quote, Cite, List, Pre, Legal, Running          TextStyle

	Accent    Color // kicker and rules
	RuleColor Color

	// HeadlineMinSize is the smallest size a long headline steps down to.
	HeadlineMinSize float64
	// MaxPhotoHeight caps the lead photo's height as a share of the type area.
	MaxPhotoHeight float64

	// ParagraphIndent sets paragraphs with a first-line indent and no space
	// between them (print); false separates them with space (screen).
	ParagraphIndent bool
	Hyphenate       bool
	// HyphenateCapitals lets capitalised words (mostly names) be hyphenated
	// like any other; false hyphenates them only when nothing else sets the
	// paragraph within tolerance.
	HyphenateCapitals bool
	DropCap           bool
	Grayscale         bool
	// MaxExpansion lets each line of a justified body paragraph scale its
	// type horizontally by up to this share (0.03: ±3 %; DefaultSpec's), so that its word
	// spaces stretch and shrink less (font expansion, as in pdfTeX). Last
	// lines, ragged text, headings and captions keep their natural type.
	// 0 turns it off.
	MaxExpansion float64
	// MaxTracking lets the same lines space the letters of a word apart
	// or together by up to this share of the type size per letter gap
	// (0.01: ±0.01 em; DefaultSpec's), decided by the same ratio as the
	// expansion (see docs/typesetting.md). Only words of Latin, Cyrillic
	// and Greek letters take it, never a shaped cluster or a joining
	// script. 0 turns it off.
	MaxTracking float64

	// PPI is the effective resolution images are prepared for.
	PPI float64
	// MinPPI is the smallest effective resolution a picture is printed
	// at: one with too few pixels for its measure is set smaller, at that
	// resolution, never blown up. 0 sets no limit.
	MinPPI float64
	// FigureAlign places a picture narrower than its measure: AlignCenter
	// or AlignLeft (the start of the line).
	FigureAlign Align
	// PrintLinks prints a link's address where the reader cannot click
	// (on paper): after its text in parentheses, as a numbered note at the
	// article's end, or not at all.
	PrintLinks LinksPrint
	// Lang is the default language when the article has none.
	Lang string
	// Publication is printed in the running footer.
	Publication string
	// Fallback families are tried, in order, for characters the style's
	// own family lacks.
	Fallback []string
	// Pages fixes the page count (proofs); 0 lets the article run on.
	Pages int
	// Copyfit pulls a short runover back onto the page before it (or the
	// text into the fixed page count) by the steps in copyfit.go: the lead
	// photo toward 16:9, the leading and the photo gap tightened, a compact
	// closing block, a smaller headline, a smaller lead photo (fit=auto).
	Copyfit bool
	// Bleed extends each page beyond the trim on every side (proofs).
	Bleed float64
	// Marks is the room beyond the bleed for crop marks and the slug line;
	// non-zero turns them on.
	Marks float64
	// DateFormat is "long" (19 November 2025, in the article's language),
	// "iso" (2025-11-19) or "numeric" (19.11.2025).
	DateFormat string
	// Masthead is printed above the kicker on page 1 when not empty.
	Masthead string
	// MastheadLogo is an image source drawn instead of the text when the
	// image can be had (it must be in Input.Images).
	MastheadLogo string
	// LinkColor colours linked text.
	LinkColor Color
	// Muted colours secondary text (byline, credits, footers).
	Muted Color
}

// Outer is the distance from the page edge to the trim.
func (s *Spec) Outer() float64 { return s.Bleed + s.Marks }

// Trim is the finished page within the sheet.
func (s *Spec) Trim() Rect {
	o := s.Outer()
	return Rect{X: o, Y: o, W: s.Paper.Width, H: s.Paper.Height}
}

// Content is the type area of a page.
func (s *Spec) Content() Rect {
	return Rect{
		X: s.Outer() + s.Margins.Left,
		Y: s.Outer() + s.Margins.Top,
		W: s.Paper.Width - s.Margins.Left - s.Margins.Right,
		H: s.Paper.Height - s.Margins.Top - s.Margins.Bottom,
	}
}

// ColumnWidth is the width of one body column.
func (s *Spec) ColumnWidth() float64 {
	n := float64(s.Columns)
	return (s.Content().W - (n-1)*s.Gutter) / n
}

// SpecError is a specification layout cannot honour. Fields names the
// options that together cause it ("paper", "columns"), so that a caller
// can tell whose choice it was.
type SpecError struct {
	Fields []string
	Msg    string
}

func (e *SpecError) Error() string { return e.Msg }

// Validate reports a specification layout cannot honour (a *SpecError).
func (s *Spec) Validate() error {
	bad := func(msg string, fields ...string) error { return &SpecError{Fields: fields, Msg: msg} }
	switch {
	case s.Columns < 1 || s.Columns > 4:
		return bad(fmt.Sprintf("must be 1–4, got %d", s.Columns), "columns")
	case s.Paper.Width <= 0 || s.Paper.Height <= 0:
		return bad("no size", "paper")
	case s.Content().W < 100 || s.Content().H < 150:
		return bad(fmt.Sprintf("%s: margins leave no room for text", s.Paper.Name), "paper")
	case s.ColumnWidth() < 72:
		return bad(fmt.Sprintf("%d columns on %s leave each under 1 inch", s.Columns, s.Paper.Name), "columns", "paper")
	case s.Body.Size <= 0 || s.Body.Leading <= 0:
		return bad("body: no text size")
	case !(s.MaxExpansion >= 0 && s.MaxExpansion <= 0.1):
		return bad(fmt.Sprintf("max expansion: must be 0–0.1, got %v", s.MaxExpansion))
	case !(s.MaxTracking >= 0 && s.MaxTracking <= 0.05):
		return bad(fmt.Sprintf("max tracking: must be 0–0.05, got %v", s.MaxTracking))
	}
	return nil
}

// DefaultSpec is printd's newspaper look on the given paper with the given
// number of columns: serif body and headline, sans kicker, byline, captions
// and footers. Sizes scale mildly with the page width.
func DefaultSpec(p Paper, columns int) Spec {
	if columns <= 0 {
		columns = 2
	}
	ink := Color{20, 20, 20}
	muted := Color{90, 90, 90}
	accent := Color{170, 20, 30}
	scale := p.Width / MM(210)
	switch {
	case scale < 0.85:
		scale = 0.85
	case scale > 1.35:
		scale = 1.35
	}
	// Body text stays near its reading size on any paper (wider pages get
	// more columns, not bigger type); display type grows with the page.
	text := min(max(scale, 0.9), 1.0)
	sz := func(v float64) float64 { return float64(int(v*text*4+0.5)) / 4 }
	dz := func(v float64) float64 { return float64(int(v*scale*4+0.5)) / 4 }
	serif, sans, mono := "serif", "sans", "mono"
	ms := chooseMeasure(p, columns, sz(9), MM(16)*scale, MM(5))
	// Styles read beside the body (lists, quotes, code) follow its size.
	bz := func(v float64) float64 { return float64(int(v*ms.body/9*4+0.5)) / 4 }
	body := TextStyle{Font: FontKey{serif, Regular}, Size: ms.body, Leading: ms.leading, Color: ink, Align: AlignJustify}
	m := ms.margin
	return Spec{
		Paper:      p,
		Margins:    Margins{Top: m, Right: ms.side, Bottom: m + MM(4), Left: ms.side},
		Columns:    columns,
		Gutter:     ms.gutter,
		Body:       body,
		Headline:   TextStyle{Font: FontKey{serif, Bold}, Size: dz(28), Leading: dz(31), Color: ink, Align: AlignLeft, SpaceAfter: dz(8)},
		Standfirst: TextStyle{Font: FontKey{serif, Italic}, Size: dz(13.5), Leading: dz(17.5), Color: ink, Align: AlignLeft, SpaceAfter: dz(8)},
		Kicker:     TextStyle{Font: FontKey{sans, Bold}, Size: sz(9), Leading: sz(12), Color: accent, Align: AlignLeft, SpaceAfter: sz(6)},
		Byline:     TextStyle{Font: FontKey{sans, Regular}, Size: sz(8.5), Leading: sz(11), Color: muted, Align: AlignLeft, SpaceAfter: sz(8)},
		Caption:    TextStyle{Font: FontKey{sans, Regular}, Size: bz(8), Leading: bz(10.5), Color: ink, Align: AlignLeft, SpaceBefore: sz(4)},
		Credit:     TextStyle{Font: FontKey{sans, Regular}, Size: bz(7), Leading: bz(9.5), Color: muted, Align: AlignLeft, SpaceAfter: sz(10)},
		H2:         TextStyle{Font: FontKey{serif, Bold}, Size: sz(13), Leading: sz(16), Color: ink, Align: AlignLeft, SpaceBefore: sz(9), SpaceAfter: sz(3)},
		H3:         TextStyle{Font: FontKey{serif, Bold}, Size: sz(11.5), Leading: sz(14.5), Color: ink, Align: AlignLeft, SpaceBefore: sz(8), SpaceAfter: sz(2)},
		H4:         TextStyle{Font: FontKey{sans, Bold}, Size: sz(9.5), Leading: sz(13), Color: ink, Align: AlignLeft, SpaceBefore: sz(6), SpaceAfter: sz(2)},
		Quote:      TextStyle{Font: FontKey{serif, Italic}, Size: bz(10.5), Leading: bz(14), Color: ink, Align: AlignLeft, SpaceBefore: sz(6), SpaceAfter: sz(6)},
		Cite:       TextStyle{Font: FontKey{sans, Regular}, Size: bz(8), Leading: bz(11), Color: muted, Align: AlignLeft},
		List:       TextStyle{Font: FontKey{serif, Regular}, Size: ms.body, Leading: ms.leading, Color: ink, Align: AlignLeft, SpaceBefore: sz(3), SpaceAfter: sz(5)},
		Pre:        TextStyle{Font: FontKey{mono, Regular}, Size: bz(8), Leading: bz(10.5), Color: ink, Align: AlignLeft, SpaceBefore: sz(5), SpaceAfter: sz(7)},
		Legal:      TextStyle{Font: FontKey{sans, Regular}, Size: sz(7.5), Leading: sz(10), Color: muted, Align: AlignLeft, SpaceBefore: sz(14)},
		Running:    TextStyle{Font: FontKey{sans, Regular}, Size: sz(7), Leading: sz(9), Color: muted, Align: AlignLeft},

		Accent:          accent,
		RuleColor:       Color{150, 150, 150},
		HeadlineMinSize: dz(18),
		MaxPhotoHeight:  0.4,
		ParagraphIndent: true,
		Hyphenate:       true,
		MaxExpansion:    0.03,
		MaxTracking:     0.01,
		PPI:             150,
		MinPPI:          150,
		FigureAlign:     AlignCenter,
		Lang:            "en",
		Publication:     "printd",
		Fallback:        []string{serif, sans, mono},
		DateFormat:      "long",
		LinkColor:       Color{20, 60, 140},
		Muted:           muted,
	}
}
