package batch_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"printd/batch"
	"printd/internal/outfile"
)

// runInto renders three small articles (a, b, c) into sink and closes it.
func runInto(t *testing.T, sink batch.Sink) (batch.Summary, error) {
	t.Helper()
	fp := &fakePrinter{}
	sum, err := batch.Run(context.Background(), strings.NewReader(lines(small("a"), small("b"), small("c"))), sink,
		batch.Options{Print: fp.print, Workers: 2})
	if err != nil {
		sink.Abort()
		return sum, err
	}
	return sum, sink.Close(context.Background())
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	st, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()
}

// TestDirSinkLeavesLinksAndDevices: a link or a FIFO planted under an
// article's name is neither replaced nor written through; that article
// fails alone, the others are written, and every file printd makes is 0644
// less the umask (the manifest was 0600).
func TestDirSinkLeavesLinksAndDevices(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "precious")
	os.WriteFile(elsewhere, []byte("keep me"), 0o600)
	os.Symlink(elsewhere, filepath.Join(dir, "a.pdf"))
	if err := syscall.Mkfifo(filepath.Join(dir, "b.pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	sink, err := batch.OpenDir(dir, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := runInto(t, sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 1 || sum.Failed != 2 {
		t.Fatalf("summary %+v, want 1 ok, 2 failed", sum)
	}
	if mode(t, filepath.Join(dir, "a.pdf"))&fs.ModeSymlink == 0 || mode(t, filepath.Join(dir, "b.pdf"))&fs.ModeNamedPipe == 0 {
		t.Fatal("link or FIFO replaced")
	}
	if b, _ := os.ReadFile(elsewhere); string(b) != "keep me" {
		t.Fatalf("written through the link: %q", b)
	}
	man, err := os.ReadFile(filepath.Join(dir, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := parseRows(t, man)
	if len(rows) != 3 || !strings.Contains(rows[0].Error, "a symbolic link") || !strings.Contains(rows[1].Error, "a FIFO") || rows[2].Status != batch.StatusOK {
		t.Fatalf("rows %+v", rows)
	}
	for _, n := range []string{"c.pdf", "manifest.ndjson"} {
		if m := mode(t, filepath.Join(dir, n)); m.Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", n, m.Perm())
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

// TestDirSinkManifestLink: a link where the manifest goes stops the run
// before it starts.
func TestDirSinkManifestLink(t *testing.T) {
	dir := t.TempDir()
	os.Symlink("/dev/null", filepath.Join(dir, "manifest.ndjson"))
	_, err := batch.OpenDir(dir, "manifest.ndjson")
	if !errors.Is(err, outfile.ErrRefused) {
		t.Fatalf("OpenDir: %v, want refused", err)
	}
	if mode(t, filepath.Join(dir, "manifest.ndjson"))&fs.ModeSymlink == 0 {
		t.Fatal("link replaced")
	}
}

// TestZipSinkSpecialOutputs: a zip output that is a link is written at the
// link's target; a FIFO and a null device are written directly.
func TestZipSinkSpecialOutputs(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.zip")
	link := filepath.Join(dir, "link.zip")
	os.Symlink("real.zip", link)
	sink, err := batch.CreateZip(link, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runInto(t, sink); err != nil {
		t.Fatal(err)
	}
	if mode(t, link)&fs.ModeSymlink == 0 {
		t.Fatal("link replaced")
	}
	if zr, err := zip.OpenReader(real); err != nil || len(zr.File) != 4 {
		t.Fatalf("target zip: %v", err)
	}

	fifo := filepath.Join(dir, "pipe.zip")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	sink, err = batch.CreateZip(fifo, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runInto(t, sink); err != nil {
		t.Fatal(err)
	}
	b := <-got
	if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil || len(zr.File) != 4 {
		t.Fatalf("zip read from the FIFO: %v", err)
	}
	if mode(t, fifo)&fs.ModeNamedPipe == 0 {
		t.Fatal("FIFO replaced")
	}

	null := filepath.Join(dir, "null.zip")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		null = filepath.Join(dir, "devnull.zip")
		os.Symlink("/dev/null", null) // not root: /dev/null through a link
	}
	sink, err = batch.CreateZip(null, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runInto(t, sink); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(null); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("null device replaced: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left %v", left)
	}
	// A directory is refused.
	if _, err := batch.CreateZip(t.TempDir(), "manifest.ndjson"); !errors.Is(err, outfile.ErrRefused) {
		t.Fatalf("zip over a directory: %v", err)
	}
}

// TestBlobSinkFileLinks: a file:// bucket refuses to rename over a link.
func TestBlobSinkFileLinks(t *testing.T) {
	dir := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "precious")
	os.WriteFile(elsewhere, []byte("keep me"), 0o600)
	os.Symlink(elsewhere, filepath.Join(dir, "b.pdf"))
	sink, err := batch.OpenBlob(context.Background(), "file://"+filepath.ToSlash(dir)+"?metadata=skip", "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := runInto(t, sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 2 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if mode(t, filepath.Join(dir, "b.pdf"))&fs.ModeSymlink == 0 {
		t.Fatal("link replaced")
	}
	if b, _ := os.ReadFile(elsewhere); string(b) != "keep me" {
		t.Fatal("written through the link")
	}
	os.Symlink(elsewhere, filepath.Join(dir, "m.ndjson"))
	if _, err := batch.OpenBlob(context.Background(), "file://"+filepath.ToSlash(dir)+"?metadata=skip", "m.ndjson"); !errors.Is(err, outfile.ErrRefused) {
		t.Fatalf("manifest over a link: %v", err)
	}
}
