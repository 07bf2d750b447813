package adapt

import (
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ansBody turns ANS content elements into body blocks.
type ansBody struct {
	n      *notes
	blocks []block
}

func (b *ansBody) add(bl block) { b.blocks = append(b.blocks, bl) }

func (b *ansBody) elements(list []any, path string) {
	for i, e := range list {
		b.element(e, fmt.Sprintf("%s[%d]", path, i))
	}
}

func (b *ansBody) element(v any, path string) {
	el := object(v)
	if el == nil {
		b.n.add("%s: %s, not an element; skipped", path, typeName(v))
		return
	}
	switch t := str(el["type"]); t {
	case "text":
		b.paragraph(str(el["content"]), path)
	case "header":
		if text := plain(str(el["content"])); text != "" {
			level := 2
			if f, ok := number(el["level"]); ok {
				level = int(min(max(f, 2), 4))
			}
			b.add(block{Type: "heading", Level: level, Text: text})
		}
	case "list":
		if items := b.listItems(el, path); len(items) > 0 {
			b.add(block{Type: "list", Ordered: str(el["list_type"]) == "ordered", Items: items})
		}
	case "quote", "blockquote":
		b.quote(el, path)
	case "image":
		if img := ansImage(el, path, b.n); img != nil {
			b.add(block{Type: "image", image: img})
		}
	case "gallery":
		b.gallery(el, path)
	case "divider":
		b.add(block{Type: "divider"})
	case "correction":
		b.correction(el, path)
	case "raw_html":
		content := str(el["content"])
		switch {
		case strings.TrimSpace(content) == "":
		case inlineOnly(content):
			b.paragraph(content, path)
		default:
			b.n.add("%s: skipped raw_html (markup beyond inline text)", path)
		}
	case "code":
		if text := str(el["content"]); strings.TrimSpace(text) != "" {
			b.add(block{Type: "preformatted", Text: text})
		}
	case "":
		b.n.add("%s: element without a type; skipped", path)
	default:
		b.n.add("%s: skipped %s", path, t)
	}
}

// paragraph adds inline HTML as a paragraph, rewritten into printd's
// inline subset.
func (b *ansBody) paragraph(content, path string) {
	if strings.TrimSpace(content) == "" {
		return
	}
	h, err := inlineHTML(content)
	if err != nil {
		b.n.add("%s: %v (closed)", path, err)
	}
	if h == "" {
		b.n.add("%s: text without printable content; skipped", path)
		return
	}
	b.add(block{Type: "paragraph", HTML: h})
}

// listItems returns a list's items with nested lists flattened into it.
func (b *ansBody) listItems(el map[string]any, path string) []string {
	var items []string
	for i, it := range array(el["items"]) {
		p := fmt.Sprintf("%s.items[%d]", path, i)
		item := object(it)
		switch t := str(item["type"]); t {
		case "text":
			h, err := inlineHTML(str(item["content"]))
			if err != nil {
				b.n.add("%s: %v (closed)", p, err)
			}
			if h != "" {
				items = append(items, h)
			}
		case "list":
			items = append(items, b.listItems(item, p)...)
		default:
			b.n.add("%s: skipped %s in list", p, orUnknown(t))
		}
	}
	return items
}

// quote adds a quote: its text elements (or, in the old blockquote
// element, its content) as lines, its citation as cite.
func (b *ansBody) quote(el map[string]any, path string) {
	var lines []string
	for i, c := range array(el["content_elements"]) {
		p := fmt.Sprintf("%s.content_elements[%d]", path, i)
		switch t := str(field(c, "type")); t {
		case "text":
			h, err := inlineHTML(str(field(c, "content")))
			if err != nil {
				b.n.add("%s: %v (closed)", p, err)
			}
			if h != "" {
				lines = append(lines, h)
			}
		case "list":
			lines = append(lines, b.listItems(object(c), p)...)
		default:
			b.n.add("%s: skipped %s in quote", p, orUnknown(t))
		}
	}
	if content := str(el["content"]); len(lines) == 0 && content != "" {
		h, err := inlineHTML(content)
		if err != nil {
			b.n.add("%s: %v (closed)", path, err)
		}
		if h != "" {
			lines = append(lines, h)
		}
	}
	cite := plain(str(field(el, "citation", "content")))
	if len(lines) == 0 {
		if cite != "" {
			b.n.add("%s: quote without text; its citation %q skipped", path, cite)
		}
		return
	}
	b.add(block{Type: "quote", HTML: strings.Join(lines, "<br>"), Cite: cite})
}

// gallery adds a gallery's images as image blocks.
func (b *ansBody) gallery(el map[string]any, path string) {
	n := len(b.blocks)
	for i, c := range array(el["content_elements"]) {
		p := fmt.Sprintf("%s.content_elements[%d]", path, i)
		if t := str(field(c, "type")); t != "image" {
			b.n.add("%s: skipped %s in gallery", p, orUnknown(t))
			continue
		}
		if img := ansImage(object(c), p, b.n); img != nil {
			b.add(block{Type: "image", image: img})
		}
	}
	if len(b.blocks) == n {
		b.n.add("%s: gallery without usable images; skipped", path)
	}
}

// correction adds a correction as a paragraph opening with its kind in
// bold: "Correction: …", "Clarification: …".
func (b *ansBody) correction(el map[string]any, path string) {
	h, err := inlineHTML(str(el["text"]))
	if err != nil {
		b.n.add("%s: %v (closed)", path, err)
	}
	if h == "" {
		b.n.add("%s: correction without text; skipped", path)
		return
	}
	label := "Correction"
	if t := plain(str(el["correction_type"])); t != "" {
		r, size := utf8.DecodeRuneInString(t)
		label = string(unicode.ToUpper(r)) + t[size:]
	}
	b.add(block{Type: "paragraph", HTML: "<b>" + html.EscapeString(label) + ":</b> " + h})
}
