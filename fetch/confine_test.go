package fetch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestConfinedFiles: with Confine, only files inside BaseDir can be read.
func TestConfinedFiles(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.jpg")
	os.WriteFile(secret, []byte("secret"), 0o644)
	base := t.TempDir()
	os.WriteFile(filepath.Join(base, "ok.jpg"), []byte("fine"), 0o644)
	os.MkdirAll(filepath.Join(base, "sub"), 0o755)
	if err := os.Symlink(secret, filepath.Join(base, "link.jpg")); err != nil {
		t.Skip("no symbolic links here")
	}
	f := New(Config{AllowFiles: true, BaseDir: base, Confine: true})
	if b, err := f.Fetch(context.Background(), "ok.jpg"); err != nil || string(b) != "fine" {
		t.Fatalf("inside: %q %v", b, err)
	}
	if b, err := f.Fetch(context.Background(), "sub/../ok.jpg"); err != nil || string(b) != "fine" {
		t.Fatalf("inside with ..: %q %v", b, err)
	}
	for _, src := range []string{secret, "../" + filepath.Base(outside) + "/secret.jpg", "sub/../../x", "link.jpg", "file://" + secret} {
		b, err := f.Fetch(context.Background(), src)
		if err == nil {
			t.Errorf("%s: read %q outside the photo directory", src, b)
		} else if errors.Is(err, ErrFetch) && !errors.Is(err, ErrScheme) && src != "sub/../../x" {
			t.Logf("%s: %v", src, err)
		}
	}
}
