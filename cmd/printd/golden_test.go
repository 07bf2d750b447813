package main

import (
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden page images")

// TestGoldenPage compares page 1 of the seed article in each preset,
// rasterised at 40 dpi in grey, with the reviewed images in testdata/golden.
// A few pixels may differ (rasteriser versions, the proof's slug time); a
// changed layout may not. Run with -update after looking at a deliberate
// change.
func TestGoldenPage(t *testing.T) {
	for _, c := range []struct{ preset, golden string }{
		{"web", "seed-page1.png"},
		{"archive", "seed-archive-page1.png"},
		{"proof", "seed-proof-page1.png"},
	} {
		t.Run(c.preset, func(t *testing.T) { goldenPage(t, c.preset, c.golden) })
	}
}

func goldenPage(t *testing.T, preset, name string) {
	comparePage(t, renderFixture(t, "seed-article.json", "--preset", preset), name, preset)
}

// comparePage compares page 1 of pdf with the golden image name (or
// rewrites it under -update); label names the case in the output.
func comparePage(t *testing.T, pdf, name, label string) {
	t.Helper()
	pdftoppm := tool(t, "pdftoppm")
	dir := t.TempDir()
	if out, err := exec.Command(pdftoppm, "-png", "-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(dir, "got")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	gotPath := filepath.Join(dir, "got.png")
	golden := filepath.Join("..", "..", "testdata", "golden", name)
	if *update {
		b, _ := os.ReadFile(gotPath)
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, want := readGray(t, gotPath), readGray(t, golden)
	if got.Bounds() != want.Bounds() {
		t.Fatalf("page size %v, golden %v", got.Bounds(), want.Bounds())
	}
	diff := image.NewGray(got.Bounds())
	bad := 0
	for i := range got.Pix {
		d := int(got.Pix[i]) - int(want.Pix[i])
		if d < 0 {
			d = -d
		}
		if d > 48 {
			bad++
			diff.Pix[i] = 255
		}
	}
	if share := float64(bad) / float64(len(got.Pix)); share > 0.005 {
		out := filepath.Join(os.TempDir(), "printd-golden", label)
		os.MkdirAll(out, 0o755)
		b, _ := os.ReadFile(gotPath)
		os.WriteFile(filepath.Join(out, "got.png"), b, 0o644)
		f, _ := os.Create(filepath.Join(out, "diff.png"))
		png.Encode(f, diff)
		f.Close()
		t.Errorf("page 1 differs from the golden image in %.2f%% of pixels; see %s", share*100, out)
	}
}

func readGray(t *testing.T, path string) *image.Gray {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}
