package engine

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
	"printd/fonts"
	"printd/photo"
)

// TestMissingScript renders the Korean fixture with no font library (as on
// a machine without fonts-noto-cjk): one warning for the whole script,
// naming the package that would set it; a preflight error; and, in the
// proof preset, a *MissingGlyphsError rather than a PDF without its text.
func TestMissingScript(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "scripts", "ko.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{Photos: photo.NewStore(photo.DefaultConfig()), Fonts: fonts.NewLibrary(nil, nil)})
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	a.Photo = nil // the text is what is checked
	res, err := p.Print(context.Background(), a, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var gaps []string
	for _, w := range res.Warnings {
		if strings.Contains(w, "no font has") {
			gaps = append(gaps, w)
		}
	}
	if len(gaps) != 1 || !strings.Contains(gaps[0], "of Hangul (") || !strings.Contains(gaps[0], "fonts-noto-cjk") ||
		!strings.Contains(gaps[0], "headline, subheadline") {
		t.Errorf("warnings about missing characters: %q", gaps)
	}
	if res.Preflight.Status != "error" {
		t.Errorf("preflight status %q, want error", res.Preflight.Status)
	}

	a.Options.Preset = article.PresetProof
	_, err = p.Print(context.Background(), a, io.Discard)
	var me *MissingGlyphsError
	if !errors.As(err, &me) || len(me.Gaps) != 1 || me.Gaps[0].Script != "Hangul" || len(me.Gaps[0].Chars) < 100 {
		t.Fatalf("proof: %v, want a MissingGlyphsError for Hangul", err)
	}
}
