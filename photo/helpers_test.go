package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// seedPhotoPath is the shared 2400×1600 JPEG fixture.
const seedPhotoPath = "../testdata/seed-photo.jpg"

func readSeed(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.FromSlash(seedPhotoPath))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// countingServer serves h on 127.0.0.1 and counts the requests that reach
// it.
type countingServer struct {
	*httptest.Server
	hits atomic.Int64
}

func newCountingServer(t *testing.T, h http.HandlerFunc) *countingServer {
	t.Helper()
	s := &countingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func serveBytes(data []byte, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(data)
	}
}

// testJPEG encodes a w×h JPEG split into four coloured quadrants.
func testJPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, quadrantColor(x, y, w, h))
		}
	}
	return encodeJPEG(tb, img, 95)
}

func encodeJPEG(tb testing.TB, img image.Image, quality int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

var (
	red    = color.RGBA{220, 30, 30, 255}
	green  = color.RGBA{30, 200, 40, 255}
	blue   = color.RGBA{30, 40, 210, 255}
	yellow = color.RGBA{240, 220, 20, 255}
	white  = color.RGBA{255, 255, 255, 255}
)

// quadrantColor paints the upright test picture: red top-left, green
// top-right, blue bottom-left, yellow bottom-right.
func quadrantColor(x, y, w, h int) color.RGBA {
	left, top := x < w/2, y < h/2
	switch {
	case left && top:
		return red
	case top:
		return green
	case left:
		return blue
	default:
		return yellow
	}
}

// near reports whether got is within tol of want on every channel.
func near(got color.Color, want color.RGBA, tol int) bool {
	r, g, b, _ := got.RGBA()
	d := func(a uint32, b uint8) int { return abs(int(a>>8) - int(b)) }
	return d(r, want.R) <= tol && d(g, want.G) <= tol && d(b, want.B) <= tol
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
