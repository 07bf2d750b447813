// Command tohtml writes an Article JSON document as one self-contained HTML5
// page with print CSS close to printd's web preset (A4, two body columns,
// header and lead photo across the page, serif body 9/12.5 pt justified and
// hyphenated by the browser, sans kicker, byline and captions, the legal
// footer, running footers with page numbers). It exists so that bench/compare.sh
// can render the same article with headless browsers and compare their cost
// with printd's; it is not part of the product.
//
//	tohtml [-o out.html] [-fonts DIR] article.json
//
// A lead or body photo given as a local file is copied beside the HTML and
// referenced by its file name, so every renderer reads the same JPEG. With
// -fonts, the Noto faces found in DIR are copied into a fonts/ folder beside
// the HTML and declared with @font-face, so the browsers set the same
// typefaces printd embeds; without it the page asks for them by name and
// falls back on the system's serif and sans-serif.
//
// Labels ("Photo", "page 1 of 2", "and") and the date are English whatever
// the article's language; the benchmark article is English.
package main

import (
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"printd/article"
)

func main() {
	out := flag.String("o", "", "output HTML file (default: the input name with .html)")
	fontDir := flag.String("fonts", "", "directory holding the Noto TTF files to declare with @font-face")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: tohtml [-o out.html] [-fonts DIR] article.json\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *fontDir); err != nil {
		fmt.Fprintf(os.Stderr, "tohtml: %v\n", err)
		os.Exit(1)
	}
}

func run(in, out, fontDir string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	a, err := article.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if out == "" {
		out = strings.TrimSuffix(in, filepath.Ext(in)) + ".html"
	}
	outDir := filepath.Dir(out)
	w := &writer{srcDir: filepath.Dir(in), outDir: outDir, copied: map[string]string{}}
	if fontDir != "" {
		if w.fontFaces, err = copyFonts(fontDir, outDir); err != nil {
			return err
		}
	}
	w.article(a)
	if w.err != nil {
		return w.err
	}
	return os.WriteFile(out, []byte(w.b.String()), 0o644)
}

// faces maps the CSS family and style of each Noto face to its file.
var faces = []struct{ family, weight, style, file string }{
	{"Noto Serif", "normal", "normal", "NotoSerif-Regular.ttf"},
	{"Noto Serif", "bold", "normal", "NotoSerif-Bold.ttf"},
	{"Noto Serif", "normal", "italic", "NotoSerif-Italic.ttf"},
	{"Noto Serif", "bold", "italic", "NotoSerif-BoldItalic.ttf"},
	{"Noto Sans", "normal", "normal", "NotoSans-Regular.ttf"},
	{"Noto Sans", "bold", "normal", "NotoSans-Bold.ttf"},
	{"Noto Sans", "normal", "italic", "NotoSans-Italic.ttf"},
	{"Noto Sans", "bold", "italic", "NotoSans-BoldItalic.ttf"},
	{"Noto Sans Mono", "normal", "normal", "NotoSansMono-Regular.ttf"},
	{"Noto Sans Mono", "bold", "normal", "NotoSansMono-Bold.ttf"},
}

