package engine

import (
	"fmt"
	"math"
	"sort"

	"printd/layout"
)

// Effective resolution thresholds for print, in pixels per inch.
const (
	WarnPPI  = 200
	ErrorPPI = 120
)

// Report is the preflight report: what a print editor checks before the
// page goes to the printer.
type Report struct {
	Status   string          `json:"status"` // ok | warning | error
	Preset   string          `json:"preset"`
	Paper    string          `json:"paper"`
	Pages    int             `json:"pages"`
	Overset  bool            `json:"overset"` // the article does not fit the fixed page count
	Images   []ImageReport   `json:"images"`
	Missing  []MissingReport `json:"missing_glyphs"`
	Fonts    []string        `json:"fonts"`
	Warnings []string        `json:"warnings"`
}

// ImageReport is one placed picture's resolution.
type ImageReport struct {
	Src          string  `json:"src"`
	Where        string  `json:"where"`
	Pixels       [2]int  `json:"pixels"`     // the source's width and height
	PrintedMM    [2]int  `json:"printed_mm"` // the printed width and height of the whole picture
	EffectivePPI float64 `json:"effective_ppi"`
	Level        string  `json:"level"` // ok | warning | error
}

// MissingReport is a character no font has.
type MissingReport struct {
	Char  string `json:"char"`
	Code  string `json:"code"`
	Where string `json:"where"`
}

// preflight checks a laid-out document.
func preflight(pl Plan, doc *layout.Document, infos map[string]layout.ImageInfo, warnings []string) Report {
	r := Report{Status: "ok", Preset: pl.Preset, Paper: pl.Spec.Paper.Name, Pages: len(doc.Pages), Overset: doc.Overset,
		Images: []ImageReport{}, Missing: []MissingReport{}, Fonts: []string{}, Warnings: append([]string{}, warnings...)}
	level := func(l string) {
		if l == "error" || (l == "warning" && r.Status == "ok") {
			r.Status = l
		}
	}
	fonts := map[string]bool{}
	for _, p := range doc.Pages {
		for _, im := range p.Images {
			info := infos[im.Src]
			full := im.Full
			if full.W == 0 {
				full = im.Rect
			}
			ppi := math.Min(float64(info.Width)/(full.W/72), float64(info.Height)/(full.H/72))
			ir := ImageReport{Src: ShortSrc(im.Src), Pixels: [2]int{info.Width, info.Height},
				PrintedMM:    [2]int{int(math.Round(full.W / 72 * 25.4)), int(math.Round(full.H / 72 * 25.4))},
				EffectivePPI: math.Round(ppi), Level: "ok"}
			if im.Block >= 0 {
				ir.Where = fmt.Sprintf("body[%d]", im.Block)
			} else {
				ir.Where = "photo"
			}
			switch {
			case ppi < ErrorPPI:
				ir.Level = "error"
			case ppi < WarnPPI:
				ir.Level = "warning"
			}
			level(ir.Level)
			r.Images = append(r.Images, ir)
		}
		for _, t := range p.Texts {
			fonts[fmt.Sprintf("%s %s", t.Font.Family, styleName(t.Font.Style))] = true
		}
	}
	for _, m := range doc.Missing {
		r.Missing = append(r.Missing, MissingReport{Char: string(m.Rune), Code: fmt.Sprintf("U+%04X", m.Rune), Where: m.Where})
		level("warning")
	}
	if doc.Overset {
		level("error")
	}
	for f := range fonts {
		r.Fonts = append(r.Fonts, f)
	}
	sort.Strings(r.Fonts)
	if len(warnings) > 0 {
		level("warning")
	}
	return r
}

func styleName(s layout.Style) string {
	switch s {
	case layout.Bold:
		return "Bold"
	case layout.Italic:
		return "Italic"
	case layout.BoldItalic:
		return "Bold Italic"
	}
	return "Regular"
}

// Summary is the one-line form of a report for a response header.
func (r Report) Summary() string {
	worst := 0.0
	for i, im := range r.Images {
		if i == 0 || im.EffectivePPI < worst {
			worst = im.EffectivePPI
		}
	}
	s := fmt.Sprintf("status=%s; pages=%d; overset=%t; missing-glyphs=%d; images=%d", r.Status, r.Pages, r.Overset, len(r.Missing), len(r.Images))
	if len(r.Images) > 0 {
		s += fmt.Sprintf("; min-ppi=%d", int(worst))
	}
	return s
}
