package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"printd/fonts"
)

// pdfFontNames lists the base font names pdffonts finds in pdf, without
// their subset tags.
func pdfFontNames(t *testing.T, pdf string) []string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdffonts"), pdf).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^[A-Z]{6}\+(\S+)`).FindAllStringSubmatch(string(out), -1) {
		names = append(names, m[1])
	}
	return names
}

// requireFamilies skips the test when the system lacks a family.
func requireFamilies(t *testing.T, families ...string) {
	t.Helper()
	lib := fonts.System()
	for _, f := range families {
		if _, found, _ := lib.HasFamily(f, -1); !found {
			if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
				t.Fatalf("no %s: install fonts-noto-core", f)
			}
			t.Skipf("no %s (Debian fonts-noto-core)", f)
		}
	}
}

// A profile that names Noto Kufi Arabic for Arabic sets the Arabic article
// in it, body and furniture, regular and bold, instead of the default
// Naskh and Sans Arabic, through render and batch; a profile naming a
// family nobody installed stops render, batch and serve before any
// article, naming the file and the field.
func TestProfileScriptFamilyCLI(t *testing.T) {
	requireFamilies(t, "Noto Kufi Arabic", "Noto Naskh Arabic")
	dir := t.TempDir()
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	os.WriteFile(filepath.Join(profiles, "kufi.yaml"), []byte("name: kufi\nfonts:\n  scripts:\n    Arab: Noto Kufi Arabic\n"), 0o644)
	data, err := os.ReadFile("../../testdata/scripts/ar.json")
	if err != nil {
		t.Fatal(err)
	}
	var art map[string]any
	if err := json.Unmarshal(data, &art); err != nil {
		t.Fatal(err)
	}
	art["publication"] = "kufi"
	delete(art, "photo")
	src := filepath.Join(dir, "ar.json")
	b, _ := json.Marshal(art)
	os.WriteFile(src, b, 0o644)
	for _, c := range []struct {
		profiles string
		want     []string
		not      string
	}{
		{profiles, []string{"NotoKufiArabic-Regular", "NotoKufiArabic-Bold"}, "NotoNaskhArabic"},
		{"", []string{"NotoNaskhArabic-Regular", "NotoSansArabic-Regular"}, "NotoKufiArabic"}, // the default profile
	} {
		out := filepath.Join(dir, "ar.pdf")
		args := []string{"render", src, "-o", out}
		if c.profiles == "" {
			delete(art, "publication")
			b, _ := json.Marshal(art)
			os.WriteFile(src, b, 0o644)
		} else {
			args = append(args, "--profiles", c.profiles)
		}
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("render %v: exit %d %s", args, code, stderr)
		}
		names := strings.Join(pdfFontNames(t, out), " ")
		for _, w := range c.want {
			if !strings.Contains(names, w) {
				t.Errorf("profile %q: pdffonts lists %s, not %s", c.profiles, names, w)
			}
		}
		if strings.Contains(names, c.not) {
			t.Errorf("profile %q: pdffonts lists %s", c.profiles, names)
		}
	}

	// batch likewise
	art["publication"] = "kufi"
	line, _ := json.Marshal(art)
	in := filepath.Join(dir, "in.ndjson")
	os.WriteFile(in, append(line, '\n'), 0o644)
	if code, _, stderr := runCLI(t, "batch", "--profiles", profiles, in, "--out", filepath.Join(dir, "out")); code != 0 {
		t.Fatalf("batch: exit %d %s", code, stderr)
	}
	if names := strings.Join(pdfFontNames(t, filepath.Join(dir, "out", art["id"].(string)+".pdf")), " "); !strings.Contains(names, "NotoKufiArabic-Regular") || strings.Contains(names, "NotoNaskhArabic") {
		t.Errorf("batch: pdffonts lists %s", names)
	}

	os.WriteFile(filepath.Join(profiles, "bad.yaml"), []byte("name: bad\nfonts:\n  scripts:\n    Arab: {serif: Noto Kufi Arabik}\n    Xyzw: Noto Sans\n"), 0o644)
	for _, args := range [][]string{
		{"render", "--profiles", profiles, src, "-o", filepath.Join(dir, "x.pdf")},
		{"batch", "--profiles", profiles, in, "--out", filepath.Join(dir, "out2")},
		{"serve", "--addr", "127.0.0.1:0", "--profiles", profiles},
	} {
		code, _, stderr := runCLI(t, args...)
		if code == 0 {
			t.Fatalf("%s started with a bad profile", args[0])
		}
		for _, want := range []string{"bad.yaml", `fonts.scripts.Arab.serif: no font of family "Noto Kufi Arabik"`, `fonts.scripts.Xyzw: unknown script code`} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", args[0], want, stderr)
			}
		}
	}
}
