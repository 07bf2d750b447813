package layout

import (
	"fmt"
	"strings"
)

// Copyfit pulls a runover back: when the article's text takes less than a
// quarter of its last page (or, with a fixed page count, when the text
// would be overset), layout tries again with, in order of strength (each
// step keeps the ones before it),
//
//  1. the lead photo shortened toward 16:9 around its focus (never
//     shorter than 16:9),
//  2. the body leading tightened by 1 %, then by 2 %,
//  3. the gap between the lead photo and the text halved,
//  4. the closing block (legal footer, address and QR code) set compact,
//     at column width at the foot of the last column, instead of across
//     the page under it,
//  5. the lead photo set smaller, still 16:9 and never cropped further, at
//     80 % and then 65 % of the type area's width, its caption and credit
//     set beside it in the room at its right,
//
// and keeps the first that needs one page fewer (or fits the fixed count).
// When none does, the article is left as it was. Only the flow is redone:
// body lines are not broken again, since none of these changes a measure,
// and a step that cannot save the room the runover needs is not flowed,
// nor one that changes nothing the step before it did not (the photo
// already 16:9, no smaller headline that saves a line, no room beside the
// photo for its caption, no closing block).

// copyfitFill is the share of its type area under which the text on a last
// page is a runover worth pulling back.
const copyfitFill = 0.25

// fitStep is one strength of copyfit.
type fitStep struct {
	photo   bool    // lead photo toward 16:9
	leading float64 // share by which the body leading tightens
	gaps    bool    // the lead photo's gap to the text halved
	compact bool    // the closing block at column width in the last column
	scale   float64 // the lead photo's width as a share of the type area's, caption beside it; 0 full
	// headline: set 2 or 4 pt smaller where that saves it a line
	headline bool
}

var fitSteps = [...]fitStep{
	{photo: true},
	{photo: true, leading: 0.01},
	{photo: true, leading: 0.02},
	{photo: true, leading: 0.02, gaps: true},
	{photo: true, leading: 0.02, gaps: true, compact: true},
	{photo: true, leading: 0.02, gaps: true, compact: true, headline: true},
	{photo: true, leading: 0.02, gaps: true, compact: true, headline: true, scale: 0.8},
	{photo: true, leading: 0.02, gaps: true, compact: true, headline: true, scale: 0.65},
}

// copyfit returns a pagination that needs one page fewer than pg (or, with
// a fixed page count, no overset), or pg itself with a note when none of
// the steps gets there.
func (c *composer) copyfit(pg *pagination, head, body, legal []*unit) *pagination {
	s := c.spec
	want := func(try *pagination) bool {
		if s.Pages > 0 {
			return !try.overset
		}
		return !try.overset && try.npages < pg.npages
	}
	switch {
	case s.Pages > 0 && !pg.overset:
		return pg
	case s.Pages == 0 && (pg.overset || pg.npages <= pg.bodyPage+1 || pg.textFill >= copyfitFill):
		return pg
	}
	// The room the runover needs on the page before, as the height of a
	// full-width band: its columns' text and the closing block. A step
	// that saves clearly less is not flowed.
	legalH := 0.0
	for _, u := range legal {
		legalH += u.h
	}
	need := 0.0
	if s.Pages == 0 {
		need = 0.75 * (pg.textFill*s.Content().H + legalH)
	}
	// the body column's height on the page before the last
	colH := s.Content().H
	if pg.npages-2 == pg.bodyPage {
		colH = s.Content().Bottom() - pg.bodyTop
	}
	leading := s.Body.Leading
	var tried []string
	var smaller *headlineFit
	tight := map[float64][]*unit{}
	var last fitStep // what the step before did: at first, nothing
	for _, st := range fitSteps {
		if st.headline && smaller == nil {
			smaller = c.shorterHeadline(head)
		}
		h, did, saved, done := c.fitHead(head, st, smaller)
		done.leading = st.leading
		done.compact = st.compact && len(legal) > 0
		if done == last {
			continue // it would flow as the step before did
		}
		last = done
		// What the step saves, as a full-width band: the height the header
		// stack loses, the leading over a column colH tall and the share
		// of the columns a compact closing block legalH tall leaves.
		saved += colH * st.leading
		if st.compact {
			saved += legalH * (1 - 1/float64(s.Columns))
		}
		if saved < need {
			continue
		}
		b := body
		if st.leading > 0 {
			if tight[st.leading] == nil {
				tight[st.leading] = tighten(body, 1-st.leading, leading*(1-st.leading))
			}
			b = tight[st.leading]
			did = append(did, fmt.Sprintf("body leading %.2f → %.2f pt", leading, leading*(1-st.leading)))
		}
		if st.compact && len(legal) > 0 {
			did = append(did, "closing block at the foot of the last column")
		}
		tried = did
		o := flowOpts{grid: leading * (1 - st.leading), compact: st.compact}
		if s.Pages == 0 {
			o.pageLimit = pg.npages - 1
		}
		try := c.paginate(h, b, legal, o)
		if want(try) {
			what := fmt.Sprintf("%d → %d pages", pg.npages, try.npages)
			if s.Pages > 0 {
				what = fmt.Sprintf("fits %d pages", s.Pages)
			}
			try.notes = append(try.notes, "copyfit: "+strings.Join(did, ", ")+": "+what)
			return try
		}
	}
	if len(tried) == 0 {
		tried = []string{"nothing to shorten"}
	}
	if s.Pages > 0 {
		pg.notes = append(pg.notes, "copyfit: not enough with "+strings.Join(tried, ", "))
	} else {
		pg.notes = append(pg.notes, fmt.Sprintf("copyfit: the last page stays %.0f%% full; %s would not pull it back", 100*pg.lastFill, strings.Join(tried, ", ")))
	}
	return pg
}

