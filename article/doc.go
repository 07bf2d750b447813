package article

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Doc is Article JSON v1 as a Go value, member for member: what a program
// that builds an article (a CMS adapter) fills in instead of writing JSON.
// FromDoc validates it with exactly the rules Decode applies to the JSON,
// reporting problems with the JSON path of the member; MarshalJSON writes
// the JSON document it stands for. Empty members are absent.
type Doc struct {
	ID          string     `json:"id,omitempty"`
	URL         string     `json:"url,omitempty"`
	ShortURL    string     `json:"shortUrl,omitempty"`
	Lang        string     `json:"lang,omitempty"`
	Dir         string     `json:"dir,omitempty"`
	Publication string     `json:"publication,omitempty"`
	Section     string     `json:"section,omitempty"`
	Rubric      string     `json:"rubric,omitempty"`
	Headline    string     `json:"headline"`
	Subheadline string     `json:"subheadline,omitempty"`
	Authors     []string   `json:"authors,omitempty"`
	Published   string     `json:"published,omitempty"` // RFC 3339
	Updated     string     `json:"updated,omitempty"`
	Photo       *DocImage  `json:"photo,omitempty"`
	Body        DocBody    `json:"body"`
	Footer      *DocFooter `json:"footer,omitempty"`
}

// DocBody is the body: blocks, or (when Blocks is nil) one HTML string.
type DocBody struct {
	HTML   string
	Blocks []DocBlock
}

// MarshalJSON writes the blocks as an array, or the HTML as a string.
func (b DocBody) MarshalJSON() ([]byte, error) {
	if b.Blocks != nil {
		return marshal(b.Blocks)
	}
	return marshal(b.HTML)
}

// DocBlock is one body block; Type says which members count, as in Block.
// Inline content is HTML, or Runs when the builder has parsed it already
// (Runs win; they are written back as HTML by MarshalJSON).
type DocBlock struct {
	Type    BlockType `json:"type"`
	HTML    string    `json:"html,omitempty"`
	Runs    []Run     `json:"-"`
	Level   int       `json:"level,omitempty"`
	Text    string    `json:"text,omitempty"`
	Cite    string    `json:"cite,omitempty"`
	Ordered bool      `json:"ordered,omitempty"`
	Items   []DocItem `json:"items,omitempty"`
	*DocImage
	Table *DocTable `json:"-"` // a table block's members
}

// MarshalJSON writes Runs as the html member when they are set, and a
// table block's members from Table.
func (b DocBlock) MarshalJSON() ([]byte, error) {
	type plain DocBlock
	if b.Table != nil {
		return marshal(struct {
			Type BlockType `json:"type"`
			*DocTable
		}{b.Type, b.Table})
	}
	if b.Runs != nil {
		b.HTML = RunsHTML(b.Runs)
	}
	return marshal(plain(b))
}

// DocItem is a list item: inline HTML (or Runs), and a nested list.
type DocItem struct {
	HTML string
	Runs []Run
	List *DocList
}

// MarshalJSON writes an item without a nested list as its HTML string, one
// with a nested list as {"html", "list"}.
func (it DocItem) MarshalJSON() ([]byte, error) {
	h := it.HTML
	if it.Runs != nil {
		h = RunsHTML(it.Runs)
	}
	if it.List == nil {
		return marshal(h)
	}
	return marshal(struct {
		HTML string   `json:"html"`
		List *DocList `json:"list"`
	}{h, it.List})
}

// DocList is a list nested in an item.
type DocList struct {
	Ordered bool      `json:"ordered,omitempty"`
	Items   []DocItem `json:"items"`
}

