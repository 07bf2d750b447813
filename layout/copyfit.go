package layout

import (
	"fmt"
	"strings"
)

// Copyfit pulls a runover back: when an article's last page would be less
// than a quarter full (or, with a fixed page count, when the text would be
// overset), layout tries again with, in order of strength,
//
//  1. the lead photo shortened toward 16:9 around its focus (never
//     shorter than 16:9),
//  2. that and the body leading tightened by 1 %, then by 2 %,
//  3. that and the gap between the lead photo and the text halved,
//
// and keeps the first that needs one page fewer (or fits the fixed count).
// When none does, the article is left as it was. Only the flow is redone:
// lines are not broken again, since none of these changes a measure.

// copyfitFill is the share of its type area under which a last page is a
// runover worth pulling back.
const copyfitFill = 0.25

// fitStep is one strength of copyfit.
type fitStep struct {
	photo   bool    // lead photo toward 16:9
	leading float64 // share by which the body leading tightens
	gaps    bool    // the lead photo's gap to the text halved
}

var fitSteps = [...]fitStep{
	{photo: true},
	{photo: true, leading: 0.01},
	{photo: true, leading: 0.02},
	{photo: true, leading: 0.02, gaps: true},
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
	case s.Pages == 0 && (pg.overset || pg.npages <= pg.bodyPage+1 || pg.lastFill >= copyfitFill):
		return pg
	}
	leading := s.Body.Leading
	for _, st := range fitSteps {
		h, did := c.fitHead(head, st)
		b := body
		if st.leading > 0 {
			b = tighten(body, 1-st.leading)
			did = append(did, fmt.Sprintf("body leading %.2f → %.2f pt", leading, leading*(1-st.leading)))
		}
		if len(did) == 0 {
			continue
		}
		c.grid = leading * (1 - st.leading)
		try := c.paginate(h, b, legal)
		if want(try) {
			what := fmt.Sprintf("%d → %d pages", pg.npages, try.npages)
			if s.Pages > 0 {
				what = fmt.Sprintf("fits %d pages", s.Pages)
			}
			try.notes = append(try.notes, "copyfit: "+strings.Join(did, ", ")+": "+what)
			return try
		}
	}
	c.grid = leading
	if s.Pages > 0 {
		pg.notes = append(pg.notes, "copyfit: shortening the lead photo to 16:9 and tightening leading 2 % and the photo gap were not enough")
	} else {
		pg.notes = append(pg.notes, fmt.Sprintf("copyfit: the last page stays %.0f%% full; shortening the lead photo to 16:9 and tightening leading 2 %% and the photo gap would not pull it back", 100*pg.lastFill))
	}
	return pg
}

// fitHead returns the header stack with the lead photo shortened and its
// gap tightened as st asks, and what it changed.
func (c *composer) fitHead(head []*unit, st fitStep) ([]*unit, []string) {
	lead := c.lead
	if lead == nil || len(lead.images) != 1 {
		return head, nil
	}
	at := -1
	for i, u := range head {
		if u == lead {
			at = i
		}
	}
	if at < 0 {
		return head, nil
	}
	var did []string
	v := lead
	if st.photo {
		img := lead.images[0]
		target := img.W * 9 / 16
		if img.H > target+0.5 {
			focus := c.in.Article.Photo.Focus
			if w := cropFigure(lead, lead.h-(img.H-target), focus); w != nil {
				v = w
				did = append(did, fmt.Sprintf("lead photo %.0f → %.0f pt high (16:9)", img.H, target))
			}
		}
	}
	if st.gaps {
		cut := c.spec.Credit.SpaceAfter / 2
		w := *v
		w.h -= cut
		v = &w
		did = append(did, fmt.Sprintf("photo gap %.1f → %.1f pt", c.spec.Credit.SpaceAfter, c.spec.Credit.SpaceAfter-cut))
	}
	if v == lead {
		return head, nil
	}
	out := append([]*unit(nil), head...)
	out[at] = v
	return out, did
}

// tighten returns the body with the lines on the grid, and the space
// before them, f times as tall. The lines' texts stay where they are in
// their (shorter) boxes: a fraction of a point.
func tighten(body []*unit, f float64) []*unit {
	out := make([]*unit, len(body))
	copies := make([]unit, 0, len(body))
	for i, u := range body {
		if !u.grid {
			out[i] = u
			continue
		}
		copies = append(copies, *u)
		v := &copies[len(copies)-1]
		v.h *= f
		v.space *= f
		out[i] = v
	}
	return out
}
