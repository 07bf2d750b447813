// Package profile owns publication profiles: the masthead, colours, fonts,
// language, date format, paper and columns per preset, and the legal footer
// of one publication. An embedded default profile is always there; more are
// loaded from a directory of YAML or JSON files at start-up, parsed once and
// shared read-only by every render.
package profile

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"

	"printd/article"
	"printd/fonts"
)

// Profile is one publication's settings.
type Profile struct {
	Name       string   `json:"name"`
	Masthead   Masthead `json:"masthead"`
	Lang       string   `json:"lang"`
	DateFormat string   `json:"date_format"` // long | iso | numeric
	DropCap    bool     `json:"drop_cap"`    // a large initial on the first paragraph
	// StrictAccessibility makes a picture without alternative text an
	// error (engine.AccessibilityError) instead of a preflight warning.
	StrictAccessibility bool             `json:"strict_accessibility"`
	Colors              Colors           `json:"colors"`
	Fonts               FontConfig       `json:"fonts"`
	Presets             map[string]Sheet `json:"presets"`
	Footer              Footer           `json:"footer"`
	// ShortURL is the publication's short link to an article, with {id}
	// where the article's id goes ("https://nge.example/a/{id}"); the QR
	// code encodes it when the article brings no shortUrl of its own.
	ShortURL string            `json:"short_url"`
	Extra    map[string]string `json:"-"`

	// Set holds the profile's fonts, parsed at load time.
	Set *fonts.Set `json:"-"`
	// Dir is where the profile file was found; relative paths resolve
	// against it.
	Dir string `json:"-"`
}

// Masthead is the publication's name as text, or a logo image.
type Masthead struct {
	Text string `json:"text"`
	Logo string `json:"logo"` // a file path relative to the profile, or a data: URI
}

// Colors are "#rrggbb" strings.
type Colors struct {
	Accent string `json:"accent"`
	Text   string `json:"text"`
	Muted  string `json:"muted"`
	Rule   string `json:"rule"`
	Link   string `json:"link"`
}

// FontConfig names each family: "embedded" (or empty) for printd's own, or
// the TrueType files of the publication's typeface.
type FontConfig struct {
	Serif    FamilyFiles   `json:"serif"`
	Sans     FamilyFiles   `json:"sans"`
	Mono     FamilyFiles   `json:"mono"`
	Fallback []FamilyFiles `json:"fallback"` // tried in order for characters the others lack
	// Scripts names, per ISO 15924 script code (Arab, Deva, Hans…) or
	// language tag (ur, zh-Hant…), the installed families that script's
	// or language's text is set in (see ScriptFonts).
	Scripts map[string]ScriptFonts `json:"scripts"`
}

// ScriptFonts are the families of one script or language: serif for body,
// headline and standfirst, sans for captions, byline and the furniture. A
// single name ("Noto Kufi Arabic") stands for both.
type ScriptFonts struct {
	Serif string `json:"serif"`
	Sans  string `json:"sans"`
	// problem is what was wrong with the value, reported with its path
	// among the profile's other problems.
	problem string
}

// UnmarshalJSON accepts a family name or an object {serif, sans}; another
// value is kept as a problem for the profile's check to report.
func (f *ScriptFonts) UnmarshalJSON(b []byte) error {
	if s, err := strconv.Unquote(string(b)); err == nil {
		*f = ScriptFonts{Serif: s, Sans: s}
		return nil
	}
	var p struct {
		Serif string `json:"serif"`
		Sans  string `json:"sans"`
	}
	if err := yaml.UnmarshalStrict(b, &p); err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, "json: "); i >= 0 {
			msg = msg[i+len("json: "):]
		}
		*f = ScriptFonts{problem: fmt.Sprintf("want a family name or {serif: …, sans: …}: %s", msg)}
		return nil
	}
	*f = ScriptFonts{Serif: p.Serif, Sans: p.Sans}
	return nil
}

// FamilyFiles is "embedded" or the files of one family's styles.
type FamilyFiles struct {
	Embedded   bool   `json:"-"`
	Name       string `json:"name"`
	Regular    string `json:"regular"`
	Bold       string `json:"bold"`
	Italic     string `json:"italic"`
	BoldItalic string `json:"bold_italic"`
}

