package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

// FuzzPrepare feeds arbitrary bytes through the whole preparation path a
// fetched photo takes: Inspect under a small pixel cap, then decode, orient,
// downsample and encode. Either step may refuse the input; neither may
// panic, and what comes out must be a JPEG of the size it claims, inside
// the target box.
func FuzzPrepare(f *testing.F) {
	small := testJPEG(f, 24, 16)
	f.Add(small, 16, 16, false)
	f.Add(withExif(small, exifSegment(binary.LittleEndian, 6)), 10, 40, false)
	var buf bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 9, 7))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	png.Encode(&buf, img)
	f.Add(bytes.Clone(buf.Bytes()), 4, 4, true)
	buf.Reset()
	pal := image.NewPaletted(image.Rect(0, 0, 5, 5), color.Palette{color.Black, color.White})
	gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{pal, pal}, Delay: []int{0, 0}})
	f.Add(bytes.Clone(buf.Bytes()), 0, 0, false)
	f.Add(webpHeader(10, 10), 5, 5, false)
	f.Add(pngHeader(1<<15, 1<<15), 5, 5, false)
	f.Fuzz(func(t *testing.T, data []byte, maxW, maxH int, gray bool) {
		const maxPixels = 1 << 16
		info, err := Inspect(data, maxPixels)
		if err != nil {
			return
		}
		maxW, maxH = maxW%512, maxH%512
		p, err := Prepare(data, info, Target{MaxW: maxW, MaxH: maxH, Gray: gray})
		if err != nil {
			return
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(p.Data))
		if err != nil {
			t.Fatalf("prepared photo is not a JPEG: %v", err)
		}
		if cfg.Width != p.Width || cfg.Height != p.Height {
			t.Fatalf("prepared %d×%d, JPEG says %d×%d", p.Width, p.Height, cfg.Width, cfg.Height)
		}
		if p.Width <= 0 || p.Height <= 0 {
			t.Fatalf("prepared an empty photo %d×%d", p.Width, p.Height)
		}
		if (maxW > 0 && p.Width > maxW) || (maxH > 0 && p.Height > maxH) {
			t.Fatalf("prepared %d×%d for a %d×%d box", p.Width, p.Height, maxW, maxH)
		}
	})
}
