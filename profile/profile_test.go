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
	if s := p.Sheet("proof"); s.Paper != "Tabloid" || s.Columns != 3 {
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
	ps, err := Load(dir)
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
	}
	for body, want := range cases {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(body), 0o644)
		_, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one naming %q", body, err, want)
		}
	}
}
