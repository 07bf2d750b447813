package render

import (
	"bytes"
	"testing"

	"printd/layout"
	"printd/render/internal/pdffont"
)

// TestPlaceholdersReplaced renders the seed article with its photo and
// checks that the photo and every font program are in the file byte for
// byte, each once, and that no placeholder is left.
func TestPlaceholdersReplaced(t *testing.T) {
	doc, book, images := archiveDoc(t)
	photo, _ := images(layout.Image{})
	for _, opt := range []Options{{}, {PDFA: true}, {Grayscale: true}} {
		out := renderBytes(t, doc, book, images, seedMeta(t), opt)
		if bytes.Contains(out, []byte("printd-stream:")) {
			t.Fatalf("%+v: a placeholder is left in the file", opt)
		}
		if n := bytes.Count(out, photo); n != 1 {
			t.Errorf("%+v: the photo is in the file %d times, want once", opt, n)
		}
		d := &drawer{book: book}
		d.planFonts(doc.Pages[0].Texts)
		programs := 0
		for _, ff := range d.text.faces {
			for i := range pdffont.NumStandard {
				if ff.active&(1<<i) == 0 {
					continue
				}
				pf, err := ff.pages.Page(i).Font()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(out, pf.Program) {
					t.Errorf("%+v: a font program is missing from the file", opt)
				}
				programs++
			}
		}
		if programs == 0 {
			t.Fatal("no font program checked")
		}
		qpdfCheck(t, out)
	}
}