// copyFonts copies the faces found in dir to outDir/fonts and returns their
// @font-face rules.
func copyFonts(dir, outDir string) (string, error) {
	var css strings.Builder
	for _, f := range faces {
		src := filepath.Join(dir, f.file)
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := copyFile(src, filepath.Join(outDir, "fonts", f.file)); err != nil {
			return "", err
		}
		fmt.Fprintf(&css, "@font-face { font-family: %q; font-weight: %s; font-style: %s; src: url(\"fonts/%s\") format(\"truetype\"); }\n",
			f.family, f.weight, f.style, f.file)
	}
	if css.Len() == 0 {
		return "", fmt.Errorf("no Noto TTF files in %s", dir)
	}
	return css.String(), nil
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// pageRule and style are the print CSS: printd's web preset
// (layout.DefaultSpec on A4 with two columns) in CSS terms. pageRule takes
// the site's name, as a CSS string, for the running footer.
const pageRule = `@page {
  size: A4;
  margin: 16mm 16mm 20mm 16mm;
  @bottom-right { content: "page " counter(page) " of " counter(pages); font: 7pt/9pt "Noto Sans", sans-serif; color: #5a5a5a; vertical-align: top; padding-top: 2mm; border-top: 0.3pt solid #969696; }
  @bottom-left { font: 7pt/9pt "Noto Sans", sans-serif; color: #5a5a5a; vertical-align: top; padding-top: 2mm; border-top: 0.3pt solid #969696; content: %s; }
}
`

const style = `
html { color: #141414; }
body { margin: 0; font: 9pt/12.5pt "Noto Serif", serif; }
a { color: #143c8c; text-decoration: none; }
.kicker { font: bold 9pt/12pt "Noto Sans", sans-serif; color: #aa141e; margin: 0 0 6pt; }
h1 { font: bold 28pt/31pt "Noto Serif", serif; margin: 0 0 8pt; }
.standfirst { font: italic 13.5pt/17.5pt "Noto Serif", serif; margin: 0 0 8pt; }
.byline { font: 8.5pt/11pt "Noto Sans", sans-serif; color: #5a5a5a; margin: 0; padding-bottom: 4pt; border-bottom: 0.6pt solid #969696; margin-bottom: 4pt; }
figure { margin: 0 0 10pt; break-inside: avoid; }
figure img { display: block; width: 100%; object-fit: cover; }
.lead img { max-height: 104mm; }
figcaption { font: 8pt/10.5pt "Noto Sans", sans-serif; margin-top: 4pt; }
.credit { display: block; font: 7pt/9.5pt "Noto Sans", sans-serif; color: #5a5a5a; margin-top: 1pt; }
.body { columns: 2; column-gap: 5mm; }
.body p { margin: 0 0 6.25pt; text-align: justify; hyphens: auto; orphans: 2; widows: 2; }
.body h2 { font: bold 13pt/16pt "Noto Serif", serif; margin: 9pt 0 3pt; break-after: avoid; }
.body h3 { font: bold 11.5pt/14.5pt "Noto Serif", serif; margin: 8pt 0 2pt; break-after: avoid; }
.body h4, .body h5, .body h6 { font: bold 9.5pt/13pt "Noto Sans", sans-serif; margin: 6pt 0 2pt; break-after: avoid; }
.body blockquote { font: italic 10.5pt/14pt "Noto Serif", serif; margin: 6pt 0; }
.body blockquote p { text-align: left; }
.body blockquote footer { font: 8pt/11pt "Noto Sans", sans-serif; font-style: normal; color: #5a5a5a; }
.body ul, .body ol { margin: 3pt 0 5pt; padding-left: 1.2em; }
.body pre { font: 8pt/10.5pt "Noto Sans Mono", monospace; margin: 5pt 0 7pt; white-space: pre-wrap; }
.body code { font-family: "Noto Sans Mono", monospace; font-size: 0.9em; }
.body hr { border: 0; border-top: 0.6pt solid #969696; margin: 6pt 0; }
.legal { font: 7.5pt/10pt "Noto Sans", sans-serif; color: #5a5a5a; margin-top: 14pt; padding-top: 4pt; border-top: 0.6pt solid #969696; break-inside: avoid; }
.legal p { margin: 0; }
`

type writer struct {
	b         strings.Builder
	srcDir    string
	outDir    string
	fontFaces string
	copied    map[string]string // source path → name beside the HTML
	err       error
}

func (w *writer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func esc(s string) string { return html.EscapeString(s) }

// cssString quotes s as a CSS string that is also safe inside <style>.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (w *writer) article(a *article.Article) {
	lang := a.Lang
	if lang == "" {
		lang = "en"
	}
	dir := a.Dir
	if dir == "" {
		dir = "ltr"
	}
	site := a.Publication
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		site = strings.TrimPrefix(u.Host, "www.")
	}
	w.printf("<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s",
		esc(lang), esc(dir), esc(a.Headline), w.fontFaces)
	w.printf(pageRule, cssString(site))
	w.printf("%s</style>\n</head>\n<body>\n<header>\n", style)

	kicker := a.Section
	if a.Rubric != "" {
		if kicker != "" {
			kicker += " · "
		}
		kicker += a.Rubric
	}
	if kicker != "" {
		w.printf("<p class=\"kicker\">%s</p>\n", esc(kicker))
	}
	w.printf("<h1>%s</h1>\n", esc(a.Headline))
	if a.Subheadline != "" {
		w.printf("<p class=\"standfirst\">%s</p>\n", esc(a.Subheadline))
	}
	var by []string
	if names := joinNames(a.Authors); names != "" {
		by = append(by, names)
	}
	if !a.Published.IsZero() {
		by = append(by, a.Published.Format("2 January 2006"))
	}
	if !a.Updated.IsZero() && (a.Published.IsZero() || a.Updated.Format("20060102") != a.Published.Format("20060102")) {
		by = append(by, "Updated "+a.Updated.Format("2 January 2006"))
	}
	w.printf("<p class=\"byline\">%s</p>\n", esc(strings.Join(by, " · ")))
	if a.Photo != nil {
		w.figure(a.Photo, "lead")
	}
	w.printf("</header>\n<main class=\"body\">\n")
	for _, b := range a.Body {
		w.block(b)
	}
	w.printf("</main>\n")
	w.footer(a)
	w.printf("</body>\n</html>\n")
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// src returns the address the HTML uses for an image: local files are
// copied beside the HTML; web addresses and data: URIs are kept.
func (w *writer) src(s string) string {
	if strings.HasPrefix(s, "data:") || strings.Contains(s, "://") {
		return s
	}
	p := strings.TrimPrefix(s, "file://")
	if !filepath.IsAbs(p) {
		p = filepath.Join(w.srcDir, p)
	}
	if name, ok := w.copied[p]; ok {
		return name
	}
	name := fmt.Sprintf("img%d-%s", len(w.copied), filepath.Base(p))
	if len(w.copied) == 0 {
		name = filepath.Base(p)
	}
	if err := copyFile(p, filepath.Join(w.outDir, name)); err != nil && w.err == nil {
		w.err = err
	}
	w.copied[p] = name
	return (&url.URL{Path: name}).EscapedPath()
}

func (w *writer) figure(im *article.Image, class string) {
	w.printf("<figure class=\"%s\"><img src=\"%s\" alt=\"%s\"", class, esc(w.src(im.Src)), esc(im.Alt))
	if im.Width > 0 && im.Height > 0 {
		w.printf(" width=\"%d\" height=\"%d\"", im.Width, im.Height)
	}
	if im.Focus != nil {
		w.printf(" style=\"object-position: %.0f%% %.0f%%\"", im.Focus.X*100, im.Focus.Y*100)
	}
	w.printf(">")
	if im.Caption != "" || im.Credit != "" {
		w.printf("<figcaption>%s", esc(im.Caption))
		if im.Credit != "" {
			w.printf("<span class=\"credit\">Photo: %s</span>", esc(im.Credit))
		}
		w.printf("</figcaption>")
	}
	w.printf("</figure>\n")
}

func (w *writer) block(b article.Block) {
	switch b.Type {
	case article.Paragraph:
		w.printf("<p>%s</p>\n", runs(b.Runs))
	case article.Heading:
		lvl := min(max(b.Level, 2), 6)
		w.printf("<h%d>%s</h%d>\n", lvl, esc(b.Text), lvl)
	case article.Quote:
		w.printf("<blockquote><p>%s</p>", runs(b.Runs))
		if b.Cite != "" {
			w.printf("<footer>— %s</footer>", esc(b.Cite))
		}
		w.printf("</blockquote>\n")
	case article.List:
		w.list(b.Ordered, b.Items)
	case article.ImageBlock:
		if b.Image != nil {
			w.figure(b.Image, "inline")
		}
	case article.Preformatted:
		w.printf("<pre>%s</pre>\n", esc(b.Text))
	case article.Divider:
		w.printf("<hr>\n")
	case article.TableBlock:
		w.table(b.Table)
	}
}

// table writes a table with its caption, header and body rows, spans and
// alignment, and its credit after it.
func (w *writer) table(t *article.Table) {
	w.printf("<table>")
	if t.Caption != "" {
		w.printf("<caption>%s</caption>", esc(t.Caption))
	}
	for part, rows := range [][][]article.Cell{t.Head, t.Rows} {
		if len(rows) == 0 {
			continue
		}
		tag := [...]string{"thead", "tbody"}[part]
		w.printf("<%s>", tag)
		for _, row := range rows {
			w.printf("<tr>")
			for _, c := range row {
				name := "td"
				if part == 0 || c.Header {
					name = "th"
				}
				w.printf("<%s", name)
				if c.ColSpan > 1 {
					w.printf(" colspan=\"%d\"", c.ColSpan)
				}
				if c.RowSpan > 1 {
					w.printf(" rowspan=\"%d\"", c.RowSpan)
				}
				if c.Align != article.AlignAuto && c.Align != article.AlignDecimal {
					w.printf(" style=\"text-align:%s\"", c.Align)
				}
				w.printf(">%s</%s>", runs(c.Runs), name)
			}
			w.printf("</tr>")
		}
		w.printf("</%s>", tag)
	}
	w.printf("</table>\n")
	if t.Credit != "" {
		w.printf("<p class=\"credit\">%s</p>\n", esc(t.Credit))
	}
}

// styleTags are the HTML elements for each inline style, outermost first.
var styleTags = []struct {
	s   article.Style
	tag string
}{
	{article.Bold, "b"}, {article.Italic, "i"}, {article.Code, "code"}, {article.Sup, "sup"},
	{article.Sub, "sub"}, {article.Strike, "s"}, {article.Underline, "u"}, {article.Small, "small"},
}

// runs writes inline runs as HTML; each run is wrapped on its own, which is
// verbose but exact.
func runs(rs []article.Run) string {
	var b strings.Builder
	for _, r := range rs {
		if r.Break {
			b.WriteString("<br>")
			continue
		}
		if r.Link != "" {
			fmt.Fprintf(&b, "<a href=\"%s\">", esc(r.Link))
		}
		for _, t := range styleTags {
			if r.Style.Has(t.s) {
				b.WriteString("<" + t.tag + ">")
			}
		}
		b.WriteString(esc(r.Text))
		for i := len(styleTags) - 1; i >= 0; i-- {
			if r.Style.Has(styleTags[i].s) {
				b.WriteString("</" + styleTags[i].tag + ">")
			}
		}
		if r.Link != "" {
			b.WriteString("</a>")
		}
	}
	return b.String()
}

func (w *writer) footer(a *article.Article) {
	if a.Footer == nil && a.URL == "" {
		return
	}
	w.printf("<footer class=\"legal\">\n")
	if f := a.Footer; f != nil && (f.Text != "" || len(f.Links) > 0) {
		w.printf("<p>%s", esc(f.Text))
		for _, l := range f.Links {
			w.printf(" <a href=\"%s\">%s</a>.", esc(l.URL), esc(l.Text))
		}
		w.printf("</p>\n")
	}
	if a.URL != "" {
		w.printf("<p><a href=\"%s\">%s</a></p>\n", esc(a.URL), esc(a.URL))
	}
	w.printf("</footer>\n")
}

// list writes a list and the lists nested in its items.
func (w *writer) list(ordered bool, items []article.Item) {
	tag := "ul"
	if ordered {
		tag = "ol"
	}
	w.printf("<%s>\n", tag)
	for _, it := range items {
		w.printf("<li>%s", runs(it.Runs))
		if it.Sub != nil {
			w.list(it.Sub.Ordered, it.Sub.Items)
		}
		w.printf("</li>\n")
	}
	w.printf("</%s>\n", tag)
}
