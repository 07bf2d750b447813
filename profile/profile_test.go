package profile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	ps := Default()
	p, err := ps.Get("")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "default" || p.Set == nil || p.Set.Serif == nil || p.DateFormat != "long" {
		t.Errorf("default profile: %+v", p)
	}
	// The default profile sets no sheet, so that an article's own options
	// are not overridden; printd's defaults (article.PresetSheet) apply.
	if s := p.Sheet("proof"); s.Paper != "" || s.Columns != 0 {
		t.Errorf("proof sheet %+v", s)
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	seedFont, err := os.ReadFile(filepath.Join("..", "fonts", "ttf", "NotoSansMono-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "Fallback.ttf"), seedFont, 0o644)
	os.WriteFile(filepath.Join(dir, "nge.yaml"), []byte(`
name: nge
masthead: {text: "Novaya Gazeta Europe"}
lang: ru
date_format: iso
drop_cap: true
colors: {accent: "#112233"}
fonts:
  serif: embedded
  fallback:
    - {name: symbols, regular: Fallback.ttf}
presets:
  proof: {paper: Berliner, columns: 4}
footer:
  text: "Editor in chief — Kirill Martynov."
  links:
    - {text: Terms of use, url: "https://example.org/terms"}
`), 0o644)
	os.WriteFile(filepath.Join(dir, "other.json"), []byte(`{"name": "other", "presets": {"web": {"paper": "Letter"}}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a profile"), 0o644)
	ps, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ps.Names(), ","); got != "default,nge,other" {
		t.Errorf("names %s", got)
	}
	p, err := ps.Get("nge")
	if err != nil {
		t.Fatal(err)
	}
	if p.Masthead.Text != "Novaya Gazeta Europe" || p.Lang != "ru" || p.DateFormat != "iso" || !p.DropCap ||
		p.Sheet("proof").Paper != "Berliner" || len(p.Footer.Links) != 1 {
		t.Errorf("nge profile: %+v", p)
	}
	if names := p.FallbackNames(); len(names) != 1 || names[0] != "symbols" || p.Set.Family("symbols") == nil {
		t.Errorf("fallback families %v", names)
	}
	if _, err := ps.Get("nonesuch"); !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "nge") {
		t.Errorf("unknown publication: %v", err)
	}
}

func TestBadProfiles(t *testing.T) {
	cases := map[string]string{
		"name: Bad Name\n":                                      "name",
		"name: x\ncolors: {accent: red}\n":                      "colors.accent",
		"name: x\ndate_format: fancy\n":                         "date_format",
		"name: x\npresets: {poster: {paper: A4}}\n":             "presets.poster",
		"name: x\nfonts: {serif: {regular: nope.ttf}}\n":        "fonts.serif",
		"name: x\nfooter: {links: [{text: a, url: ftp://x}]}\n": "footer.links[0]",
		"name: x\nunknown_field: 1\n":                           "unknown",
		"name: x\npresets: {proof: {paper: A0}}\n":              "presets.proof.paper: must be A4, A3, Letter",
		"name: x\npresets: {web: {columns: 5}}\n":               "presets.web.columns: must be 1–4",
		"name: x\npresets: {web: {columns: -1}}\n":              "presets.web.columns: must be 1–4",
		"name: x\npresets: {web: {paper: 10x10mm}}\n":           "presets.web.paper: width and height must be 50–2000 mm",
		"name: x\npresets: {archive: {min_ppi: 20}}\n":          "presets.archive.min_ppi: must be 36–600",
		"name: x\npresets: {proof: {image_align: left}}\n":      "presets.proof.image_align: must be center or start",
		"name: x\npresets: {proof: {links: endnotes}}\n":        "presets.proof.links: must be inline, footnote or off",
		"name: x\npresets: {web: {links: inline}}\n":            "presets.web.links: the web preset's links are live",
		"name: x\nshort_url: https://x.example/a/\n":            "short_url: \"https://x.example/a/\" must be an http(s) address with {id}",
	}
	for body, want := range cases {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(body), 0o644)
		_, err := Load(dir, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one naming %q", body, err, want)
		}
	}
}

// A profile with several mistakes reports all of them at once, and every
// bad file of the directory, so that an operator fixes them in one go.
func TestBadProfileReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("name: a\ndate_format: fancy\ncolors: {accent: red, link: blue}\npresets: {proof: {paper: A0, columns: 9}}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte("name: b\nfooter: {links: [{text: a, url: ftp://x}]}\n"), 0o644)
	_, err := Load(dir, nil)
	if err == nil {
		t.Fatal("bad profiles loaded")
	}
	for _, want := range []string{"a.yaml", "date_format", "colors.accent", "colors.link", "presets.proof.paper", "presets.proof.columns", "b.yaml", "footer.links[0]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	var pe *Error
	if !errors.As(err, &pe) {
		t.Errorf("error %T is not a *profile.Error", err)
	}
}

// A3 is a paper of the one table, so profiles and every entry point accept it.
func TestProfileAcceptsA3(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("name: a\npresets: {proof: {paper: a3, columns: 3}}\n"), 0o644)
	ps, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := ps.Get("a")
	if s := p.Sheet("proof"); s.Paper != "A3" {
		t.Errorf("sheet %+v, want the canonical A3", s)
	}
}
