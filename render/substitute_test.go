package render

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"printd/fonts"
	"printd/layout"
)

// TestPlaceholdersReplaced renders the seed article with its photo and
// checks that the photo and every font program are in the file byte for
// byte, each once, and that no placeholder is left.
func TestPlaceholdersReplaced(t *testing.T) {
	doc, book, images := archiveDoc(t)
	photo, _ := images(layout.Image{})
	for _, opt := range []Options{{}, {PDFA: true}, {Grayscale: true}} {
		out := renderBytes(t, doc, book, images, seedMeta(t), opt)
		if bytes.Contains(out, []byte(subMagic)) {
			t.Fatalf("%+v: a placeholder is left in the file", opt)
		}
		if n := bytes.Count(out, photo); n != 1 {
			t.Errorf("%+v: the photo is in the file %d times, want once", opt, n)
		}
		d := &drawer{book: book}
		d.planFonts(doc.Pages[0].Texts)
		programs := 0
		for _, ff := range d.text.faces {
			for i := range fonts.NumStandard {
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

// TestJPEGPlaceholderReadsAsThePhoto checks that the placeholder gives the
// PDF writer the photo's own size and colour space, and that JPEGs it
// cannot stand for are left alone.
func TestJPEGPlaceholderReadsAsThePhoto(t *testing.T) {
	for _, tt := range []struct {
		name string
		img  image.Image
	}{
		{"colour", image.NewYCbCr(image.Rect(0, 0, 300, 17), image.YCbCrSubsampleRatio420)},
		{"grey", image.NewGray(image.Rect(0, 0, 5, 4000))},
	} {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, tt.img, nil); err != nil {
			t.Fatal(err)
		}
		var subs streamSubs
		p, ok := subs.jpegPlaceholder(buf.Bytes())
		if !ok {
			t.Fatalf("%s: no placeholder", tt.name)
		}
		want, _ := jpeg.DecodeConfig(bytes.NewReader(buf.Bytes()))
		got, err := jpeg.DecodeConfig(bytes.NewReader(p))
		if err != nil || got != want {
			t.Errorf("%s: placeholder reads as %+v (%v), want %+v", tt.name, got, err, want)
		}
		if len(p) > subMaxLen || len(subs) != 1 || !bytes.Equal(subs[0], buf.Bytes()) {
			t.Errorf("%s: placeholder of %d bytes, %d recorded", tt.name, len(p), len(subs))
		}
	}
	var subs streamSubs
	if _, ok := subs.jpegPlaceholder([]byte("not a jpeg")); ok || len(subs) != 0 {
		t.Error("placeholder made for bytes that are not a JPEG")
	}
}
