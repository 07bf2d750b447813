package outfile

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func write(t *testing.T, path string, p Policy, data string) error {
	t.Helper()
	return WriteFile(path, []byte(data), p)
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func isLink(t *testing.T, path string) bool {
	t.Helper()
	st, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()&fs.ModeSymlink != 0
}

// leftovers lists the temporary files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	return m
}

func TestRegularFileReplacedWithUmaskedMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	if err := write(t, path, Named, "new"); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "new" {
		t.Fatalf("content %q", got)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v, want 0640 (0644 less umask 027)", st.Mode().Perm())
	}
	syscall.Umask(0o022)
	if err := write(t, filepath.Join(dir, "b.pdf"), Plain, "b"); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(filepath.Join(dir, "b.pdf")); st.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, want 0644", st.Mode().Perm())
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("left %v", l)
	}
}

func TestSymlinkTargetWrittenLinkKept(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	target := filepath.Join(sub, "real.pdf")
	os.WriteFile(target, []byte("old"), 0o644)
	// a relative chain: link1 -> link2 -> sub/real.pdf
	os.Symlink("sub/real.pdf", filepath.Join(dir, "link2"))
	os.Symlink("link2", filepath.Join(dir, "link1"))
	if err := write(t, filepath.Join(dir, "link1"), Named, "new"); err != nil {
		t.Fatal(err)
	}
	if !isLink(t, filepath.Join(dir, "link1")) || !isLink(t, filepath.Join(dir, "link2")) {
		t.Fatal("a link was replaced")
	}
	if got := readString(t, target); got != "new" {
		t.Fatalf("target holds %q", got)
	}
	// a link to nothing yet: the target is created
	os.Symlink("sub/new.pdf", filepath.Join(dir, "dangling"))
	if err := write(t, filepath.Join(dir, "dangling"), Named, "made"); err != nil {
		t.Fatal(err)
	}
	if !isLink(t, filepath.Join(dir, "dangling")) || readString(t, filepath.Join(sub, "new.pdf")) != "made" {
		t.Fatal("dangling link not written through")
	}
	if l := append(leftovers(t, dir), leftovers(t, sub)...); len(l) != 0 {
		t.Fatalf("left %v", l)
	}
}

func TestSymlinkLoopRefused(t *testing.T) {
	dir := t.TempDir()
	os.Symlink("b", filepath.Join(dir, "a"))
	os.Symlink("a", filepath.Join(dir, "b"))
	if err := write(t, filepath.Join(dir, "a"), Named, "x"); err == nil {
		t.Fatal("loop accepted")
	}
	if !isLink(t, filepath.Join(dir, "a")) {
		t.Fatal("link replaced")
	}
}

func TestFIFOWrittenDirectly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := write(t, fifo, Named, "through the pipe"); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Fatalf("reader got %q", s)
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("FIFO replaced: %v %v", st.Mode(), err)
	}
	// Plain never writes one.
	if err := write(t, fifo, Plain, "x"); !errors.Is(err, ErrRefused) {
		t.Fatalf("Plain wrote a FIFO: %v", err)
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("left %v", l)
	}
}

// TestCharDeviceWrittenDirectly uses a null device made in a temporary
// directory (as root), and /dev/null through a link (as anyone).
func TestCharDeviceWrittenDirectly(t *testing.T) {
	dir := t.TempDir()
	devs := []string{}
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(1<<8|3)); err == nil {
		devs = append(devs, null)
	} else {
		t.Log("mknod (not root?):", err)
	}
	link := filepath.Join(dir, "to-dev-null")
	os.Symlink("/dev/null", link)
	devs = append(devs, link)
	for _, p := range devs {
		if err := write(t, p, Named, "discarded"); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		st, err := os.Stat(p)
		if err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a character device: %v %v", p, st.Mode(), err)
		}
	}
	if !isLink(t, link) {
		t.Fatal("link to /dev/null replaced")
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null: %v %v", st.Mode(), err)
	}
	if len(devs) == 2 {
		if err := write(t, null, Plain, "x"); !errors.Is(err, ErrRefused) {
			t.Fatalf("Plain wrote a device: %v", err)
		}
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("left %v", l)
	}
}

func TestOtherKindsRefused(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "d")
	os.Mkdir(sub, 0o755)
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	os.Symlink(sub, filepath.Join(dir, "to-dir"))
	for _, p := range []string{sub, sock, filepath.Join(dir, "to-dir")} {
		if err := write(t, p, Named, "x"); !errors.Is(err, ErrRefused) {
			t.Errorf("%s: %v, want refused", p, err)
		}
	}
	if st, _ := os.Lstat(sock); st.Mode()&fs.ModeSocket == 0 {
		t.Fatal("socket replaced")
	}
	// Plain refuses a link even to a regular file.
	reg := filepath.Join(dir, "reg")
	os.WriteFile(reg, []byte("keep"), 0o644)
	os.Symlink(reg, filepath.Join(dir, "to-reg"))
	err = write(t, filepath.Join(dir, "to-reg"), Plain, "x")
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("Plain through a link: %v", err)
	}
	t.Log(err)
	if !isLink(t, filepath.Join(dir, "to-reg")) || readString(t, reg) != "keep" {
		t.Fatal("link or its target changed")
	}
}

// TestSwappedBeforeCommit: something put at the name while the file was
// being written is not renamed over.
func TestSwappedBeforeCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	f, err := Create(path, Named)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("pdf"))
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip(err)
	}
	if err := f.Commit(); !errors.Is(err, ErrRefused) {
		t.Fatalf("commit over a FIFO: %v", err)
	}
	if st, _ := os.Lstat(path); st.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatal("FIFO replaced")
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Fatalf("left %v", l)
	}
}
