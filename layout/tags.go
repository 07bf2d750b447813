package layout

import "strings"

// The logical structure of a document: what a reader that does not see
// the page (a screen reader, a reflowing viewer) needs to know of it.
// Layout builds it while it composes the article, in the article's order,
// and tags every text, picture and link area with the node it belongs to;
// the renderer writes it as the PDF's structure tree. Everything tagged 0
// is furniture (an artifact): running footers, page numbers, printer's
// marks, rules, the QR code's modules.

// TagID is a node of Document.Tags. 0 is the document itself: an item
// tagged 0 belongs to no node and is an artifact.
type TagID int32

// TagKind is what a node is, named after PDF's standard structure types.
type TagKind uint8

const (
	TagDocument TagKind = iota
	TagP
	TagH1
	TagH2
	TagH3
	TagH4
	TagH5
	TagH6
	TagBlockQuote
	TagL     // a list
	TagLI    // a list item: a Lbl and an LBody
	TagLbl   // a list item's bullet or number
	TagLBody // a list item's text (and the list nested in it)
	TagFigure
	TagCaption
	TagCode // preformatted text
	TagTable
	TagTHead
	TagTBody
	TagTFoot
	TagTR
	TagTH // a header cell; see Tag.Scope
	TagTD
	TagLink // the words of a link and its link areas
	TagSpan // a run in another language (Tag.Lang)
	TagDiv
)

var tagNames = [...]string{
	TagDocument: "Document", TagP: "P", TagH1: "H1", TagH2: "H2", TagH3: "H3", TagH4: "H4", TagH5: "H5", TagH6: "H6",
	TagBlockQuote: "BlockQuote", TagL: "L", TagLI: "LI", TagLbl: "Lbl", TagLBody: "LBody", TagFigure: "Figure",
	TagCaption: "Caption", TagCode: "Code", TagTable: "Table", TagTHead: "THead", TagTBody: "TBody", TagTFoot: "TFoot",
	TagTR: "TR", TagTH: "TH", TagTD: "TD", TagLink: "Link", TagSpan: "Span", TagDiv: "Div",
}

// String is the PDF structure type: "P", "H1", "Figure", …
func (k TagKind) String() string {
	if int(k) < len(tagNames) {
		return tagNames[k]
	}
	return "Span"
}

// HeadingTag is the kind of a heading of level 1–6.
func HeadingTag(level int) TagKind {
	return TagH1 + TagKind(min(max(level, 1), 6)-1)
}

// Scope says which cells a table header cell heads.
type Scope uint8

const (
	ScopeNone Scope = iota
	ScopeColumn
	ScopeRow
	ScopeBoth
)

// Tag is one node of the logical structure.
type Tag struct {
	Kind   TagKind
	Parent TagID  // the document (0) for a top-level block
	Alt    string // a Figure's alternate text; a Link's description
	Lang   string // a language other than the document's (BCP 47)
	Scope  Scope  // a TH's
	// RowSpan and ColSpan are a table cell's spans when over 1.
	RowSpan, ColSpan int
}

// tagTree collects the nodes of one layout. Nodes are added in the
// article's order, each after its parent; a node that ends up with nothing
// on the page (a block laid out twice, only one of them placed) is left
// out by the renderer.
type tagTree struct{ tags []Tag }

func newTagTree() *tagTree { return &tagTree{tags: []Tag{{Kind: TagDocument}}} }

// add appends a node and returns its id.
func (t *tagTree) add(kind TagKind, parent TagID) TagID {
	t.tags = append(t.tags, Tag{Kind: kind, Parent: parent})
	return TagID(len(t.tags) - 1)
}

// node is the node id, for setting its attributes.
func (t *tagTree) node(id TagID) *Tag { return &t.tags[id] }

// lines returns the tagging of a paragraph's lines as a new node of kind
// under parent.
func (t *tagTree) lines(kind TagKind, parent TagID) *lineTags {
	return &lineTags{tree: t, parent: t.add(kind, parent)}
}

// lineTags gives the texts and link areas of a paragraph's lines their
// node: the paragraph's, or a Link under it for the words of a link (one
// Link for consecutive words with the same address, across lines). A nil
// *lineTags tags nothing: the lines are artifacts.
type lineTags struct {
	tree   *tagTree
	parent TagID
	link   TagID
	url    string
}

// of returns the node of a fragment of text linking to url ("" for none).
// A space between two words of a link belongs to the link.
func (lt *lineTags) of(url, text string) TagID {
	if lt == nil {
		return 0
	}
	if url == "" && lt.url != "" && strings.TrimSpace(text) == "" {
		return lt.link
	}
	if url == "" || lt.parent == 0 {
		lt.url = ""
		return lt.parent
	}
	if url != lt.url {
		lt.link, lt.url = lt.tree.add(TagLink, lt.parent), url
	}
	return lt.link
}
