package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"printd/internal/jpegmeta"
	"testing"
)

func decodeJPEG(tb testing.TB, data []byte) image.Image {
	tb.Helper()
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		tb.Fatalf("output is not a JPEG")
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

func inspectPrepare(tb testing.TB, data []byte, maxW, maxH, quality int) *Prepared {
	tb.Helper()
	info, err := Inspect(data, 0)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := Prepare(data, info, Target{MaxW: maxW, MaxH: maxH, Quality: quality})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestPrepareSeed(t *testing.T) {
	seed := readSeed(t)
	tests := []struct {
		name         string
		maxW, maxH   int
		wantW, wantH int
		passThrough  bool
	}{
		{"downsample by width", 1000, 0, 1000, 667, false},
		{"fits", 3000, 0, 2400, 1600, true},
		{"exact fit", 2400, 1600, 2400, 1600, true},
		{"unbounded", 0, 0, 2400, 1600, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := inspectPrepare(t, seed, tt.maxW, tt.maxH, 85)
			if p.Width != tt.wantW || p.Height != tt.wantH || p.SourceWidth != 2400 || p.SourceHeight != 1600 {
				t.Fatalf("got %d×%d from %d×%d, want %d×%d from 2400×1600", p.Width, p.Height, p.SourceWidth, p.SourceHeight, tt.wantW, tt.wantH)
			}
			if p.PassedThrough != tt.passThrough {
				t.Fatalf("PassedThrough = %v", p.PassedThrough)
			}
			if tt.passThrough {
				if !bytes.Equal(p.Data, seed) {
					t.Fatal("passed-through bytes differ from the source")
				}
				return
			}
			if b := decodeJPEG(t, p.Data).Bounds(); b.Dx() != tt.wantW || b.Dy() != tt.wantH {
				t.Fatalf("encoded JPEG is %v", b)
			}
			if !jpegmeta.Scan(p.Data).Baseline() {
				t.Fatal("output is not baseline")
			}
		})
	}
}

func TestPrepareFlattensAlphaOntoWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	for y := range 32 {
		for x := range 32 {
			switch {
			case x < 16 && y < 16:
				img.Set(x, y, color.NRGBA{0, 0, 0, 0}) // fully transparent black
			case x >= 16 && y < 16:
				img.Set(x, y, color.NRGBA{0, 0, 0, 128}) // half-transparent black
			default:
				img.Set(x, y, color.NRGBA{30, 40, 210, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	for _, maxW := range []int{0, 16} {
		out := decodeJPEG(t, inspectPrepare(t, buf.Bytes(), maxW, 0, 90).Data)
		w := out.Bounds().Dx()
		if !near(out.At(w/4, w/4), white, 12) {
			t.Errorf("maxW %d: transparent area = %v, want white", maxW, out.At(w/4, w/4))
		}
		if !near(out.At(3*w/4, w/4), color.RGBA{127, 127, 127, 255}, 12) {
			t.Errorf("maxW %d: half-transparent black = %v, want mid grey", maxW, out.At(3*w/4, w/4))
		}
		if !near(out.At(w/2, 3*w/4), blue, 30) {
			t.Errorf("maxW %d: opaque area = %v, want blue", maxW, out.At(w/2, 3*w/4))
		}
	}
}

func TestPrepareGIF(t *testing.T) {
	// A 64×64 screen whose first frame covers only (16,16)-(48,48), with a
	// transparent palette entry; red fills the frame's bottom-right quarter.
	// Probes sit in different 16×16 JPEG blocks so chroma does not bleed.
	pal := color.Palette{color.RGBA{0, 0, 0, 0}, red}
	frame := image.NewPaletted(image.Rect(16, 16, 48, 48), pal)
	for y := 32; y < 48; y++ {
		for x := 32; x < 48; x++ {
			frame.SetColorIndex(x, y, 1)
		}
	}
	var buf bytes.Buffer
	err := gif.EncodeAll(&buf, &gif.GIF{
		Image:  []*image.Paletted{frame},
		Delay:  []int{0},
		Config: image.Config{ColorModel: pal, Width: 64, Height: 64},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := inspectPrepare(t, buf.Bytes(), 0, 0, 95)
	if p.Width != 64 || p.Height != 64 || p.PassedThrough {
		t.Fatalf("got %d×%d passed=%v", p.Width, p.Height, p.PassedThrough)
	}
	out := decodeJPEG(t, p.Data)
	for _, pt := range []image.Point{{4, 4}, {60, 60}, {20, 20}} {
		if !near(out.At(pt.X, pt.Y), white, 8) {
			t.Errorf("%v = %v, want white", pt, out.At(pt.X, pt.Y))
		}
	}
	if !near(out.At(40, 40), red, 30) {
		t.Errorf("frame centre = %v, want red", out.At(40, 40))
	}
}

func TestPrepareWebP(t *testing.T) {
	for _, name := range []string{"alpha-lossless.webp", "alpha-lossy.webp"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			p := inspectPrepare(t, data, 0, 0, 95)
			if p.Width != 32 || p.Height != 16 || p.PassedThrough {
				t.Fatalf("got %d×%d passed=%v", p.Width, p.Height, p.PassedThrough)
			}
			out := decodeJPEG(t, p.Data)
			if !near(out.At(4, 8), white, 12) {
				t.Errorf("transparent half = %v, want white", out.At(4, 8))
			}
			if !near(out.At(27, 8), blue, 30) {
				t.Errorf("opaque half = %v, want blue", out.At(27, 8))
			}
		})
	}
}

func TestPrepareGrayJPEGPassesThrough(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 24, 24))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	data := encodeJPEG(t, img, 90)
	if p := inspectPrepare(t, data, 100, 100, 0); !p.PassedThrough || !bytes.Equal(p.Data, data) {
		t.Fatal("a small grey baseline JPEG was re-encoded")
	}
	p := inspectPrepare(t, data, 12, 0, 0)
	if p.PassedThrough || p.Width != 12 || p.Height != 12 {
		t.Fatalf("downsampled grey: %d×%d passed=%v", p.Width, p.Height, p.PassedThrough)
	}
	decodeJPEG(t, p.Data)
}

func TestPrepareRejectsMismatchedInfo(t *testing.T) {
	data := testJPEG(t, 32, 16)
	good, err := Inspect(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		info Info
	}{
		{"zero info", Info{}},
		{"wrong size", Info{Width: 16, Height: 16, Format: FormatJPEG, Orientation: 1}},
		{"wrong format", Info{Width: 32, Height: 16, Format: FormatPNG, Orientation: 1}},
		{"orientation that swaps axes", Info{Width: 32, Height: 16, Format: FormatJPEG, Orientation: 6}},
	}
	for _, tt := range tests {
		if _, err := Prepare(data, tt.info, Target{}); err == nil {
			t.Errorf("%s: Prepare accepted %+v (good is %+v)", tt.name, tt.info, good)
		}
	}
	if _, err := Prepare([]byte("<html></html>"), good, Target{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("HTML: error = %v, want ErrUnsupported", err)
	}
}

func TestPrepareQuality(t *testing.T) {
	data := pngBytes(t, 64, 64)
	low := inspectPrepare(t, data, 0, 0, 10)
	high := inspectPrepare(t, data, 0, 0, 0) // default 85
	top := inspectPrepare(t, data, 0, 0, 1000)
	if !(len(low.Data) < len(high.Data) && len(high.Data) < len(top.Data)) {
		t.Fatalf("sizes q10=%d q85=%d q100=%d not increasing", len(low.Data), len(high.Data), len(top.Data))
	}
}

func TestFitWithin(t *testing.T) {
	tests := []struct {
		w, h, maxW, maxH int
		wantW, wantH     int
	}{
		{2400, 1600, 1000, 0, 1000, 667},
		{2400, 1600, 0, 400, 600, 400},
		{2400, 1600, 1004, 10000, 1004, 669},
		{1600, 2400, 1000, 1000, 667, 1000},
		{100, 50, 200, 200, 100, 50}, // never upscale
		{100, 50, 0, 0, 100, 50},
		{100, 50, -5, -5, 100, 50},
		{10000, 1, 100, 0, 100, 1}, // never below one pixel
		{1, 10000, 0, 100, 1, 100},
	}
	for _, tt := range tests {
		w, h := fitWithin(tt.w, tt.h, tt.maxW, tt.maxH)
		if w != tt.wantW || h != tt.wantH {
			t.Errorf("fitWithin(%d,%d,%d,%d) = %d×%d, want %d×%d", tt.w, tt.h, tt.maxW, tt.maxH, w, h, tt.wantW, tt.wantH)
		}
	}
}
