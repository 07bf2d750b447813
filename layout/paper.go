package layout

import "printd/article"

// Points per millimetre.
const ptPerMM = 72 / 25.4

// MM converts millimetres to points.
func MM(mm float64) float64 { return mm * ptPerMM }

// Paper is a named trim size in points.
type Paper struct {
	Name          string
	Width, Height float64
}

// PaperOf is an option's paper (article.ParsePaper, the one table of
// papers) as a trim size in points.
func PaperOf(p article.Paper) Paper {
	return Paper{Name: p.Name, Width: p.WidthPt, Height: p.HeightPt}
}
