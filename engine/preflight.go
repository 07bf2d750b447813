package engine

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"printd/internal/describe"
	"printd/layout"
)

// WarnPPI is the effective resolution under which a picture prints soft
// on paper; the web preset warns under the resolution it prepares pictures
// for (150 ppi). Under the plan's smallest resolution (layout.Spec.MinPPI:
// 96 ppi on the web, 150 on paper, or the profile's) is an error, which
// layout never lets happen to a picture of the article: it sets one with
// too few pixels smaller instead, and the report says so (level info, or
// warning when it still prints under WarnPPI).
const WarnPPI = 200

// Report is the preflight report: what a print editor checks before the
// page goes to the printer.
type Report struct {
	Status  string `json:"status"` // ok | warning | error
	Preset  string `json:"preset"`
	Paper   string `json:"paper"`
	Pages   int    `json:"pages"`
	Overset bool   `json:"overset"` // the article does not fit the fixed page count
	// OversetAt is where the text ran out of room: the last column of the
	// last page (only when Overset).
	OversetAt *Place `json:"overset_at,omitempty"`
	// Sheets gives each page's size, trim and bleed, for drawing the places
	// of the problems over a picture of the page.
	Sheets   []Sheet         `json:"sheets"`
	Images   []ImageReport   `json:"images"`
	Missing  []MissingReport `json:"missing_glyphs"`
	Fonts    []string        `json:"fonts"`
	Warnings []string        `json:"warnings"`
	// Layout says what layout did that loses nothing but a desk checks:
	// copyfit's changes, column feet the keep rules left short.
	Layout []string `json:"layout"`
}

// ImageReport is one placed picture's resolution.
type ImageReport struct {
	Src          string  `json:"src"`
	Where        string  `json:"where"`
	Pixels       [2]int  `json:"pixels"`     // the source's width and height
	PrintedMM    [2]int  `json:"printed_mm"` // the printed width and height of the whole picture
	EffectivePPI float64 `json:"effective_ppi"`
	Level        string  `json:"level"` // ok | info | warning | error
	Page         int     `json:"page"`  // 1-based
	Box          Box     `json:"box"`   // the visible (cropped) picture
	// Note says what layout did about the picture's resolution: that it
	// was set smaller than its column, at its size at the smallest
	// resolution the preset prints at.
	Note string `json:"note,omitempty"`
}

// Box is a rectangle on a page in points, from the page's top-left corner
// (the corner of the media box, bleed and slug included), y downwards.
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Place is where on which page (1-based) a problem is.
type Place struct {
	Page int `json:"page"`
	Box  Box `json:"box"`
}

// Sheet is one page's geometry in points.
type Sheet struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Trim   Box     `json:"trim"`
	Bleed  Box     `json:"bleed"`
}

// MissingReport is a character no font has.
type MissingReport struct {
	Char  string `json:"char"`
	Code  string `json:"code"`
	Where string `json:"where"`
	// Page and Box locate the first line set from the field, when it is on
	// a page (the character itself is left out).
	Page int  `json:"page,omitempty"`
	Box  *Box `json:"box,omitempty"`
}

