package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
	"printd/fonts"
	"printd/layout"
)

func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found", name)
		}
		t.Skipf("%s not found", name)
	}
	return p
}

func seedDoc(t testing.TB) (*layout.Document, Book) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ap, _ := article.ParsePaper("A4")
	p := layout.PaperOf(ap)
	book := Book{Set: set}
	doc, err := layout.Layout(&layout.Input{Article: a, Spec: layout.DefaultSpec(p, 2), Fonts: book})
	if err != nil {
		t.Fatal(err)
	}
	return doc, book
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	Text string  `xml:",chardata"`
}

type bboxPage struct {
	Words []bboxWord `xml:"word"`
}

// TestWordsWhereLayoutPutThem compares every word's position in the PDF, as
// pdftotext reads it, with the position layout chose: the renderer must
// add nothing and decide nothing. Justified body words are drawn
// horizontally scaled (layout.Text.Scale): their drawn extent must be the
// scaled width layout gave them, and everything drawn after them unscaled.
func TestWordsWhereLayoutPutThem(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	total, scaled, telling := 0, 0, 0
	for _, name := range fixtures {
		doc, book := fixtureDoc(t, name)
		var buf bytes.Buffer
		if err := Render(context.Background(), doc, book, nil, Meta{Title: "t"}, Options{}, &buf); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), "doc.pdf")
		if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-bbox", "-enc", "UTF-8", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// The output is XHTML; pull the pages out of it.
		var pages []bboxPage
		dec := xml.NewDecoder(bytes.NewReader(out))
		dec.Strict = false
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "page" {
				var p bboxPage
				if err := dec.DecodeElement(&p, &se); err != nil {
					t.Fatal(err)
				}
				pages = append(pages, p)
			}
		}
		if len(pages) != len(doc.Pages) {
			t.Fatalf("%s: pdftotext sees %d pages, layout made %d", name, len(pages), len(doc.Pages))
		}
		checked, matched := 0, 0
		for pi, p := range doc.Pages {
			for _, tx := range p.Texts {
				if strings.ContainsAny(tx.Text, " \u00a0") || tx.Text == "" || abutting(p.Texts, tx) {
					continue
				}
				checked++
				if tx.Scale != 0 && tx.Scale != 1 {
					scaled++
					// Drawn unscaled, the word would miss by more than
					// the tolerance.
					if abs(tx.Width-tx.Width/tx.Scale) > 0.5 {
						telling++
					}
				}
				for _, w := range pages[pi].Words {
					if w.Text == tx.Text && abs(w.XMin-tx.X) < 0.5 && abs(w.XMax-(tx.X+tx.Width)) < 0.5 {
						matched++
						break
					}
				}
			}
		}
		if checked < 100 {
			t.Fatalf("%s: only %d single words checked", name, checked)
		}
		total += checked
		if matched != checked {
			t.Errorf("%s: %d of %d words are not where layout put them (±0.5 pt)", name, checked-matched, checked)
		}
	}
	t.Logf("%d words checked, %d scaled, %d of them by more than the tolerance", total, scaled, telling)
	if total < 500 || scaled < 300 || telling < 10 {
		t.Errorf("only %d words checked, %d scaled, %d of them by more than the tolerance", total, scaled, telling)
	}
}

// abutting reports whether another text on tx's baseline touches it:
// pdftotext reads the two as one word (a link and its full stop).
func abutting(texts []layout.Text, tx layout.Text) bool {
	for _, o := range texts {
		if o.Y == tx.Y && o.X != tx.X && (abs(o.X-(tx.X+tx.Width)) < 0.5 || abs(o.X+o.Width-tx.X) < 0.5) {
			return true
		}
	}
	return false
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestRenderIsDeterministic(t *testing.T) {
	doc, book := seedDoc(t)
	var a, b bytes.Buffer
	meta := Meta{Title: "t"}
	if err := Render(context.Background(), doc, book, nil, meta, Options{}, &a); err != nil {
		t.Fatal(err)
	}
	if err := Render(context.Background(), doc, book, nil, meta, Options{}, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document rendered twice gives different bytes")
	}
}

func TestRenderCancelled(t *testing.T) {
	doc, book := seedDoc(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := Render(ctx, doc, book, nil, Meta{}, Options{}, &buf); err == nil {
		t.Fatal("a cancelled render succeeded")
	}
	if buf.Len() != 0 {
		t.Errorf("a failed render wrote %d bytes", buf.Len())
	}
}

func TestRenderUnknownFontFails(t *testing.T) {
	doc, book := seedDoc(t)
	doc.Pages[0].Texts[0].Font.Family = "nonesuch"
	var buf bytes.Buffer
	if err := Render(context.Background(), doc, book, nil, Meta{}, Options{}, &buf); err == nil {
		t.Fatal("render with an unknown font succeeded")
	}
	if buf.Len() != 0 {
		t.Errorf("a failed render wrote %d bytes", buf.Len())
	}
}

func BenchmarkRenderSeed(b *testing.B) {
	doc, book := seedDoc(b)
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(context.Background(), doc, book, nil, Meta{}, Options{}, &buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSeedUntagged is BenchmarkRenderSeed without the
// structure (no Document.Tags): the difference is what tagging costs.
func BenchmarkRenderSeedUntagged(b *testing.B) {
	doc, book := seedDoc(b)
	doc.Tags = nil
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(context.Background(), doc, book, nil, Meta{}, Options{}, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
