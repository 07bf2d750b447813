package engine

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"printd/article"
)

// A picture without alternative text is a preflight warning naming its
// field; under a profile with strict_accessibility it is an error naming
// it, and nothing is written.
func TestMissingAltText(t *testing.T) {
	p := testPrinter(t, map[string]string{"strict": "name: strict\nstrict_accessibility: true\n"})
	a := seedArticle(t)
	a.Photo.Alt = ""
	a.Body = append(a.Body[:2:2], article.Block{Type: article.ImageBlock, Image: &article.Image{Src: "seed-photo.jpg", Alt: "Talks"}})

	res, err := p.Print(context.Background(), a, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "photo.alt: no alternative text; a screen reader reads the caption") ||
		strings.Contains(w, "body[2].alt") {
		t.Errorf("warnings %q", res.Warnings)
	}
	if res.Preflight.Status != "warning" {
		t.Errorf("preflight status %q, want warning", res.Preflight.Status)
	}

	a.Publication = "strict"
	var buf bytes.Buffer
	_, err = p.Print(context.Background(), a, &buf)
	var ae *AccessibilityError
	if !errors.As(err, &ae) || !slices.Equal(ae.Paths, []string{"photo.alt"}) || buf.Len() != 0 {
		t.Fatalf("strict: %v (%d bytes written), want an AccessibilityError at photo.alt", err, buf.Len())
	}
	rep, err := p.Preflight(context.Background(), a)
	if err != nil || rep.Status != "error" {
		t.Errorf("strict preflight %q %v, want error", rep.Status, err)
	}
	a.Photo.Alt = "Zelensky with officials"
	if _, err := p.Print(context.Background(), a, &bytes.Buffer{}); err != nil {
		t.Errorf("strict, every picture described: %v", err)
	}
}
