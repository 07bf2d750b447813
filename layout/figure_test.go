package layout

import (
	"math"
	"testing"

	"printd/article"
)

// TestHonestImageSize: a 125×63 px picture is printed no wider than its
// pixels allow at the spec's MinPPI, centred in its column (or at its
// start), caption under it; with enough pixels it takes the column.
func TestHonestImageSize(t *testing.T) {
	a := loadFixture(t, "seed-article.json")
	body := append([]article.Block{}, a.Body[:2]...)
	body = append(body, article.Block{Type: article.ImageBlock, Image: &article.Image{Src: "small.png", Caption: "A small picture."}})
	a.Body = append(body, a.Body[2:]...)
	for _, c := range []struct {
		ppi   float64
		align Align
		px    [2]int
	}{{96, AlignCenter, [2]int{125, 63}}, {150, AlignCenter, [2]int{125, 63}}, {150, AlignLeft, [2]int{125, 63}}, {150, AlignCenter, [2]int{3000, 1512}}} {
		spec := presetSpec(t, "archive", "A4", 2)
		spec.MinPPI, spec.FigureAlign = c.ppi, c.align
		imgs := fixtureImages(a)
		imgs["small.png"] = ImageInfo{c.px[0], c.px[1]}
		doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t), Images: imgs})
		if err != nil {
			t.Fatal(err)
		}
		check(t, "small image", a, spec, doc)
		found := false
		for _, p := range doc.Pages {
			for _, im := range p.Images {
				if im.Src != "small.png" {
					continue
				}
				found = true
				honest := float64(c.px[0]) / c.ppi * 72
				want := min(honest, spec.ColumnWidth())
				if !im.Limited && im.W < want {
					// set smaller to fit a column's foot, from its left edge
					want = im.W
				}
				if math.Abs(im.W-want) > 0.01 || math.Abs(im.H-want*float64(c.px[1])/float64(c.px[0])) > 0.01 || im.Full != im.Rect {
					t.Errorf("%v ppi %v px: picture %+v, want %.2f pt wide, uncropped", c.ppi, c.px, im, want)
				}
				if im.Limited != (honest < spec.ColumnWidth()) {
					t.Errorf("%v ppi %v px: Limited %v", c.ppi, c.px, im.Limited)
				}
				var col Rect
				for _, cr := range p.Columns {
					if cr.Contains(im.Rect, 0.01) {
						col = cr
					}
				}
				wantX := col.X + (col.W-im.W)/2
				if c.align == AlignLeft || !im.Limited {
					wantX = col.X
				}
				if col.W == 0 || math.Abs(im.X-wantX) > 0.01 {
					t.Errorf("%v ppi align %v: picture at x %.2f in column %+v, want %.2f", c.ppi, c.align, im.X, col, wantX)
				}
			}
		}
		if !found {
			t.Errorf("%v ppi: the small picture is not on any page", c.ppi)
		}
	}
}
