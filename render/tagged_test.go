package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
	"printd/layout"
	"printd/render/internal/pdfpatch"
)

// structBlock is a block of a tagged PDF's structure tree as
// pdfinfo -struct-text lists it: the path of structure types to it and its
// text.
type structBlock struct {
	path string // "Document/BlockQuote/P"
	text string
}

func (b structBlock) String() string { return fmt.Sprintf("%s %q", b.path, b.text) }

// leafTypes are the elements whose text is one block; the text of the
// containers nested in them (a list in an item's body) is their own.
var leafTypes = map[string]bool{"P": true, "H1": true, "H2": true, "H3": true, "H4": true, "H5": true, "H6": true,
	"Caption": true, "Lbl": true, "LBody": true, "Code": true, "TH": true, "TD": true}

var containerTypes = map[string]bool{"L": true, "Table": true, "BlockQuote": true, "Figure": true}

// structText runs pdfinfo -struct-text on pdf and returns its blocks in
// order, and the figures with their text.
func structText(t *testing.T, pdf []byte) []structBlock {
	t.Helper()
	f := filepath.Join(t.TempDir(), "tagged.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool(t, "pdfinfo"), "-struct-text", f).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	type node struct {
		typ    string
		indent int
		path   string
		block  int // index in blocks of the leaf it is in, -1 for none
	}
	var blocks []structBlock
	var stack []node
	for _, line := range strings.Split(string(out), "\n") {
		trim := strings.TrimLeft(line, " ")
		if trim == "" {
			continue
		}
		indent := len(line) - len(trim)
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		block := -1
		path := ""
		if len(stack) > 0 {
			block = stack[len(stack)-1].block
			path = stack[len(stack)-1].path
		}
		switch {
		case strings.HasPrefix(trim, `"`):
			if block >= 0 {
				blocks[block].text += strings.TrimSuffix(strings.TrimPrefix(trim, `"`), `"`)
			}
		case strings.HasPrefix(trim, "Object "), strings.HasPrefix(trim, "/"): // an annotation, an attribute
		default:
			typ, _, _ := strings.Cut(trim, " ")
			typ = strings.TrimSuffix(typ, ":") // "TH:" when attributes follow
			if path != "" {
				path += "/"
			}
			path += typ
			if containerTypes[typ] {
				block = -1
			}
			if leafTypes[typ] {
				blocks = append(blocks, structBlock{path: path})
				block = len(blocks) - 1
			}
			if typ == "Figure" { // a Figure is a block of its own, whatever its picture's text
				blocks = append(blocks, structBlock{path: path})
			}
			stack = append(stack, node{typ: typ, indent: indent, path: path, block: block})
		}
	}
	for i := range blocks {
		blocks[i].text = strings.Join(strings.Fields(blocks[i].text), " ")
	}
	return blocks
}

// expectedBlocks is the article as its structure tree should list it.
// The byline and the credits' label are layout's wording (names joined,
// dates formatted in the article's language), taken from the page.
func expectedBlocks(a *article.Article, doc *layout.Document, figures bool) []structBlock {
	var out []structBlock
	missing := map[rune]bool{} // characters no font has: left out of the page
	for _, m := range doc.Missing {
		missing[m.Rune] = true
	}
	add := func(path, text string) {
		text = strings.Map(func(r rune) rune {
			if missing[r] {
				return -1
			}
			return r
		}, text)
		out = append(out, structBlock{path: "Document/" + path, text: strings.Join(strings.Fields(text), " ")})
	}
	roleText := func(role layout.Role, block int) string {
		var parts []string
		for _, p := range doc.Pages {
			for _, t := range p.Texts {
				if t.Role == role && t.Block == block {
					parts = append(parts, strings.TrimSuffix(t.Text, "-"))
				}
			}
		}
		return strings.Join(parts, " ")
	}
	plain := func(runs []article.Run) string {
		var b strings.Builder
		for _, r := range runs {
			if r.Break {
				b.WriteByte(' ')
			}
			b.WriteString(r.Text)
		}
		return b.String()
	}
	figure := func(im *article.Image, block int) {
		text := im.Caption
		if im.Credit != "" {
			text += " " + roleText(layout.RoleCredit, block)
		}
		if figures {
			add("Figure", "")
			if text != "" {
				add("Figure/Caption", text)
			}
		} else if text != "" {
			add("P", text)
		}
	}
	kicker := a.Section
	if a.Rubric != "" {
		kicker = strings.TrimPrefix(kicker+" · "+a.Rubric, " · ")
	}
	if kicker != "" {
		add("P", kicker)
	}
	add("H1", a.Headline)
	if a.Subheadline != "" {
		add("P", a.Subheadline)
	}
	if by := roleText(layout.RoleByline, -1); by != "" {
		add("P", by)
	}
	if a.Photo != nil {
		figure(a.Photo, -1)
	}
	heading := 1
	var list func(path string, items []article.Item)
	list = func(path string, items []article.Item) {
		for _, it := range items {
			if len(it.Runs) > 0 {
				add(path+"/LI/Lbl", "*")
				add(path+"/LI/LBody", plain(it.Runs))
			}
			if it.Sub != nil {
				list(path+"/LI/LBody/L", it.Sub.Items)
			}
		}
	}
	for bi, b := range a.Body {
		switch b.Type {
		case article.Paragraph:
			add("P", plain(b.Runs))
		case article.Heading:
			heading = max(2, min(b.Level, heading+1))
			add(fmt.Sprintf("H%d", heading), b.Text)
		case article.Quote:
			add("BlockQuote/P", plain(b.Runs))
			if b.Cite != "" {
				add("BlockQuote/P", "— "+b.Cite)
			}
		case article.List:
			list("L", b.Items)
		case article.ImageBlock:
			if b.Image != nil {
				figure(b.Image, bi)
			}
		case article.Preformatted:
			add("Code", b.Text)
		case article.TableBlock:
			if t := b.Table; t != nil {
				if t.Caption != "" {
					add("Table/Caption", t.Caption)
				}
				for _, part := range []struct {
					path string
					rows [][]article.Cell
				}{{"Table/THead/TR/", t.Head}, {"Table/TBody/TR/", t.Rows}} {
					for _, row := range part.rows {
						for _, cell := range row {
							kind := "TD"
							if cell.Header || part.path == "Table/THead/TR/" {
								kind = "TH"
							}
							add(part.path+kind, plain(cell.Runs))
						}
					}
				}
				if t.Credit != "" {
					add("P", t.Credit)
				}
			}
		}
	}
	if f := a.Footer; f != nil {
		text := f.Text
		for _, l := range f.Links {
			text += " " + l.Text
			if !strings.HasSuffix(l.Text, ".") {
				text += "."
			}
		}
		if strings.TrimSpace(text) != "" {
			add("P", text)
		}
	}
	if a.URL != "" {
		add("P", a.URL)
	}
	return out
}

