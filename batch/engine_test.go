package batch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"printd/article"
	"printd/batch"
	"printd/engine"
	"printd/photo"
)

// expect is what the manifest must say about one input line.
type expect struct {
	line   int
	status batch.Status
	file   string
	err    string // the error's start, for failures
}

// corpus writes n articles made from the seed fixture to dir/in.ndjson,
// with about 3 % bad lines (malformed JSON, a missing headline, a missing
// photo under strict options), some duplicate ids and a few blank lines.
// With photos, the good articles carry the seed photo by a relative path.
func corpus(t *testing.T, dir string, n int, photos bool) (string, []expect) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var seed map[string]any
	if err := json.Unmarshal(data, &seed); err != nil {
		t.Fatal(err)
	}
	if photos {
		img, err := os.ReadFile(filepath.Join("..", "testdata", "seed-photo.jpg"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "seed-photo.jpg"), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	var want []expect
	line := 0
	id := func(i int) string { return fmt.Sprintf("seed-%04d", i) }
	for i := 1; i <= n; i++ {
		if i%97 == 0 {
			b.WriteString("\n")
			line++
		}
		line++
		a := map[string]any{}
		for k, v := range seed {
			a[k] = v
		}
		a["id"] = id(i)
		if photos {
			a["photo"] = map[string]any{"src": "seed-photo.jpg", "caption": "The seed photo, again."}
		} else {
			delete(a, "photo")
		}
		w := expect{line: line, status: batch.StatusOK, file: id(i) + ".pdf"}
		switch i % 100 {
		case 17: // malformed JSON
			b.WriteString(`{"id": "` + id(i) + `", "headline": "cut short` + "\n")
			want = append(want, expect{line: line, status: batch.StatusFailed, err: fmt.Sprintf("line %d, column ", line)})
			continue
		case 41:
			delete(a, "headline")
			w = expect{line: line, status: batch.StatusFailed, err: fmt.Sprintf("line %d: headline: ", line)}
		case 73:
			a["photo"] = map[string]any{"src": "no-such-photo.jpg"}
			a["options"] = map[string]any{"strict": true}
			w = expect{line: line, status: batch.StatusFailed, err: fmt.Sprintf("line %d: photo unavailable: ", line)}
		case 58, 59: // the id of article i%100 == 57, twice more
			a["id"] = id(i - i%100 + 57)
			w.file = fmt.Sprintf("%s-%d.pdf", id(i-i%100+57), i%100-56)
		}
		row, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(row)
		b.WriteString("\n")
		want = append(want, w)
	}
	in := filepath.Join(dir, "in.ndjson")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return in, want
}

// enginePrint is the real engine, reading photos next to the input.
func enginePrint(dir string) batch.PrintFunc {
	pc := photo.DefaultConfig()
	pc.Fetch.AllowFiles = true
	pc.Fetch.BaseDir = dir
	p, err := engine.New(engine.Config{Photos: photo.NewStore(pc)})
	if err != nil {
		panic(err) // the embedded profile is tested
	}
	return func(ctx context.Context, a *article.Article, over article.Over, w io.Writer) (batch.Rendered, error) {
		pl, err := p.Plan(a, over)
		if err != nil {
			return batch.Rendered{}, err
		}
		r, err := p.Render(ctx, pl, w)
		return batch.Rendered{Pages: r.Pages, Warnings: r.Warnings}, err
	}
}

// checkOutput compares the manifest with want and every PDF with its row.
func checkOutput(t *testing.T, out string, rows []batch.Row, want []expect) {
	t.Helper()
	if len(rows) != len(want) {
		t.Fatalf("%d manifest rows, want %d", len(rows), len(want))
	}
	files := map[string]bool{}
	for i, w := range want {
		r := rows[i]
		if r.Line != w.line || r.Status != w.status || r.File != w.file || !strings.HasPrefix(r.Error, w.err) || (w.err == "") != (r.Error == "") {
			t.Errorf("row %d: line %d %s %q %q; want line %d %s %q %q…", i, r.Line, r.Status, r.File, r.Error, w.line, w.status, w.file, w.err)
			continue
		}
		if r.Status == batch.StatusFailed {
			continue
		}
		files[r.File] = true
		pdf, err := os.ReadFile(filepath.Join(out, r.File))
		if err != nil {
			t.Errorf("line %d: %v", r.Line, err)
			continue
		}
		if sha(pdf) != r.SHA256 || int64(len(pdf)) != r.Bytes || r.Pages < 1 || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Errorf("line %d: %s does not match its row (%d bytes, %d pages)", r.Line, r.File, r.Bytes, r.Pages)
		}
	}
	for _, n := range dirNames(t, out) {
		if n != "manifest.ndjson" && !files[n] && !strings.HasSuffix(n, ".jpg") && n != "in.ndjson" {
			t.Errorf("unexpected file %s in the output", n)
		}
	}
}

