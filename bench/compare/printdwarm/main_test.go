package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRunWritesPDF(t *testing.T) {
	out := filepath.Join(t.TempDir(), "seed.pdf")
	if err := run(filepath.Join("..", "..", "..", "testdata", "seed-article.json"), 2, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 50_000 {
		t.Errorf("%d bytes, want a PDF with the seed photo", len(b))
	}
}

func TestRunMissingArticle(t *testing.T) {
	if err := run(filepath.Join(t.TempDir(), "none.json"), 1, ""); err == nil {
		t.Error("no error for a missing article")
	}
}
