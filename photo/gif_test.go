package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"runtime"
	"testing"
	"time"
)

// manyFrameGIF is a w×h GIF whose first frame is red all over (up to
// 64×64), followed by frames-1 small green frames in the middle of the
// screen. image/gif encodes the first two frames; the second frame's bytes
// are then repeated, which is much faster than encoding 10,000 frames.
func manyFrameGIF(tb testing.TB, w, h, frames int) []byte {
	tb.Helper()
	pal := color.Palette{red, color.RGBA{0, 255, 0, 255}}
	first := image.NewPaletted(image.Rect(0, 0, min(w, 64), min(h, 64)), pal) // all red (index 0)
	cx, cy := min(w, 64)/2, min(h, 64)/2
	small := image.NewPaletted(image.Rect(cx-2, cy-2, cx+2, cy+2), pal)
	for i := range small.Pix {
		small.Pix[i] = 1
	}
	encode := func(imgs ...*image.Paletted) []byte {
		var buf bytes.Buffer
		err := gif.EncodeAll(&buf, &gif.GIF{
			Image:     imgs,
			Delay:     make([]int, len(imgs)),
			LoopCount: -1, // no application extension, so one frame is a prefix of two
			Config:    image.Config{ColorModel: pal, Width: w, Height: h},
		})
		if err != nil {
			tb.Fatal(err)
		}
		return buf.Bytes()
	}
	one, two := encode(first), encode(first, small)
	head := one[:len(one)-1] // without the trailer
	if !bytes.HasPrefix(two, head) || two[len(two)-1] != 0x3B {
		tb.Fatal("unexpected GIF layout")
	}
	frame := two[len(head) : len(two)-1]
	out := make([]byte, 0, len(head)+(frames-1)*len(frame)+1)
	out = append(out, head...)
	for range frames - 1 {
		out = append(out, frame...)
	}
	return append(out, 0x3B)
}

// TestGIFManyFramesDecodesOnlyTheFirst: a 10,000-frame GIF is inspected and
// prepared from its first frame alone, quickly and within a small
// allocation budget; the same frames on a huge logical screen are refused
// by the pixel cap.
func TestGIFManyFramesDecodesOnlyTheFirst(t *testing.T) {
	const frames = 10_000
	data := manyFrameGIF(t, 64, 48, frames)
	if len(data) > 512<<10 {
		t.Fatalf("fixture is %d bytes", len(data))
	}
	// The construction is checked on a short version: every frame decodes.
	if all, err := gif.DecodeAll(bytes.NewReader(manyFrameGIF(t, 64, 48, 5))); err != nil || len(all.Image) != 5 {
		t.Fatalf("fixture: %v", err)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	info, err := Inspect(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(data, info, Target{Quality: 90})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	// Decoding every frame costs at least one allocation per frame.
	if n := after.Mallocs - before.Mallocs; n > frames/2 {
		t.Errorf("%d allocations: more than the first frame was decoded", n)
	}
	if took > 5*time.Second {
		t.Errorf("took %v", took)
	}
	if info != (Info{Width: 64, Height: 48, Format: FormatGIF, Orientation: 1}) || p.Width != 64 || p.Height != 48 {
		t.Fatalf("info %+v, prepared %d×%d", info, p.Width, p.Height)
	}
	out := decodeJPEG(t, p.Data)
	if b := out.Bounds(); b.Dx() != 64 || b.Dy() != 48 {
		t.Fatalf("JPEG is %v", b)
	}
	for _, pt := range []image.Point{{32, 24}, {4, 4}, {60, 44}} {
		if !near(out.At(pt.X, pt.Y), red, 30) {
			t.Errorf("%v = %v, want the first frame's red", pt, out.At(pt.X, pt.Y))
		}
	}

	huge := manyFrameGIF(t, 65535, 65535, frames)
	start = time.Now()
	if _, err := Inspect(huge, 0); !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("65535×65535 screen: error = %v, want ErrTooManyPixels", err)
	}
	if _, err := Inspect(manyFrameGIF(t, 2000, 2000, 2), 1_000_000); !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("2000×2000 screen over a 1 M pixel cap: error = %v, want ErrTooManyPixels", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusal took %v", d)
	}
}