// fitHead returns the header stack with the headline set smaller, the
// lead photo shortened, set smaller and its gap tightened as st asks, what
// it changed, the height that saves and which of st's header changes it
// made (done).
func (c *composer) fitHead(head []*unit, st fitStep, hf *headlineFit) (out []*unit, did []string, saved float64, done fitStep) {
	head, did, saved = hf.apply(head, st.headline)
	done.headline = len(did) > 0
	lead := c.lead
	if lead == nil || len(lead.images) != 1 {
		return head, did, saved, done
	}
	at := -1
	for i, u := range head {
		if u == lead {
			at = i
		}
	}
	if at < 0 {
		return head, did, saved, done
	}
	v := lead
	if st.photo {
		img := lead.images[0]
		target := img.W * 9 / 16
		if img.H > target+0.5 {
			focus := c.in.Article.Photo.Focus
			if w := cropFigure(lead, lead.h-(img.H-target), focus); w != nil {
				v, done.photo = w, true
				did = append(did, fmt.Sprintf("lead photo %.0f → %.0f pt high (16:9)", img.H, target))
			}
		}
	}
	if st.scale > 0 {
		if w := c.leadBeside(v, st.scale); w != nil {
			v, done.scale = w, st.scale
			did = append(did, fmt.Sprintf("lead photo at %.0f %% of the width, caption beside it", 100*st.scale))
		}
	}
	if st.gaps {
		cut := c.spec.Credit.SpaceAfter / 2
		w := *v
		w.h -= cut
		v, done.gaps = &w, true
		did = append(did, fmt.Sprintf("photo gap %.1f → %.1f pt", c.spec.Credit.SpaceAfter, c.spec.Credit.SpaceAfter-cut))
	}
	if v == lead {
		return head, did, saved, done
	}
	out = append([]*unit(nil), head...)
	out[at] = v
	return out, did, saved + lead.h - v.h, done
}

// headlineFit is the headline set smaller by copyfit: its lines replace
// the units head[from:to].
type headlineFit struct {
	from, to int
	units    []*unit
	note     string
	saved    float64
}

// apply returns head with the smaller headline in place when on (and
// there is one), what it changed and the height it saves.
func (hf *headlineFit) apply(head []*unit, on bool) ([]*unit, []string, float64) {
	if !on || hf == nil || hf.units == nil {
		return head, nil, 0
	}
	out := make([]*unit, 0, len(head)-(hf.to-hf.from)+len(hf.units))
	out = append(out, head[:hf.from]...)
	out = append(out, hf.units...)
	out = append(out, head[hf.to:]...)
	return out, []string{hf.note}, hf.saved
}

