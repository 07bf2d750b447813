package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func lmode(t *testing.T, p string) fs.FileMode {
	t.Helper()
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()
}

// TestRenderNeverReplacesSpecialFiles: -o and --preflight write a link's
// target and keep the link, write a null device or a FIFO directly, and
// refuse a directory; nothing but a regular file is ever renamed over
// (run as root, -o /dev/null used to replace the machine's /dev/null).
func TestRenderNeverReplacesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.json")
	if err := os.WriteFile(src, []byte(batchArticle("a")), 0o644); err != nil {
		t.Fatal(err)
	}

	// A null device made here (as root), else /dev/null through a link.
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		null = filepath.Join(dir, "devnull")
		os.Symlink("/dev/null", null)
	}
	if code, _, stderr := runCLI(t, "render", src, "-o", null, "--preflight", null); code != 0 {
		t.Fatalf("-o null device: exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(null); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device (%v)", null, err)
	}

	// A link to a file elsewhere: the target is written, the link stays.
	other := t.TempDir()
	os.Symlink(filepath.Join(other, "real.pdf"), filepath.Join(dir, "link.pdf"))
	os.Symlink(filepath.Join(other, "report.json"), filepath.Join(dir, "link.json"))
	if code, _, stderr := runCLI(t, "render", src, "-o", filepath.Join(dir, "link.pdf"), "--preflight", filepath.Join(dir, "link.json")); code != 0 {
		t.Fatalf("-o link: exit %d: %s", code, stderr)
	}
	for _, l := range []string{"link.pdf", "link.json"} {
		if lmode(t, filepath.Join(dir, l))&fs.ModeSymlink == 0 {
			t.Fatalf("%s replaced", l)
		}
	}
	if b, err := os.ReadFile(filepath.Join(other, "real.pdf")); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("link target: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(other, "report.json")); err != nil || !bytes.Contains(b, []byte(`"status"`)) {
		t.Fatalf("preflight through the link: %v %q", err, b)
	}

	// A FIFO: the PDF goes down the pipe.
	fifo := filepath.Join(dir, "pipe")
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
	if code, _, stderr := runCLI(t, "render", src, "-o", fifo); code != 0 {
		t.Fatalf("-o FIFO: exit %d: %s", code, stderr)
	}
	if b := <-got; !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		t.Fatalf("FIFO reader got %d bytes", len(b))
	}
	if lmode(t, fifo)&fs.ModeNamedPipe == 0 {
		t.Fatal("FIFO replaced")
	}

	// A directory is refused with a clear message.
	code, _, stderr := runCLI(t, "render", src, "-o", other)
	if code != 1 || !strings.Contains(stderr, "a directory") {
		t.Fatalf("-o directory: exit %d: %s", code, stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Fatalf("left %v", left)
	}
}

// TestBatchZipThroughLink: batch --out LINK.zip writes the link's target.
func TestBatchZipThroughLink(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ndjson")
	writeLines(t, in, []string{batchArticle("a"), batchArticle("b")})
	os.Symlink("real.zip", filepath.Join(dir, "out.zip"))
	if code, _, stderr := runCLI(t, "batch", in, "--out", filepath.Join(dir, "out.zip")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if lmode(t, filepath.Join(dir, "out.zip"))&fs.ModeSymlink == 0 {
		t.Fatal("link replaced")
	}
	if _, err := os.Stat(filepath.Join(dir, "real.zip")); err != nil {
		t.Fatal(err)
	}
}