// DocImage is the lead photo or an image block.
type DocImage struct {
	Src     string `json:"src"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Alt     string `json:"alt,omitempty"`
	Focus   *Focus `json:"focus,omitempty"`
}

// DocFooter is the legal footer.
type DocFooter struct {
	Text  string    `json:"text,omitempty"`
	Links []DocLink `json:"links,omitempty"`
}

// DocLink is a footer link.
type DocLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// JSON writes the document as indented JSON, with <, > and & as they are.
func (d *Doc) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// marshal encodes v without escaping <, > and & (the HTML stays readable).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// FromDoc validates a Doc as Decode validates the JSON it stands for and
// returns the article with the warnings (dropped HTML elements and the
// like). Problems come back as a *ValidationError whose paths are those of
// the Article JSON members ("body[3].items[0].list.items[1]").
func FromDoc(d *Doc, opts DecodeOptions) (*Article, []string, error) {
	c := &checker{lim: opts.Limits.withDefaults(), strict: opts.Strict}
	a := c.article(d.tree())
	if len(c.problems) > 0 {
		return nil, nil, &ValidationError{Problems: c.problems}
	}
	return a, c.warnings, nil
}

// The tree a Doc stands for: the checker reads it as it reads parsed JSON.
// Empty members are left out, as MarshalJSON leaves them out.

type docObj struct{ n *node }

func newDocObj() docObj { return docObj{&node{kind: jsonObject}} }

func (o docObj) set(key string, v *node) {
	if v != nil {
		o.n.keys = append(o.n.keys, key)
		o.n.vals = append(o.n.vals, v)
	}
}

// strNode is a string member; "" is absent.
func strNode(s string) *node {
	if s == "" {
		return nil
	}
	return rawStr(s)
}

// rawStr is a string value, present even when empty.
func rawStr(s string) *node {
	n := &node{kind: jsonString, text: s}
	if !utf8.ValidString(s) {
		n.bad = "invalid UTF-8"
	}
	return n
}

// intNode is an integer member; 0 is absent.
func intNode(v int) *node {
	if v == 0 {
		return nil
	}
	return &node{kind: jsonNumber, text: strconv.Itoa(v)}
}

func floatNode(v float64) *node {
	return &node{kind: jsonNumber, text: strconv.FormatFloat(v, 'g', -1, 64)}
}

// boolNode is a boolean member; false is absent.
func boolNode(v bool) *node {
	if !v {
		return nil
	}
	return &node{kind: jsonBool, flag: true}
}

// inlineNode is inline content: the runs when set, else the HTML.
func inlineNode(h string, runs []Run, present bool) *node {
	if runs != nil {
		return &node{kind: jsonRuns, runs: runs}
	}
	if present {
		return rawStr(h)
	}
	return strNode(h)
}

func (d *Doc) tree() *node {
	o := newDocObj()
	o.set("id", strNode(d.ID))
	o.set("url", strNode(d.URL))
	o.set("shortUrl", strNode(d.ShortURL))
	o.set("lang", strNode(d.Lang))
	o.set("dir", strNode(d.Dir))
	o.set("publication", strNode(d.Publication))
	o.set("section", strNode(d.Section))
	o.set("rubric", strNode(d.Rubric))
	o.set("headline", rawStr(d.Headline))
	o.set("subheadline", strNode(d.Subheadline))
	if d.Authors != nil {
		arr := &node{kind: jsonArray}
		for _, a := range d.Authors {
			arr.vals = append(arr.vals, rawStr(a))
		}
		o.set("authors", arr)
	}
	o.set("published", strNode(d.Published))
	o.set("updated", strNode(d.Updated))
	if d.Photo != nil {
		p := newDocObj()
		d.Photo.members(p)
		o.set("photo", p.n)
	}
	if d.Body.Blocks != nil {
		arr := &node{kind: jsonArray}
		for i := range d.Body.Blocks {
			arr.vals = append(arr.vals, d.Body.Blocks[i].tree())
		}
		o.set("body", arr)
	} else {
		o.set("body", rawStr(d.Body.HTML))
	}
	if f := d.Footer; f != nil {
		fo := newDocObj()
		fo.set("text", strNode(f.Text))
		if f.Links != nil {
			arr := &node{kind: jsonArray}
			for _, l := range f.Links {
				lo := newDocObj()
				lo.set("text", rawStr(l.Text))
				lo.set("url", rawStr(l.URL))
				arr.vals = append(arr.vals, lo.n)
			}
			fo.set("links", arr)
		}
		o.set("footer", fo.n)
	}
	return o.n
}

func (im *DocImage) members(o docObj) {
	o.set("src", rawStr(im.Src))
	o.set("width", intNode(im.Width))
	o.set("height", intNode(im.Height))
	o.set("caption", strNode(im.Caption))
	o.set("credit", strNode(im.Credit))
	o.set("alt", strNode(im.Alt))
	if im.Focus != nil {
		f := newDocObj()
		f.set("x", floatNode(im.Focus.X))
		f.set("y", floatNode(im.Focus.Y))
		o.set("focus", f.n)
	}
}

func (b *DocBlock) tree() *node {
	o := newDocObj()
	o.set("type", rawStr(string(b.Type)))
	switch b.Type {
	case Paragraph, Quote:
		o.set("html", inlineNode(b.HTML, b.Runs, true))
	default:
		o.set("html", inlineNode(b.HTML, b.Runs, false))
	}
	o.set("level", intNode(b.Level))
	if b.Type == Heading || b.Type == Preformatted {
		o.set("text", rawStr(b.Text))
	} else {
		o.set("text", strNode(b.Text))
	}
	o.set("cite", strNode(b.Cite))
	o.set("ordered", boolNode(b.Ordered))
	if b.Items != nil || b.Type == List {
		o.set("items", itemsTree(b.Items))
	}
	if b.DocImage != nil {
		b.DocImage.members(o)
	}
	if b.Table != nil {
		b.Table.members(o)
	}
	return o.n
}

func itemsTree(items []DocItem) *node {
	arr := &node{kind: jsonArray}
	for _, it := range items {
		if it.List == nil {
			arr.vals = append(arr.vals, inlineNode(it.HTML, it.Runs, true))
			continue
		}
		o := newDocObj()
		o.set("html", inlineNode(it.HTML, it.Runs, false))
		l := newDocObj()
		l.set("ordered", boolNode(it.List.Ordered))
		l.set("items", itemsTree(it.List.Items))
		o.set("list", l.n)
		arr.vals = append(arr.vals, o.n)
	}
	return arr
}
