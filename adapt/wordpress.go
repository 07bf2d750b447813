package adapt

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"printd/article"
)

// fromWordPress maps a WordPress REST API v2 post (GET /wp/v2/posts/<id>,
// best with ?_embed) onto an article. A list of posts is read by its first.
func fromWordPress(root any, n *notes) (*doc, error) {
	var p problems
	if list := array(root); list != nil {
		if len(list) == 0 {
			p.add("", "empty list of posts")
			return nil, p.err()
		}
		if len(list) > 1 {
			n.add("%d posts in the list; converted the first", len(list))
		}
		root = list[0]
	}
	post := object(root)
	if post == nil {
		p.add("", "a WordPress post must be a JSON object, not %s", typeName(root))
		return nil, p.err()
	}
	title, hasTitle := field(post, "title", "rendered").(string)
	content, hasContent := field(post, "content", "rendered").(string)
	if !hasTitle {
		p.add("title.rendered", "required: the post title")
	}
	if !hasContent {
		p.add("content.rendered", "required: the post content")
	}
	if err := p.err(); err != nil {
		return nil, err
	}

	d := &doc{Headline: plain(title), ID: wpID(post)}
	link := str(post["link"])
	if u, ok := webURL(link, nil); ok {
		d.URL = u
	} else if link != "" {
		n.add("link %q is not an absolute web URL; not used", link)
	}
	base := baseURL(d.URL)
	d.Published = wpDate(post, "date_gmt", "date", n)
	d.Updated = wpDate(post, "modified_gmt", "modified", n)
	embedded := object(post["_embedded"])
	d.Authors = wpAuthors(post, embedded, n)
	d.Section = wpSection(post, embedded, n)
	d.Photo = wpPhoto(post, embedded, base, n)
	if field(post, "content", "protected") == true {
		n.add("content is password-protected; WordPress sends it empty")
	}
	body := cleanWPBody(content, base, d.Photo, n)
	d.Subheadline = wpExcerpt(str(field(post, "excerpt", "rendered")), plain(body), n)
	d.Body = article.DocBody{HTML: body}
	return d, nil
}

// wpID is "wp-" and the post id, or the slug when there is no id.
func wpID(post map[string]any) string {
	if id := str(post["id"]); id != "" && id != "0" {
		return "wp-" + id
	}
	if slug := strings.TrimSpace(str(post["slug"])); slug != "" {
		return "wp-" + slug
	}
	return ""
}

// wpDate reads a GMT date (WordPress gives it without a zone), falling back
// to the site-time one, which is read as UTC too and said so.
func wpDate(post map[string]any, gmtKey, localKey string, n *notes) string {
	if s := str(post[gmtKey]); s != "" {
		if d, ok := date(s); ok {
			return d
		}
		n.add("%s %q is not a date; not used", gmtKey, s)
		return ""
	}
	s := str(post[localKey])
	if s == "" {
		return ""
	}
	d, ok := date(s)
	if !ok {
		n.add("%s %q is not a date; not used", localKey, s)
		return ""
	}
	n.add("%s missing; %s (site time) read as UTC", gmtKey, localKey)
	return d
}

func wpAuthors(post, embedded map[string]any, n *notes) []string {
	list := array(embedded["author"])
	var out []string
	for i, a := range list {
		if name := plain(str(field(a, "name"))); name != "" {
			out = append(out, name)
		} else if code := str(field(a, "code")); code != "" {
			n.add("_embedded.author[%d]: %s; author not used", i, code)
		} else {
			n.add("_embedded.author[%d] has no name; not used", i)
		}
	}
	if len(list) == 0 {
		if id := str(post["author"]); id != "" && id != "0" {
			n.add("author %s not embedded; request with ?_embed", id)
		}
	}
	return out
}

// wpSection is the first category's name; tags and other taxonomies are
// not used. "Uncategorized" is no kicker.
func wpSection(post, embedded map[string]any, n *notes) string {
	groups := array(embedded["wp:term"])
	if len(groups) == 0 {
		if ids := wpIDs(post["categories"]); ids != "" {
			n.add("categories %s not embedded; request with ?_embed", ids)
		}
		return ""
	}
	var dropped string
	for gi, g := range groups {
		for _, t := range array(g) {
			tax := str(field(t, "taxonomy"))
			if tax != "category" && (tax != "" || gi > 0) {
				continue
			}
			name := plain(str(field(t, "name")))
			if strings.EqualFold(str(field(t, "slug")), "uncategorized") {
				dropped = name
				continue
			}
			if name != "" {
				return name
			}
		}
	}
	if dropped != "" {
		n.add("category %q not used as section", dropped)
	}
	return ""
}

