package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"printd/article"
	"printd/internal/describe"
)

// Figures: a picture with its caption and credit, set as one unit that
// never splits. A picture is never printed larger than its pixels allow at
// Spec.MinPPI: a small one is set at that size, placed in the column as
// Spec.FigureAlign says, its caption under it. The lead photo may be
// cropped around its focal point to fit its height; a body picture is
// cropped only when the article gives its focus, and otherwise set smaller.

// captionMinW is the narrowest a caption under a small picture is set.
const captionMinW = 144.0

// figure is an image scaled to width (and at most maxH tall) with its
// caption and credit below, as one unit that never splits. block is -1 for
// the lead photo.
func (c *composer) figure(im *article.Image, width, maxH float64, block int, where string) *unit {
	s := c.spec
	var parts []*unit
	capW, capX := width, 0.0
	info, ok := c.in.Images[im.Src]
	// A picture is a Figure, its alternate text the photo's alt, else its
	// caption; its caption and credit are the Figure's Caption. A picture
	// with neither is decorative (an artifact; the preflight warns). The
	// caption of a picture left out is a paragraph.
	var fig TagID
	capParent, capKind := TagID(0), TagP
	if ok && info.Width > 0 && info.Height > 0 {
		img := c.fitImage(im, info, width, maxH, block)
		if strings.TrimSpace(im.Alt) == "" {
			c.noAlt = append(c.noAlt, where+".alt")
			if strings.TrimSpace(im.Caption) != "" {
				c.warn = append(c.warn, where+".alt: no alternative text; a screen reader reads the caption in its place")
			} else {
				c.warn = append(c.warn, where+".alt: no alternative text and no caption; a screen reader passes the picture by")
			}
		}
		if alt := figureAlt(im); alt != "" {
			fig = c.tags.add(TagFigure, 0)
			c.tags.node(fig).Alt = alt
			img.Tag = fig
			capParent, capKind = fig, TagCaption
		}
		parts = append(parts, &unit{h: img.H, group: -1, images: []Image{img}})
		if img.W < width-eps {
			// under the picture, centred on it when it is narrower than a
			// caption may be
			capW = min(width, max(img.W, captionMinW))
			capX = min(max(img.X+(img.W-capW)/2, 0), width-capW)
		}
	} else {
		msg := fmt.Sprintf("%s.src: image %s left out", where, strconv.Quote(describe.Source(im.Src)))
		if why := c.in.ImageErrors[im.Src]; why != "" {
			msg += ": " + why
		}
		c.warn = append(c.warn, msg)
	}
	var capTags *lineTags
	if im.Caption != "" || im.Credit != "" {
		capTags = c.tags.lines(capKind, capParent)
	}
	if im.Caption != "" {
		cap := c.paragraph(plainSpans(im.Caption, s.Caption), s.Caption, capW, 0, capX, RoleCaption, block, where+".caption", capTags)
		if n := len(cap); n > 0 && im.Credit != "" && len(cap[n-1].texts) > 0 {
			last := cap[n-1].texts
			last[len(last)-1].Space = true // the credit reads after a space
		}
		parts = append(parts, cap...)
	}
	if im.Credit != "" {
		cr := s.Credit
		cr.SpaceBefore = 1
		parts = append(parts, c.paragraph(plainSpans(c.loc.Photo()+": "+im.Credit, cr), cr, capW, 0, capX, RoleCredit, block, where+".credit",
			&lineTags{tree: c.tags, parent: capTags.parent})...)
	}
	if len(parts) == 0 {
		return nil
	}
	u := stack(parts)
	u.h += s.Credit.SpaceAfter
	u.figure = true
	// A figure may be made shorter to fit a column's foot, except a
	// picture already set small for its pixels: that one moves on.
	if len(u.images) == 1 && !u.images[0].Limited {
		if block < 0 || im.Focus != nil {
			u.shrink = func(h float64) *unit { return cropFigure(u, h, im.Focus) }
		} else {
			u.shrink = func(h float64) *unit { return scaleFigure(u, h) }
		}
	}
	return u
}

// alignIn is the x of something w wide in a measure: centred, or at its
// start.
func alignIn(a Align, measure, w float64) float64 {
	if a == AlignCenter {
		return (measure - w) / 2
	}
	return 0
}

// cropFigure returns a copy of figure u at most h tall, its picture
// cropped (never by more than 40%) and everything under it moved up.
func cropFigure(u *unit, h float64, focus *article.Focus) *unit {
	img := u.images[0]
	cut := u.h - h
	newH := img.H - cut
	if cut <= 0 || newH < img.Full.H*0.6*0.5 {
		return nil
	}
	var pic Image
	if newH >= img.Full.H*0.6 {
		pic = cropTo(img, newH, focus)
	} else {
		// Cropped as far as it may be, and then set smaller (no less
		// than half the width).
		cropH := img.Full.H * 0.6
		pic = scaleImage(cropTo(img, cropH, focus), newH/cropH)
	}
	return replacePicture(u, pic, h)
}

