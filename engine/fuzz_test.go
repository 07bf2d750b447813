package engine

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"printd/article"
	"printd/photo"
)

// FuzzPrint is the whole path from article bytes to a PDF: every input
// gives either a complete PDF or an error of a known kind — never a panic,
// a hang or a partial PDF.
func FuzzPrint(f *testing.F) {
	for _, fx := range []string{"seed-article.json", "ru-article.json", "html-body-article.json"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", fx))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"headline":"x","body":"<ul><li><b>a</li></ul><pre>\t</pre><hr><figure><img src=\"data:image/png;base64,iVBORw0KGgo=\"></figure>"}`))
	f.Add([]byte(`{"headline":"x","lang":"ru","options":{"columns":4,"paper":"60x60mm","preset":"proof"},"body":[{"type":"list","ordered":true,"items":["в","и"]}]}`))
	cfg := photo.DefaultConfig()
	cfg.Fetch.AllowFiles = false // no I/O: data: URIs only
	p, err := New(Config{Photos: photo.NewStore(cfg)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := article.Decode(data)
		if err != nil {
			var se *article.SyntaxError
			var ve *article.ValidationError
			if !errors.As(err, &se) && !errors.As(err, &ve) {
				t.Fatalf("decode error of unknown kind: %v", err)
			}
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var buf bytes.Buffer
		_, err = p.Print(ctx, a, &buf)
		if err != nil {
			if buf.Len() != 0 {
				t.Fatalf("failed render wrote %d bytes", buf.Len())
			}
			var oe article.OptionErrors
			var ov *OversetError
			if !errors.As(err, &oe) && !errors.Is(err, ErrPhoto) && !errors.As(err, &ov) {
				t.Fatalf("print error of unknown kind: %v", err)
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes()[max(0, buf.Len()-64):], []byte("%%EOF")) {
			t.Fatal("incomplete PDF")
		}
	})
}
