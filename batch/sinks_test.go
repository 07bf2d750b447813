package batch_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/blob/memblob"

	"printd/batch"
)

// tool finds an external checker; with PRINTD_REQUIRE_TOOLS set (as CI
// does) a missing one fails the test instead of skipping it.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found", name)
		}
		t.Skipf("%s not found", name)
	}
	return p
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func readAllManifests(t *testing.T, r batch.Resumer) string {
	t.Helper()
	var all []string
	err := r.PriorManifests(context.Background(), func(m io.Reader) error {
		b, err := io.ReadAll(m)
		all = append(all, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(all)
	return strings.Join(all, "|")
}

func TestDirSink(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	stale := []string{".a.pdf~manifest.123.tmp", ".b.pdf~manifest.9.tmp"}
	kept := []string{".c.pdf~manifest-shard-0-of-2.1.tmp", "other.tmp", "old.pdf"}
	for _, n := range append(stale, kept...) {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	d, err := batch.OpenDir(dir, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	names := dirNames(t, dir)
	for _, n := range stale {
		if slices.Contains(names, n) {
			t.Errorf("stale %s left", n)
		}
	}
	for _, n := range kept {
		if !slices.Contains(names, n) {
			t.Errorf("%s removed", n)
		}
	}
	if err := d.Put(ctx, "a.pdf", []byte("%PDF-a")); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../a.pdf", "x/a.pdf", ".hidden.pdf", ""} {
		if err := d.Put(ctx, bad, []byte("x")); err == nil {
			t.Errorf("Put(%q) succeeded", bad)
		}
	}
	if err := d.AppendManifest(ctx, []byte("{\"line\":1}\n")); err != nil {
		t.Fatal(err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if sum, err := d.Sum(ctx, "a.pdf"); err != nil || sum != sha([]byte("%PDF-a")) {
		t.Errorf("Sum = %s, %v", sum, err)
	}
	if _, err := d.Sum(ctx, "missing.pdf"); !os.IsNotExist(err) {
		t.Errorf("Sum of a missing file: %v", err)
	}

	// The next run sees the killed run's journal, and a partial row in it.
	journals, _ := filepath.Glob(filepath.Join(dir, ".manifest.*.journal"))
	if len(journals) != 1 {
		t.Fatalf("journals %v", journals)
	}
	f, _ := os.OpenFile(journals[0], os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"line":2,"fi`)
	f.Close()
	d2, err := batch.OpenDir(dir, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if got := readAllManifests(t, d2); got != "{\"line\":1}\n{\"line\":2,\"fi" {
		t.Errorf("prior manifests %q", got)
	}
	d2.AppendManifest(ctx, []byte("{\"line\":7}\n"))
	if err := d2.Close(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "manifest.ndjson"))
	if string(got) != "{\"line\":7}\n" {
		t.Errorf("manifest %q", got)
	}
	want := []string{".c.pdf~manifest-shard-0-of-2.1.tmp", "a.pdf", "manifest.ndjson", "old.pdf", "other.tmp"}
	if names := dirNames(t, dir); !slices.Equal(names, want) {
		t.Errorf("directory holds %v, want %v", names, want)
	}
	if st, _ := os.Stat(filepath.Join(dir, "a.pdf")); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	// A later run finds the completed manifest.
	d3, _ := batch.OpenDir(dir, "manifest.ndjson")
	defer d3.Abort()
	if got := readAllManifests(t, d3); got != "{\"line\":7}\n" {
		t.Errorf("prior manifests %q", got)
	}
}

func TestZipSink(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "out.zip")
	os.WriteFile(filepath.Join(dir, ".out.zip.123.tmp"), []byte("stale"), 0o644)
	z, err := batch.CreateZip(target, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4000)
	rand.Read(random)
	files := map[string][]byte{
		"text.pdf":   bytes.Repeat([]byte("%PDF compressible "), 500),
		"random.pdf": random,
		"ünï.pdf":    []byte("%PDF-utf8"),
	}
	order := []string{"text.pdf", "random.pdf", "ünï.pdf"}
	for _, n := range order {
		if err := z.Put(ctx, n, files[n]); err != nil {
			t.Fatal(err)
		}
	}
	z.AppendManifest(ctx, []byte("{\"line\":1}\n"))
	z.AppendManifest(ctx, []byte("{\"line\":2}\n"))
	if err := z.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"out.zip"}) {
		t.Errorf("directory holds %v", names)
	}
	zr, err := zip.OpenReader(target)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var got []string
	for _, f := range zr.File {
		got = append(got, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		switch f.Name {
		case "manifest.ndjson":
			if string(b) != "{\"line\":1}\n{\"line\":2}\n" {
				t.Errorf("manifest %q", b)
			}
		default:
			if !bytes.Equal(b, files[f.Name]) {
				t.Errorf("%s differs", f.Name)
			}
		}
		if f.Modified.IsZero() || time.Since(f.Modified) > time.Hour {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
	}
	if !slices.Equal(got, append(order, "manifest.ndjson")) {
		t.Errorf("entries %v", got)
	}
	for _, f := range zr.File {
		want := zip.Store // PDFs are compressed inside already
		if f.Name == "manifest.ndjson" {
			want = zip.Deflate
		}
		if f.Method != want {
			t.Errorf("%s: method %d, want %d", f.Name, f.Method, want)
		}
	}
	out, err := exec.Command(tool(t, "unzip"), "-t", target).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No errors detected") {
		t.Errorf("unzip -t: %v\n%s", err, out)
	}

	// Abort leaves nothing behind.
	z2, _ := batch.CreateZip(filepath.Join(dir, "b.zip"), "manifest.ndjson")
	z2.Put(ctx, "a.pdf", []byte("x"))
	if err := z2.Abort(); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"out.zip"}) {
		t.Errorf("after Abort the directory holds %v", names)
	}
}

func blobKeys(t *testing.T, b *blob.Bucket) []string {
	t.Helper()
	var keys []string
	it := b.List(nil)
	for {
		o, err := it.Next(context.Background())
		if err == io.EOF {
			return keys
		}
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, o.Key)
	}
}

func TestBlobSinkJournal(t *testing.T) {
	ctx := context.Background()
	b := memblob.OpenBucket(nil)
	defer b.Close()
	s, err := batch.NewBlob(b, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	s.JournalInterval = 100 * time.Millisecond
	s.AppendManifest(ctx, []byte("{\"line\":1}\n")) // the first chunk goes at once
	s.AppendManifest(ctx, []byte("{\"line\":2}\n")) // the next waits for the timer
	if n := len(blobKeys(t, b)); n != 1 {
		t.Errorf("%d objects right after two rows, want 1 journal chunk", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(blobKeys(t, b)) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	s.AppendManifest(ctx, []byte("{\"line\":3}\n"))
	if err := s.Abort(); err != nil { // the waiting row is journaled
		t.Fatal(err)
	}
	keys := blobKeys(t, b)
	if len(keys) != 3 || !strings.HasPrefix(keys[0], ".manifest.journal/") {
		t.Fatalf("objects %v, want 3 journal chunks", keys)
	}
	s2, _ := batch.NewBlob(b, "manifest.ndjson")
	if got := readAllManifests(t, s2); got != "{\"line\":1}\n|{\"line\":2}\n|{\"line\":3}\n" {
		t.Errorf("prior manifests %q", got)
	}
	s2.AppendManifest(ctx, []byte("{\"line\":9}\n"))
	if err := s2.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if keys := blobKeys(t, b); !slices.Equal(keys, []string{"manifest.ndjson"}) {
		t.Errorf("after Close: %v", keys)
	}
	got, _ := b.ReadAll(ctx, "manifest.ndjson")
	if string(got) != "{\"line\":9}\n" {
		t.Errorf("manifest %q", got)
	}
}

func TestBlobSinkResume(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	u := "file://" + filepath.ToSlash(dir) + "?metadata=skip&prefix=" + url.QueryEscape("run/")
	var recs []string
	for i := range 30 {
		recs = append(recs, small("id-"+strings.Repeat("x", i%3)+string(rune('a'+i))))
	}
	in := lines(recs...)
	opts := batch.Options{Print: (&fakePrinter{}).print}

	s, err := batch.OpenBlob(ctx, u, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	s.JournalInterval = 0 // journal every append
	if _, err := batch.Run(ctx, strings.NewReader(in), s, opts); err != nil {
		t.Fatal(err)
	}
	s.Abort() // as if killed before Close

	s2, err := batch.OpenBlob(ctx, u, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	opts.Resume = true
	sum, err := batch.Run(ctx, strings.NewReader(in), s2, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 30 {
		t.Errorf("summary %+v, want all 30 skipped", sum)
	}
	m, err := os.ReadFile(filepath.Join(dir, "run", "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := parseRows(t, m)
	if len(rows) != 30 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, r := range rows {
		b, err := os.ReadFile(filepath.Join(dir, "run", r.File))
		if err != nil || sha(b) != r.SHA256 {
			t.Errorf("line %d: %s: %v", r.Line, r.File, err)
		}
	}
	if js, _ := filepath.Glob(filepath.Join(dir, "run", ".manifest.journal", "*")); len(js) != 0 {
		t.Errorf("journals left: %v", js)
	}
}

func runTool(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	return string(out), err
}