// UnmarshalJSON accepts the string "embedded" or an object of paths.
func (f *FamilyFiles) UnmarshalJSON(b []byte) error {
	if s, err := strconv.Unquote(string(b)); err == nil {
		if s != "embedded" && s != "" {
			return fmt.Errorf("font family %q: want \"embedded\" or an object of file paths", s)
		}
		*f = FamilyFiles{Embedded: true}
		return nil
	}
	type plain FamilyFiles
	var p plain
	if err := yaml.Unmarshal(b, &p); err != nil {
		return err
	}
	*f = FamilyFiles(p)
	return nil
}

// Sheet is the paper and grid of one preset, and what it does with small
// pictures and with links (see article.CheckSheetExtras).
type Sheet struct {
	Paper   string `json:"paper"`
	Columns int    `json:"columns"`
	// MinPPI is the smallest effective resolution a picture prints at (0:
	// the preset's default, article.DefaultMinPPI).
	MinPPI int `json:"min_ppi"`
	// ImageAlign places a picture narrower than its column: center (the
	// default) or start.
	ImageAlign string `json:"image_align"`
	// Links prints a link's address on paper: inline (the default),
	// footnote or off.
	Links string `json:"links"`
}

// Footer is the legal footer.
type Footer struct {
	Text  string `json:"text"`
	Links []Link `json:"links"`
}

// Link is a footer link.
type Link struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

//go:embed default.yaml
var defaultYAML []byte

// ErrUnknown is returned for a publication no profile describes.
var ErrUnknown = errors.New("unknown publication")

// Profiles is the set of loaded profiles, by name. Read-only after Load.
type Profiles struct {
	byName map[string]*Profile
}

// Load reads the embedded default profile and, when dir is not empty, every
// *.yaml, *.yml and *.json file in dir. A profile named "default" in dir
// replaces the embedded one. The families a profile names for scripts
// (fonts.scripts) must be among lib's fonts (nil: the system's, see
// fonts.System); lib is the library the process renders with.
func Load(dir string, lib *fonts.Library) (*Profiles, error) {
	if lib == nil {
		lib = fonts.System()
	}
	ps := &Profiles{byName: map[string]*Profile{}}
	def, err := parse(defaultYAML, "", "", lib)
	if err != nil {
		return nil, err
	}
	ps.byName[def.Name] = def
	if dir == "" {
		return ps, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("profiles: %w", err)
	}
	var errs []error
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, &Error{File: path, Problems: []string{err.Error()}})
			continue
		}
		p, err := parse(data, dir, path, lib)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ps.byName[p.Name] = p
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ps, nil
}

// Default is the embedded default profile alone.
func Default() *Profiles {
	ps, err := Load("", nil)
	if err != nil {
		panic(err) // the embedded profile is part of the binary and tested
	}
	return ps
}

// Get returns the profile called name ("" means "default").
func (ps *Profiles) Get(name string) (*Profile, error) {
	if name == "" {
		name = "default"
	}
	p, ok := ps.byName[name]
	if !ok {
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(ps.Names(), ", "))
	}
	return p, nil
}

