package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

func TestPrepareGray(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	info, err := Inspect(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Even at full size, a colour photo is re-encoded for a grey target.
	for _, maxW := range []int{600, 0} {
		p, err := Prepare(data, info, Target{MaxW: maxW, Gray: true})
		if err != nil {
			t.Fatal(err)
		}
		if p.PassedThrough {
			t.Errorf("maxW %d: a colour photo was passed through for a grey target", maxW)
		}
		img, err := jpeg.Decode(bytes.NewReader(p.Data))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := img.(*image.Gray); !ok {
			t.Errorf("maxW %d: grey target gave %T", maxW, img)
		}
	}
}
