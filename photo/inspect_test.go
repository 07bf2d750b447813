package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"runtime"
	"testing"
)

func pngBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func gifBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader returns just a PNG signature and IHDR chunk declaring w×h RGB.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 0, 17)
	ihdr = append(ihdr, "IHDR"...)
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit truecolour, no interlace
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// jpegHeader returns SOI, a baseline SOF0 declaring w×h with 3 components,
// and the start of a scan header (where DecodeConfig stops reading).
func jpegHeader(w, h uint16) []byte {
	out := []byte{0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8}
	out = binary.BigEndian.AppendUint16(out, h)
	out = binary.BigEndian.AppendUint16(out, w)
	out = append(out, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	return append(out, 0xFF, 0xDA, 0x00, 0x0C)
}

// gifHeader returns a GIF89a header and logical screen descriptor.
func gifHeader(w, h uint16) []byte {
	out := []byte("GIF89a")
	out = binary.LittleEndian.AppendUint16(out, w)
	out = binary.LittleEndian.AppendUint16(out, h)
	return append(out, 0, 0, 0)
}

// webpHeader returns a RIFF/WEBP container with a VP8X chunk declaring a
// w×h canvas.
func webpHeader(w, h uint32) []byte {
	vp8x := []byte("VP8X")
	vp8x = binary.LittleEndian.AppendUint32(vp8x, 10)
	vp8x = append(vp8x, 0, 0, 0, 0)
	vp8x = append(vp8x, byte(w-1), byte((w-1)>>8), byte((w-1)>>16))
	vp8x = append(vp8x, byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(4+len(vp8x)))
	out = append(out, "WEBP"...)
	return append(out, vp8x...)
}

func TestInspectFormats(t *testing.T) {
	seed := readSeed(t)
	tests := []struct {
		name string
		data []byte
		want Info
	}{
		{"seed jpeg", seed, Info{Width: 2400, Height: 1600, Format: FormatJPEG, Orientation: 1}},
		{"png", pngBytes(t, 7, 5), Info{Width: 7, Height: 5, Format: FormatPNG, Orientation: 1}},
		{"gif", gifBytes(t, 9, 4), Info{Width: 9, Height: 4, Format: FormatGIF, Orientation: 1}},
		{"webp header", webpHeader(640, 480), Info{Width: 640, Height: 480, Format: FormatWebP, Orientation: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Inspect(tt.data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Inspect = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestInspectPixelCap(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"png", pngHeader(30000, 30000)},
		{"jpeg", jpegHeader(30000, 30000)},
		{"gif", gifHeader(30000, 30000)},
		{"webp", webpHeader(30000, 30000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Inspect(tt.data, DefaultMaxPixels); !errors.Is(err, ErrTooManyPixels) {
				t.Fatalf("error = %v, want ErrTooManyPixels", err)
			}
			// Refusal comes from the header: a 30000×30000 RGBA decode
			// would need 3.6 GB, the check must stay far below 1 MiB.
			const runs = 20
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for range runs {
				Inspect(tt.data, DefaultMaxPixels)
			}
			runtime.ReadMemStats(&after)
			if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 1<<20 {
				t.Fatalf("Inspect allocated %d bytes per call", per)
			}
		})
	}

	// The cap is inclusive and configurable.
	if _, err := Inspect(pngHeader(100, 100), 10000); err != nil {
		t.Fatalf("at cap: %v", err)
	}
	if _, err := Inspect(pngHeader(100, 101), 10000); !errors.Is(err, ErrTooManyPixels) {
		t.Fatalf("over cap: error = %v", err)
	}
}

func TestInspectRejects(t *testing.T) {
	jpg := testJPEG(t, 32, 32)
	tests := []struct {
		name string
		data []byte
	}{
		{"html", []byte("<!DOCTYPE html><html><body>Not found</body></html>")},
		{"json", []byte(`{"error":"nope"}`)},
		{"empty", nil},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)},
		{"bmp", append([]byte("BM"), make([]byte, 60)...)},
		{"jpeg magic only", jpg[:3]},
		{"jpeg cut before frame", jpg[:20]},
		{"png signature only", pngHeader(10, 10)[:8]},
		{"png zero width", pngHeader(0, 10)},
		{"gif zero size", gifHeader(0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Inspect(tt.data, 0); !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error = %v, want ErrUnsupported", err)
			}
		})
	}
}

// TestTruncatedJPEG cuts a JPEG at every length: each cut either inspects
// and prepares, or fails with ErrUnsupported; nothing panics.
func TestTruncatedJPEG(t *testing.T) {
	jpg := withExif(testJPEG(t, 40, 24), exifSegment(binary.BigEndian, 6))
	failures := 0
	for n := range len(jpg) {
		data := jpg[:n]
		info, err := Inspect(data, 0)
		if err == nil {
			_, err = Prepare(data, info, Target{})
		}
		if err != nil {
			failures++
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("cut at %d: error %v does not match ErrUnsupported", n, err)
			}
		}
	}
	if failures < len(jpg)/2 {
		t.Fatalf("only %d of %d truncations failed", failures, len(jpg))
	}
}

func FuzzInspect(f *testing.F) {
	f.Add(pngHeader(10, 10))
	f.Add(jpegHeader(10, 10))
	f.Add(gifHeader(10, 10))
	f.Add(webpHeader(10, 10))
	f.Add(withExif(jpegHeader(8, 8), exifSegment(binary.LittleEndian, 8)))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data, 1<<16)
		if err != nil {
			return
		}
		if info.Width <= 0 || info.Height <= 0 || int64(info.Width)*int64(info.Height) > 1<<16 {
			t.Fatalf("Inspect accepted %+v", info)
		}
		if info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("orientation %d", info.Orientation)
		}
	})
}
