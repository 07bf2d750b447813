package article

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// MaxImageSide bounds the width and height hints of images, in pixels.
const MaxImageSide = 100_000

var (
	articleFields = []string{"id", "url", "shortUrl", "lang", "dir", "publication", "section", "rubric",
		"headline", "subheadline", "authors", "published", "updated", "photo", "body",
		"footer", "options"}
	imageFields  = []string{"src", "width", "height", "caption", "credit", "alt", "focus"}
	optionFields = []string{"preset", "paper", "columns", "grayscale", "bleed", "strict", "pages", "fit"}
)

const webURLMessage = "must be an absolute http or https URL"

// article converts the root object, reporting every problem on the way.
func (c *checker) article(n *node) *Article {
	c.object(n, "", articleFields...)
	a := &Article{Dir: "ltr"}
	a.ID = strings.TrimSpace(c.raw(n.get("id"), "id"))
	a.URL = strings.TrimSpace(c.raw(n.get("url"), "url"))
	if a.URL != "" && !isWebURL(a.URL) {
		c.add("url", "%s", webURLMessage)
	}
	a.ShortURL = strings.TrimSpace(c.raw(n.get("shortUrl"), "shortUrl"))
	if a.ShortURL != "" && !isWebURL(a.ShortURL) {
		c.add("shortUrl", "%s", webURLMessage)
	}
	if s := strings.TrimSpace(c.raw(n.get("lang"), "lang")); s != "" {
		if tag, err := language.Parse(s); err != nil {
			c.add("lang", "not a BCP 47 tag")
		} else {
			a.Lang = tag.String()
		}
	}
	switch s := strings.ToLower(strings.TrimSpace(c.raw(n.get("dir"), "dir"))); s {
	case "":
	case "ltr", "rtl":
		a.Dir = s
	default:
		c.add("dir", "must be ltr or rtl")
	}
	a.Publication = strings.TrimSpace(c.raw(n.get("publication"), "publication"))
	a.Section = c.text(n.get("section"), "section")
	a.Rubric = c.text(n.get("rubric"), "rubric")
	a.Headline = c.required(n.get("headline"), "headline")
	a.Subheadline = c.text(n.get("subheadline"), "subheadline")
	a.Authors = c.authors(n.get("authors"), "authors")
	a.Published = c.time(n.get("published"), "published")
	a.Updated = c.time(n.get("updated"), "updated")
	if p := n.get("photo"); !p.absent() {
		a.Photo = c.image(p, "photo")
	}
	a.Body = c.body(n.get("body"), "body")
	a.Footer = c.footer(n.get("footer"), "footer")
	a.Options = c.options(n.get("options"), "options")
	return a
}

// raw returns a string member as given.
func (c *checker) raw(n *node, path string) string {
	s, _ := c.str(n, path)
	return s
}

// required returns a plain-text member that must not be empty.
func (c *checker) required(n *node, path string) string {
	before := len(c.problems)
	s := c.text(n, path)
	if s == "" && len(c.problems) == before {
		c.add(path, "required")
	}
	return s
}

func (c *checker) authors(n *node, path string) []string {
	var out []string
	switch {
	case n.absent():
	case n.kind == jsonString:
		if s := c.text(n, path); s != "" {
			out = append(out, s)
		}
	case n.kind == jsonArray:
		for i, e := range n.vals {
			if s := c.text(e, index(path, i)); s != "" {
				out = append(out, s)
			}
		}
	default:
		c.add(path, "must be a string or an array of strings")
	}
	return out
}

func (c *checker) time(n *node, path string) time.Time {
	s := strings.TrimSpace(c.raw(n, path))
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		c.add(path, "not RFC 3339 date-time")
	}
	return t
}

// image converts the lead photo or an image block (whose extra members
// are named in more).
func (c *checker) image(n *node, path string, more ...string) *Image {
	if !c.object(n, path, append(more, imageFields...)...) {
		return nil
	}
	img := &Image{}
	before := len(c.problems)
	img.Src = strings.TrimSpace(c.raw(n.get("src"), member(path, "src")))
	if msg := checkSrc(img.Src); msg != "" && len(c.problems) == before {
		c.add(member(path, "src"), "%s", msg)
	}
	sideMsg := fmt.Sprintf("must be between 0 and %d", MaxImageSide)
	img.Width, _ = c.integer(n.get("width"), member(path, "width"), 0, MaxImageSide, sideMsg)
	img.Height, _ = c.integer(n.get("height"), member(path, "height"), 0, MaxImageSide, sideMsg)
	img.Caption = c.text(n.get("caption"), member(path, "caption"))
	img.Credit = c.text(n.get("credit"), member(path, "credit"))
	img.Alt = c.text(n.get("alt"), member(path, "alt"))
	if f := n.get("focus"); !f.absent() {
		img.Focus = c.focus(f, member(path, "focus"))
	}
	return img
}

