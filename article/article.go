// Package article owns printd's input contract, Article JSON version 1: the
// model, the contract as a Go type for programs that build articles (Doc),
// decoding with line/column syntax errors, validation that reports every
// problem with its JSON path (one checker for JSON and for Doc), and the
// conversion of inline and body HTML into styled runs and blocks. It is
// pure: no I/O beyond the reader it is given.
package article

import "time"

// Article is one decoded and validated article.
type Article struct {
	ID  string
	URL string
	// ShortURL is a short address of the article (a CMS's short link),
	// encoded in the QR code instead of URL when given.
	ShortURL    string
	Lang        string // BCP 47; empty means the profile's language
	Dir         string // "ltr" or "rtl"
	Publication string
	Section     string
	Rubric      string
	Headline    string
	Subheadline string
	Authors     []string
	Published   time.Time // zero when absent
	Updated     time.Time // zero when absent
	Photo       *Image
	Body        []Block
	Footer      *Footer // nil: use the publication profile's footer
	Options     Options
}

// Style is a set of inline text styles.
type Style uint16

const (
	Bold Style = 1 << iota
	Italic
	Code
	Sup
	Sub
	Strike
	Underline
	Small
)

// Has reports whether all styles in t are set in s.
func (s Style) Has(t Style) bool { return s&t == t }

// Run is a piece of inline text in one style. A run with Break set is a
// forced line break (from <br>) and carries no text.
type Run struct {
	Text  string
	Style Style
	Link  string // href when the run is inside <a>
	Break bool
}

// BlockType names a body block kind.
type BlockType string

const (
	Paragraph    BlockType = "paragraph"
	Heading      BlockType = "heading"
	Quote        BlockType = "quote"
	List         BlockType = "list"
	ImageBlock   BlockType = "image"
	Preformatted BlockType = "preformatted"
	Divider      BlockType = "divider"
	TableBlock   BlockType = "table"
)

// Block is one body block. Which fields are set depends on Type:
// paragraph: Runs; heading: Level, Text; quote: Runs, Cite; list: Ordered,
// Items; image: Image; preformatted: Text (whitespace kept); divider: none.
type Block struct {
	Type    BlockType
	Runs    []Run
	Level   int
	Text    string
	Cite    string
	Ordered bool
	Items   []Item
	Image   *Image
	Table   *Table
}

// MaxListDepth is how deep lists may nest: a list block is level 1, a list
// in one of its items level 2, and so on.
const MaxListDepth = 4

// Item is one list item: its text, and a list nested in it (printed after
// the text, indented, with its own numbering). An item may have only a
// nested list and no text of its own.
type Item struct {
	Runs []Run
	Sub  *SubList // nil when nothing is nested
}

// SubList is a list nested in an item.
type SubList struct {
	Ordered bool
	Items   []Item
}

// ItemTexts returns the runs of items and of everything nested in them, in
// reading order.
func ItemTexts(items []Item) [][]Run {
	var out [][]Run
	var walk func([]Item)
	walk = func(items []Item) {
		for _, it := range items {
			if len(it.Runs) > 0 {
				out = append(out, it.Runs)
			}
			if it.Sub != nil {
				walk(it.Sub.Items)
			}
		}
	}
	walk(items)
	return out
}

// Image is the lead photo or an image block.
type Image struct {
	Src     string
	Width   int // hint from the input; 0 when absent
	Height  int
	Caption string
	Credit  string
	Alt     string
	Focus   *Focus
}

// Focus is a focal point for cropping, each coordinate in 0..1.
type Focus struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Footer is the legal footer printed after the body.
type Footer struct {
	Text  string
	Links []Link
}

// Link is a footer link.
type Link struct {
	Text string
	URL  string
}

// Options are the rendering options that may travel with an article (the
// "options" object); transports overlay their own (query string, flags).
// Zero values mean "not given".
type Options struct {
	Preset    string   // web | archive | proof
	Paper     string   // A4 | Letter | Tabloid | Berliner | WIDTHxHEIGHTmm
	Columns   int      // 1..4
	Grayscale *bool    // nil: not given
	Bleed     *float64 // millimetres; nil: not given
	Strict    *bool
	Pages     int // fixed page count for proof overset checks; 0: free
	// Fit is copyfit: "auto" pulls a short runover back onto the page
	// before it (and a fixed page count's overset in), "off" leaves the
	// page alone; "" takes the preset's default (auto for web and archive,
	// off for proof).
	Fit string
}
