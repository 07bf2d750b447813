package adapt

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"printd/article"
)

// cleanWPBody rewrites content.rendered into the HTML that printd's body
// parser reads well: shortcodes expanded or stripped, WordPress image,
// caption and gallery markup turned into plain <figure><img><figcaption>
// groups, embeds turned into a paragraph linking to what was embedded,
// links and images resolved against the post URL, attributes other than
// href, src, alt, width and height (and a table cell's colspan, rowspan
// and alignment) dropped, formatting left open closed at
// the end, and an image that repeats the lead photo (another rendition of
// the same upload) dropped. It takes time and space in proportion to its
// input.
func cleanWPBody(s string, base *url.URL, lead *image, n *notes) string {
	s = expandShortcodes(s, base, n, 0)
	w := &wpWriter{base: base, n: n, toks: tokenize(s), open: make(map[atom.Atom]int)}
	if lead != nil {
		w.lead = uploadKey(lead.Src)
	}
	w.imgs = make([]int, len(w.toks)+1)
	for i, t := range w.toks {
		w.imgs[i+1] = w.imgs[i]
		if t.atom == atom.Img && t.kind != nethtml.EndTagToken {
			w.imgs[i+1]++
		}
	}
	w.run(0, len(w.toks))
	for _, a := range [...]atom.Atom{atom.A, atom.B, atom.Strong, atom.I, atom.Em, atom.Code,
		atom.Sup, atom.Sub, atom.S, atom.U, atom.Small} {
		for range w.open[a] {
			w.b.WriteString("</" + a.String() + ">")
		}
	}
	return w.b.String()
}

type wpWriter struct {
	b    strings.Builder
	base *url.URL
	n    *notes
	lead string // uploadKey of the lead photo; "" when there is none
	toks []token
	imgs []int             // imgs[i]: img tags among toks[:i]
	open map[atom.Atom]int // open elements passed through, by kind
	href string            // href of the open <a>, for an image it links
}

// hasImage reports whether toks[i:j] holds an img.
func (w *wpWriter) hasImage(i, j int) bool { return w.imgs[j] > w.imgs[i] }

// run writes toks[i:j].
func (w *wpWriter) run(i, j int) {
	for i < j {
		t := &w.toks[i]
		switch t.kind {
		case nethtml.TextToken:
			w.b.WriteString(html.EscapeString(t.text))
			i++
		case nethtml.EndTagToken:
			w.endTag(t)
			i++
		default:
			i = w.startTag(i, j)
		}
	}
}

// startTag writes the element starting at toks[i] (within toks[:j]) and
// returns the index of the next token to write.
func (w *wpWriter) startTag(i, j int) int {
	t := &w.toks[i]
	closed := t.opens() && t.end < j // its whole content is at hand
	next := i + 1
	if closed {
		next = t.end + 1
	}
	switch {
	case droppedElements[t.atom]:
		w.b.WriteString("<" + t.name + "></" + t.name + ">")
		if t.opens() && !closed {
			return j // unclosed raw text runs to the end
		}
		return next
	case t.isEmbedRoot():
		if closed {
			w.embed(i, t.end)
			w.closeOuter(i, t.end)
		} else {
			w.embed(i, i+1)
		}
		if t.atom == atom.Iframe && !closed && t.opens() {
			return j
		}
		return next
	case closed && (t.isGalleryRoot() || t.atom == atom.Figure && w.hasImage(i, t.end)):
		w.pictures(i, t.end)
		w.closeOuter(i, t.end)
		return next
	case t.atom == atom.Img:
		w.image(t, w.href, "", false)
		return i + 1
	}
	w.b.WriteString("<" + t.name)
	if t.atom == atom.Td || t.atom == atom.Th {
		w.cellAttrs(t)
	}
	if t.atom == atom.A {
		w.href = ""
		if href, ok := webURL(t.get("href"), w.base); ok {
			w.href = href
			w.b.WriteString(` href="` + html.EscapeString(href) + `"`)
		} else if href := t.get("href"); strings.HasPrefix(strings.ToLower(href), "mailto:") {
			w.b.WriteString(` href="` + html.EscapeString(href) + `"`)
		}
	}
	w.b.WriteString(">")
	switch {
	case t.opens():
		if t.atom != atom.A || w.open[atom.A] == 0 { // a new <a> closes the open one
			w.open[t.atom]++
		}
	case !voidElements[t.atom]: // <div/> and the like
		w.b.WriteString("</" + t.name + ">")
	}
	return i + 1
}

