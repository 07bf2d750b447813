package layout

import "printd/article"

// table sets a table block: for now its caption, then each row as a line
// of its cells' text.
func (c *composer) table(t *article.Table, bi int, width float64, where string) []*unit {
	s := c.spec
	st := s.Caption
	var us []*unit
	// Tagged as a division of paragraphs while the rows are set as
	// lines; set in cells, it is a Table of TR rows of TH (with their
	// Scope) and TD cells, with its Caption (tags.go).
	div := c.tags.add(TagDiv, 0)
	if t.Caption != "" {
		us = append(us, c.paragraph(plainSpans(t.Caption, st), st, width, 0, 0, RoleCaption, bi, where+".caption", c.tags.lines(TagP, div))...)
	}
	for _, part := range [][][]article.Cell{t.Head, t.Rows} {
		for _, row := range part {
			var runs []article.Run
			for _, cell := range row {
				if len(cell.Runs) == 0 {
					continue
				}
				if len(runs) > 0 {
					runs = append(runs, article.Run{Text: " · "})
				}
				runs = append(runs, cell.Runs...)
			}
			us = append(us, c.paragraph(c.inline(runs, st), st, width, 0, 0, RoleBody, bi, where+".rows", c.tags.lines(TagP, div))...)
		}
	}
	if t.Credit != "" {
		us = append(us, c.paragraph(plainSpans(t.Credit, s.Credit), s.Credit, width, 0, 0, RoleCredit, bi, where+".credit", c.tags.lines(TagP, div))...)
	}
	return us
}
