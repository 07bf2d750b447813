package adapt

import (
	"html"
	"regexp"
	"strings"

	"printd/article"
)

// maxGraphDepth bounds arrays and @graph documents nested in each other.
const maxGraphDepth = 8

// fromJSONLD maps a schema.org Article (or NewsArticle, BlogPosting, …)
// given as JSON-LD — a single node, an array of nodes or an @graph
// document — onto an article. Node references ({"@id": …}) are resolved
// within the document.
func fromJSONLD(root any, n *notes) (*doc, error) {
	r := &ldReader{ids: make(map[string]map[string]any), n: n}
	var nodes []map[string]any
	r.collect(root, &nodes, 0)
	var art map[string]any
	count := 0
	for _, nd := range nodes {
		if !isArticleType(nd["@type"]) {
			continue
		}
		count++
		if art == nil || r.text(art["articleBody"]) == "" && r.text(nd["articleBody"]) != "" {
			art = nd
		}
	}
	var p problems
	if art == nil {
		p.add("@type", "no article node (NewsArticle, Article, ReportageNewsArticle, BlogPosting, …) in the JSON-LD")
		return nil, p.err()
	}
	if count > 1 {
		n.add("%d article nodes; converted the one with the article text", count)
	}
	headline := plain(r.text(art["headline"]))
	if headline == "" {
		headline = plain(r.text(art["name"]))
	}
	if headline == "" {
		p.add("headline", "required: the article headline")
	}
	paragraphs := splitParagraphs(r.text(art["articleBody"]))
	if len(paragraphs) == 0 {
		p.add("articleBody", "required: printd needs the article text, and this JSON-LD has none")
	}
	if err := p.err(); err != nil {
		return nil, err
	}

	d := &doc{Headline: headline, ID: r.id(art), URL: r.url(art)}
	d.Subheadline = plain(r.text(art["alternativeHeadline"]))
	if d.Subheadline == "" {
		d.Subheadline = plain(r.text(art["description"]))
	}
	d.Authors = r.authors(art["author"])
	d.Published = r.date(art, "datePublished")
	d.Updated = r.date(art, "dateModified")
	if sections := many(art["articleSection"]); len(sections) > 0 {
		d.Section = plain(r.text(sections[0]))
		if len(sections) > 1 {
			n.add("articleSection: %d more sections not used", len(sections)-1)
		}
	}
	if v := art["inLanguage"]; v != nil {
		s := r.text(v)
		for _, k := range []string{"alternateName", "name"} {
			if s == "" {
				s = r.text(field(r.resolve(v), k))
			}
		}
		if tag, ok := langTag(s); ok {
			d.Lang = tag
		} else {
			n.add("inLanguage %q is not a BCP 47 tag; not used", s)
		}
	}
	d.Photo = r.photo(art)
	blocks := make([]block, len(paragraphs))
	for i, para := range paragraphs {
		blocks[i] = block{Type: "paragraph", HTML: html.EscapeString(para)}
	}
	d.Body = article.DocBody{Blocks: blocks}
	return d, nil
}

// ldReader reads values out of one JSON-LD document.
type ldReader struct {
	ids map[string]map[string]any // nodes by @id
	n   *notes
}

// collect gathers the nodes of a document: objects at the top, in arrays
// and in @graph, indexing them by @id.
func (r *ldReader) collect(v any, out *[]map[string]any, depth int) {
	if depth > maxGraphDepth {
		return
	}
	for _, e := range many(v) {
		m := object(e)
		if m == nil {
			if a := array(e); a != nil {
				r.collect(a, out, depth+1)
			}
			continue
		}
		if id := str(m["@id"]); id != "" {
			if _, seen := r.ids[id]; !seen && len(m) > 1 {
				r.ids[id] = m
			}
		}
		*out = append(*out, m)
		if g := m["@graph"]; g != nil {
			r.collect(g, out, depth+1)
		}
	}
}

// resolve replaces a bare reference ({"@id": …}) with the node it names.
func (r *ldReader) resolve(v any) any {
	m := object(v)
	if m == nil || len(m) != 1 {
		return v
	}
	if nd, ok := r.ids[str(m["@id"])]; ok {
		return nd
	}
	return v
}

// text reads a text value: a string, a number, a {"@value": …} object, or
// the first of an array of those.
func (r *ldReader) text(v any) string {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if s := r.text(e); s != "" {
				return s
			}
		}
	case map[string]any:
		return str(v["@value"])
	default:
		return str(v)
	}
	return ""
}