func (w *wpWriter) endTag(t *token) {
	if w.open[t.atom] == 0 && formatTags[t.atom] {
		return // a stray end tag
	}
	if w.open[t.atom] > 0 {
		w.open[t.atom]--
	}
	if t.atom == atom.A {
		w.href = ""
	}
	w.b.WriteString("</" + t.name + ">")
}

// closeOuter writes the end tags in toks[i:j] that close elements opened
// before i (a <b> opened before a figure and closed inside it), so that
// rewriting the range as a whole leaves nothing open.
func (w *wpWriter) closeOuter(i, j int) {
	for k := i + 1; k < j; k++ {
		if t := &w.toks[k]; t.kind == nethtml.EndTagToken && t.start >= 0 && t.start < i {
			w.endTag(t)
		}
	}
}

// inParagraph reports whether a paragraph or inline element is open, where
// the link to an embed must stay inline.
func (w *wpWriter) inParagraph() bool {
	for _, a := range [...]atom.Atom{atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.A, atom.B, atom.Strong, atom.I, atom.Em, atom.Span, atom.Small, atom.U, atom.S} {
		if w.open[a] > 0 {
			return true
		}
	}
	return false
}

// embed writes a paragraph linking to what toks[i:j] embed, and warns.
func (w *wpWriter) embed(i, j int) {
	root := &w.toks[i]
	raw, label := w.embedURL(i, j)
	switch {
	case raw == "":
		w.n.add("dropped embedded <%s> without a URL", root.name)
		return
	case label == "":
		for k := i; k < j; k++ {
			if t := &w.toks[k]; players[t.atom] && t.kind != nethtml.EndTagToken {
				label = article.CleanText(t.get("title"))
				break
			}
		}
	}
	u, ok := webURL(raw, w.base)
	if !ok {
		w.n.add("dropped embed %q: not a web URL", truncate(raw, 80))
		return
	}
	u = pageURL(u)
	if w.inParagraph() {
		w.b.WriteString(link(label, u))
	} else {
		w.b.WriteString("<p>" + link(label, u) + "</p>")
	}
	w.n.add("embed replaced by a link to %s", u)
}

// embedURL finds what toks[i:j] embed: the src of a player (iframe, video,
// audio, source, embed) or an object's data, else a bare URL in the text
// (how WordPress leaves an embed it could not resolve), else the last link
// (a tweet's blockquote ends with the tweet's address). label is the
// embed's caption.
func (w *wpWriter) embedURL(i, j int) (raw, label string) {
	var bare, last string
	for k := i; k < j; k++ {
		t := &w.toks[k]
		switch {
		case t.kind == nethtml.EndTagToken:
		case t.kind == nethtml.TextToken:
			if f := strings.Fields(t.text); bare == "" && len(f) > 0 &&
				(strings.HasPrefix(f[0], "https://") || strings.HasPrefix(f[0], "http://")) {
				bare = f[0]
			}
		case droppedElements[t.atom] && t.opens():
			k = min(t.end, j)
		case t.isCaption():
			if label == "" {
				label = w.textOf(k+1, min(t.end, j))
			}
		case (players[t.atom] || t.atom == atom.Source) && raw == "":
			raw = t.get("src")
			if raw == "" {
				raw = t.get("data")
			}
		case t.atom == atom.A && t.get("href") != "":
			last = t.get("href")
		}
	}
	for _, u := range []string{raw, bare, last} {
		if u != "" {
			return u, label
		}
	}
	return "", label
}

// picture is an image of a figure or gallery: the img tag, the link around
// it, and the item (figure, list item) whose caption it takes.
type picture struct {
	img  *token
	href string
	item int
}