// minFigureScale is the smallest a body picture is set to fit a column's
// foot when it may not be cropped (as cropFigure's 40 % crop and then half
// the width would leave it).
const minFigureScale = 0.3

// scaleFigure returns a copy of figure u at most h tall, its picture set
// smaller (never under minFigureScale), not cropped, its left edge and its
// caption in place, and everything under it moved up.
func scaleFigure(u *unit, h float64) *unit {
	img := u.images[0]
	cut := u.h - h
	if cut <= 0 || img.H <= 0 {
		return nil
	}
	k := (img.H - cut) / img.H
	if k < minFigureScale {
		return nil
	}
	return replacePicture(u, scaleImage(img, k), h)
}

// replacePicture is a copy of figure u, h tall, with pic in place of its
// picture and everything under the old picture moved up to pic's foot.
func replacePicture(u *unit, pic Image, h float64) *unit {
	img := u.images[0]
	cut := img.Bottom() - pic.Bottom()
	v := *u
	v.texts = append([]Text(nil), u.texts...)
	v.rules = append([]Rule(nil), u.rules...)
	v.links = append([]LinkArea(nil), u.links...)
	v.images = []Image{pic}
	below := img.Bottom()
	for i := range v.texts {
		if v.texts[i].Y > below {
			v.texts[i].Y -= cut
		}
	}
	for i := range v.rules {
		if v.rules[i].Y1 >= below {
			v.rules[i].Y1 -= cut
			v.rules[i].Y2 -= cut
		}
	}
	for i := range v.links {
		if v.links[i].Y >= below {
			v.links[i].Y -= cut
		}
	}
	v.h = h
	v.shrink = nil
	return &v
}

// scaleImage sets a picture k times as large, its top left corner in place
// (over the caption's first line).
func scaleImage(im Image, k float64) Image {
	out := im
	out.W, out.H = im.W*k, im.H*k
	out.Full.W, out.Full.H = im.Full.W*k, im.Full.H*k
	out.Full.X = out.X - (im.X-im.Full.X)*k
	out.Full.Y = out.Y - (im.Y-im.Full.Y)*k
	return out
}

// cropTo shows only h of a picture's height, keeping its focal point (the
// centre, a little above the middle, when none is given) in view.
func cropTo(im Image, h float64, focus *article.Focus) Image {
	fy := 0.4
	if focus != nil {
		fy = focus.Y
	}
	top := im.Y // the visible area's top stays put
	full := im.Full
	full.Y = top - (full.H*fy - h/2)
	full.Y = min(top, max(full.Y, top+h-full.H))
	im.H = h
	im.Full = full
	return im
}

// honestWidth is the widest a picture of px pixels across may be printed
// at the spec's smallest effective resolution, in points (no limit when
// the spec sets none).
func (c *composer) honestWidth(px int) float64 {
	if c.spec.MinPPI <= 0 {
		return math.Inf(1)
	}
	return float64(px) / c.spec.MinPPI * 72
}

// fitImage sets a picture at the measure's width, or at its honest width
// when its pixels allow no more (placed as Spec.FigureAlign says). Taller
// than maxH, the lead photo and a picture whose focus the article gives
// are cropped to maxH around the focal point; any other is set smaller.
func (c *composer) fitImage(im *article.Image, info ImageInfo, width, maxH float64, block int) Image {
	w := width
	limited := false
	if hw := c.honestWidth(info.Width); hw < w {
		w, limited = hw, true
	}
	h := w * float64(info.Height) / float64(info.Width)
	crop := block < 0 || im.Focus != nil
	if h > maxH && !crop {
		w, h = maxH*float64(info.Width)/float64(info.Height), maxH
	}
	x := alignIn(c.spec.FigureAlign, width, w)
	img := Image{Rect: Rect{x, 0, w, h}, Full: Rect{x, 0, w, h}, Limited: limited}
	if h > maxH {
		img = cropTo(img, maxH, im.Focus)
	}
	ppi := c.spec.PPI
	pw := int(math.Ceil(w / 72 * ppi))
	ph := int(math.Ceil(h / 72 * ppi))
	if pw > info.Width || ph > info.Height {
		pw, ph = info.Width, info.Height
	}
	img.Src, img.PixelsW, img.PixelsH, img.Alt, img.Block = im.Src, pw, ph, im.Alt, block
	return img
}
