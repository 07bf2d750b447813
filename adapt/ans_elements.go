package adapt

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"printd/article"
)

// ansBody turns ANS content elements into body blocks.
type ansBody struct {
	n      *notes
	blocks []block
	promo  []string // ansImageKeys of the promo photo printed as the lead photo
}

// repeatsPromo reports whether an image element is the promo photo again.
func (b *ansBody) repeatsPromo(el map[string]any) bool {
	for _, k := range ansImageKeys(el) {
		for _, p := range b.promo {
			if k == p {
				return true
			}
		}
	}
	return false
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
		if items := b.listItems(el, path, 1); len(items) > 0 {
			b.add(block{Type: "list", Ordered: str(el["list_type"]) == "ordered", Items: items})
		}
	case "quote", "blockquote":
		b.quote(el, path)
	case "image":
		if b.repeatsPromo(el) {
			b.n.add("%s: image repeats the promo photo; dropped from the body", path)
			return
		}
		if img := ansImage(el, path, b.n); img != nil {
			b.add(block{Type: "image", DocImage: img})
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
	case "table":
		b.table(el, path)
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

// paragraph adds inline HTML as a paragraph, parsed into runs here (the
// article package takes them as they are).
func (b *ansBody) paragraph(content, path string) {
	if strings.TrimSpace(content) == "" {
		return
	}
	runs := b.inline(content, path)
	if runs == nil {
		b.n.add("%s: text without printable content; skipped", path)
		return
	}
	b.add(block{Type: "paragraph", Runs: runs})
}

// inline parses inline HTML into runs; an element left open is closed,
// with a warning. nil when there is no text.
func (b *ansBody) inline(content, path string) []article.Run {
	runs, err := article.ParseInline(content)
	if err != nil {
		b.n.add("%s: %v (closed)", path, err)
	}
	if len(runs) == 0 {
		return nil
	}
	return runs
}

// listItems returns a list's items; a list among them nests in the item
// before it, down to article.MaxListDepth levels (deeper ones are
// flattened into their enclosing list, with a warning).
func (b *ansBody) listItems(el map[string]any, path string, depth int) []item {
	var items []item
	for i, it := range array(el["items"]) {
		p := fmt.Sprintf("%s.items[%d]", path, i)
		obj := object(it)
		switch t := str(obj["type"]); t {
		case "text":
			if runs := b.inline(str(obj["content"]), p); runs != nil {
				items = append(items, item{Runs: runs})
			}
		case "list":
			sub := b.listItems(obj, p, depth+1)
			switch {
			case len(sub) == 0:
			case depth >= article.MaxListDepth:
				b.n.add("%s: list nested deeper than %d levels flattened", p, article.MaxListDepth)
				items = append(items, flatten(sub)...)
			case len(items) > 0 && items[len(items)-1].List == nil:
				items[len(items)-1].List = &article.DocList{Ordered: str(obj["list_type"]) == "ordered", Items: sub}
			default:
				items = append(items, item{List: &article.DocList{Ordered: str(obj["list_type"]) == "ordered", Items: sub}})
			}
		default:
			b.n.add("%s: skipped %s in list", p, orUnknown(t))
		}
	}
	return items
}

// flatten lists items and the items nested in them one after another.
func flatten(items []item) []item {
	var out []item
	for _, it := range items {
		if it.Runs != nil {
			out = append(out, item{Runs: it.Runs})
		}
		if it.List != nil {
			out = append(out, flatten(it.List.Items)...)
		}
	}
	return out
}

// quote adds a quote: its text elements (or, in the old blockquote
// element, its content) as lines, its citation as cite.
func (b *ansBody) quote(el map[string]any, path string) {
	var lines [][]article.Run
	for i, c := range array(el["content_elements"]) {
		p := fmt.Sprintf("%s.content_elements[%d]", path, i)
		switch t := str(field(c, "type")); t {
		case "text":
			if runs := b.inline(str(field(c, "content")), p); runs != nil {
				lines = append(lines, runs)
			}
		case "list":
			for _, it := range flatten(b.listItems(object(c), p, 1)) {
				lines = append(lines, it.Runs)
			}
		default:
			b.n.add("%s: skipped %s in quote", p, orUnknown(t))
		}
	}
	if content := str(el["content"]); len(lines) == 0 && content != "" {
		if runs := b.inline(content, path); runs != nil {
			lines = append(lines, runs)
		}
	}
	cite := plain(str(field(el, "citation", "content")))
	if len(lines) == 0 {
		if cite != "" {
			b.n.add("%s: quote without text; its citation %q skipped", path, cite)
		}
		return
	}
	var runs []article.Run
	for i, l := range lines {
		if i > 0 {
			runs = append(runs, article.Run{Break: true})
		}
		runs = append(runs, l...)
	}
	b.add(block{Type: "quote", Runs: runs, Cite: cite})
}

// gallery adds a gallery's images as image blocks.
func (b *ansBody) gallery(el map[string]any, path string) {
	n, repeats := len(b.blocks), 0
	for i, c := range array(el["content_elements"]) {
		p := fmt.Sprintf("%s.content_elements[%d]", path, i)
		if t := str(field(c, "type")); t != "image" {
			b.n.add("%s: skipped %s in gallery", p, orUnknown(t))
			continue
		}
		if b.repeatsPromo(object(c)) {
			b.n.add("%s: image repeats the promo photo; dropped from the body", p)
			repeats++
			continue
		}
		if img := ansImage(object(c), p, b.n); img != nil {
			b.add(block{Type: "image", DocImage: img})
		}
	}
	if len(b.blocks) == n && repeats == 0 {
		b.n.add("%s: gallery without usable images; skipped", path)
	}
}

// correction adds a correction as a paragraph opening with its kind in
// bold: "Correction: …", "Clarification: …".
func (b *ansBody) correction(el map[string]any, path string) {
	runs := b.inline(str(el["text"]), path)
	if runs == nil {
		b.n.add("%s: correction without text; skipped", path)
		return
	}
	label := "Correction"
	if t := plain(str(el["correction_type"])); t != "" {
		r, size := utf8.DecodeRuneInString(t)
		label = string(unicode.ToUpper(r)) + t[size:]
	}
	runs = append([]article.Run{{Text: label + ":", Style: article.Bold}, {Text: " "}}, runs...)
	b.add(block{Type: "paragraph", Runs: runs})
}

// table adds an ANS table element: "header" is a row of cells, "rows" an
// array of rows; a cell is a text element (inline HTML in "content"), or
// a string. A table with no text is skipped with a warning.
func (b *ansBody) table(el map[string]any, path string) {
	t := &article.DocTable{}
	cells := func(v any, p string) []article.DocCell {
		var row []article.DocCell
		for i, c := range array(v) {
			cp := fmt.Sprintf("%s[%d]", p, i)
			text := ""
			if s, ok := c.(string); ok {
				text = s
			} else if o := object(c); o != nil {
				// text, or a number (the JSON is read with UseNumber)
				if text = str(o["content"]); text == "" {
					if t := str(o["type"]); t != "" && t != "text" {
						b.n.add("%s: a %s element, not text; the cell is left empty", cp, t)
					} else if c := o["content"]; c != nil && c != "" {
						b.n.add("%s: content %s, not text; the cell is left empty", cp, typeName(c))
					}
				}
			} else {
				b.n.add("%s: %s, not a cell; left empty", cp, typeName(c))
			}
			runs := b.inline(text, cp)
			row = append(row, article.DocCell{Runs: runs})
		}
		return row
	}
	if h := cells(el["header"], path+".header"); len(h) > 0 {
		t.Head = [][]article.DocCell{h}
	}
	for i, r := range array(el["rows"]) {
		if row := cells(r, fmt.Sprintf("%s.rows[%d]", path, i)); len(row) > 0 {
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) == 0 && len(t.Head) > 0 {
		t.Rows, t.Head = t.Head, nil
	}
	empty := true
	for _, part := range [][][]article.DocCell{t.Head, t.Rows} {
		for _, row := range part {
			for _, c := range row {
				empty = empty && len(c.Runs) == 0
			}
		}
	}
	if empty {
		b.n.add("%s: table without text; skipped", path)
		return
	}
	t.Caption = plain(str(field(el, "headlines", "basic")))
	b.add(block{Type: "table", Table: t})
}