// pictures writes each image of the figure or gallery toks[i:j] as a
// figure of its own. An image keeps its item's caption; the caption of the
// whole group goes to the last image if that has none, else into a
// paragraph.
func (w *wpWriter) pictures(i, j int) {
	var (
		pics     []picture
		captions = make(map[int]string)
		items    = []int{i}
		href     string
	)
	for k := i + 1; k < j; k++ {
		for len(items) > 1 && w.toks[items[len(items)-1]].end <= k {
			items = items[:len(items)-1]
		}
		t := &w.toks[k]
		switch {
		case t.kind == nethtml.TextToken:
		case t.kind == nethtml.EndTagToken:
			if t.atom == atom.A {
				href = ""
			}
		case t.atom == atom.Img:
			pics = append(pics, picture{img: t, href: href, item: items[len(items)-1]})
		case t.atom == atom.A && t.opens():
			href = t.get("href")
		case t.isCaption() && t.end < j:
			if item := items[len(items)-1]; captions[item] == "" {
				captions[item] = w.textOf(k+1, t.end)
			}
			k = t.end
		case t.isItem() && t.end < j:
			items = append(items, k)
		case (players[t.atom] || droppedElements[t.atom]) && t.opens():
			if players[t.atom] {
				w.n.add("dropped <%s> inside an image group", t.name)
			}
			k = min(t.end, j)
		}
	}
	if len(pics) == 0 {
		w.n.add("gallery without images dropped")
	}
	group := captions[i]
	for k, p := range pics {
		caption := ""
		if p.item != i {
			caption = captions[p.item]
		}
		if caption == "" && k == len(pics)-1 {
			caption, group = group, ""
		}
		w.image(p.img, p.href, caption, true)
	}
	if group != "" {
		w.b.WriteString("<p>" + html.EscapeString(group) + "</p>")
	}
}

// textOf returns the text of toks[i:j], with spaces at the edges of
// elements that are not inline, scripts and styles left out.
func (w *wpWriter) textOf(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		t := &w.toks[k]
		switch {
		case t.kind == nethtml.TextToken:
			b.WriteString(t.text)
		case droppedElements[t.atom] && t.opens():
			k = min(t.end, j)
		case !isInline(t.atom):
			b.WriteByte(' ')
		}
	}
	return article.CleanText(b.String())
}

