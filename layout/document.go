package layout

// Coordinates are in points (1/72 in) with the origin at the top-left corner
// of the page and y growing downwards. A text item's Y is its baseline.

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Rect is an axis-aligned rectangle.
type Rect struct{ X, Y, W, H float64 }

// Right is the rectangle's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the rectangle's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Intersects reports whether r and o overlap by more than eps in both axes.
func (r Rect) Intersects(o Rect, eps float64) bool {
	return r.X+eps < o.Right() && o.X+eps < r.Right() && r.Y+eps < o.Bottom() && o.Y+eps < r.Bottom()
}

// Contains reports whether o lies inside r, allowing eps of slack.
func (r Rect) Contains(o Rect, eps float64) bool {
	return o.X >= r.X-eps && o.Y >= r.Y-eps && o.Right() <= r.Right()+eps && o.Bottom() <= r.Bottom()+eps
}

// Role says what part of the article an item belongs to; tests and the
// preflight use it, and the renderer the kind of furniture (an artifact's
// type). The logical structure is Text.Tag's.
type Role uint8

const (
	RoleBody Role = iota
	RoleKicker
	RoleHeadline
	RoleStandfirst
	RoleByline
	RoleCaption
	RoleCredit
	RoleHeading
	RoleQuote
	RoleList
	RolePre
	RoleLegal
	RoleRunningFooter
	RoleBullet    // a list item's bullet or number
	RoleMark      // printer's marks and the slug line, outside the trim
	RoleMasthead  // the publication's name above the kicker
	RoleTable     // a table's cell text
	RoleTableHead // a table's header rows
)

// Text is one run of text in one font, drawn with its baseline at (X, Y).
type Text struct {
	X, Y  float64
	Text  string
	Font  FontKey
	Size  float64
	Color Color
	// Width is the advance width of Text, as the PDF writer measures
	// it, times Scale, plus Tracking for each letter gap inside it (and
	// after its last letter when the word goes on in the next text).
	Width float64
	// Scale is the horizontal scale of the glyphs (1.02 sets them 2 %
	// wider); 0 or 1 sets them as designed. Justified body lines use it to
	// take part of their stretch or shrink (Spec.MaxExpansion).
	Scale float64
	// Tracking is the letter spacing of a justified body line, in points
	// added after each glyph but the text's last (negative: taken);
	// within ±Spec.MaxTracking em. 0 for none. In shaped text it is added
	// after the last glyph of each cluster (Glyph.Cluster) only: a Tamil
	// or Thai letter's vowel signs and marks stay on it.
	Tracking float64
	Asc      float64 // ascent above the baseline (positive)
	Desc     float64 // descent below the baseline (positive)
	Role     Role
	Block    int // index of the body block the text came from, -1 outside the body
	// Glyphs are the shaped glyphs of Text, in visual order, when its face
	// is shaped (see Glyph); nil for text drawn character by character.
	Glyphs []Glyph
	// RTL marks text of a right-to-left run: Text is in logical order,
	// Glyphs in visual order.
	RTL bool
	// Tag is the structure node the text belongs to (0: an artifact).
	Tag TagID
	// Hyphen marks text ending in a hyphen that the line break added: a
	// reader of the text joins the word's parts without it.
	Hyphen bool
	// Space marks text followed by a word space that is not drawn (the
	// gap of a justified line, the end of a line): a reader of the text
	// reads a space after it.
	Space bool
}

// HScale is the horizontal scale the text is drawn at: Scale, with 0
// meaning 1.
func (t Text) HScale() float64 {
	if t.Scale > 0 {
		return t.Scale
	}
	return 1
}

// Box is the text's ink-independent bounding box (ascent to descent).
func (t Text) Box() Rect { return Rect{t.X, t.Y - t.Asc, t.Width, t.Asc + t.Desc} }

// Image is a placed picture. Rect is the visible area; Full is where the
// whole picture goes, larger than Rect when it is cropped (around its focal
// point) to fit. Src identifies it for the renderer; PixelsW and PixelsH are
// the target pixel size of the whole picture at the spec's resolution.
type Image struct {
	Rect
	Full             Rect
	Src              string
	PixelsW, PixelsH int
	Alt              string
	Block            int   // body block index, -1 for the lead photo
	Tag              TagID // its Figure (0: decorative, an artifact)
	// Limited is set when the picture is narrower than its measure because
	// its pixels allow no more at Spec.MinPPI.
	Limited bool
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Thickness      float64
	Color          Color
}

// Box is a filled rectangle (the modules of a QR code).
type Box struct {
	Rect
	Color Color
}

// LinkArea is a clickable rectangle.
type LinkArea struct {
	Rect
	URL string
	Tag TagID // its Link node
}

// Bookmark is an outline entry.
type Bookmark struct {
	Title string
	Level int // 0 for the headline, 1.. for headings
	Page  int // 0-based
	Y     float64
}

// Page is one laid-out page.
type Page struct {
	Width, Height float64
	Trim          Rect   // the finished page; the whole page unless proofing
	Bleed         Rect   // the trim plus the bleed
	Content       Rect   // the type area (inside the margins)
	Columns       []Rect // the body columns of this page
	Texts         []Text
	Images        []Image
	Rules         []Rule
	Boxes         []Box
	Links         []LinkArea
}

// Document is the result of a layout.
type Document struct {
	Pages     []Page
	Bookmarks []Bookmark
	// Missing lists characters no configured font can draw, with where they
	// occur; they are left out of the page and reported, never silently.
	Missing  []MissingGlyph
	Warnings []string
	// Overset is true when a fixed page count could not hold the article.
	Overset bool
	// Notes say what layout did that a print desk checks but that loses
	// nothing: what copyfit changed, a column foot left short because the
	// keep rules allowed no fuller break.
	Notes []string
	// RTL is true for a right-to-left article: its pages are mirrored and
	// a viewer should show them right to left.
	RTL bool
	// NoAlt lists the pictures printed without alternative text, by the
	// JSON path of their alt ("photo.alt", "body[3].alt"): a screen
	// reader reads the caption in its place, or passes a picture without
	// one by (an artifact).
	NoAlt []string
	// Lang is the language the article was set in (its own, the spec's,
	// or the one recognised in its text); empty when unknown.
	Lang string
	// Grid is the baseline grid step the body lines sit on: the body
	// leading, or less when copyfit tightened it.
	Grid float64
	// Tags is the logical structure (tags.go): Tags[0] is the document,
	// every other node follows its parent, in the article's order.
	Tags []Tag
}

// MissingGlyph is a character that no font in the chain has.
type MissingGlyph struct {
	Rune  rune
	Where string // JSON path of the field, e.g. "body[3].html"
}
