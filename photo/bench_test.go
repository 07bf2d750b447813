package photo

import (
	"bytes"
	"image/jpeg"
	"math"
	"testing"

	"github.com/disintegration/imaging"
)

// printWidthPx is the pixel width of a 170 mm column at 150 ppi
// (170 / 25.4 × 150 = 1003.9).
const printWidthPx = 1004

func BenchmarkPrepareSeed(b *testing.B) {
	seed := readSeed(b)
	info, err := Inspect(seed, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(seed)))
	b.ReportAllocs()
	var out *Prepared
	for b.Loop() {
		if out, err = Prepare(seed, info, Target{MaxW: printWidthPx, Quality: DefaultQuality}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(out.Data)), "out-bytes")
	if out.Width != printWidthPx {
		b.Fatalf("width %d", out.Width)
	}
}

func BenchmarkInspect(b *testing.B) {
	seed := readSeed(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inspect(seed, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResizeFilter compares the candidate filters on the seed photo's
// resize step alone.
func BenchmarkResizeFilter(b *testing.B) {
	img, err := jpeg.Decode(bytes.NewReader(readSeed(b)))
	if err != nil {
		b.Fatal(err)
	}
	h := int(math.Round(float64(img.Bounds().Dy()) * float64(printWidthPx) / float64(img.Bounds().Dx())))
	for _, f := range []struct {
		name   string
		filter imaging.ResampleFilter
	}{{"Lanczos", imaging.Lanczos}, {"CatmullRom", imaging.CatmullRom}, {"Linear", imaging.Linear}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				imaging.Resize(img, printWidthPx, h, f.filter)
			}
		})
	}
}
