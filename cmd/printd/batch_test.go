package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"printd/batch"
)

// batchArticle is a short valid article.
func batchArticle(id string) string {
	b, _ := json.Marshal(map[string]any{
		"id":       id,
		"headline": "Headline number " + id,
		"body":     []map[string]string{{"type": "paragraph", "html": "A short paragraph for " + id + "."}},
	})
	return string(b)
}

func writeLines(t *testing.T, path string, recs []string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(recs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func manifestRows(t *testing.T, data []byte) []batch.Row {
	t.Helper()
	var rows []batch.Row
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r batch.Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("row %q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	return rows
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestBatchHelperProcess is not a test: it is the printd process that
// TestBatchKillResume starts and kills.
func TestBatchHelperProcess(t *testing.T) {
	if os.Getenv("PRINTD_BATCH_HELPER") != "1" {
		t.Skip("runs only as the helper process of TestBatchKillResume")
	}
	os.Exit(run(flag.Args(), os.Stdin, os.Stdout, os.Stderr))
}

func TestBatchKillResume(t *testing.T) {
	const n = 30
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ndjson")
	var recs []string
	for i := range n {
		recs = append(recs, batchArticle(fmt.Sprintf("k-%02d", i)))
	}
	writeLines(t, in, recs)
	out := filepath.Join(dir, "out")

	cmd := exec.Command(os.Args[0], "-test.run=^TestBatchHelperProcess$", "--",
		"batch", in, "--out", out, "--workers", "1", "--progress-interval", "0")
	cmd.Env = append(os.Environ(), "PRINTD_BATCH_HELPER=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pdfs := func() int {
		m, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
		return len(m)
	}
	journaled := func() int { // complete rows in the running journal
		j, _ := filepath.Glob(filepath.Join(out, ".manifest.*.journal"))
		if len(j) != 1 {
			return 0
		}
		b, _ := os.ReadFile(j[0])
		return bytes.Count(b, []byte("\n"))
	}
	deadline := time.Now().Add(60 * time.Second)
	for (pdfs() < 5 || journaled() < 3) && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Kill() // SIGKILL: no chance to clean up
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(out, "manifest.ndjson")); err == nil {
		t.Fatalf("the run finished before it was killed:\n%s", stderr.String())
	}
	before := pdfs()
	if before < 5 || before == n {
		t.Fatalf("killed with %d of %d PDFs written", before, n)
	}
	if j, _ := filepath.Glob(filepath.Join(out, ".manifest.*.journal")); len(j) != 1 {
		t.Fatalf("journals after the kill: %v", j)
	}
	// What a kill in the middle of a write leaves.
	os.WriteFile(filepath.Join(out, ".k-29.pdf~manifest.12345.tmp"), []byte("%PDF-partial"), 0o644)

	code, _, errs := runCLI(t, "batch", in, "--out", out, "--resume", "--progress-interval", "0")
	if code != 0 {
		t.Fatalf("resume: exit %d\n%s", code, errs)
	}
	var want []string
	for i := range n {
		want = append(want, fmt.Sprintf("k-%02d.pdf", i))
	}
	want = append(want, "manifest.ndjson")
	if got := dirNames(t, out); !slices.Equal(got, want) {
		t.Fatalf("output holds %v\nwant %v", got, want)
	}
	m, err := os.ReadFile(filepath.Join(out, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := manifestRows(t, m)
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	skipped := 0
	for i, r := range rows {
		if r.Line != i+1 || r.File != want[i] {
			t.Errorf("row %d: line %d file %s", i, r.Line, r.File)
		}
		switch r.Status {
		case batch.StatusSkipped:
			skipped++
		case batch.StatusOK:
		default:
			t.Errorf("line %d: %s %s", r.Line, r.Status, r.Error)
		}
		if got := fileSHA(t, filepath.Join(out, r.File)); got != r.SHA256 {
			t.Errorf("line %d: %s hashes to %s, the manifest says %s", r.Line, r.File, got, r.SHA256)
		}
	}
	if skipped < 3 || skipped > before {
		t.Errorf("%d skipped after a kill with %d PDFs written", skipped, before)
	}
	if !strings.Contains(errs, fmt.Sprintf("%d skipped", skipped)) {
		t.Errorf("summary line missing:\n%s", errs)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestBatchCLI(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.ndjson")
	writeLines(t, good, []string{batchArticle("g-1"), "", batchArticle("g-2"), batchArticle("g-1")})
	single := filepath.Join(dir, "single.ndjson")
	writeLines(t, single, []string{batchArticle("s-1")})
	mixed := filepath.Join(dir, "mixed.ndjson")
	writeLines(t, mixed, []string{batchArticle("m-1"), `{"id": "m-2", "headline": }`, `{"id":"m-3","body":[]}`, batchArticle("m-4")})

	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stderr []string
		files  []string // in the output directory "out-<name>"
	}{
		{name: "no output", args: []string{"batch", good}, code: 2, stderr: []string{"Usage: printd batch"}},
		{name: "two inputs", args: []string{"batch", good, good, "--out", "x"}, code: 2},
		{name: "bad shard", args: []string{"batch", good, "--out", "x", "--shard", "2/2"}, code: 2, stderr: []string{"shard"}},
		{name: "bad preset", args: []string{"batch", good, "--out", "x", "--preset", "glossy"}, code: 2, stderr: []string{"preset"}},
		{name: "resume a zip", args: []string{"batch", good, "--out", "x.zip", "--resume"}, code: 2, stderr: []string{"--resume"}},
		{name: "missing input", args: []string{"batch", filepath.Join(dir, "nope.ndjson"), "--out", "x"}, code: 2, stderr: []string{"nope.ndjson"}},
		{
			name:   "all good",
			args:   []string{"batch", good, "--progress-interval", "0"},
			env:    map[string]string{"PRINTD_OUT": "OUT"},
			code:   0,
			files:  []string{"g-1-2.pdf", "g-1.pdf", "g-2.pdf", "manifest.ndjson"},
			stderr: []string{"3 articles: 3 ok, 0 failed, 0 skipped"},
		},
		{
			name:   "one article of one page",
			args:   []string{"batch", single, "--out", "OUT", "--progress-interval", "0"},
			code:   0,
			files:  []string{"manifest.ndjson", "s-1.pdf"},
			stderr: []string{"printd: 1 article: 1 ok, 0 failed, 0 skipped, 1 page in "},
		},
		{
			name:   "some failed",
			args:   []string{"batch", "--out", "OUT", mixed, "--progress-interval", "1ms", "--workers", "1"},
			code:   1,
			files:  []string{"m-1.pdf", "m-4.pdf", "manifest.ndjson"},
			stderr: []string{"line 2, column 27: invalid character", "line 3: headline: required", "articles/s", "4 articles: 2 ok, 2 failed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tt.name, " ", "-"))
			args := slices.Clone(tt.args)
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			for k, v := range tt.env {
				if v == "OUT" {
					v = out
				}
				t.Setenv(k, v)
			}
			code, _, errs := runCLI(t, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, errs)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
			if tt.files != nil {
				if got := dirNames(t, out); !slices.Equal(got, tt.files) {
					t.Errorf("output holds %v, want %v", got, tt.files)
				}
			}
		})
	}
}

func TestBatchArrayToZip(t *testing.T) {
	dir := t.TempDir()
	recs := []string{batchArticle("z-1"), `{"id":"z-2","body":[]}`, batchArticle("z-3")}
	array := "[\n" + strings.Join(recs, ",\n") + "\n]"

	// From standard input to a zip on standard output.
	var stdout, stderr bytes.Buffer
	code := run([]string{"batch", "-", "--out", "-", "--progress-interval", "0"}, strings.NewReader(array), &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (one article fails)\n%s", code, stderr.String())
	}
	zr, err := zip.NewReader(bytes.NewReader(stdout.Bytes()), int64(stdout.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, []string{"z-1.pdf", "z-3.pdf", "manifest.ndjson"}) && !slices.Equal(names, []string{"z-3.pdf", "z-1.pdf", "manifest.ndjson"}) {
		t.Errorf("entries %v", names)
	}
	if !strings.Contains(stderr.String(), "element 2: headline") {
		t.Errorf("stderr:\n%s", stderr.String())
	}

	// From a file to a zip file.
	in := filepath.Join(dir, "in.json")
	os.WriteFile(in, []byte(array), 0o644)
	target := filepath.Join(dir, "out.zip")
	code, _, errs := runCLI(t, "batch", in, "--out", target, "--progress-interval", "0")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"in.json", "out.zip"}) {
		t.Errorf("directory holds %v", got)
	}
	unzip := tool(t, "unzip")
	if out, err := exec.Command(unzip, "-t", target).CombinedOutput(); err != nil || !strings.Contains(string(out), "No errors detected") {
		t.Errorf("unzip -t: %v\n%s", err, out)
	}
}

func TestBatchShardsShareAnOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ndjson")
	var recs []string
	for i := range 12 {
		if i%4 == 3 {
			recs = append(recs, `{"headline":"No id here","body":[{"type":"paragraph","html":"x"}]}`)
			continue
		}
		recs = append(recs, batchArticle(fmt.Sprintf("s-%02d", i)))
	}
	writeLines(t, in, recs)
	out := filepath.Join(dir, "out")
	lines := map[int]int{}
	for i := range 2 {
		code, _, errs := runCLI(t, "batch", in, "--out", out, "--shard", fmt.Sprintf("%d/2", i), "--progress-interval", "0")
		if code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", i, code, errs)
		}
		m, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("manifest-shard-%d-of-2.ndjson", i)))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range manifestRows(t, m) {
			lines[r.Line]++
			if got := fileSHA(t, filepath.Join(out, r.File)); got != r.SHA256 {
				t.Errorf("shard %d line %d: %s does not match", i, r.Line, r.File)
			}
		}
	}
	for l := 1; l <= len(recs); l++ {
		if lines[l] != 1 {
			t.Errorf("line %d in %d shards", l, lines[l])
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) != len(recs) {
		t.Errorf("%d PDFs for %d articles", len(pdfs), len(recs))
	}
}

// TestBatchResumeSetup: --resume keeps every PDF when the flags, the
// profiles and the fonts are the same, and renders again when the input
// format, a profile file or the font directories changed: they shape the
// PDF too, and were not part of the rows' input hashes.
func TestBatchResumeSetup(t *testing.T) {
	dir := t.TempDir()
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	daily := filepath.Join(profiles, "daily.yaml")
	os.WriteFile(daily, []byte("name: daily\npresets: {archive: {paper: A4, columns: 2}}\n"), 0o644)
	in := filepath.Join(dir, "in.ndjson")
	writeLines(t, in, []string{
		strings.Replace(batchArticle("s1"), `{`, `{"publication":"daily",`, 1),
		strings.Replace(batchArticle("s2"), `{`, `{"publication":"daily",`, 1),
	})
	out := filepath.Join(dir, "out")
	batchRun := func(extra ...string) (ok, skipped int) {
		t.Helper()
		args := append([]string{"batch", "--profiles", profiles, "--progress-interval", "0", in, "--out", out}, extra...)
		code, _, stderr := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", extra, code, stderr)
		}
		m, err := os.ReadFile(filepath.Join(out, "manifest.ndjson"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range manifestRows(t, m) {
			switch r.Status {
			case batch.StatusOK:
				ok++
			case batch.StatusSkipped:
				skipped++
			}
		}
		return ok, skipped
	}
	if ok, _ := batchRun(); ok != 2 {
		t.Fatalf("first run: %d ok", ok)
	}
	if ok, skipped := batchRun("--resume"); ok != 0 || skipped != 2 {
		t.Fatalf("resumed with the same setup: %d rendered, %d kept; want every PDF kept", ok, skipped)
	}
	if ok, skipped := batchRun("--resume", "--format", "printd"); ok != 2 || skipped != 0 {
		t.Errorf("another --format: %d rendered, %d kept; want both rendered again", ok, skipped)
	}
	if ok, skipped := batchRun("--resume", "--format", "printd"); ok != 0 || skipped != 2 {
		t.Errorf("the same --format again: %d rendered, %d kept; want both kept", ok, skipped)
	}
	os.WriteFile(daily, []byte("name: daily\npresets: {archive: {paper: A4, columns: 3}}\n"), 0o644)
	if ok, skipped := batchRun("--resume", "--format", "printd"); ok != 2 || skipped != 0 {
		t.Errorf("a changed profile: %d rendered, %d kept; want both rendered again", ok, skipped)
	}
	fontDir := filepath.Join(dir, "fonts")
	os.Mkdir(fontDir, 0o755)
	if ok, skipped := batchRun("--resume", "--format", "printd", "--fonts", fontDir); ok != 2 || skipped != 0 {
		t.Errorf("other fonts: %d rendered, %d kept; want both rendered again", ok, skipped)
	}
}
