package layout

// runningTexts sets one line of page furniture (the publication's name, the
// page number, the proof slug) at baseline y: starting at x, or ending at
// x when right is set. Text the style's face draws whole is one Text, as
// always; text it cannot draw (the label "עמוד 1 מתוך 1" of a Hebrew
// article) is set like any line, shaped and with the fallback faces, so
// that nothing of it is dropped.
func (c *composer) runningTexts(s string, st TextStyle, x, y float64, right bool, role Role, where string) []Text {
	f := c.set.faceFor(st.Font)
	if f == nil || s == "" {
		return nil
	}
	whole := true
	for _, r := range s {
		if !dropRune(r) && !f.Has(r) {
			whole = false
			break
		}
	}
	if whole {
		s = c.clean(s, st)
		w := measure(f, s, st.Size)
		if right {
			x -= w
		}
		return []Text{{X: x, Y: y, Text: s, Font: st.Font, Size: st.Size, Color: st.Color,
			Width: w, Asc: st.Size * 0.78, Desc: st.Size * 0.22, Role: role, Block: -1}}
	}
	lines := c.set.set(plainSpans(s, st), paraOpts{width: 1e5, align: AlignLeft, where: where})
	if len(lines) == 0 || len(lines[0].frags) == 0 {
		return nil
	}
	fr := lines[0].frags
	lo, hi := fr[0].x, fr[0].x+fr[0].width
	for i := range fr {
		lo, hi = min(lo, fr[i].x), max(hi, fr[i].x+fr[i].width)
	}
	if right {
		x -= hi - lo
	}
	out := make([]Text, 0, len(fr))
	for i := range fr {
		p := &fr[i]
		out = append(out, Text{X: x + p.x - lo, Y: y - p.rise, Text: p.text, Font: p.font, Size: p.size, Color: p.color,
			Width: p.width, Scale: p.scale, Asc: p.size * 0.78, Desc: p.size * 0.22, Role: role, Block: -1,
			Glyphs: p.glyphs, RTL: p.level&1 == 1})
	}
	return out
}