// wpIDs lists the ids in an array of term ids, or "".
func wpIDs(v any) string {
	var ids []string
	for _, id := range array(v) {
		if s := str(id); s != "" {
			ids = append(ids, s)
		}
	}
	return strings.Join(ids, ", ")
}

// wpPhoto maps the embedded featured media onto the lead photo.
func wpPhoto(post, embedded map[string]any, base *url.URL, n *notes) *image {
	list := array(embedded["wp:featuredmedia"])
	if len(list) == 0 {
		if id := str(post["featured_media"]); id != "" && id != "0" {
			n.add("featured media %s not embedded; request with ?_embed", id)
		}
		return nil
	}
	m := object(list[0])
	if code := str(m["code"]); code != "" {
		n.add("featured media: %s; no photo", code)
		return nil
	}
	if t := str(m["media_type"]); t != "" && t != "image" {
		n.add("featured media is %s, not an image; no photo", t)
		return nil
	}
	src, w, h := wpMediaSize(m)
	u, ok := webURL(src, base)
	if !ok {
		n.add("featured media source %q is not a web URL; no photo", src)
		return nil
	}
	img := &image{
		Src:     u,
		Width:   w,
		Height:  h,
		Caption: plain(str(field(m, "caption", "rendered"))),
		Alt:     plain(str(m["alt_text"])),
		Credit:  plain(str(field(m, "media_details", "image_meta", "credit"))),
	}
	if img.Credit == "" {
		img.Credit = plain(str(field(m, "media_details", "image_meta", "copyright")))
	}
	return img
}

// maxPrintWidth is the widest rendition worth fetching when the full-size
// one is not listed: enough for a full-width photo on a tabloid page.
const maxPrintWidth = 2400

// wpMediaSize picks the rendition to print: the "full" size when listed,
// else the widest one up to maxPrintWidth pixels (the original counting as
// one), else the original.
func wpMediaSize(m map[string]any) (src string, width, height int) {
	sizes := object(field(m, "media_details", "sizes"))
	if full := object(sizes["full"]); str(full["source_url"]) != "" {
		return str(full["source_url"]), pixels(full["width"]), pixels(full["height"])
	}
	src = str(m["source_url"])
	width = pixels(field(m, "media_details", "width"))
	height = pixels(field(m, "media_details", "height"))
	best := -1
	if src != "" && width > 0 && width <= maxPrintWidth {
		best = width
	}
	names := make([]string, 0, len(sizes))
	for name := range sizes {
		names = append(names, name)
	}
	sort.Strings(names) // equal widths: the same pick every time
	for _, name := range names {
		s := object(sizes[name])
		w := pixels(s["width"])
		if u := str(s["source_url"]); u != "" && w > best && w <= maxPrintWidth {
			src, width, height, best = u, w, pixels(s["height"]), w
		}
	}
	return src, width, height
}

var (
	// excerptTails are the "read more" endings themes and WordPress append
	// to excerpts.
	excerptTails = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\s*(?:…|\.\.\.)?\s*continue reading\b.*$`),
		regexp.MustCompile(`(?i)\s*(?:…|\.\.\.)?\s*read more\s*[»›→]*\s*$`),
		regexp.MustCompile(`\s*\[\s*(?:…|\.\.\.|&hellip;)\s*\]\s*$`),
	}
)

// wpExcerpt turns excerpt.rendered into a standfirst. An excerpt that
// WordPress generated from the content repeats the opening of the body and
// is not used.
func wpExcerpt(rendered, bodyText string, n *notes) string {
	s := plain(rendered)
	for _, re := range excerptTails {
		s = re.ReplaceAllString(s, "")
	}
	if s == "" {
		return ""
	}
	words := strings.Split(s, " ")
	opening := strings.Join(words[:min(len(words), 12)], " ")
	if len(bodyText) > 4000 {
		bodyText = bodyText[:4000]
	}
	if strings.Contains(bodyText, opening) {
		n.add("excerpt repeats the opening of the content; not used as subheadline")
		return ""
	}
	return s
}
