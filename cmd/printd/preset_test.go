package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"printd/engine"
)

func renderFixture(t *testing.T, fixture string, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.pdf")
	all := append([]string{"render", filepath.Join("..", "..", "testdata", fixture), "-o", out}, args...)
	if code, _, stderr := runCLI(t, all...); code != 0 {
		t.Fatalf("render %v: exit %d: %s", args, code, stderr)
	}
	return out
}

// boxes reads a page's boxes with pdfinfo, in points: name → x0 y0 x1 y1.
func boxes(t *testing.T, pdf string) map[string][4]float64 {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), "-box", "-f", "1", "-l", "1", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][4]float64{}
	for _, line := range strings.Split(string(out), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		f := strings.Fields(rest)
		if !ok || len(f) != 4 || !strings.HasSuffix(name, "Box") {
			continue
		}
		var v [4]float64
		for i := range f {
			v[i], _ = strconv.ParseFloat(f[i], 64)
		}
		m[strings.TrimPrefix(strings.TrimSpace(name), "Page    1 ")] = v
	}
	return m
}

func TestProofPreset(t *testing.T) {
	pdf := renderFixture(t, "seed-article.json", "--preset", "proof", "--paper", "Berliner", "--bleed", "5")
	b := boxes(t, pdf)
	media, trim, bleed := b["MediaBox"], b["TrimBox"], b["BleedBox"]
	mm := 72 / 25.4
	if w := trim[2] - trim[0]; w < 315*mm-1 || w > 315*mm+1 {
		t.Errorf("trim width %.1f pt, want Berliner 315 mm", w)
	}
	if d := trim[0] - bleed[0]; d < 5*mm-0.1 || d > 5*mm+0.1 {
		t.Errorf("bleed %.2f pt, want 5 mm", d)
	}
	if !(media[0] < bleed[0] && media[2] > bleed[2]) {
		t.Errorf("no room for marks outside the bleed: media %v bleed %v", media, bleed)
	}
	// The slug line and marks lie outside the trim; everything else inside.
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", "-f", "1", "-l", "1", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, ">PROOF<") || !strings.Contains(s, "nge-2025-11-19-zelensky-us-peace-plan") {
		t.Errorf("slug line lacks PROOF or the article id")
	}
	height := media[3]
	for _, line := range strings.Split(s, "\n") {
		if !strings.Contains(line, "<word") {
			continue
		}
		yMin := attr(line, "yMin")
		yMax := attr(line, "yMax")
		inside := yMin >= height-trim[3] && yMax <= height-trim[1]
		isSlug := strings.Contains(line, "PROOF") || yMin > height-trim[1]
		if isSlug && inside {
			t.Errorf("slug word inside the trim: %s", line)
		}
		if !isSlug && !inside {
			t.Errorf("page text outside the trim: %s", line)
		}
	}
}

func attr(line, name string) float64 {
	_, rest, _ := strings.Cut(line, name+`="`)
	v, _, _ := strings.Cut(rest, `"`)
	f, _ := strconv.ParseFloat(v, 64)
	return f
}

func TestWebPresetQRAndLinks(t *testing.T) {
	pdf := renderFixture(t, "seed-article.json")
	zbar := tool(t, "zbarimg")
	dir := t.TempDir()
	if out, err := exec.Command(tool(t, "pdftoppm"), "-png", "-r", "150", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	last := pages[len(pages)-1]
	got, _ := exec.Command(zbar, "-q", "--raw", last).Output()
	if strings.TrimSpace(string(got)) != "https://example.org/articles/2025/11/19/zelensky-us-peace-plan" {
		t.Errorf("QR code on the last page reads %q", got)
	}
	qdf, err := exec.Command(tool(t, "qpdf"), "--qdf", "--object-streams=disable", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, uri := range []string{"https://example.org/terms", "https://example.org/privacy"} {
		if !bytes.Contains(qdf, []byte("/URI ("+uri+")")) {
			t.Errorf("no link annotation to %s", uri)
		}
	}
	if !bytes.Contains(qdf, []byte("/Outlines")) {
		t.Error("no bookmarks")
	}
}

func TestArchiveIsDeterministic(t *testing.T) {
	a := renderFixture(t, "ru-article.json", "--preset", "archive")
	b := renderFixture(t, "ru-article.json", "--preset", "archive")
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if sha256.Sum256(da) != sha256.Sum256(db) {
		t.Error("the same article gave different archive bytes")
	}
}

func TestPreflightReportsSmallPhoto(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 240, 160))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.Black)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "small.jpg"), jb.Bytes(), 0o644)
	data, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-article.json"))
	art := strings.Replace(string(data), `"seed-photo.jpg"`, `"small.jpg"`, 1)
	src := filepath.Join(dir, "a.json")
	os.WriteFile(src, []byte(art), 0o644)
	report := filepath.Join(dir, "report.json")
	code, _, stderr := runCLI(t, "render", src, "--preset", "proof", "-o", filepath.Join(dir, "a.pdf"), "--preflight", report, "--pages", "1", "--paper", "150x200mm", "--columns", "2")
	// Overset is an error in the proof preset: exit 1, no PDF, the report
	// still written.
	if code != 1 || !strings.Contains(stderr, "overset") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.pdf")); err == nil {
		t.Error("an overset proof was written")
	}
	var r engine.Report
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	// The photo is set at its size at 150 ppi (40.6 mm wide), not blown up
	// to the type area's width: a warning, not an error.
	if r.Status != "error" || len(r.Images) != 1 || r.Images[0].Level != "warning" || r.Images[0].EffectivePPI != 150 ||
		r.Images[0].PrintedMM[0] > 41 || r.Images[0].Note == "" {
		t.Errorf("small photo not set at its 150 ppi size and reported: %+v", r)
	}
	if r.Pages != 1 || len(r.Fonts) == 0 {
		t.Errorf("report: %+v", r)
	}
	if !r.Overset {
		t.Errorf("the seed article should be overset on one 150 × 200 mm page: %+v", r)
	}
}