// preflight checks a laid-out document.
func preflight(pl *Plan, doc *layout.Document, infos map[string]layout.ImageInfo, warnings []string) Report {
	r := Report{Status: "ok", Preset: pl.Preset, Paper: pl.Spec.Paper.Name, Pages: len(doc.Pages), Overset: doc.Overset,
		Images: []ImageReport{}, Missing: []MissingReport{}, Fonts: []string{}, Warnings: append([]string{}, warnings...),
		Sheets: make([]Sheet, len(doc.Pages)), Layout: append([]string{}, doc.Notes...)}
	level := func(l string) {
		if l == "error" || (l == "warning" && r.Status == "ok") {
			r.Status = l
		}
	}
	fonts := map[string]bool{}
	minPPI := pl.Spec.MinPPI
	warnPPI := math.Min(WarnPPI, pl.Spec.PPI)
	for i, p := range doc.Pages {
		r.Sheets[i] = Sheet{Width: round2(p.Width), Height: round2(p.Height), Trim: boxOf(p.Trim), Bleed: boxOf(p.Bleed)}
		for _, im := range p.Images {
			info := infos[im.Src]
			full := im.Full
			if full.W == 0 {
				full = im.Rect
			}
			ppi := math.Min(float64(info.Width)/(full.W/72), float64(info.Height)/(full.H/72))
			ir := ImageReport{Src: describe.Source(im.Src), Pixels: [2]int{info.Width, info.Height},
				PrintedMM:    [2]int{int(math.Round(full.W / 72 * 25.4)), int(math.Round(full.H / 72 * 25.4))},
				EffectivePPI: math.Round(ppi), Level: "ok", Page: i + 1, Box: boxOf(im.Rect)}
			switch {
			case im.Block >= 0:
				ir.Where = fmt.Sprintf("body[%d]", im.Block)
			case im.Src == pl.Spec.MastheadLogo:
				ir.Where = "masthead.logo"
			default:
				ir.Where = "photo"
			}
			rp := math.Round(ppi)
			switch {
			case rp < math.Round(minPPI):
				ir.Level = "error"
			case rp < warnPPI:
				ir.Level = "warning"
			case im.Limited:
				ir.Level = "info"
			}
			if im.Limited {
				ir.Note = fmt.Sprintf("set at %d × %d mm, its size at %.0f ppi, narrower than its column",
					ir.PrintedMM[0], ir.PrintedMM[1], minPPI)
			}
			if ir.Level != "info" {
				level(ir.Level)
			}
			r.Images = append(r.Images, ir)
		}
		for _, t := range p.Texts {
			fonts[fmt.Sprintf("%s %s", t.Font.Family, styleName(t.Font.Style))] = true
		}
	}
	if len(doc.NoAlt) > 0 {
		if pl.strictAccessibility() {
			level("error")
		} else {
			level("warning")
		}
	}
	for _, m := range doc.Missing {
		mr := MissingReport{Char: string(m.Rune), Code: fmt.Sprintf("U+%04X", m.Rune), Where: m.Where}
		if pl, ok := fieldPlace(doc, m.Where); ok {
			mr.Page, mr.Box = pl.Page, &pl.Box
		}
		r.Missing = append(r.Missing, mr)
		level("error") // text left out: a gap in the printed article
	}
	if doc.Overset {
		level("error")
		if n := len(doc.Pages); n > 0 {
			last := doc.Pages[n-1]
			area := last.Content
			if c := len(last.Columns); c > 0 {
				area = last.Columns[c-1]
			}
			r.OversetAt = &Place{Page: n, Box: boxOf(area)}
		}
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

// fieldRoles maps the article's top-level fields to the role of the text
// set from them.
var fieldRoles = map[string]layout.Role{
	"kicker": layout.RoleKicker, "headline": layout.RoleHeadline, "standfirst": layout.RoleStandfirst,
	"authors": layout.RoleByline, "byline": layout.RoleByline, "caption": layout.RoleCaption, "credit": layout.RoleCredit,
}

// fieldPlace finds the first line set from the field at JSON path where
// ("body[3].html", "headline", "photo.caption") and boxes the lines of
// that field on the same page.
func fieldPlace(doc *layout.Document, where string) (Place, bool) {
	block, role := -1, layout.Role(255)
	if rest, ok := strings.CutPrefix(where, "body["); ok {
		n, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, ']'), 0)])
		if err != nil {
			return Place{}, false
		}
		block = n
	} else {
		field := where
		if i := strings.LastIndexAny(field, ".]"); i >= 0 {
			field = field[i+1:]
		}
		r, ok := fieldRoles[field]
		if !ok {
			return Place{}, false
		}
		role = r
	}
	for i, p := range doc.Pages {
		var box layout.Rect
		found := false
		for _, t := range p.Texts {
			if (block >= 0 && t.Block != block) || (block < 0 && (t.Role != role || t.Block >= 0)) {
				continue
			}
			tr := layout.Rect{X: t.X, Y: t.Y - t.Asc, W: t.Width, H: t.Asc + t.Desc}
			if !found {
				box, found = tr, true
				continue
			}
			x0, y0 := math.Min(box.X, tr.X), math.Min(box.Y, tr.Y)
			box = layout.Rect{X: x0, Y: y0, W: math.Max(box.Right(), tr.Right()) - x0, H: math.Max(box.Bottom(), tr.Bottom()) - y0}
		}
		if found {
			return Place{Page: i + 1, Box: boxOf(box)}, true
		}
	}
	return Place{}, false
}

func boxOf(r layout.Rect) Box {
	return Box{X: round2(r.X), Y: round2(r.Y), W: round2(r.W), H: round2(r.H)}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

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