// focus reads a focal point; a missing coordinate means the centre.
func (c *checker) focus(n *node, path string) *Focus {
	if !c.object(n, path, "x", "y") {
		return nil
	}
	f := &Focus{X: 0.5, Y: 0.5}
	for _, axis := range []struct {
		key string
		dst *float64
	}{{"x", &f.X}, {"y", &f.Y}} {
		p := member(path, axis.key)
		if v, ok := c.number(n.get(axis.key), p); ok {
			if v < 0 || v > 1 {
				c.add(p, "must be between 0 and 1")
			} else {
				*axis.dst = v
			}
		}
	}
	return f
}

func (c *checker) body(n *node, path string) []Block {
	var blocks []Block
	before := len(c.problems)
	switch {
	case n.absent():
		c.add(path, "required")
		return nil
	case n.kind == jsonString:
		s, ok := c.str(n, path)
		if !ok {
			return nil
		}
		var warnings []string
		var err error
		blocks, warnings, err = parseBodyHTML(s, c.lim.MaxBlocks)
		for _, w := range warnings {
			c.warnings = append(c.warnings, path+": "+w)
		}
		if err != nil {
			c.add(path, "%s", err.Error())
		}
	case n.kind == jsonArray:
		if len(n.vals) > c.lim.MaxBlocks {
			c.add(path, "more than %d blocks", c.lim.MaxBlocks)
			return nil
		}
		for i, e := range n.vals {
			if b, ok := c.block(e, index(path, i)); ok {
				blocks = append(blocks, b)
			}
		}
	default:
		c.add(path, "must be an array of blocks or an HTML string")
		return nil
	}
	if len(blocks) == 0 && len(c.problems) == before {
		c.add(path, "at least one block required")
	}
	return blocks
}

// block converts one body block; ok is false when it is wrong or empty.
func (c *checker) block(n *node, path string) (Block, bool) {
	if n.kind != jsonObject {
		c.add(path, "must be an object")
		return Block{}, false
	}
	typePath := member(path, "type")
	t := strings.TrimSpace(c.raw(n.get("type"), typePath))
	if t == "" {
		if n.get("type").absent() || n.get("type").kind == jsonString {
			c.add(typePath, "required")
		}
		return Block{}, false
	}
	switch BlockType(strings.ToLower(t)) {
	case Paragraph:
		c.object(n, path, "type", "html")
		runs := c.inline(n.get("html"), member(path, "html"))
		return Block{Type: Paragraph, Runs: runs}, len(runs) > 0
	case Heading:
		c.object(n, path, "type", "level", "text")
		b := Block{Type: Heading, Level: 2}
		if lv, ok := c.integer(n.get("level"), member(path, "level"), 2, 4, "must be 2–4"); ok {
			b.Level = lv
		}
		b.Text = c.required(n.get("text"), member(path, "text"))
		return b, b.Text != ""
	case Quote:
		c.object(n, path, "type", "html", "cite")
		runs := c.inline(n.get("html"), member(path, "html"))
		cite := c.text(n.get("cite"), member(path, "cite"))
		return Block{Type: Quote, Runs: runs, Cite: cite}, len(runs) > 0
	case List:
		c.object(n, path, "type", "ordered", "items")
		b := Block{Type: List}
		b.Ordered, _ = c.boolean(n.get("ordered"), member(path, "ordered"))
		b.Items = c.items(n.get("items"), member(path, "items"), 1)
		return b, len(b.Items) > 0
	case ImageBlock:
		img := c.image(n, path, "type")
		return Block{Type: ImageBlock, Image: img}, img != nil
	case Preformatted:
		c.object(n, path, "type", "text")
		tn := n.get("text")
		text, ok := c.str(tn, member(path, "text"))
		if !ok && tn.absent() {
			c.add(member(path, "text"), "required")
		}
		text = preText(text)
		return Block{Type: Preformatted, Text: text}, strings.TrimSpace(text) != ""
	case Divider:
		c.object(n, path, "type")
		return Block{Type: Divider}, true
	case TableBlock:
		return c.table(n, path)
	}
	c.add(typePath, "unknown block type %q", t)
	return Block{}, false
}

// inline converts a required inline-HTML member. Present but empty gives
// no runs and no problem: empty paragraphs are dropped.
func (c *checker) inline(n *node, path string) []Run {
	if n != nil && n.kind == jsonRuns {
		return c.runs(n.runs, path)
	}
	s, ok := c.str(n, path)
	if !ok {
		if n.absent() {
			c.add(path, "required")
		}
		return nil
	}
	runs, err := ParseInline(s)
	if err != nil {
		c.add(path, "%s", err.Error())
	}
	return runs
}

