package pdfpatch

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

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
		var subs Streams
		p, ok := subs.JPEG(buf.Bytes())
		if !ok {
			t.Fatalf("%s: no placeholder", tt.name)
		}
		want, _ := jpeg.DecodeConfig(bytes.NewReader(buf.Bytes()))
		got, err := jpeg.DecodeConfig(bytes.NewReader(p))
		if err != nil || got != want {
			t.Errorf("%s: placeholder reads as %+v (%v), want %+v", tt.name, got, err, want)
		}
		if len(p) > subMaxLen || len(subs.data) != 1 || !bytes.Equal(subs.data[0], buf.Bytes()) {
			t.Errorf("%s: placeholder of %d bytes, %d recorded", tt.name, len(p), len(subs.data))
		}
	}
	var subs Streams
	if _, ok := subs.JPEG([]byte("not a jpeg")); ok || len(subs.data) != 0 {
		t.Error("placeholder made for bytes that are not a JPEG")
	}
}
