package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"printd/fonts"
	"printd/layout"
)

// A letter-spaced text (layout.Text.Tracking) is drawn as wide as layout
// made it, on the code-page path and on the shaped path, and what follows
// it is not spaced.
func TestTrackingDrawn(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	doc, book := seedDoc(t)
	lib := fonts.NewLibrary(nil, fonts.SystemFontDirs)
	sf := lib.Pick('a', fonts.Want{Role: fonts.RoleSerif})
	if sf == nil {
		t.Skip("no system font with Latin letters")
	}
	book.Lib = lib
	const word, tr = "tracking", 0.6
	page := doc.Pages[0]
	page.Texts, page.Links, page.Images, page.Rules = nil, nil, nil, nil
	doc.Pages = []layout.Page{page}
	plain := layout.Text{X: 100, Y: 100, Text: word, Font: layout.FontKey{Family: "serif"}, Size: 10, Block: -1}
	w := 0.0
	f := book.Face(plain.Font)
	for _, r := range word {
		w += float64(f.Advance(r)) * plain.Size / 1000
	}
	spaced := plain
	spaced.Y, spaced.Tracking, spaced.Width = 150, tr, w+tr*float64(len(word)-1)
	plain.Width = w
	after := plain
	after.Y = 200
	shaped := layout.Text{X: 100, Y: 250, Text: word, Font: layout.FontKey{Family: sf.Key()}, Size: 10, Block: -1}
	shaped.Glyphs = shapedFace{sf}.Shape(word, false, "en", nil)
	sw := 0.0
	for _, g := range shaped.Glyphs {
		sw += float64(g.Advance) * shaped.Size / 1000
	}
	shaped.Tracking, shaped.Width = tr, sw+tr*float64(len(shaped.Glyphs)-1)
	doc.Pages[0].Texts = []layout.Text{plain, spaced, after, shaped}
	var buf bytes.Buffer
	if err := Render(context.Background(), doc, book, nil, Meta{Title: "t"}, Options{}, &buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">` + word + `<`)
	ms := re.FindAllStringSubmatch(string(out), -1)
	want := []layout.Text{plain, spaced, after, shaped}
	if len(ms) != len(want) {
		t.Fatalf("pdftotext reads %d words %q, want %d:\n%s", len(ms), word, len(want), out)
	}
	for i, m := range ms {
		x0, _ := strconv.ParseFloat(m[1], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		tx := want[i]
		if abs(x0-tx.X) > 0.3 || abs(x1-(tx.X+tx.Width)) > 0.3 {
			t.Errorf("text %d (tracking %v): drawn %.2f–%.2f, layout put it at %.2f–%.2f", i, tx.Tracking, x0, x1, tx.X, tx.X+tx.Width)
		}
	}
}
