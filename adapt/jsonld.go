package adapt

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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
	body := ldBody(r.text(art["articleBody"]), n)
	if body.HTML == "" && len(body.Blocks) == 0 {
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
	d.Body = body
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

var (
	blankLine = regexp.MustCompile(`\n[ \t\f\v]*\n`)
	// blockMarkup matches the tags of HTML block structure: an articleBody
	// holding them is read as body HTML.
	blockMarkup = regexp.MustCompile(`(?i)<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|figure|pre|hr|section|table)\b[^>]*>`)
	// inlineMarkup matches inline tags and character references: text
	// holding them has its paragraphs read as inline HTML.
	inlineMarkup = regexp.MustCompile(`(?i)</?(?:a|b|strong|i|em|u|s|sup|sub|small|code|span|cite|q|mark)\b[^>]*>|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);`)
)

// ldBody reads articleBody. The property is plain text by definition, but
// about one site in five puts HTML in it: with block markup it becomes the
// body HTML, read by printd's body parser like any other; with inline
// markup or character references only (&#8217;, &amp;), each paragraph is
// read as inline HTML; plain text stays plain (a "<" in it is printed).
// Paragraphs are split as splitParagraphs says.
func ldBody(s string, n *notes) article.DocBody {
	if blockMarkup.MatchString(s) {
		n.add("articleBody holds HTML; read as the body HTML")
		return article.DocBody{HTML: s}
	}
	inline := inlineMarkup.MatchString(s)
	var blocks []block
	for _, p := range splitParagraphs(s) {
		h := p.text
		if !inline {
			h = html.EscapeString(h)
		}
		if p.heading {
			blocks = append(blocks, block{Type: "heading", Level: 2, Text: plain(h)})
		} else {
			blocks = append(blocks, block{Type: "paragraph", HTML: h})
		}
	}
	return article.DocBody{Blocks: blocks}
}

// para is a paragraph of plain text, or a sub-heading.
type para struct {
	text    string
	heading bool
}

// splitParagraphs splits plain text into paragraphs: at blank lines, lines
// within a paragraph joined with spaces (hard-wrapped text); or, when the
// text has no blank line, at every line break. A short line with no
// sentence punctuation at its end, followed by a paragraph, is a
// sub-heading: at most 80 characters, starting with a capital letter or a
// digit, and the paragraph after it longer than it.
func splitParagraphs(s string) []para {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var chunks []string
	if blankLine.MatchString(s) {
		chunks = blankLine.Split(s, -1)
	} else {
		chunks = strings.Split(s, "\n")
	}
	var out []para
	for _, c := range chunks {
		if p := article.CleanText(c); p != "" {
			out = append(out, para{text: p})
		}
	}
	for i := range out {
		if i+1 < len(out) && !out[i+1].heading && looksHeading(out[i].text, out[i+1].text) {
			out[i].heading = true
		}
	}
	return out
}

// looksHeading reports whether line, followed by next, reads as a
// sub-heading.
func looksHeading(line, next string) bool {
	if line == "" || next == "" || len([]rune(line)) > 80 || len(next) <= len(line) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	last, _ := utf8.DecodeLastRuneInString(line)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	return !strings.ContainsRune(".,;:!?…\"”»’'-–—)", last)
}
