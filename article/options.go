package article

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Option ranges.
const (
	MinPaperMM = 50   // smallest custom paper side
	MaxPaperMM = 2000 // largest custom paper side
	MaxBleedMM = 25
	MaxPages   = 1000
)

// Paper is a paper size in millimetres, portrait.
type Paper struct {
	Name          string // canonical: "A4", "Letter", "Tabloid", "Berliner" or "210x297mm"
	Width, Height float64
}

var namedPapers = [...]Paper{
	{"A4", 210, 297},
	{"Letter", 215.9, 279.4},
	{"Tabloid", 279.4, 431.8},
	{"Berliner", 315, 470},
}

// ParsePaper parses a paper option: a named size (case-insensitive) or
// WIDTHxHEIGHTmm with each side in MinPaperMM..MaxPaperMM.
func ParsePaper(s string) (Paper, error) {
	s = strings.TrimSpace(s)
	for _, p := range namedPapers {
		if strings.EqualFold(s, p.Name) {
			return p, nil
		}
	}
	bad := errors.New("must be A4, Letter, Tabloid, Berliner or WIDTHxHEIGHTmm")
	lower := strings.ToLower(s)
	dims, ok := strings.CutSuffix(lower, "mm")
	if !ok {
		return Paper{}, bad
	}
	ws, hs, ok := strings.Cut(dims, "x")
	if !ok {
		return Paper{}, bad
	}
	w, werr := parseMM(ws)
	h, herr := parseMM(hs)
	if werr != nil || herr != nil {
		return Paper{}, bad
	}
	if w < MinPaperMM || w > MaxPaperMM || h < MinPaperMM || h > MaxPaperMM {
		return Paper{}, fmt.Errorf("width and height must be %d–%d mm", MinPaperMM, MaxPaperMM)
	}
	return Paper{Name: ws + "x" + hs + "mm", Width: w, Height: h}, nil
}

// parseMM accepts digits with an optional decimal part, nothing else.
func parseMM(s string) (float64, error) {
	digits, frac := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !frac && digits > 0 && i < len(s)-1:
			frac = true
		default:
			return 0, fmt.Errorf("bad length %q", s)
		}
	}
	if digits == 0 {
		return 0, fmt.Errorf("bad length %q", s)
	}
	return strconv.ParseFloat(s, 64)
}

// Normalize checks options however they arrived and puts them in canonical
// form (lower-case preset, canonical paper name). Problems carry paths
// under prefix: "options" gives "options.paper", "" gives "paper".
func (o *Options) Normalize(prefix string) []Problem {
	var probs []Problem
	add := func(field, msg string) {
		probs = append(probs, Problem{Path: member(prefix, field), Message: msg})
	}
	if o.Preset != "" {
		switch p := strings.ToLower(strings.TrimSpace(o.Preset)); p {
		case "web", "archive", "proof":
			o.Preset = p
		default:
			add("preset", "must be web, archive or proof")
		}
	}
	if o.Paper != "" {
		if p, err := ParsePaper(o.Paper); err != nil {
			add("paper", err.Error())
		} else {
			o.Paper = p.Name
		}
	}
	if o.Columns != 0 && (o.Columns < 1 || o.Columns > 4) {
		add("columns", "must be 1–4")
	}
	if o.Bleed != nil && (*o.Bleed < 0 || *o.Bleed > MaxBleedMM) {
		add("bleed", fmt.Sprintf("must be between 0 and %d mm", MaxBleedMM))
	}
	if o.Pages < 0 || o.Pages > MaxPages {
		add("pages", fmt.Sprintf("must be between 0 and %d", MaxPages))
	}
	return probs
}
