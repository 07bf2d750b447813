package adapt

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

var (
	// shortcodeTag matches an opening or closing shortcode tag: [name],
	// [name attrs] or [/name].
	shortcodeTag = regexp.MustCompile(`\[(/?)([A-Za-z][A-Za-z0-9_-]*)((?:\s[^\[\]]*)?)\]`)
	// shortcodeAttr matches one name=value attribute, quoted or not.
	shortcodeAttr = regexp.MustCompile(`([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))`)
	// leadingImage matches the image, linked or not, that opens a
	// [caption] shortcode.
	leadingImage = regexp.MustCompile(`(?is)^\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?`)
	imgTag       = regexp.MustCompile(`(?is)<img\b[^>]*>`)
)

// knownShortcodes are WordPress's own shortcodes: always read as
// shortcodes, even without attributes or a closing tag.
var knownShortcodes = map[string]bool{
	"caption": true, "wp_caption": true, "gallery": true, "embed": true,
	"audio": true, "video": true, "playlist": true,
}

// maxShortcodeDepth bounds shortcodes nested in shortcodes.
const maxShortcodeDepth = 8

// expandShortcodes handles the shortcodes WordPress left in the content
// (when the plugin that renders them is gone, or the content was not
// rendered): [caption] becomes a figure, [embed], [video] and [audio]
// a link, [gallery] (whose images are only ids) is dropped, and any other
// shortcode loses its tags but keeps what it encloses. All but [caption]
// are warned about. Bracketed text that is no shortcode ("[sic]", "[1]")
// is left alone: a tag counts when it is a WordPress one, has name=value
// attributes, or has a closing tag; "[[name]]" is the escape for a literal
// "[name]".
func expandShortcodes(s string, base *url.URL, n *notes, depth int) string {
	if !strings.Contains(s, "[") {
		return s
	}
	tags := shortcodeTag.FindAllStringSubmatchIndex(s, -1)
	if len(tags) == 0 {
		return s
	}
	// closer[k] is the first closing tag after tag k with its name, or -1.
	closer := make([]int, len(tags))
	next := make(map[string]int)
	for k := len(tags) - 1; k >= 0; k-- {
		name := s[tags[k][4]:tags[k][5]]
		closer[k] = -1
		if c, ok := next[name]; ok {
			closer[k] = c
		}
		if tags[k][3] > tags[k][2] {
			next[name] = k
		}
	}
	var b strings.Builder
	pos := 0 // s[:pos] is done
	for k, m := range tags {
		start, end := m[0], m[1]
		if start < pos {
			continue // inside a shortcode already handled
		}
		if start > pos && s[start-1] == '[' && end < len(s) && s[end] == ']' {
			// "[[name]]" stands for a literal "[name]"
			b.WriteString(s[pos : start-1])
			b.WriteString(s[start:end])
			pos = end + 1
			continue
		}
		b.WriteString(s[pos:start])
		pos = end
		lower := strings.ToLower(s[m[4]:m[5]])
		switch {
		case m[3] > m[2]:
			n.add("stripped stray shortcode [/%s]", lower)
			continue
		case closer[k] < 0 && !knownShortcodes[lower] && !strings.Contains(s[m[6]:m[7]], "=") &&
			!strings.ContainsAny(lower, "_-") && !(m[6] == m[7] && standsAlone(s, start, end)):
			b.WriteString(s[start:end]) // plain bracketed text
			continue
		}
		inner := ""
		if c := closer[k]; c >= 0 {
			inner, pos = s[end:tags[c][0]], tags[c][1]
			if depth < maxShortcodeDepth {
				inner = expandShortcodes(inner, base, n, depth+1)
			}
		}
		b.WriteString(shortcode(lower, shortcodeAttrs(s[m[6]:m[7]]), inner, closer[k] >= 0, base, n))
	}
	b.WriteString(s[pos:])
	return b.String()
}

// standsAlone reports whether s[start:end] is all there is of its line or
// block: only whitespace between it and the tag or line break before, and
// the tag or line break after.
func standsAlone(s string, start, end int) bool {
	before := strings.TrimRight(s[:start], " \t")
	after := strings.TrimLeft(s[end:], " \t")
	edge := func(c byte) bool { return c == '>' || c == '\n' || c == '\r' }
	return (before == "" || edge(before[len(before)-1])) && (after == "" || edge(after[0]) || after[0] == '<')
}

// shortcode returns the HTML that replaces one shortcode.
func shortcode(name string, attrs map[string]string, inner string, enclosing bool, base *url.URL, n *notes) string {
	switch name {
	case "caption", "wp_caption":
		if fig, ok := captionFigure(attrs, inner); ok {
			return fig
		}
		n.add("stripped shortcode [%s] without an image", name)
		return inner
	case "gallery":
		if ids := attrs["ids"]; ids != "" {
			n.add("dropped shortcode [gallery ids=%q]: WordPress did not render it, so its images are unknown", ids)
		} else {
			n.add("dropped shortcode [gallery]: WordPress did not render it, so its images are unknown")
		}
		return ""
	case "embed", "video", "audio":
		raw := attrs["src"]
		for _, k := range []string{"mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "url"} {
			if raw == "" {
				raw = attrs[k]
			}
		}
		if raw == "" && enclosing {
			raw = plain(inner)
		}
		if u, ok := webURL(raw, base); ok {
			u = pageURL(u)
			n.add("shortcode [%s] replaced by a link to %s", name, u)
			return "<p>" + link("", u) + "</p>"
		}
		n.add("dropped shortcode [%s] without a URL", name)
		return ""
	}
	n.add("stripped shortcode [%s]", name)
	return inner
}

// captionFigure turns the body of a [caption] shortcode — an image, maybe
// linked, then the caption text — into a figure.
func captionFigure(attrs map[string]string, inner string) (string, bool) {
	imgPart, rest := "", ""
	if loc := leadingImage.FindStringIndex(inner); loc != nil {
		imgPart, rest = inner[:loc[1]], inner[loc[1]:]
	} else if loc := imgTag.FindStringIndex(inner); loc != nil {
		imgPart, rest = inner[loc[0]:loc[1]], inner[:loc[0]]+" "+inner[loc[1]:]
	} else {
		return "", false
	}
	caption := strings.TrimSpace(rest)
	if c := attrs["caption"]; c != "" {
		caption = html.EscapeString(c)
	}
	return "<figure>" + imgPart + "<figcaption>" + caption + "</figcaption></figure>", true
}

// shortcodeAttrs reads name=value attributes. The content has been through
// WordPress's typography filter, so entities are decoded and curly quotes
// read as straight ones.
func shortcodeAttrs(s string) map[string]string {
	s = html.UnescapeString(s)
	s = strings.NewReplacer("“", `"`, "”", `"`, "″", `"`, "‘", "'", "’", "'", "′", "'").Replace(s)
	out := make(map[string]string)
	for _, m := range shortcodeAttr.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return out
}
