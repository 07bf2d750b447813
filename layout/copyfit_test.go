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

	// The whole seed runs 9 lines a column and its closing block onto a
	// second page: the stronger steps pull it back, the lead photo still
	// 16:9 (set smaller, not cropped further) with its caption beside it.
	b := loadFixture(t, "seed-article.json")
	s2 := presetSpec(t, "web", "A4", 2)
	s2.Copyfit = true
	in := &Input{Article: b, Spec: s2, Fonts: fb, Images: fixtureImages(b), QR: testQR(25)}
	d, err := Layout(in)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "seed copyfit", b, s2, d)
	if len(d.Pages) != 1 {
		t.Fatalf("seed with copyfit: %d pages (notes %q)", len(d.Pages), d.Notes)
	}
	note := d.Notes[len(d.Notes)-1]
	for _, w := range []string{"caption beside it", "closing block at the foot of the last column", "2 → 1 pages"} {
		if !strings.Contains(note, w) {
			t.Errorf("copyfit note %q lacks %q", note, w)
		}
	}
	var lead Image
	for _, im := range d.Pages[0].Images {
		if im.Block == -1 {
			lead = im
		}
	}
	if math.Abs(lead.H-lead.W*9/16) > 0.5 || lead.W > s2.Content().W*0.81 {
		t.Errorf("lead photo %.1f × %.1f: want 16:9, set smaller than the type area", lead.W, lead.H)
	}
	if px := in.Images[b.Photo.Src]; math.Abs(lead.Full.W/lead.Full.H-float64(px.Width)/float64(px.Height)) > 0.01 {
		t.Errorf("lead photo's full picture %.1f × %.1f: not in the proportion of its %d × %d pixels", lead.Full.W, lead.Full.H, px.Width, px.Height)
	}
	caps := 0
	for _, tx := range d.Pages[0].Texts {
		if tx.Role != RoleCaption && tx.Role != RoleCredit {
			continue
		}
		caps++
		if box := tx.Box(); box.X < lead.Right() || box.Bottom() > lead.Bottom()+1 || box.Y < lead.Y {
			t.Errorf("caption text %q at %+v not beside the photo %+v", tx.Text, box, lead.Rect)
		}
	}
	if caps == 0 {
		t.Errorf("no caption on the page")
	}
	// the closing block is in the last column, under its text
	cols := d.Pages[0].Columns
	for _, tx := range d.Pages[0].Texts {
		if tx.Role == RoleLegal && !cols[len(cols)-1].Contains(tx.Box(), 0.01) {
			t.Errorf("closing block text %q at %+v outside the last column %+v", tx.Text, tx.Box(), cols[len(cols)-1])
		}
	}

	// A last page whose text fills over a quarter of it is left alone:
	// the seed on Letter.
	s3 := presetSpec(t, "web", "Letter", 2)
	s3.Copyfit = true
	d, err = Layout(&Input{Article: b, Spec: s3, Fonts: fb, Images: fixtureImages(b)})
	if err != nil {
		t.Fatal(err)
	}
	low := 0.0
	last := d.Pages[len(d.Pages)-1]
	for _, tx := range last.Texts {
		if tx.Role == RoleBody {
			low = max(low, tx.Box().Bottom())
		}
	}
	if fill := (low - s3.Content().Y) / s3.Content().H; len(d.Pages) < 2 || fill < copyfitFill {
		t.Fatalf("seed on Letter: %d pages, the last %.0f %% full; the test wants one over a quarter", len(d.Pages), 100*fill)
	}
	for _, n := range d.Notes {
		if strings.HasPrefix(n, "copyfit") {
			t.Errorf("seed in 2 columns on Letter: copyfit ran (%q) though the last page is over a quarter full", n)
		}
	}
}

// testQR is a stand-in QR code of n modules a side.
func testQR(n int) [][]bool {
	qr := make([][]bool, n)
	for i := range qr {
		qr[i] = make([]bool, n)
		qr[i][i] = true
	}
	return qr
}
