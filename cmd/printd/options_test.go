package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command line goes through the API's validation: the same limits and
// the same messages, every problem at once, nothing rendered.
func TestRenderFlagsHaveTheAPILimits(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "seed-article.json")
	cases := map[string][]string{
		"--pages: must be between 0 and 1000":                                         {"--pages", "50000"},
		"--bleed: must be between 0 and 25 mm":                                        {"--preset", "proof", "--bleed", "100000"},
		"--columns: must be 1–4":                                                      {"--columns", "0"},
		"--paper: must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm": {"--paper", "A0"},
		"--preset: must be web, archive or proof":                                     {"--preset", "nope"},
	}
	for want, args := range cases {
		out := filepath.Join(t.TempDir(), "out.pdf")
		code, _, stderr := runCLI(t, append(append([]string{"render"}, args...), src, "-o", out)...)
		if code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", args, code, stderr, want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%q: a PDF was written", args)
		}
	}
	// Negative values too, and all problems in one run.
	code, _, stderr := runCLI(t, "render", "--pages", "-1", "--columns", "-2", "--bleed", "-3", src, "-o", "-")
	for _, want := range []string{"--pages: must be between 0 and 1000", "--columns: must be 1–4", "--bleed: must be between 0 and 25 mm"} {
		if code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("negatives: exit %d, stderr %q lacks %q", code, stderr, want)
		}
	}
	// Through the environment as well.
	t.Setenv("PRINTD_PAGES", "50000")
	if code, _, stderr := runCLI(t, "render", src, "-o", "-"); code != 2 || !strings.Contains(stderr, "--pages: must be between 0 and 1000") {
		t.Errorf("PRINTD_PAGES: exit %d, stderr %q", code, stderr)
	}
}

// A3 is a paper of the one table: render and batch accept it.
func TestA3Everywhere(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "seed-article.json")
	code, out, stderr := runCLI(t, "render", "--paper", "A3", src, "-o", "-")
	if code != 0 || !strings.Contains(out, "/MediaBox [0 0 841.89 1190.55]") {
		t.Errorf("render --paper A3: exit %d %s", code, stderr)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ndjson")
	writeLines(t, in, []string{batchArticle("a3")})
	code, _, stderr = runCLI(t, "batch", "--paper", "A3", in, "--out", filepath.Join(dir, "out"))
	if code != 0 {
		t.Errorf("batch --paper A3: exit %d %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "batch", "--columns", "0", in, "--out", filepath.Join(dir, "out2"))
	if code != 2 || !strings.Contains(stderr, "--columns: must be 1–4") {
		t.Errorf("batch --columns 0: exit %d %s", code, stderr)
	}
}

// Overset under --pages is a warning on standard error, and exit 1 with
// --strict or the proof preset.
func TestRenderOverset(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "seed-article.json")
	code, _, stderr := runCLI(t, "render", "--pages", "1", "--paper", "148x210mm", src, "-o", filepath.Join(t.TempDir(), "o.pdf"))
	if code != 0 || !strings.Contains(stderr, "warning: overset") || !strings.Contains(stderr, "(1 page,") {
		t.Errorf("--pages 1: exit %d, stderr %q", code, stderr)
	}
	for _, args := range [][]string{{"--strict"}, {"--preset", "proof"}} {
		out := filepath.Join(t.TempDir(), "o.pdf")
		code, _, stderr := runCLI(t, append(append([]string{"render", "--pages", "1", "--paper", "148x210mm"}, args...), src, "-o", out)...)
		if code != 1 || !strings.Contains(stderr, "overset") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%q: a PDF was written", args)
		}
	}
}

// The help text tells the defaults as they are: per preset and profile,
// one default for --bleed, --out required.
func TestHelpText(t *testing.T) {
	_, _, stderr := runCLI(t, "render", "-h")
	if strings.Contains(stderr, "(default A4)") || strings.Contains(stderr, "(default 2)") || strings.Contains(stderr, "default -1") {
		t.Errorf("render help:\n%s", stderr)
	}
	for _, want := range []string{"Tabloid for proof", "(default 3)", "A3"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("render help lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Count(stderr, "default") == 0 {
		t.Error("no defaults in help")
	}
	_, _, stderr = runCLI(t, "batch", "-h")
	if strings.Contains(stderr, "directory (the default)") || !strings.Contains(stderr, "--out (required)") {
		t.Errorf("batch help:\n%s", stderr)
	}
}

// printd serve refuses to start on a bad profile and names every problem.
func TestServeRefusesBadProfile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "p.yaml"), []byte("name: p\ndate_format: fancy\npresets: {proof: {paper: A0, columns: 9}}\n"), 0o644)
	var stderr bytes.Buffer
	code := run([]string{"serve", "--addr", "127.0.0.1:0", "--profiles", dir}, nil, io.Discard, &stderr)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"date_format", "presets.proof.paper", "presets.proof.columns"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q: %s", want, stderr.String())
		}
	}
}

// A batch's --paper and --columns are the command line's: they win over
// the publication profile's sheet, as render's flags do.
func TestBatchFlagsWinOverTheProfile(t *testing.T) {
	dir := t.TempDir()
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	os.WriteFile(filepath.Join(profiles, "daily.yaml"), []byte("name: daily\npresets: {archive: {paper: A4, columns: 2}}\n"), 0o644)
	in := filepath.Join(dir, "in.ndjson")
	line := strings.Replace(batchArticle("d1"), `{`, `{"publication":"daily",`, 1)
	writeLines(t, in, []string{line})
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "batch", "--profiles", profiles, "--paper", "Letter", in, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pdf, err := os.ReadFile(filepath.Join(out, "d1.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("--paper Letter lost to the profile's A4")
	}
	// render's flags likewise
	src := filepath.Join(dir, "a.json")
	os.WriteFile(src, []byte(line), 0o644)
	code, stdout, stderr := runCLI(t, "render", "--profiles", profiles, "--preset", "archive", "--paper", "Letter", src, "-o", "-")
	if code != 0 || !strings.Contains(stdout, "/MediaBox [0 0 612.00 792.00]") {
		t.Errorf("render: exit %d %s", code, stderr)
	}
}
