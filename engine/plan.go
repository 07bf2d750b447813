package engine

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"printd/article"
	"printd/layout"
	"printd/profile"
)

// Presets (the vocabulary is article's).
const (
	PresetWeb     = article.PresetWeb
	PresetArchive = article.PresetArchive
	PresetProof   = article.PresetProof
)

// Plan is an article's options resolved against its publication's profile
// and preset: everything the render will do, decided before any of it. A
// transport plans a request once and renders or checks that plan.
type Plan struct {
	Preset  string
	Profile *profile.Profile
	Spec    layout.Spec
	Strict  bool
	// RequirePhotos fails the render when a photo cannot be had (the
	// archive preset, unless the transport allows missing photos); a
	// strict plan requires them too.
	RequirePhotos bool
	PDFA          bool
	QR            bool
	// QRURL is what the QR code encodes: the article's shortUrl, else the
	// profile's short link with the article's id, else its url.
	QRURL  string
	Footer *article.Footer
	// Options are the merged options with the origin of each.
	Options article.Resolved

	art article.Article // the article as planned (its footer filled in)
}

// strictAccessibility reports whether a picture without alternative text
// is an error (the publication profile's strict_accessibility).
func (pl *Plan) strictAccessibility() bool {
	return pl.Profile != nil && pl.Profile.StrictAccessibility
}

// Article is the article as it will be printed.
func (pl *Plan) Article() *article.Article { return &pl.art }

// Plan resolves art's options: printd's defaults, the article's own, its
// publication's profile for the preset, then over (the query string or
// the command line), each overriding the one before. Option problems are
// returned as article.OptionErrors naming the field and its origin.
func (p *Printer) Plan(art *article.Article, over article.Over) (Plan, error) {
	ao, oo := art.Options, over.Options
	errs := article.OptionErrors(ao.Check(article.Origin{Source: article.FromArticle}))
	errs = append(errs, oo.Check(article.Origin{Source: over.From})...)
	if len(errs) > 0 {
		return Plan{}, errs
	}
	prof, err := p.profiles.Get(art.Publication)
	if err != nil {
		return Plan{}, article.OptionErrors{{Field: "publication", From: article.Origin{Source: article.FromArticle}, Msg: err.Error()}}
	}
	sheet := func(preset string) (string, int) {
		sh := prof.Sheet(preset)
		return sh.Paper, sh.Columns
	}
	r, err := article.Resolve(ao, prof.Name, sheet, article.Over{From: over.From, Options: oo})
	if err != nil {
		var oe *article.OptionError
		if errors.As(err, &oe) {
			return Plan{}, article.OptionErrors{oe}
		}
		return Plan{}, err
	}
	pl, err := plan(prof, r, art)
	if err != nil {
		var se *layout.SpecError
		if errors.As(err, &se) && len(se.Fields) > 0 {
			field, from := r.Blame(se.Fields...)
			return Plan{}, article.OptionErrors{{Field: field, From: from, Msg: se.Msg}}
		}
		return Plan{}, err
	}
	if over.AllowMissingPhotos {
		pl.RequirePhotos = false
	}
	return pl, nil
}

// plan turns resolved options into a page specification and the switches
// of the render.
func plan(prof *profile.Profile, r article.Resolved, art *article.Article) (Plan, error) {
	pl := Plan{Preset: r.Preset, Profile: prof, Options: r}
	spec := layout.DefaultSpec(layout.PaperOf(r.Paper), r.Columns)
	applyProfile(&spec, prof, art)
	switch pl.Preset {
	case PresetWeb:
		spec.PPI = 150
		spec.ParagraphIndent = false // screen style: space between paragraphs
	case PresetArchive:
		spec.PPI = 300
		pl.PDFA = true
		pl.RequirePhotos = true // an archive that silently lacks its photos is lost data
	case PresetProof:
		spec.PPI = 300
		bleed := article.DefaultBleedMM
		if r.Bleed != nil {
			bleed = *r.Bleed
		}
		spec.Bleed = layout.MM(bleed)
		spec.Marks = layout.MM(12)
		pl.Strict = true
	}
	sh := prof.Sheet(pl.Preset)
	spec.MinPPI = float64(article.DefaultMinPPI(pl.Preset))
	if sh.MinPPI > 0 {
		spec.MinPPI = float64(sh.MinPPI)
	}
	spec.FigureAlign = layout.AlignCenter
	if sh.ImageAlign == article.ImageStart {
		spec.FigureAlign = layout.AlignLeft
	}
	links := sh.Links
	if links == "" {
		links = article.DefaultLinks(pl.Preset)
	}
	switch links {
	case article.LinksInline:
		spec.PrintLinks = layout.LinksPrintInline
	case article.LinksFootnote:
		spec.PrintLinks = layout.LinksPrintFootnote
	}
	// every preset prints a QR code of the article beside the legal
	// footer: a short one when the publication has short links
	pl.QR = true
	pl.QRURL = art.URL
	switch {
	case art.ShortURL != "":
		pl.QRURL = art.ShortURL
	case prof.ShortURL != "" && art.ID != "":
		pl.QRURL = strings.ReplaceAll(prof.ShortURL, "{id}", url.PathEscape(art.ID))
	}
	if r.Strict != nil {
		pl.Strict = *r.Strict
	}
	if r.Grayscale {
		spec.Grayscale = true
	}
	spec.Copyfit = r.Fit == article.FitAuto
	spec.Pages = r.Pages
	pl.Footer = art.Footer
	if pl.Footer == nil && (prof.Footer.Text != "" || len(prof.Footer.Links) > 0) {
		pl.Footer = &article.Footer{Text: prof.Footer.Text}
		for _, l := range prof.Footer.Links {
			pl.Footer.Links = append(pl.Footer.Links, article.Link{Text: l.Text, URL: l.URL})
		}
	}
	if err := spec.Validate(); err != nil {
		return pl, err
	}
	pl.Spec = spec
	pl.art = *art
	pl.art.Footer = pl.Footer
	return pl, nil
}

// checkProfiles plans every preset of every loaded profile with no options
// of the article's or the request's, so that a sheet layout cannot honour
// is found when the profiles load, not on a client's request. It returns
// every problem at once.
func (p *Printer) checkProfiles() error {
	var errs article.OptionErrors
	for _, name := range p.profiles.Names() {
		art := &article.Article{Publication: name}
		if name == "default" {
			art.Publication = ""
		}
		for _, preset := range []string{PresetWeb, PresetArchive, PresetProof} {
			if _, err := p.Plan(art, article.Over{Options: article.Options{Preset: preset}}); err != nil {
				var oe article.OptionErrors
				if !errors.As(err, &oe) {
					return err
				}
				errs = append(errs, oe...)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
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

// siteName is the article's site, from its address, for the running
// footer of a profile without a masthead.
func siteName(art *article.Article) string {
	if u, err := url.Parse(art.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}
