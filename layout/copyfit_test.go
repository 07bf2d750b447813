package layout

import (
	"math"
	"strings"
	"testing"
)

// Copyfit pulls a short runover back onto the page before it, with every
// word, by the means it reports; it leaves the article alone when it is off
// or when the last page is full enough; with a fixed page count it brings
// overset text in.
func TestCopyfit(t *testing.T) {
	fb := testBook(t)
	// The seed without its last four blocks and its legal footer runs a
	// few lines onto a second page in two columns on A4.
	a := loadFixture(t, "seed-article.json")
	a.Body = a.Body[:len(a.Body)-4]
	a.Footer = nil
	spec := presetSpec(t, "web", "A4", 2)
	lay := func(s Spec) *Document {
		doc, err := Layout(&Input{Article: a, Spec: s, Fonts: fb, Images: fixtureImages(a)})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	plain := lay(spec)
	if len(plain.Pages) != 2 {
		t.Fatalf("without copyfit %d pages; the test wants a short runover", len(plain.Pages))
	}
	spec.Copyfit = true
	fit := lay(spec)
	check(t, "copyfit", a, spec, fit)
	if len(fit.Pages) != 1 {
		t.Fatalf("copyfit: %d pages, want 1 (notes %q)", len(fit.Pages), fit.Notes)
	}
	if len(fit.Notes) == 0 || !strings.HasPrefix(fit.Notes[len(fit.Notes)-1], "copyfit: ") || !strings.Contains(fit.Notes[len(fit.Notes)-1], "2 → 1 pages") {
		t.Errorf("copyfit notes %q", fit.Notes)
	}
	for _, im := range fit.Pages[0].Images {
		if im.Block == -1 && im.H < im.W*9/16-0.01 {
			t.Errorf("lead photo %.1f × %.1f: under 16:9", im.W, im.H)
		}
		if im.Block == -1 && math.Abs(im.H-im.W*9/16) > 0.5 {
			t.Errorf("lead photo %.1f × %.1f: copyfit should have taken it to 16:9", im.W, im.H)
		}
	}

	// A fixed page count: overset without copyfit, in with it.
	spec.Pages = 1
	spec.Copyfit = false
	if d := lay(spec); !d.Overset {
		t.Fatalf("pages=1 without copyfit is not overset")
	}
	spec.Copyfit = true
	if d := lay(spec); d.Overset {
		t.Errorf("pages=1 with copyfit is overset (notes %q)", d.Notes)
	}

	// A last page over a quarter full is left alone.
	b := loadFixture(t, "seed-article.json")
	s2 := presetSpec(t, "web", "A4", 2)
	s2.Copyfit = true
	d, err := Layout(&Input{Article: b, Spec: s2, Fonts: fb, Images: fixtureImages(b)})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Notes {
		if strings.HasPrefix(n, "copyfit") {
			t.Errorf("seed in 2 columns on A4: copyfit ran (%q) though the last page is over a quarter full", n)
		}
	}
}
