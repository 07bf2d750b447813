package jpegmeta

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

// TestScanFrame reads the frame of JPEGs the standard encoder writes and of
// cut or altered ones.
func TestScanFrame(t *testing.T) {
	encode := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	colour := encode(image.NewRGBA(image.Rect(0, 0, 300, 17)))
	grey := encode(image.NewGray(image.Rect(0, 0, 5, 4000)))
	adobe := append([]byte{0xFF, 0xD8, 0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 1}, colour[2:]...)
	for _, tt := range []struct {
		name          string
		data          []byte
		width, height int
		comps         int
		baseline      bool
		adobe         bool
	}{
		{"colour", colour, 300, 17, 3, true, false},
		{"grey", grey, 5, 4000, 1, true, false},
		{"progressive", bytes.Replace(colour, []byte{0xFF, 0xC0}, []byte{0xFF, 0xC2}, 1), 300, 17, 3, false, false},
		{"adobe segment", adobe, 300, 17, 3, true, true},
		{"cut before the frame", colour[:20], 0, 0, 0, false, false},
		{"not a JPEG", []byte("GIF89a"), 0, 0, 0, false, false},
	} {
		f := Scan(tt.data)
		if f.Width != tt.width || f.Height != tt.height || len(f.Components) != tt.comps ||
			f.Baseline() != tt.baseline || f.Adobe != tt.adobe || f.Orientation != 1 {
			t.Errorf("%s: %+v", tt.name, f)
		}
		if tt.comps > 0 && f.Precision != 8 {
			t.Errorf("%s: precision %d", tt.name, f.Precision)
		}
	}
}
