package article

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file owns printd's option vocabulary: the presets, the papers, the
// limits, the defaults, where each value may come from and in which order
// they override each other, and the one validation every entry point (the
// article's "options" object, the HTTP query, the command line, a batch,
// a publication profile) goes through.

// Presets.
const (
	PresetWeb     = "web"
	PresetArchive = "archive"
	PresetProof   = "proof"
)

// Defaults.
const (
	// DefaultPreset is the preset of a single article that names none.
	DefaultPreset = PresetWeb
	// DefaultBatchPreset is the preset of a batch's articles that name
	// none, on the command line and over HTTP alike: a batch is an export.
	DefaultBatchPreset = PresetArchive
	// DefaultBleedMM is the proof preset's bleed.
	DefaultBleedMM = 3.0
)

// Copyfit settings (the fit option).
const (
	FitAuto = "auto" // pull a short runover back (layout.Spec.Copyfit)
	FitOff  = "off"
)

// DefaultFit is a preset's copyfit: on for the PDF button and the archive,
// off for proofs, where the desk wants to see the runover.
func DefaultFit(preset string) string {
	if preset == PresetProof {
		return FitOff
	}
	return FitAuto
}

// Option ranges.
const (
	MinColumns = 1
	MaxColumns = 4
	MinPaperMM = 50   // smallest custom paper side
	MaxPaperMM = 2000 // largest custom paper side
	MaxBleedMM = 25
	MaxPages   = 1000
)

// presetSheets are printd's paper and columns per preset, used where
// neither the request, the article nor the publication's profile says.
var presetSheets = map[string]struct {
	paper   string
	columns int
}{
	PresetWeb:     {"A4", 2},
	PresetArchive: {"A4", 2},
	PresetProof:   {"Tabloid", 3},
}

// ColumnsFor is the number of columns printd sets on a paper nobody gave
// columns for: as many as hold about 55 characters of 9 pt body each
// across the paper's width less its margins (1 on A5 and smaller, 2 on
// A4, Letter and Legal, 3 on Tabloid, A3 and Berliner, at most 4).
func ColumnsFor(p Paper) int {
	n := int(math.Round((p.WidthPt - 90) / 260))
	return min(max(n, 1), 4)
}

// PresetSheet is printd's own paper and columns for a preset.
func PresetSheet(preset string) (paper string, columns int) {
	s, ok := presetSheets[preset]
	if !ok {
		s = presetSheets[DefaultPreset]
	}
	return s.paper, s.columns
}

// ParsePreset returns the canonical name of a preset (any case, spaces
// around ignored).
func ParsePreset(s string) (string, bool) {
	switch p := strings.ToLower(strings.TrimSpace(s)); p {
	case PresetWeb, PresetArchive, PresetProof:
		return p, true
	}
	return "", false
}

// Messages shared by every entry point.
const (
	presetMessage  = "must be web, archive or proof"
	paperMessage   = "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"
	columnsMessage = "must be 1–4"
)

var (
	bleedMessage = fmt.Sprintf("must be between 0 and %d mm", MaxBleedMM)
	pagesMessage = fmt.Sprintf("must be between 0 and %d", MaxPages)
)

// Paper is a paper size, portrait: its canonical name, its sides in
// millimetres, and in points (exact for the sizes defined in inches).
type Paper struct {
	Name          string // canonical: "A4", "Letter", … or "210x297mm"
	Width, Height float64
	WidthPt       float64
	HeightPt      float64
}

const ptPerMM = 72 / 25.4

// mm converts millimetres to points in float64 arithmetic (as layout.MM
// does), not as an exact constant expression.
func mm(v float64) float64 { return v * ptPerMM }

