package engine

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"printd/article"
	"printd/layout"
	"printd/profile"
)

// Presets.
const (
	PresetWeb     = "web"
	PresetArchive = "archive"
	PresetProof   = "proof"
)

// Plan is an article's options resolved against its publication's profile
// and preset: everything the render will do, decided before any of it.
type Plan struct {
	Preset  string
	Profile *profile.Profile
	Spec    layout.Spec
	Strict  bool
	PDFA    bool
	QR      bool
	Footer  *article.Footer
}

// Plan resolves art's options: the article's own, then its profile's for
// the preset, then printd's defaults.
func (p *Printer) Plan(art *article.Article) (Plan, error) {
	o := art.Options
	pl := Plan{Preset: strings.ToLower(o.Preset)}
	if pl.Preset == "" {
		pl.Preset = PresetWeb
	}
	switch pl.Preset {
	case PresetWeb, PresetArchive, PresetProof:
	default:
		return pl, fmt.Errorf("%w: preset: %q is not web, archive or proof", ErrOptions, o.Preset)
	}
	prof, err := p.profiles.Get(art.Publication)
	if err != nil {
		return pl, fmt.Errorf("%w: publication: %v", ErrOptions, err)
	}
	pl.Profile = prof
	sheet := prof.Sheet(pl.Preset)
	paper, err := layout.ParsePaper(firstNonEmpty(o.Paper, sheet.Paper, "A4"))
	if err != nil {
		return pl, fmt.Errorf("%w: paper: %v", ErrOptions, err)
	}
	spec := layout.DefaultSpec(paper, firstPositive(o.Columns, sheet.Columns, 2))
	applyProfile(&spec, prof, art)
	switch pl.Preset {
	case PresetWeb:
		spec.PPI = 150
		spec.ParagraphIndent = false // screen style: space between paragraphs
		pl.QR = true
	case PresetArchive:
		spec.PPI = 300
		pl.PDFA = true
	case PresetProof:
		spec.PPI = 300
		bleed := 3.0
		if o.Bleed != nil {
			bleed = *o.Bleed
		}
		spec.Bleed = layout.MM(bleed)
		spec.Marks = layout.MM(12)
		pl.Strict = true
	}
	if o.Bleed != nil && *o.Bleed > 0 && pl.Preset != PresetProof {
		return pl, fmt.Errorf("%w: bleed: only the proof preset prints bleed", ErrOptions)
	}
	if o.Strict != nil {
		pl.Strict = *o.Strict
	}
	if o.Grayscale != nil && *o.Grayscale {
		spec.Grayscale = true
	}
	spec.Pages = o.Pages
	pl.Footer = art.Footer
	if pl.Footer == nil && (prof.Footer.Text != "" || len(prof.Footer.Links) > 0) {
		pl.Footer = &article.Footer{Text: prof.Footer.Text}
		for _, l := range prof.Footer.Links {
			pl.Footer.Links = append(pl.Footer.Links, article.Link{Text: l.Text, URL: l.URL})
		}
	}
	if err := spec.Validate(); err != nil {
		return pl, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	pl.Spec = spec
	return pl, nil
}

// applyProfile carries a profile's colours, language, date format,
// masthead and fallback fonts into a page specification.
func applyProfile(s *layout.Spec, prof *profile.Profile, art *article.Article) {
	if prof.Lang != "" {
		s.Lang = prof.Lang
	}
	s.DateFormat = prof.DateFormat
	s.DropCap = prof.DropCap
	s.Masthead = prof.Masthead.Text
	s.MastheadLogo = prof.Masthead.Logo
	s.Publication = firstNonEmpty(prof.Masthead.Text, siteName(art))
	s.Fallback = append(append([]string(nil), s.Fallback...), prof.FallbackNames()...)
	c := prof.Colors
	if v, ok := parseColor(c.Text); ok {
		for _, st := range []*layout.TextStyle{&s.Body, &s.Headline, &s.Standfirst, &s.H2, &s.H3, &s.H4, &s.Quote, &s.List, &s.Pre, &s.Caption} {
			st.Color = v
		}
	}
	if v, ok := parseColor(c.Muted); ok {
		s.Muted = v
		for _, st := range []*layout.TextStyle{&s.Byline, &s.Credit, &s.Cite, &s.Legal, &s.Running} {
			st.Color = v
		}
	}
	if v, ok := parseColor(c.Accent); ok {
		s.Accent = v
		s.Kicker.Color = v
	}
	if v, ok := parseColor(c.Rule); ok {
		s.RuleColor = v
	}
	if v, ok := parseColor(c.Link); ok {
		s.LinkColor = v
	}
}

func parseColor(hex string) (layout.Color, bool) {
	if len(hex) != 7 || hex[0] != '#' {
		return layout.Color{}, false
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return layout.Color{}, false
	}
	return layout.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, true
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func firstPositive(vs ...int) int {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return 0
}

// siteName is the article's site, from its address, for the running
// footer of a profile without a masthead.
func siteName(art *article.Article) string {
	if u, err := url.Parse(art.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}
