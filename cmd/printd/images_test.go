package main

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"printd/engine"
)

// writePNG writes a w×h test picture (a gradient, so that it is not one
// colour) to path.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestSmallImagesAtHonestSize: a 125×63 px picture, as the lead photo and
// in the body, is printed no larger than its pixels allow at 96 ppi (web)
// or 150 ppi (archive, proof) — measured in the PDF by pdfimages — and the
// preflight report lists each picture's effective resolution, as info or
// a warning with a note, never an error.
func TestSmallImagesAtHonestSize(t *testing.T) {
	pdfimages := tool(t, "pdfimages")
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "small.png"), 125, 63)
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var art map[string]any
	if err := json.Unmarshal(data, &art); err != nil {
		t.Fatal(err)
	}
	art["photo"].(map[string]any)["src"] = "small.png"
	body := art["body"].([]any)
	art["body"] = append(append(append([]any{}, body[:3]...), map[string]any{"type": "image", "src": "small.png",
		"caption": "A small illustration.", "credit": "Example Agency"}), body[3:]...)
	b, _ := json.Marshal(art)
	src := filepath.Join(dir, "a.json")
	os.WriteFile(src, b, 0o644)
	for _, c := range []struct {
		preset string
		ppi    float64
	}{{"web", 96}, {"archive", 150}, {"proof", 150}} {
		pdf := filepath.Join(dir, c.preset+".pdf")
		report := filepath.Join(dir, c.preset+".json")
		if code, _, stderr := runCLI(t, "render", src, "--preset", c.preset, "-o", pdf, "--preflight", report); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.preset, code, stderr)
		}
		out, err := exec.Command(pdfimages, "-list", pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, line := range strings.Split(string(out), "\n")[2:] {
			f := strings.Fields(line)
			if len(f) < 14 || f[3] != "125" || f[4] != "63" {
				continue
			}
			n++
			xppi, _ := strconv.ParseFloat(f[12], 64)
			yppi, _ := strconv.ParseFloat(f[13], 64)
			// pdfimages rounds; a picture printed larger would read
			// under the limit
			if xppi < c.ppi-1 || yppi < c.ppi-1 {
				t.Errorf("%s: 125×63 px picture printed at %v × %v ppi, under %v: %s", c.preset, xppi, yppi, c.ppi, line)
			}
		}
		if n != 2 {
			t.Errorf("%s: %d placements of the 125×63 picture in the PDF, want 2 (lead and body):\n%s", c.preset, n, out)
		}
		var r engine.Report
		rb, _ := os.ReadFile(report)
		if err := json.Unmarshal(rb, &r); err != nil {
			t.Fatal(err)
		}
		if len(r.Images) != 2 {
			t.Fatalf("%s: report lists %d images: %+v", c.preset, len(r.Images), r.Images)
		}
		for _, im := range r.Images {
			maxMM := 125 / c.ppi * 25.4
			if im.EffectivePPI != c.ppi || float64(im.PrintedMM[0]) > maxMM+0.5 || im.Pixels != [2]int{125, 63} {
				t.Errorf("%s: %s reported at %v ppi, %v mm, want %v ppi, ≤ %.1f mm", c.preset, im.Where, im.EffectivePPI, im.PrintedMM, c.ppi, maxMM)
			}
			// 150 ppi prints soft on paper; 96 ppi is under the 150 the
			// web prepares for
			want := "warning"
			if im.Level != want || !strings.Contains(im.Note, "narrower than its column") {
				t.Errorf("%s: %s level %q note %q, want %s and a note", c.preset, im.Where, im.Level, im.Note, want)
			}
		}
		if r.Status == "error" {
			t.Errorf("%s: a picture set at its honest size made the report an error: %+v", c.preset, r)
		}
	}
}
