package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// strokes reads the straight strokes ("x y m x y l S") of page 1's
// content stream, each as the rectangle its line width covers, in
// pdftotext's coordinates (points from the top-left corner).
func strokes(t *testing.T, pdf string, height float64) [][4]float64 {
	t.Helper()
	qdf, err := exec.Command(tool(t, "qpdf"), "--qdf", "--object-streams=disable", "--pages", pdf, "1", "--", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	width := 1.0
	var out [][4]float64
	sc := bufio.NewScanner(bytes.NewReader(qdf))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[1] == "w" {
			width, _ = strconv.ParseFloat(f[0], 64)
		}
		if len(f) != 7 || f[2] != "m" || f[5] != "l" || f[6] != "S" {
			continue
		}
		var v [4]float64
		for i, k := range []int{0, 1, 3, 4} {
			v[i], _ = strconv.ParseFloat(f[k], 64)
		}
		h := width / 2
		out = append(out, [4]float64{min(v[0], v[2]) - h, height - max(v[1], v[3]) - h, max(v[0], v[2]) + h, height - min(v[1], v[3]) + h})
	}
	return out
}

// TestProofSlugClearOfMarks measures the proof PDF itself: the words of
// the slug line as pdftotext -bbox places them, against every stroke of
// the page drawn outside the bleed box (the crop and registration marks).
// None may cross another, and the slug names the article, the engine's
// version, the page and PROOF.
func TestProofSlugClearOfMarks(t *testing.T) {
	for _, paper := range []string{"Tabloid", "A4", "Berliner"} {
		pdf := renderFixture(t, "seed-article.json", "--preset", "proof", "--paper", paper)
		b := boxes(t, pdf)
		media, bleed := b["MediaBox"], b["BleedBox"]
		height := media[3]
		out, err := exec.Command(tool(t, "pdftotext"), "-bbox", "-f", "1", "-l", "1", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		var slug []string
		var words [][4]float64
		for _, line := range strings.Split(string(out), "\n") {
			if !strings.Contains(line, "<word") {
				continue
			}
			w := [4]float64{attr(line, "xMin"), attr(line, "yMin"), attr(line, "xMax"), attr(line, "yMax")}
			if w[1] < height-bleed[1] {
				continue // inside the bleed: the page, not its slug
			}
			words = append(words, w)
			_, text, _ := strings.Cut(line, ">")
			text, _, _ = strings.Cut(text, "<")
			slug = append(slug, text)
		}
		s := strings.Join(slug, " ")
		for _, want := range []string{"nge-2025-11-19-zelensky-us-peace-plan", "printd " + "0.1.0", "page 1 of ", "PROOF"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: slug %q lacks %q", paper, s, want)
			}
		}
		marks := 0
		for _, st := range strokes(t, pdf, height) {
			// outside the bleed box (PDF coordinates from the bottom)
			if st[0] < bleed[2] && st[2] > bleed[0] && st[1] < height-bleed[1] && st[3] > height-bleed[3] {
				continue
			}
			marks++
			for i, w := range words {
				if st[0] < w[2] && w[0] < st[2] && st[1] < w[3] && w[1] < st[3] {
					t.Errorf("%s: mark stroke %v crosses slug word %q %v", paper, st, slug[i], w)
				}
			}
		}
		if marks < 8 {
			t.Errorf("%s: %d mark strokes found, want the 8 of the crop marks at least", paper, marks)
		}
	}
}