func count(want []expect, s batch.Status) int {
	n := 0
	for _, w := range want {
		if w.status == s {
			n++
		}
	}
	return n
}

// TestBatchThousand renders 1,000 text-only articles (200 with -short,
// fewer under the race detector) through the real engine.
func TestBatchThousand(t *testing.T) {
	n := 1000
	switch {
	case raceEnabled:
		n = 100
	case testing.Short():
		n = 200
	}
	dir := t.TempDir()
	in, want := corpus(t, dir, n, false)
	out := filepath.Join(dir, "out")
	sink, err := batch.OpenDir(out, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := batch.Run(context.Background(), f, sink, batch.Options{Print: enginePrint(dir)})
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles in %v (%.1f/s)", sum.Rows, sum.Elapsed, float64(sum.Rows)/sum.Elapsed.Seconds())
	failed := count(want, batch.StatusFailed)
	if sum.Rows != n || sum.Failed != failed || sum.OK != n-failed || sum.Skipped != 0 {
		t.Errorf("summary %+v; want %d rows, %d failed", sum, n, failed)
	}
	if failed*100/n != 3 {
		t.Errorf("%d of %d lines bad, want 3 %%", failed, n)
	}
	m, err := os.ReadFile(filepath.Join(out, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := parseRows(t, m)
	checkOutput(t, out, rows, want)
	for _, r := range rows {
		if strings.HasSuffix(r.File, "-2.pdf") && !slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "taken") }) {
			t.Errorf("line %d: duplicate without a warning: %v", r.Line, r.Warnings)
		}
		if r.Error != "" && strings.Contains(r.Error, "headline") && len(r.Problems) == 0 {
			t.Errorf("line %d: validation failure without problems", r.Line)
		}
	}
}

// TestBatchPhotosToZip renders articles with the seed photo, read by a
// path relative to the input, into a zip that unzip accepts.
func TestBatchPhotosToZip(t *testing.T) {
	n := 20
	if raceEnabled {
		n = 4
	}
	dir := t.TempDir()
	in, want := corpus(t, dir, n, true)
	target := filepath.Join(dir, "out.zip")
	sink, err := batch.CreateZip(target, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := batch.Run(context.Background(), f, sink, batch.Options{Print: enginePrint(dir), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sum.OK != count(want, batch.StatusOK) || sum.Failed != count(want, batch.StatusFailed) {
		t.Errorf("summary %+v", sum)
	}
	unz := filepath.Join(dir, "unzipped")
	if err := os.Mkdir(unz, 0o755); err != nil {
		t.Fatal(err)
	}
	zipTest := tool(t, "unzip")
	if out, err := runTool(zipTest, "-t", target); err != nil || !strings.Contains(out, "No errors detected") {
		t.Fatalf("unzip -t: %v\n%s", err, out)
	}
	if out, err := runTool(zipTest, "-q", target, "-d", unz); err != nil {
		t.Fatalf("unzip: %v\n%s", err, out)
	}
	m, err := os.ReadFile(filepath.Join(unz, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := parseRows(t, m)
	checkOutput(t, unz, rows, want)
	for _, r := range rows {
		if r.Status == batch.StatusOK && r.Bytes < 100_000 {
			t.Errorf("line %d: %d bytes is too small to hold the photo", r.Line, r.Bytes)
		}
	}
}