// image writes an img (in a figure with its caption when figure is set),
// choosing the largest usable rendition; href is the link around it.
func (w *wpWriter) image(img *token, href, caption string, figure bool) {
	src, width, height := imageSource(img, href)
	u, ok := webURL(src, w.base)
	if !ok {
		if src == "" {
			w.n.add("dropped <img> without src")
		} else {
			w.n.add("dropped image %q: not a web URL", truncate(src, 80))
		}
		if caption != "" {
			w.b.WriteString("<p>" + html.EscapeString(caption) + "</p>")
		}
		return
	}
	if w.lead != "" && uploadKey(u) == w.lead {
		w.n.add("image %s repeats the featured photo; dropped from the body", u)
		return
	}
	if figure {
		w.b.WriteString("<figure>")
	}
	w.b.WriteString(`<img src="` + html.EscapeString(u) + `"`)
	if alt := article.CleanText(img.get("alt")); alt != "" {
		w.b.WriteString(` alt="` + html.EscapeString(alt) + `"`)
	}
	if width > 0 && height > 0 {
		w.b.WriteString(` width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) + `"`)
	}
	w.b.WriteString(">")
	if figure {
		if caption != "" {
			w.b.WriteString("<figcaption>" + html.EscapeString(caption) + "</figcaption>")
		}
		w.b.WriteString("</figure>")
	}
}

// imageSource picks an img's rendition: the widest srcset candidate up to
// maxPrintWidth, else the image file it links to (a gallery thumbnail's
// link), else its src (or the lazy-loading attribute holding the real one).
func imageSource(img *token, href string) (src string, width, height int) {
	src = img.get("src")
	if src == "" || strings.HasPrefix(src, "data:") {
		for _, k := range []string{"data-src", "data-lazy-src", "data-orig-file"} {
			if v := img.get(k); v != "" {
				src = v
				break
			}
		}
	}
	width, height = pixels(img.get("width")), pixels(img.get("height"))
	set := img.get("srcset")
	if set == "" {
		set = img.get("data-srcset")
	}
	if u, sw := widestCandidate(set); u != "" && sw > width {
		if width > 0 && height > 0 {
			height = height * sw / width
		} else {
			height = 0
		}
		return u, sw, height
	}
	if isImageFile(href) {
		return href, 0, 0
	}
	return src, width, height
}

// widestCandidate returns the widest "URL 1234w" candidate of a srcset no
// wider than maxPrintWidth.
func widestCandidate(set string) (string, int) {
	best, bestW := "", 0
	for _, cand := range strings.Split(set, ",") {
		f := strings.Fields(cand)
		if len(f) != 2 || !strings.HasSuffix(f[1], "w") {
			continue
		}
		w, err := strconv.Atoi(strings.TrimSuffix(f[1], "w"))
		if err == nil && w > bestW && w <= maxPrintWidth {
			best, bestW = f[0], w
		}
	}
	return best, bestW
}

func isImageFile(href string) bool {
	if href == "" {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif":
		return true
	}
	return false
}

// pageURL turns a player address into the page a reader can open: YouTube
// and Vimeo players become their watch pages.
func pageURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	host := strings.TrimPrefix(u.Host, "www.")
	switch {
	case (host == "youtube.com" || host == "youtube-nocookie.com") && strings.HasPrefix(u.Path, "/embed"):
		// /embed/ID, /embed/videoseries?list=PL…, /embed?listType=playlist&list=PL…,
		// /embed/ID?list=PL… (a video of a playlist)
		id, list := path.Base(u.Path), u.Query().Get("list")
		if id == "embed" || id == "videoseries" || id == "/" {
			id = ""
		}
		switch {
		case id != "" && list != "":
			return "https://www.youtube.com/watch?v=" + url.QueryEscape(id) + "&list=" + url.QueryEscape(list)
		case id != "":
			return "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
		case list != "":
			return "https://www.youtube.com/playlist?list=" + url.QueryEscape(list)
		}
	case host == "player.vimeo.com" && strings.HasPrefix(u.Path, "/video/"):
		if id := path.Base(u.Path); id != "" && id != "video" {
			return "https://vimeo.com/" + url.PathEscape(id)
		}
	}
	return s
}

// renditionSuffix matches what WordPress appends to an upload's file name
// for its renditions and edits: -1024x683, -scaled, -rotated, -e1700000000.
var renditionSuffix = regexp.MustCompile(`-(?:\d+x\d+|scaled|rotated|e\d{10,})$`)

// uploadKey names the upload an image URL is a rendition of: its
// directory and file name without extension and rendition suffixes.
func uploadKey(src string) string {
	u, err := url.Parse(src)
	if err != nil || u.Path == "" {
		return ""
	}
	dir, file := path.Split(u.Path)
	stem := strings.TrimSuffix(file, path.Ext(file))
	for range 3 {
		stem = renditionSuffix.ReplaceAllString(stem, "")
	}
	if stem == "" {
		return ""
	}
	return dir + stem
}

// truncate shortens s for a message.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// cellAttrs writes a table cell's spans and alignment (its align
// attribute, or text-align from its style or WordPress's has-text-align
// class).
func (w *wpWriter) cellAttrs(t *token) {
	for _, k := range [...]string{"colspan", "rowspan"} {
		if n, err := strconv.Atoi(strings.TrimSpace(t.get(k))); err == nil && n >= 0 && n < 100_000 {
			w.b.WriteString(" " + k + `="` + strconv.Itoa(n) + `"`)
		}
	}
	align := strings.ToLower(strings.TrimSpace(t.get("align")))
	for _, decl := range strings.Split(t.get("style"), ";") {
		if k, v, ok := strings.Cut(decl, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "text-align") {
			align = strings.ToLower(strings.TrimSpace(v))
		}
	}
	for _, c := range strings.Fields(t.get("class")) {
		if a, ok := strings.CutPrefix(c, "has-text-align-"); ok {
			align = a
		}
	}
	switch align {
	case "left", "center", "right", "char":
		w.b.WriteString(` align="` + align + `"`)
	}
}
