package layout

import (
	"printd/article"
)

// span is a stretch of text in one resolved style, the input of paragraph
// setting.
type span struct {
	text   string
	font   FontKey
	size   float64
	color  Color
	link   string
	rise   float64 // baseline shift: positive raises (superscript)
	under  bool
	strike bool
	brk    bool // a forced line break; text is empty
}

// spansFromRuns resolves inline runs against a base style.
func spansFromRuns(runs []article.Run, base TextStyle, mono string, linkColor Color) []span {
	out := make([]span, 0, len(runs))
	for _, r := range runs {
		if r.Break {
			out = append(out, span{brk: true, font: base.Font, size: base.Size, color: base.Color})
			continue
		}
		s := span{text: r.Text, font: base.Font, size: base.Size, color: base.Color, link: r.Link}
		st := base.Font.Style
		if r.Style.Has(article.Bold) {
			st |= Bold
		}
		if r.Style.Has(article.Italic) {
			st ^= Italic // italic inside italic text reads as upright
		}
		s.font.Style = st
		if r.Style.Has(article.Code) {
			s.font.Family = mono
			s.font.Style &= Bold
			s.size *= 0.9
		}
		if r.Style.Has(article.Small) {
			s.size *= 0.85
		}
		switch {
		case r.Style.Has(article.Sup):
			s.rise = s.size * 0.33
			s.size *= 0.7
		case r.Style.Has(article.Sub):
			s.rise = -s.size * 0.15
			s.size *= 0.7
		}
		s.under = r.Style.Has(article.Underline)
		s.strike = r.Style.Has(article.Strike)
		if r.Link != "" {
			s.color = linkColor
		}
		out = append(out, s)
	}
	return out
}

// plainSpans is a single span of plain text in a style.
func plainSpans(text string, st TextStyle) []span {
	if text == "" {
		return nil
	}
	return []span{{text: text, font: st.Font, size: st.Size, color: st.Color}}
}