// compareBlocks reports the first difference between the blocks read and
// the blocks wanted (a Lbl's text, the list marker, is not compared).
func compareBlocks(t *testing.T, got, want []structBlock) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Fatalf("block %d missing: want %v", i, want[i])
		case i >= len(want):
			t.Fatalf("block %d extra: %v", i, got[i])
		}
		g, w := got[i], want[i]
		if strings.HasSuffix(w.path, "/Lbl") {
			if g.path != w.path || g.text == "" {
				t.Fatalf("block %d: got %v, want a list label at %s", i, g, w.path)
			}
			continue
		}
		if g != w {
			t.Fatalf("block %d:\n got %v\nwant %v", i, g, w)
		}
	}
}

// taggedDoc lays out a with every picture available (the seed photo
// stands in for each) and renders it.
func taggedDoc(t *testing.T, a *article.Article, columns int, opt Options, edit ...func(*layout.Spec)) (*layout.Document, []byte) {
	t.Helper()
	photo, err := os.ReadFile(filepath.Join("..", "testdata", "seed-photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	images := map[string]layout.ImageInfo{}
	add := func(im *article.Image) {
		if im != nil {
			images[im.Src] = layout.ImageInfo{Width: 1200, Height: 800}
		}
	}
	add(a.Photo)
	for _, b := range a.Body {
		add(b.Image)
	}
	book := embeddedBook(t)
	ap, _ := article.ParsePaper("A4")
	spec := layout.DefaultSpec(layout.PaperOf(ap), columns)
	for _, e := range edit {
		e(&spec)
	}
	doc, err := layout.Layout(&layout.Input{Article: a, Spec: spec, Fonts: book,
		Images: images, QR: [][]bool{{true, false}, {false, true}}, Slug: "id · v1"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	src := func(layout.Image) ([]byte, bool) { return photo, true }
	if err := Render(context.Background(), doc, book, src, Meta{Title: a.Headline, Lang: a.Lang}, opt, &buf); err != nil {
		t.Fatal(err)
	}
	return doc, buf.Bytes()
}

func decodeFixture(t *testing.T, name string) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestStructureIsTheArticle reads the structure tree of each fixture, as
// poppler lists it with its text, and compares it with the article: every
// block in the article's order, with its role, its words whole (the
// hyphens of broken words are artifacts, the spaces between words and
// lines are there), and nothing of the running footers.
func TestStructureIsTheArticle(t *testing.T) {
	for _, name := range append(fixtures[:len(fixtures):len(fixtures)], "table-article.json", "table-html-article.json", "pre-article.json") {
		t.Run(name, func(t *testing.T) {
			a := decodeFixture(t, name)
			doc, pdf := taggedDoc(t, a, 2, Options{})
			compareBlocks(t, structText(t, pdf), expectedBlocks(a, doc, true))
		})
	}
	t.Run("without pictures", func(t *testing.T) {
		a := decodeFixture(t, "seed-article.json")
		doc, book := fixtureDoc(t, "seed-article.json")
		var buf bytes.Buffer
		if err := Render(context.Background(), doc, book, nil, Meta{Title: "t"}, Options{}, &buf); err != nil {
			t.Fatal(err)
		}
		compareBlocks(t, structText(t, buf.Bytes()), expectedBlocks(a, doc, false))
	})
}

// richArticle is the seed with every kind of block in its body, twice
// over, so that it runs over pages in three columns: headings that skip a
// level, a quote with its citation, nested lists, pictures with and
// without alt text, preformatted text, a divider, links.
func richArticle(t *testing.T) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	seedBody := m["body"].([]any)
	body := []any{
		map[string]any{"type": "heading", "level": 3, "text": "What the plan says"},
	}
	body = append(body, seedBody[:3]...)
	body = append(body,
		map[string]any{"type": "quote", "html": "The Ukrainians do not want any form of <i>capitulation</i>.", "cite": "Jean-Noël Barrot"},
		map[string]any{"type": "list", "ordered": true, "items": []any{
			"Territory: Donbas and Crimea",
			map[string]any{"html": "Security guarantees", "list": map[string]any{"items": []any{
				"by <a href=\"https://example.org/osce\">the OSCE</a>", "by satellites"}}},
			"Armed forces halved",
		}},
		map[string]any{"type": "image", "src": "body-a.jpg", "caption": "Talks in Ankara.", "credit": "Reuters", "alt": "Two delegations at a table"},
		map[string]any{"type": "heading", "level": 4, "text": "Reactions"},
	)
	body = append(body, seedBody[3:]...)
	body = append(body,
		map[string]any{"type": "preformatted", "text": "point 1: territory\npoint 2: army"},
		map[string]any{"type": "divider"},
		map[string]any{"type": "image", "src": "body-b.jpg", "caption": "Kyiv at night."},
		map[string]any{"type": "heading", "level": 2, "text": "Again"},
	)
	body = append(body, seedBody...)
	m["body"] = body
	m["subheadline"] = "The plan would cede territory and cap the army."
	m["authors"] = []any{"Anna Example", "Boris Example"}
	data, err = json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestStructureOfEveryBlock(t *testing.T) {
	a := richArticle(t)
	for _, cols := range []int{1, 3} {
		t.Run(fmt.Sprint(cols, " columns"), func(t *testing.T) {
			doc, pdf := taggedDoc(t, a, cols, Options{})
			if len(doc.Pages) < 2 {
				t.Fatalf("%d page; the test wants paragraphs across pages", len(doc.Pages))
			}
			compareBlocks(t, structText(t, pdf), expectedBlocks(a, doc, true))
		})
	}
}

// TestMatterhorn checks the conditions of the Matterhorn Protocol a
// machine can check (pdfpatch.CheckTagged) on the fixtures and the
// article with every block, as the web (PDF/UA-1), archive (PDF/A-2b,
// tagged) and proof (marks and slug outside the trim) presets make them.
func TestMatterhorn(t *testing.T) {
	arts := map[string]*article.Article{"rich": richArticle(t)}
	for _, name := range append(fixtures[:len(fixtures):len(fixtures)], "table-article.json", "table-html-article.json", "pre-article.json") {
		arts[name] = decodeFixture(t, name)
	}
	proof := func(s *layout.Spec) { s.Bleed, s.Marks = layout.MM(3), layout.MM(12) }
	for name, a := range arts {
		for _, preset := range []string{"web", "archive", "proof"} {
			t.Run(name+"/"+preset, func(t *testing.T) {
				var pdf []byte
				switch preset {
				case "web":
					_, pdf = taggedDoc(t, a, 2, Options{})
				case "archive":
					_, pdf = taggedDoc(t, a, 2, Options{PDFA: true})
				case "proof":
					_, pdf = taggedDoc(t, a, 3, Options{}, proof)
				}
				for _, p := range pdfpatch.CheckTagged(pdf, preset != "archive") {
					t.Error(p)
				}
			})
		}
	}
}

// TestMatterhornFailures spoils a good file in the ways the checks look
// for and expects each to be reported.
func TestMatterhornFailures(t *testing.T) {
	_, pdf := taggedDoc(t, richArticle(t), 2, Options{})
	if p := pdfpatch.CheckTagged(pdf, true); len(p) > 0 {
		t.Fatalf("the good file fails: %v", p)
	}
	for _, tt := range []struct{ old, new, want string }{
		{"/Marked true", "/Marked fals", "MarkInfo"},
		{"/DisplayDocTitle true", "/DisplayDocTitle fals", "DisplayDocTitle"},
		{"/S /Figure", "/S /Figure /Alt ()", "has no /Alt"},
		{"/S /H2", "/S /H3", "H3 follows H1"},
		{"/Tabs /S", "/Tabs /R", "Tabs"},
		{"/Type /OBJR", "/Type /OBJX", "the parent tree gives"},
		{"/StructParents 1", "/StructParents 0", "the parent tree gives MCID"},
	} {
		bad, err := pdfpatch.Replace(pdf, tt.old, tt.new)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(pdfpatch.CheckTagged(bad, true), "\n")
		if !strings.Contains(got, tt.want) {
			t.Errorf("%q → %q: want a problem with %q, got:\n%s", tt.old, tt.new, tt.want, got)
		}
	}
}
