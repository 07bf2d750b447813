package profile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/fonts"
)

// systemArabic returns the system's font library, skipping the test when
// it lacks the Noto Arabic families (Debian fonts-noto-core).
func systemArabic(t *testing.T) *fonts.Library {
	t.Helper()
	lib := fonts.NewLibrary(nil, fonts.SystemFontDirs)
	for _, f := range []string{"Noto Kufi Arabic", "Noto Sans Arabic", "Noto Serif Thai"} {
		if _, found, _ := lib.HasFamily(f, -1); !found {
			if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
				t.Fatalf("no %s: install fonts-noto-core", f)
			}
			t.Skipf("no %s (Debian fonts-noto-core)", f)
		}
	}
	return lib
}

// A profile names families per script (both roles with one name, or
// serif and sans apart) and per language; the names resolve to the
// families' own spelling in the profile's font set.
func TestProfileScriptFamilies(t *testing.T) {
	lib := systemArabic(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "p.json"), []byte(`{"name": "p", "fonts": {"scripts": {
		"Arab": {"serif": "noto kufi arabic", "sans": "Noto Sans Arabic"},
		"Thai": "Noto Serif Thai",
		"ur": {"serif": "Noto Sans Arabic"}}}}`), 0o644)
	ps, err := Load(dir, lib)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := ps.Get("p")
	sc := p.Set.Scripts
	for _, c := range []struct {
		r    rune
		lang string
		role fonts.Role
		want string
	}{
		{'ب', "ar", fonts.RoleSerif, "Noto Kufi Arabic"},
		{'ب', "ar", fonts.RoleSans, "Noto Sans Arabic"},
		{'ب', "ur", fonts.RoleSerif, "Noto Sans Arabic"},
		{'ก', "th", fonts.RoleSans, "Noto Serif Thai"},
	} {
		if got := sc.For(c.r, c.lang, c.role); got != c.want {
			t.Errorf("%q %s role %d: %q, want %q", c.r, c.lang, c.role, got, c.want)
		}
	}
	def, _ := ps.Get("default")
	if !def.Set.Scripts.Empty() {
		t.Error("the default profile names script families")
	}
}

// Every problem of fonts.scripts is reported at once, each with the file
// and the field's path.
func TestProfileScriptFamiliesErrors(t *testing.T) {
	lib := systemArabic(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(`name: bad
fonts:
  scripts:
    Arxb: Noto Naskh Arabic
    arab: Noto Naskh Arabic
    Latn: Noto Serif
    Arab: {serif: Noto Naskh Arabik, sans: Noto Serif Thai}
    Hebr: {serif: Noto Serif Hebrew, bold: x}
    Deva: {}
`), 0o644)
	_, err := Load(dir, lib)
	if err == nil {
		t.Fatal("a bad profile loaded")
	}
	var pe *Error
	if !errors.As(err, &pe) || !strings.HasSuffix(pe.File, "bad.yaml") {
		t.Fatalf("error %T %v: not a *profile.Error naming bad.yaml", err, err)
	}
	for _, want := range []string{
		`fonts.scripts.Arxb: unknown script code or language tag "Arxb"`,
		`fonts.scripts.arab: unknown script code`,
		`fonts.scripts.Latn: Latin is set in fonts.serif and fonts.sans`,
		`fonts.scripts.Arab.serif: no font of family "Noto Naskh Arabik"`,
		`fonts.scripts.Arab.sans: family "Noto Serif Thai" has no Arabic letters`,
		`fonts.scripts.Hebr: want a family name or {serif: …, sans: …}: unknown field "bold"`,
		`fonts.scripts.Deva: names no family`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	if len(pe.Problems) != 7 {
		t.Errorf("%d problems, want 7: %q", len(pe.Problems), pe.Problems)
	}
	if !strings.Contains(err.Error(), "Noto Kufi Arabic") {
		t.Error("the error does not list the installed Arabic families")
	}
}
