package service

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"printd/fonts"
	"printd/profile"
)

// POST /v1/pdf sets an Arabic article of a publication whose profile names
// Noto Kufi Arabic for Arabic in that family; New refuses a profile that
// names a family no installed font belongs to, with the file and field.
func TestProfileScriptFamilyService(t *testing.T) {
	pdffonts, err := exec.LookPath("pdffonts")
	if err != nil {
		t.Skip("pdffonts not installed")
	}
	if _, found, _ := fonts.System().HasFamily("Noto Kufi Arabic", -1); !found {
		t.Skip("no Noto Kufi Arabic (Debian fonts-noto-core)")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "kufi.yaml"), []byte("name: kufi\nfonts:\n  scripts:\n    Arab: {serif: Noto Kufi Arabic, sans: Noto Kufi Arabic}\n"), 0o644)
	s := newTestServer(t, func(c *Config) { c.Profiles = dir })
	data, err := os.ReadFile("../testdata/scripts/ar.json")
	if err != nil {
		t.Fatal(err)
	}
	var art map[string]any
	json.Unmarshal(data, &art)
	art["publication"] = "kufi"
	delete(art, "photo")
	body, _ := json.Marshal(art)
	rec := post(t, s, "", body)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	pdf := filepath.Join(t.TempDir(), "ar.pdf")
	os.WriteFile(pdf, rec.Body.Bytes(), 0o644)
	out, err := exec.Command(pdffonts, pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "NotoKufiArabic-Regular") || strings.Contains(string(out), "NotoNaskhArabic") {
		t.Errorf("pdffonts:\n%s", out)
	}

	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("name: bad\nfonts:\n  scripts:\n    Hebr: Noto Kufi Arabic\n"), 0o644)
	c := testConfig()
	c.Profiles = dir
	_, err = New(c, nil)
	var pe *profile.Error
	if !errors.As(err, &pe) || !strings.HasSuffix(pe.File, "bad.yaml") ||
		!strings.Contains(err.Error(), `fonts.scripts.Hebr.serif: family "Noto Kufi Arabic" has no Hebrew letters`) {
		t.Errorf("New with a bad profile: %v", err)
	}
}
