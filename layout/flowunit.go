package layout

// unit is the smallest thing the flow places: one line of a paragraph, a
// whole figure, a rule. Its items are relative to its top-left corner.
type unit struct {
	h     float64 // height
	space float64 // space above it, dropped at the top of a column

	texts  []Text
	images []Image
	rules  []Rule
	boxes  []Box
	links  []LinkArea

	group       int // paragraph (or heading) id; -1 for none
	line, lines int // index within the group and the group's size
	keepNext    bool
	figure      bool    // may move past text to the next column
	grid        bool    // starts on the baseline grid (a body line)
	hyph        bool    // a line ending in a hyphen: no column ends after it
	discard     bool    // dropped at a column head (a divider)
	closing     bool    // the legal footer set in the flow: after the article's text
	pad         float64 // grid padding at the foot of h, which may hang below a column
	// padTop is grid padding added to space (a heading's). blockH and
	// blockTopH are the natural heights of the blocks that pad and padTop
	// round to the grid, so that a tighter grid can round them again
	// (copyfit's tighten).
	padTop, blockH, blockTopH float64
	// shrink, for a figure, makes a copy whose picture is scaled down so
	// that the whole figure is at most h tall; nil when it cannot.
	shrink   func(h float64) *unit
	bookmark *Bookmark
	// repeat, for a table's row, is its header: set again above the row
	// when the row starts a column.
	repeat *unit
	// repeated marks such a repeated header; it is no unit of the flow.
	repeated bool
	// wide is a float across all the columns of a page (a table or a
	// preformatted block too wide for a column): set at the top of the
	// page it is reached on, or of the next, the columns under it.
	wide bool
}

// lineUnit turns a set line into a unit: texts, link areas and rules, with
// the baseline placed within the line's leading, tagged by lt.
func lineUnit(sl *setLine, dx float64, leading float64, role Role, block int, lt *lineTags) *unit {
	u := &unit{h: leading, group: -1, texts: make([]Text, 0, len(sl.frags)), hyph: sl.hyphenated}
	size := sl.maxSize
	if size == 0 {
		size = leading / 1.35
	}
	base := leading/2 + size*0.3
	for i := range sl.frags {
		f := &sl.frags[i]
		t := Text{X: dx + f.x, Y: base - f.rise, Text: f.text, Font: f.font, Size: f.size, Color: f.color,
			Width: f.width, Scale: f.scale, Tracking: f.track, Asc: f.size * 0.78, Desc: f.size * 0.22, Role: role, Block: block,
			Glyphs: f.glyphs, RTL: f.level&1 == 1, Tag: lt.of(f.link, f.text), Space: f.space, Hyphen: f.hyphen}
		u.texts = append(u.texts, t)
		if f.under {
			y := base - f.rise + f.size*0.12
			u.rules = append(u.rules, Rule{X1: t.X, Y1: y, X2: t.X + t.Width, Y2: y, Thickness: f.size * 0.05, Color: f.color})
		}
		if f.strike {
			y := base - f.rise - f.size*0.28
			u.rules = append(u.rules, Rule{X1: t.X, Y1: y, X2: t.X + t.Width, Y2: y, Thickness: f.size * 0.05, Color: f.color})
		}
		if f.link != "" {
			r := t.Box()
			if n := len(u.links); n > 0 && u.links[n-1].URL == f.link && u.links[n-1].Tag == t.Tag && abs(u.links[n-1].Right()-r.X) < f.size {
				u.links[n-1].W = r.Right() - u.links[n-1].X // one area across the words of a link
			} else {
				u.links = append(u.links, LinkArea{Rect: r, URL: f.link, Tag: t.Tag})
			}
		}
	}
	return u
}

// paragraphUnits makes one unit per line, grouped for the keep rules and
// tagged by lt.
func paragraphUnits(lines []setLine, dx, leading, spaceBefore float64, role Role, block, group int, lt *lineTags) []*unit {
	out := make([]*unit, len(lines))
	for i := range lines {
		u := lineUnit(&lines[i], dx, leading, role, block, lt)
		u.group, u.line, u.lines = group, i, len(lines)
		if i == 0 {
			u.space = spaceBefore
		}
		out[i] = u
	}
	return out
}

// stack joins units into one atomic unit (a figure with its caption).
func stack(us []*unit) *unit {
	out := &unit{group: -1}
	y := 0.0
	for i, u := range us {
		if i > 0 {
			y += u.space
		} else {
			out.space = u.space
		}
		out.addMoved(u, y)
		y += u.h
	}
	out.h = y
	return out
}

// addMoved adds v's items to u's, moved down by dy.
func (u *unit) addMoved(v *unit, dy float64) {
	for _, t := range v.texts {
		t.Y += dy
		u.texts = append(u.texts, t)
	}
	for _, im := range v.images {
		im.Y += dy
		im.Full.Y += dy
		u.images = append(u.images, im)
	}
	for _, r := range v.rules {
		r.Y1 += dy
		r.Y2 += dy
		u.rules = append(u.rules, r)
	}
	for _, l := range v.links {
		l.Y += dy
		u.links = append(u.links, l)
	}
	for _, b := range v.boxes {
		b.Y += dy
		u.boxes = append(u.boxes, b)
	}
}

// place copies a unit's items onto a page at (x, y).
func (p *Page) place(u *unit, x, y float64, pageIndex int, doc *Document) {
	for _, t := range u.texts {
		t.X += x
		t.Y += y
		p.Texts = append(p.Texts, t)
	}
	for _, im := range u.images {
		im.X += x
		im.Y += y
		im.Full.X += x
		im.Full.Y += y
		p.Images = append(p.Images, im)
	}
	for _, r := range u.rules {
		r.X1 += x
		r.X2 += x
		r.Y1 += y
		r.Y2 += y
		p.Rules = append(p.Rules, r)
	}
	for _, l := range u.links {
		l.X += x
		l.Y += y
		p.Links = append(p.Links, l)
	}
	for _, b := range u.boxes {
		b.X += x
		b.Y += y
		p.Boxes = append(p.Boxes, b)
	}
	if u.bookmark != nil {
		b := *u.bookmark
		b.Page = pageIndex
		b.Y = y
		doc.Bookmarks = append(doc.Bookmarks, b)
	}
}
