package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"printd/article"
	"printd/fonts"
)

// book adapts the embedded fonts for tests (render has the production one;
// layout must not import render).
type book struct{ s *fonts.Set }

func (b book) Face(k FontKey) Face {
	fam := b.s.Family(k.Family)
	if fam == nil {
		return nil
	}
	return fam.Face(fonts.Style(k.Style))
}

func testBook(t testing.TB) FontBook {
	t.Helper()
	s, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return book{s}
}

func loadFixture(t testing.TB, name string) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a
}

func mustPaper(t testing.TB, s string) Paper {
	t.Helper()
	p, err := article.ParsePaper(s)
	if err != nil {
		t.Fatal(err)
	}
	return PaperOf(p)
}

// fixtureImages gives every image of an article the seed photo's size.
func fixtureImages(a *article.Article) map[string]ImageInfo {
	m := map[string]ImageInfo{}
	if a.Photo != nil {
		m[a.Photo.Src] = ImageInfo{2400, 1600}
	}
	for _, b := range a.Body {
		if b.Image != nil {
			m[b.Image.Src] = ImageInfo{2400, 1600}
		}
	}
	return m
}

// letters reduces text to what must survive typesetting unchanged: every
// character but white space, hyphens and soft hyphens (which line breaking
// adds and removes) and characters layout drops by design.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u00ad' || r == '\u2010' || dropRune(r) || r == '\u200b' {
			return -1
		}
		return r
	}, s)
}

// blockText is the text a body block must print, in order.
func blockText(b article.Block) string {
	switch b.Type {
	case article.Paragraph:
		return article.PlainText(b.Runs)
	case article.Quote:
		return article.PlainText(b.Runs) + b.Cite
	case article.Heading, article.Preformatted:
		return b.Text
	case article.List:
		var sb strings.Builder
		for _, it := range article.ItemTexts(b.Items) {
			sb.WriteString(article.PlainText(it))
		}
		return sb.String()
	case article.ImageBlock:
		if b.Image != nil {
			return b.Image.Caption + b.Image.Credit
		}
	case article.TableBlock:
		return strings.Join(tableParts(b.Table), "")
	}
	return ""
}

// tableParts are a table's caption, cell texts and credit, in order.
func tableParts(t *article.Table) []string {
	out := []string{t.Caption}
	for _, r := range article.TableTexts(t) {
		out = append(out, article.PlainText(r))
	}
	return append(out, t.Credit)
}

// wideBlocks are the body blocks set across the columns (floats).
func wideBlocks(doc *Document) map[int]bool {
	w := map[int]bool{}
	for _, p := range doc.Pages {
		for _, tx := range p.Texts {
			if tx.Block >= 0 && tx.Role != RoleBullet && !inAnyColumn(p.Columns, tx.Box()) {
				w[tx.Block] = true
			}
		}
	}
	return w
}
