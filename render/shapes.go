package render

import (
	"printd/layout"
)

// boxes draws a page's filled rectangles (QR code modules).
func (d *drawer) boxes(p *layout.Page) {
	last := layout.Color{R: 1, G: 2, B: 3}
	if len(p.Boxes) > 0 {
		d.tag.to(artLayout)
	}
	for i, b := range p.Boxes {
		if i == 0 || b.Color != last {
			d.pdf.SetFillColor(d.color(b.Color))
			last = b.Color
		}
		d.pdf.Rect(b.X, b.Y, b.W, b.H, "F")
	}
}

// pageBoxes sets the trim and bleed boxes of a page whose sheet is larger
// than the finished page (a proof with bleed and marks).
func (d *drawer) pageBoxes(p *layout.Page) {
	if p.Trim.W == 0 || (p.Trim.W == p.Width && p.Trim.H == p.Height) {
		return
	}
	// PDF boxes are in the page's bottom-up coordinates; fpdf's
	// SetPageBox takes top-down ones, like everything else here.
	d.pdf.SetPageBox("TrimBox", p.Trim.X, p.Trim.Y, p.Trim.W, p.Trim.H)
	d.pdf.SetPageBox("BleedBox", p.Bleed.X, p.Bleed.Y, p.Bleed.W, p.Bleed.H)
}
