package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
)

func render(t *testing.T, fixture, fontDir string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "article.html")
	if err := run(filepath.Join("..", "..", "testdata", fixture), out, fontDir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), dir
}

func TestSeedArticle(t *testing.T) {
	page, dir := render(t, "seed-article.json", filepath.Join("..", "..", "fonts", "ttf"))
	for _, want := range []string{
		"<!DOCTYPE html>",
		`<html lang="en" dir="ltr">`,
		`<p class="kicker">News · Politics</p>`,
		"<h1>Zelensky reportedly ‘not interested’ in discussing new US peace plan for Ukraine</h1>",
		`<p class="byline">19 November 2025</p>`,
		`<img src="seed-photo.jpg"`,
		`<span class="credit">Photo: Zelensky / Telegram</span>`,
		`content: "example.org"`,
		"size: A4",
		"columns: 2",
		"hyphens: auto",
		"text-align: justify",
		`<a href="https://example.org/terms">Terms of use</a>.`,
		`<p><a href="https://example.org/articles/2025/11/19/zelensky-us-peace-plan">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	body := page[strings.Index(page, `<main class="body">`):strings.Index(page, "</main>")]
	if got := strings.Count(body, "<p>"); got != 11 {
		t.Errorf("%d body paragraphs, want the seed's 11", got)
	}
	if got := strings.Count(page, "@font-face"); got != len(faces) {
		t.Errorf("%d @font-face rules, want %d", got, len(faces))
	}
	src, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-photo.jpg"))
	copied, err := os.ReadFile(filepath.Join(dir, "seed-photo.jpg"))
	if err != nil || !bytes.Equal(src, copied) || len(src) == 0 {
		t.Errorf("photo not copied beside the HTML unchanged (err %v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "fonts", "NotoSerif-Regular.ttf")); err != nil {
		t.Errorf("fonts not copied: %v", err)
	}
}

func TestBodyBlocksAndSharedPhoto(t *testing.T) {
	page, dir := render(t, "html-body-article.json", "")
	for _, want := range []string{"<h2>", "<blockquote>", "<ul>", "<li>", "<pre>", "<hr>", `alt="Second photo"`} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(page, "@font-face") {
		t.Error("@font-face without -fonts")
	}
	if got := strings.Count(page, `src="seed-photo.jpg"`); got != 2 {
		t.Errorf("the lead and body photo (one file) referenced %d times by its name, want 2", got)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 { // article.html and one copy of the photo
		t.Errorf("%d files beside the HTML, want 2", len(ents))
	}
}

func TestMissingFonts(t *testing.T) {
	dir := t.TempDir()
	err := run(filepath.Join("..", "..", "testdata", "seed-article.json"), filepath.Join(dir, "a.html"), dir)
	if err == nil || !strings.Contains(err.Error(), "no Noto TTF files") {
		t.Fatalf("err = %v, want no Noto TTF files", err)
	}
}

func TestRuns(t *testing.T) {
	got := runs([]article.Run{
		{Text: "a<b", Style: article.Bold | article.Italic, Link: "https://x.example/?a=1&b=2"},
		{Break: true},
		{Text: "H", Style: article.Sub},
		{Text: "c"},
	})
	want := `<a href="https://x.example/?a=1&amp;b=2"><b><i>a&lt;b</i></b></a><br><sub>H</sub>c`
	if got != want {
		t.Errorf("runs:\n got %s\nwant %s", got, want)
	}
}

func TestCSSString(t *testing.T) {
	got := cssString(`a"b\</style>`)
	if got != `"a\22 b\5c \3c /style\3e "` {
		t.Errorf("cssString = %s", got)
	}
	if strings.Contains(got[1:len(got)-1], `"`) || strings.Contains(got, "<") {
		t.Errorf("cssString left a quote or '<': %s", got)
	}
}