// namedPapers is the one table of paper names.
var namedPapers = [...]Paper{
	{"A4", 210, 297, mm(210), mm(297)},
	{"A3", 297, 420, mm(297), mm(420)},
	{"Letter", 215.9, 279.4, 612, 792},
	{"Legal", 215.9, 355.6, 612, 1008},
	{"Tabloid", 279.4, 431.8, 792, 1224},
	{"Berliner", 315, 470, mm(315), mm(470)},
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
	bad := errors.New(paperMessage)
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
	return Paper{Name: fmt.Sprintf("%gx%gmm", w, h), Width: w, Height: h, WidthPt: mm(w), HeightPt: mm(h)}, nil
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

// Source is where an option's value came from, in increasing precedence:
// printd's defaults, the article's "options" object, the publication's
// profile, the transport (the query string or the command line).
type Source uint8

const (
	FromDefault Source = iota
	FromArticle
	FromProfile
	FromQuery
	FromFlag
)

// Origin is where one option value came from: its source and, for a
// profile, which profile and preset sheet.
type Origin struct {
	Source  Source
	Profile string // FromProfile: the profile's name
	Preset  string // FromProfile: the sheet's preset
}

// Path is the JSON path (or flag) of field as this origin spells it:
// options.paper, query.paper, --paper, presets.proof.paper.
func (o Origin) Path(field string) string {
	switch o.Source {
	case FromArticle:
		return "options." + field
	case FromQuery:
		return "query." + field
	case FromFlag:
		return "--" + field
	case FromProfile:
		return "presets." + o.Preset + "." + field
	}
	return field
}

// OptionError is one option that cannot be honoured, with the field it
// concerns and where its value came from.
type OptionError struct {
	Field string // preset, paper, columns, grayscale, bleed, strict, pages, fit, publication
	From  Origin
	Msg   string
}

// Path is the error's JSON path (or flag). The publication is a field of
// the article itself, not of its options.
func (e *OptionError) Path() string {
	if e.Field == "publication" {
		return e.Field
	}
	return e.From.Path(e.Field)
}

func (e *OptionError) Error() string {
	if e.From.Source == FromProfile {
		return fmt.Sprintf("profile %q: %s: %s", e.From.Profile, e.Path(), e.Msg)
	}
	return e.Path() + ": " + e.Msg
}

// Check validates options from one origin and puts them in canonical form
// (lower-case preset, canonical paper name). It returns every problem.
func (o *Options) Check(from Origin) []*OptionError {
	var errs []*OptionError
	add := func(field, msg string) {
		errs = append(errs, &OptionError{Field: field, From: from, Msg: msg})
	}
	if o.Preset != "" {
		if p, ok := ParsePreset(o.Preset); ok {
			o.Preset = p
		} else {
			add("preset", presetMessage)
		}
	}
	if o.Paper != "" {
		if p, err := ParsePaper(o.Paper); err != nil {
			add("paper", err.Error())
		} else {
			o.Paper = p.Name
		}
	}
	if o.Columns != 0 && (o.Columns < MinColumns || o.Columns > MaxColumns) {
		add("columns", columnsMessage)
	}
	if o.Bleed != nil && !(*o.Bleed >= 0 && *o.Bleed <= MaxBleedMM) {
		add("bleed", bleedMessage)
	}
	if o.Fit != "" {
		switch f := strings.ToLower(strings.TrimSpace(o.Fit)); f {
		case FitAuto, FitOff:
			o.Fit = f
		default:
			add("fit", "must be auto or off")
		}
	}
	if o.Pages < 0 || o.Pages > MaxPages {
		add("pages", pagesMessage)
	}
	return errs
}

// Normalize is Check for options read from JSON: problems carry paths
// under prefix ("options" gives "options.paper", "" gives "paper").
func (o *Options) Normalize(prefix string) []Problem {
	var probs []Problem
	for _, e := range o.Check(Origin{}) {
		probs = append(probs, Problem{Path: member(prefix, e.Field), Message: e.Msg})
	}
	return probs
}

// Over is what a transport lays over an article's options: the query
// string's or the command line's, which win over everything else.
type Over struct {
	From    Source // FromQuery or FromFlag
	Options Options
	// AllowMissingPhotos lets an archive render leave out, with a warning,
	// a photo that could not be had, as the web preset does; without it
	// such an archive render fails. It is the user's explicit choice, not
	// an option an article can carry.
	AllowMissingPhotos bool
}

// Resolved are the options of one render after the merge, each with its
// origin.
type Resolved struct {
	Preset    string
	Paper     Paper
	Columns   int
	Grayscale bool
	Strict    *bool // nil: the preset decides
	Bleed     *float64
	Pages     int
	Fit       string // auto | off
	from      origins
}

// resolvedFields are the options' names, in the order of origins.
var resolvedFields = [...]string{"preset", "paper", "columns", "grayscale", "strict", "bleed", "pages", "fit"}

// origins holds where each option came from, by its name's index in
// resolvedFields.
type origins [len(resolvedFields)]Origin

func fieldIndex(field string) int {
	for i, f := range resolvedFields {
		if f == field {
			return i
		}
	}
	return -1
}

func (o *origins) get(field string) Origin {
	if i := fieldIndex(field); i >= 0 {
		return o[i]
	}
	return Origin{}
}

func (o *origins) set(field string, from Origin) {
	if i := fieldIndex(field); i >= 0 {
		o[i] = from
	}
}

// From is where a resolved field's value came from.
func (r *Resolved) From(field string) Origin { return r.from.get(field) }

// Resolve merges an article's options, its publication's sheet for the
// preset and a transport's options, in that order of precedence (printd's
// defaults under all three), and checks the result. sheet gives the
// profile's paper and columns for a preset ("" and 0 where it sets none).
// Every layer must have passed Check already.
func Resolve(art Options, profile string, sheet func(preset string) (string, int), over Over) (Resolved, error) {
	var r Resolved
	overFrom := Origin{Source: over.From}
	artFrom := Origin{Source: FromArticle}
	o := over.Options
	switch {
	case o.Preset != "":
		r.Preset = o.Preset
		r.from.set("preset", overFrom)
	case art.Preset != "":
		r.Preset = art.Preset
		r.from.set("preset", artFrom)
	default:
		r.Preset = DefaultPreset
	}
	profFrom := Origin{Source: FromProfile, Profile: profile, Preset: r.Preset}
	defPaper, defColumns := PresetSheet(r.Preset)
	var shPaper string
	var shColumns int
	if sheet != nil {
		shPaper, shColumns = sheet(r.Preset)
	}
	paper, paperFrom := defPaper, Origin{}
	switch {
	case o.Paper != "":
		paper, paperFrom = o.Paper, overFrom
	case shPaper != "":
		paper, paperFrom = shPaper, profFrom
	case art.Paper != "":
		paper, paperFrom = art.Paper, artFrom
	}
	p, err := ParsePaper(paper)
	if err != nil {
		return r, &OptionError{Field: "paper", From: paperFrom, Msg: err.Error()}
	}
	r.Paper = p
	r.from.set("paper", paperFrom)
	switch {
	case o.Columns != 0:
		r.Columns = o.Columns
		r.from.set("columns", overFrom)
	case shColumns != 0:
		r.Columns = shColumns
		r.from.set("columns", profFrom)
	case art.Columns != 0:
		r.Columns = art.Columns
		r.from.set("columns", artFrom)
	case paper == defPaper:
		r.Columns = defColumns
	default:
		r.Columns = ColumnsFor(p)
	}
	pick := func(field string, ov, av *bool) *bool {
		switch {
		case ov != nil:
			r.from.set(field, overFrom)
			return ov
		case av != nil:
			r.from.set(field, artFrom)
			return av
		}
		return nil
	}
	r.Grayscale = deref(pick("grayscale", o.Grayscale, art.Grayscale))
	r.Strict = pick("strict", o.Strict, art.Strict)
	switch {
	case o.Bleed != nil:
		r.Bleed = o.Bleed
		r.from.set("bleed", overFrom)
	case art.Bleed != nil:
		r.Bleed = art.Bleed
		r.from.set("bleed", artFrom)
	}
	switch {
	case o.Pages != 0:
		r.Pages = o.Pages
		r.from.set("pages", overFrom)
	case art.Pages != 0:
		r.Pages = art.Pages
		r.from.set("pages", artFrom)
	}
	switch {
	case o.Fit != "":
		r.Fit = o.Fit
		r.from.set("fit", overFrom)
	case art.Fit != "":
		r.Fit = art.Fit
		r.from.set("fit", artFrom)
	default:
		r.Fit = DefaultFit(r.Preset)
	}
	if r.Bleed != nil && *r.Bleed > 0 && r.Preset != PresetProof {
		return r, &OptionError{Field: "bleed", From: r.from.get("bleed"), Msg: "only the proof preset prints bleed"}
	}
	return r, nil
}

func deref(b *bool) bool { return b != nil && *b }

// Blame is the field and origin to hold responsible for a problem that
// several fields cause together. A profile's sheets and printd's defaults
// are checked on their own when the profiles load, so the fault lies with
// a value the request brought, the one of highest precedence; only when
// none did is it the profile's (or the defaults').
func (r *Resolved) Blame(fields ...string) (string, Origin) {
	rank := func(o Origin) int {
		switch o.Source {
		case FromQuery, FromFlag, FromArticle:
			return 10 + int(o.Source)
		}
		return int(o.Source)
	}
	best, bestFrom := "", Origin{}
	for _, f := range fields {
		if o := r.from.get(f); best == "" || rank(o) > rank(bestFrom) {
			best, bestFrom = f, o
		}
	}
	return best, bestFrom
}

// OptionErrors are every option problem of one request.
type OptionErrors []*OptionError

func (es OptionErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Canonical writes the options in one fixed form, "-" for those not
// given: what the hashes that stand for a PDF (the service's ETags, a
// batch row's input hash) take of them. Normalise them first.
func (o Options) Canonical() string {
	opt := func(b *bool) string {
		if b == nil {
			return "-"
		}
		return strconv.FormatBool(*b)
	}
	bleed := "-"
	if o.Bleed != nil {
		bleed = strconv.FormatFloat(*o.Bleed, 'g', -1, 64)
	}
	return fmt.Sprintf("preset=%s;paper=%s;columns=%d;grayscale=%s;bleed=%s;strict=%s;pages=%d;fit=%s",
		o.Preset, o.Paper, o.Columns, opt(o.Grayscale), bleed, opt(o.Strict), o.Pages, o.Fit)
}