// shorterHeadline sets the headline 2, 4 or 6 pt smaller (never under
// Spec.HeadlineMinSize: smallerHeadline's steps) and keeps the first size
// that takes a line fewer;
// an empty headlineFit when neither does. Its lines keep the headline's
// tag, group and bookmark.
func (c *composer) shorterHeadline(head []*unit) *headlineFit {
	hf := &headlineFit{from: -1}
	for i, u := range head {
		if len(u.texts) > 0 && u.texts[0].Role == RoleHeadline {
			if hf.from < 0 {
				hf.from = i
			}
			hf.to = i + 1
		}
	}
	if hf.from < 0 {
		return hf
	}
	old := head[hf.from:hf.to]
	first := old[0].texts[0]
	hs := c.spec.Headline
	hs.Leading *= first.Size / hs.Size
	hs.Size = first.Size
	oldH := 0.0
	for _, u := range old {
		oldH += u.h
	}
	width := c.spec.Content().W
	text := c.in.Article.Headline
	// the headline's length set in one line: a size at which it is longer
	// than a line fewer can hold is not tried
	long := 0.0
	for _, u := range old {
		for _, t := range u.texts {
			long += t.Width
		}
		long += first.Size / 3 // the space at the break
	}
	for range 3 {
		var ok bool
		if hs, ok = c.smallerHeadline(hs); !ok {
			break
		}
		if long*hs.Size/first.Size > float64(len(old)-1)*width {
			continue
		}
		hl := c.balanced(plainSpans(text, hs), hs, width, "headline")
		if len(hl) >= len(old) || !c.wordsFit(text, hs, width) {
			continue
		}
		hu := paragraphUnits(hl, 0, hs.Leading, 0, RoleHeadline, -1, old[0].group, &lineTags{tree: c.tags, parent: first.Tag})
		hu[0].bookmark = old[0].bookmark
		hu[len(hu)-1].h += hs.SpaceAfter
		h := 0.0
		for _, u := range hu {
			h += u.h
		}
		hf.units, hf.saved = hu, oldH-h
		hf.note = fmt.Sprintf("headline %g → %g pt (%d → %d lines)", first.Size, hs.Size, len(old), len(hu))
		break
	}
	return hf
}

// leadBeside returns the lead photo's figure v with its picture set k times
// as wide (and as tall: never cropped further) at the left of the type
// area, its caption and credit set again in the room at its right, their
// last line level with the picture's foot. Nil when the picture is not
// full width or the room beside it is narrower than a caption may be.
func (c *composer) leadBeside(v *unit, k float64) *unit {
	s := c.spec
	width := s.Content().W
	img := v.images[0]
	photo := c.in.Article.Photo
	if img.W < width-eps || photo == nil {
		return nil
	}
	pic := scaleImage(img, k)
	pic.X, pic.Full.X = 0, pic.Full.X-pic.X
	capX := pic.W + s.Gutter
	capW := width - capX
	if capW < captionMinW {
		return nil
	}
	// the caption's and the credit's tags, as the figure made them
	var capTag, crTag TagID
	for _, t := range v.texts {
		switch t.Role {
		case RoleCaption:
			capTag = t.Tag
		case RoleCredit:
			crTag = t.Tag
		}
	}
	var parts []*unit
	if photo.Caption != "" {
		parts = append(parts, c.paragraph(plainSpans(photo.Caption, s.Caption), s.Caption, capW, 0, capX, RoleCaption, -1, "photo.caption",
			&lineTags{tree: c.tags, parent: capTag})...)
		if n := len(parts); n > 0 && photo.Credit != "" && len(parts[n-1].texts) > 0 {
			last := parts[n-1].texts
			last[len(last)-1].Space = true
		}
	}
	if photo.Credit != "" {
		cr := s.Credit
		cr.SpaceBefore = 1
		parts = append(parts, c.paragraph(plainSpans(c.loc.Photo()+": "+photo.Credit, cr), cr, capW, 0, capX, RoleCredit, -1, "photo.credit",
			&lineTags{tree: c.tags, parent: crTag})...)
	}
	w := *v
	w.images = []Image{pic}
	w.texts, w.rules, w.links = nil, nil, nil
	if len(parts) > 0 {
		cap := stack(parts)
		if cap.h > pic.H {
			return nil
		}
		w.addMoved(cap, pic.H-cap.h)
	}
	w.h = pic.H + s.Credit.SpaceAfter
	w.shrink = nil
	return &w
}

// tighten returns the body with the lines on a grid f times as fine: a
// body line's height and space scaled by f, every other block rounded again
// to whole steps of the new grid (headings above them, other blocks below,
// as at the old grid), a divider's two steps scaled. The body's units are
// not changed.
func tighten(body []*unit, f, step float64) []*unit {
	out := make([]*unit, len(body))
	copies := make([]unit, 0, len(body))
	for i, u := range body {
		if !u.grid && u.blockH == 0 && u.blockTopH == 0 && !u.discard {
			out[i] = u
			continue
		}
		copies = append(copies, *u)
		v := &copies[len(copies)-1]
		switch {
		case u.grid:
			v.h *= f
			v.space *= f
		case u.discard: // a divider, two steps tall
			v.h *= f
		default:
			if u.blockTopH > 0 {
				pad := gridPad(u.blockTopH, step)
				v.space += pad - u.padTop
				v.padTop = pad
			}
			if u.blockH > 0 {
				pad := gridPad(u.blockH, step)
				v.h += pad - u.pad
				v.pad = pad
			}
		}
		out[i] = v
	}
	return out
}