func (r *ldReader) id(art map[string]any) string {
	for _, v := range many(art["identifier"]) {
		s := r.text(v)
		if s == "" {
			s = r.text(field(r.resolve(v), "value"))
		}
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return strings.TrimSpace(str(art["@id"]))
}

// url is url, else mainEntityOfPage (a URL or a WebPage node).
func (r *ldReader) url(art map[string]any) string {
	candidates := []struct{ key, val string }{{"url", r.text(art["url"])}}
	page := art["mainEntityOfPage"]
	if s := r.text(page); s != "" {
		candidates = append(candidates, struct{ key, val string }{"mainEntityOfPage", s})
	} else {
		for _, k := range []string{"@id", "url"} {
			candidates = append(candidates, struct{ key, val string }{"mainEntityOfPage." + k, str(field(page, k))})
		}
	}
	for _, c := range candidates {
		if c.val == "" {
			continue
		}
		if u, ok := webURL(c.val, nil); ok {
			return u
		}
		r.n.add("%s %q is not an absolute web URL; not used", c.key, c.val)
	}
	return ""
}

func (r *ldReader) date(art map[string]any, key string) string {
	s := r.text(art[key])
	if s == "" {
		return ""
	}
	d, ok := date(s)
	if !ok {
		r.n.add("%s %q is not a date; not used", key, s)
	}
	return d
}

// authors reads Person and Organization nodes, references to them, and
// plain names.
func (r *ldReader) authors(v any) []string {
	var out []string
	for i, a := range many(v) {
		a = r.resolve(a)
		name := plain(r.text(a))
		if m := object(a); m != nil {
			name = plain(r.text(m["name"]))
			if name == "" {
				name = plain(strings.TrimSpace(r.text(m["givenName"]) + " " + r.text(m["familyName"])))
			}
		}
		switch {
		case name != "":
			out = append(out, name)
		case str(field(a, "@id")) != "":
			r.n.add("author[%d]: unresolved reference %q; not used", i, str(field(a, "@id")))
		default:
			r.n.add("author[%d] has no name; not used", i)
		}
	}
	return out
}

// photo picks the lead photo from image (a URL, an ImageObject or an array
// of them; the largest when sizes are given, else the first), falling
// back to thumbnailUrl.
func (r *ldReader) photo(art map[string]any) *image {
	list := many(art["image"])
	if len(list) == 0 {
		list = many(art["thumbnailUrl"])
	}
	var best *image
	usable := 0
	for i, v := range list {
		img := r.image(r.resolve(v), i)
		if img == nil {
			continue
		}
		usable++
		if best == nil || img.Width*img.Height > best.Width*best.Height {
			best = img
		}
	}
	if usable > 1 {
		r.n.add("image: %d more images not used", usable-1)
	}
	return best
}

func (r *ldReader) image(v any, i int) *image {
	m := object(v)
	raw := r.text(v)
	if m != nil {
		raw = r.text(m["url"])
		if raw == "" {
			raw = r.text(m["contentUrl"])
		}
	}
	u, ok := webURL(raw, nil)
	if !ok {
		if raw != "" {
			r.n.add("image[%d] %q is not a web URL; not used", i, truncate(raw, 80))
		} else {
			r.n.add("image[%d] has no url; not used", i)
		}
		return nil
	}
	img := &image{Src: u}
	if m == nil {
		return img
	}
	img.Width, img.Height = ldPixels(m["width"]), ldPixels(m["height"])
	img.Caption = plain(r.text(m["caption"]))
	img.Credit = plain(r.text(m["creditText"]))
	for _, k := range []string{"copyrightHolder", "author"} {
		if img.Credit != "" {
			break
		}
		for _, who := range many(m[k]) {
			who = r.resolve(who)
			name := r.text(who)
			if object(who) != nil {
				name = r.text(field(who, "name"))
			}
			if img.Credit = plain(name); img.Credit != "" {
				break
			}
		}
	}
	return img
}

// ldPixels reads a width or height: a number, "1200", "1200px" or a
// QuantitativeValue.
func ldPixels(v any) int {
	if m := object(v); m != nil {
		v = m["value"]
	}
	if s, ok := v.(string); ok {
		v = strings.TrimSuffix(strings.TrimSpace(s), "px")
	}
	return pixels(v)
}

var blankLine = regexp.MustCompile(`\n[ \t\f\v]*\n`)

// splitParagraphs splits plain text into paragraphs at blank lines; lines
// within a paragraph are joined with spaces.
func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []string
	for _, p := range blankLine.Split(s, -1) {
		if p = fold(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