// Names lists the loaded profiles.
func (ps *Profiles) Names() []string {
	out := make([]string, 0, len(ps.byName))
	for n := range ps.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Error lists every problem of one profile file, each with the path of
// the field it concerns.
type Error struct {
	File     string // "" for the embedded default
	Problems []string
}

func (e *Error) Error() string {
	file := e.File
	if file == "" {
		file = "embedded default"
	}
	return fmt.Sprintf("profile %s: %s", file, strings.Join(e.Problems, "; "))
}

// parse reads and checks one profile and loads its fonts. It reports
// every problem it finds, not only the first.
func parse(data []byte, dir, file string, lib *fonts.Library) (*Profile, error) {
	p := &Profile{Dir: dir}
	if err := yaml.UnmarshalStrict(data, p); err != nil {
		return nil, &Error{File: file, Problems: []string{err.Error()}}
	}
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !nameRE.MatchString(p.Name) {
		add("name: %q must be lower-case letters, digits, '.', '_' or '-'", p.Name)
	}
	switch p.DateFormat {
	case "":
		p.DateFormat = "long"
	case "long", "iso", "numeric":
	default:
		add("date_format: %q must be long, iso or numeric", p.DateFormat)
	}
	for _, c := range []struct{ field, v string }{{"accent", p.Colors.Accent}, {"text", p.Colors.Text}, {"muted", p.Colors.Muted}, {"rule", p.Colors.Rule}, {"link", p.Colors.Link}} {
		if c.v != "" && !colorRE.MatchString(c.v) {
			add("colors.%s: %q is not #rrggbb", c.field, c.v)
		}
	}
	names := make([]string, 0, len(p.Presets))
	for name := range p.Presets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sh := p.Presets[name]
		preset, ok := article.ParsePreset(name)
		if !ok || preset != name {
			add("presets.%s: unknown preset (web, archive, proof)", name)
			continue
		}
		o := article.Options{Paper: sh.Paper, Columns: sh.Columns}
		if sh.Columns < 0 {
			o.Columns = -1 // zero means "not set"; a negative count is refused
		}
		for _, e := range o.Check(article.Origin{Source: article.FromProfile, Profile: p.Name, Preset: name}) {
			add("%s: %s", e.Path(), e.Msg)
		}
		for _, pr := range article.CheckSheetExtras(name, sh.MinPPI, sh.ImageAlign, sh.Links) {
			add("presets.%s.%s: %s", name, pr.Path, pr.Message)
		}
		sh.Paper = o.Paper // canonical name
		p.Presets[name] = sh
	}
	for i, l := range p.Footer.Links {
		if l.Text == "" || !(strings.HasPrefix(l.URL, "https://") || strings.HasPrefix(l.URL, "http://")) {
			add("footer.links[%d]: needs text and an http(s) url", i)
		}
	}
	if p.ShortURL != "" && (!strings.Contains(p.ShortURL, "{id}") ||
		!(strings.HasPrefix(p.ShortURL, "https://") || strings.HasPrefix(p.ShortURL, "http://"))) {
		add("short_url: %q must be an http(s) address with {id} where the article's id goes", p.ShortURL)
	}
	set, fprobs := p.loadFonts()
	probs = append(probs, fprobs...)
	scripts, sprobs := p.scriptFamilies(lib)
	probs = append(probs, sprobs...)
	if len(probs) > 0 {
		return nil, &Error{File: file, Problems: probs}
	}
	set.Scripts = scripts
	p.Set = set
	return p, nil
}

// loadFonts parses the profile's families once.
func (p *Profile) loadFonts() (*fonts.Set, []string) {
	emb, err := fonts.Embedded()
	if err != nil {
		return nil, []string{err.Error()}
	}
	var probs []string
	set := &fonts.Set{Serif: emb.Serif, Sans: emb.Sans, Mono: emb.Mono}
	load := func(field, family string, ff FamilyFiles) (*fonts.Family, error) {
		var files [4][]byte
		for i, path := range []string{ff.Regular, ff.Bold, ff.Italic, ff.BoldItalic} {
			if path == "" {
				continue
			}
			if !filepath.IsAbs(path) {
				path = filepath.Join(p.Dir, path)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("fonts.%s: %w", field, err)
			}
			files[i] = b
		}
		fam, err := fonts.LoadFamily(family, files[0], files[1], files[2], files[3])
		if err != nil {
			return nil, fmt.Errorf("fonts.%s: %w", field, err)
		}
		return fam, nil
	}
	for _, f := range []struct {
		field string
		ff    FamilyFiles
		dst   **fonts.Family
	}{{"serif", p.Fonts.Serif, &set.Serif}, {"sans", p.Fonts.Sans, &set.Sans}, {"mono", p.Fonts.Mono, &set.Mono}} {
		if f.ff.Embedded || f.ff.Regular == "" {
			continue
		}
		fam, err := load(f.field, p.Name+"-"+f.field, f.ff)
		if err != nil {
			probs = append(probs, err.Error())
			continue
		}
		*f.dst = fam
	}
	for i, ff := range p.Fonts.Fallback {
		name := ff.Name
		if name == "" {
			name = fmt.Sprintf("%s-fallback%d", p.Name, i)
		}
		fam, err := load(fmt.Sprintf("fallback[%d]", i), name, ff)
		if err != nil {
			probs = append(probs, err.Error())
			continue
		}
		set.Extra = append(set.Extra, fam)
	}
	return set, probs
}

// FallbackNames lists the fallback families in the order they are tried.
func (p *Profile) FallbackNames() []string {
	var out []string
	for _, f := range p.Set.Extra {
		out = append(out, f.Name)
	}
	return out
}

// Sheet returns the paper and columns the profile sets for a preset.
func (p *Profile) Sheet(preset string) Sheet {
	return p.Presets[preset]
}
