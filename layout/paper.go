package layout

import (
	"fmt"
	"strconv"
	"strings"
)

// Points per millimetre.
const ptPerMM = 72 / 25.4

// MM converts millimetres to points.
func MM(mm float64) float64 { return mm * ptPerMM }

// Paper is a named trim size in points.
type Paper struct {
	Name          string
	Width, Height float64
}

var papers = map[string]Paper{
	"a4":       {"A4", MM(210), MM(297)},
	"a3":       {"A3", MM(297), MM(420)},
	"letter":   {"Letter", 612, 792},
	"legal":    {"Legal", 612, 1008},
	"tabloid":  {"Tabloid", 792, 1224},
	"berliner": {"Berliner", MM(315), MM(470)},
}

// ParsePaper reads A4, A3, Letter, Legal, Tabloid, Berliner (any case) or
// WIDTHxHEIGHTmm such as 280x430mm. Sizes must lie within 50–2000 mm.
func ParsePaper(s string) (Paper, error) {
	key := strings.ToLower(strings.TrimSpace(s))
	if p, ok := papers[key]; ok {
		return p, nil
	}
	dims, ok := strings.CutSuffix(key, "mm")
	if !ok {
		return Paper{}, fmt.Errorf("unknown paper %q: want A4, Letter, Tabloid, Berliner or WIDTHxHEIGHTmm", s)
	}
	ws, hs, ok := strings.Cut(dims, "x")
	if !ok {
		return Paper{}, fmt.Errorf("paper %q: want WIDTHxHEIGHTmm", s)
	}
	w, err1 := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(hs), 64)
	if err1 != nil || err2 != nil || !(w >= 50 && w <= 2000 && h >= 50 && h <= 2000) {
		return Paper{}, fmt.Errorf("paper %q: width and height must be numbers of 50–2000 mm", s)
	}
	return Paper{Name: fmt.Sprintf("%gx%gmm", w, h), Width: MM(w), Height: MM(h)}, nil
}