// items converts a list's items. An item is inline HTML, or an object
// with the item's "html" and a nested "list" ({"ordered", "items"}); depth
// is the list's nesting level, 1 for a list block.
func (c *checker) items(n *node, path string, depth int) []Item {
	switch {
	case n.absent():
		c.add(path, "required")
		return nil
	case n.kind != jsonArray:
		c.add(path, "must be an array")
		return nil
	}
	before := len(c.problems)
	var items []Item
	for i, e := range n.vals {
		if it, ok := c.item(e, index(path, i), depth); ok {
			items = append(items, it)
		}
	}
	if len(items) == 0 && len(c.problems) == before {
		c.add(path, "at least one item required")
	}
	return items
}

// item converts one list item; ok is false when it has neither text nor a
// nested list.
func (c *checker) item(n *node, path string, depth int) (Item, bool) {
	if n.kind != jsonObject {
		if !n.absent() && n.kind != jsonString && n.kind != jsonRuns {
			c.add(path, "must be inline HTML or an object with html and list")
			return Item{}, false
		}
		runs := c.inline(n, path)
		return Item{Runs: runs}, len(runs) > 0
	}
	c.object(n, path, "html", "list")
	var it Item
	if h := n.get("html"); !h.absent() {
		it.Runs = c.inline(h, member(path, "html"))
	}
	if ln := n.get("list"); !ln.absent() {
		lp := member(path, "list")
		switch {
		case depth >= MaxListDepth:
			c.add(lp, "lists nest at most %d levels deep", MaxListDepth)
		case c.object(ln, lp, "ordered", "items"):
			sub := &SubList{}
			sub.Ordered, _ = c.boolean(ln.get("ordered"), member(lp, "ordered"))
			sub.Items = c.items(ln.get("items"), member(lp, "items"), depth+1)
			if len(sub.Items) > 0 {
				it.Sub = sub
			}
		}
	} else if n.get("html").absent() {
		c.add(member(path, "html"), "required")
	}
	return it, len(it.Runs) > 0 || it.Sub != nil
}

// footer converts the footer; one with neither text nor links is nil, so
// the publication's own footer is used.
func (c *checker) footer(n *node, path string) *Footer {
	if n.absent() || !c.object(n, path, "text", "links") {
		return nil
	}
	f := &Footer{Text: c.text(n.get("text"), member(path, "text"))}
	if ln := n.get("links"); !ln.absent() {
		lp := member(path, "links")
		if ln.kind != jsonArray {
			c.add(lp, "must be an array")
		} else {
			for i, e := range ln.vals {
				if l, ok := c.link(e, index(lp, i)); ok {
					f.Links = append(f.Links, l)
				}
			}
		}
	}
	if f.Text == "" && len(f.Links) == 0 {
		return nil
	}
	return f
}

func (c *checker) link(n *node, path string) (Link, bool) {
	if !c.object(n, path, "text", "url") {
		return Link{}, false
	}
	before := len(c.problems)
	l := Link{Text: c.required(n.get("text"), member(path, "text"))}
	up := member(path, "url")
	un := n.get("url")
	l.URL = strings.TrimSpace(c.raw(un, up))
	switch {
	case l.URL == "":
		if un.absent() || un.kind == jsonString {
			c.add(up, "required")
		}
	case !isWebURL(l.URL):
		c.add(up, "%s", webURLMessage)
	}
	return l, len(c.problems) == before
}

func (c *checker) options(n *node, path string) Options {
	var o Options
	if n.absent() || !c.object(n, path, optionFields...) {
		return o
	}
	o.Preset = c.raw(n.get("preset"), member(path, "preset"))
	o.Paper = c.raw(n.get("paper"), member(path, "paper"))
	o.Fit = c.raw(n.get("fit"), member(path, "fit"))
	o.Columns, _ = c.integer(n.get("columns"), member(path, "columns"), 1, 4, "must be 1–4")
	o.Pages, _ = c.integer(n.get("pages"), member(path, "pages"), 0, MaxPages,
		fmt.Sprintf("must be between 0 and %d", MaxPages))
	if v, ok := c.boolean(n.get("grayscale"), member(path, "grayscale")); ok {
		o.Grayscale = &v
	}
	if v, ok := c.boolean(n.get("strict"), member(path, "strict")); ok {
		o.Strict = &v
	}
	if v, ok := c.number(n.get("bleed"), member(path, "bleed")); ok {
		o.Bleed = &v
	}
	c.problems = append(c.problems, o.Normalize(path)...)
	return o
}
