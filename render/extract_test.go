package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"printd/fonts"
	"printd/layout"
)

// extractedText renders texts alone on a page, tagged (as a paragraph) or
// not, and returns pdftotext's reading without bidi controls.
func extractedText(t *testing.T, book Book, texts []layout.Text, tagged bool) string {
	t.Helper()
	doc, _ := seedDoc(t)
	page := doc.Pages[0]
	page.Texts, page.Links, page.Images, page.Rules = texts, nil, nil, nil
	doc.Pages = []layout.Page{page}
	doc.Bookmarks = nil
	if tagged {
		doc.Tags = []layout.Tag{{Kind: layout.TagDocument}, {Kind: layout.TagP}}
		for i := range page.Texts {
			page.Texts[i].Tag = 1
		}
	} else {
		doc.Tags = nil
	}
	var buf bytes.Buffer
	if err := Render(context.Background(), doc, book, nil, Meta{Title: "t"}, Options{}, &buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Map(func(r rune) rune {
		if r >= '\u200e' && r <= '\u200f' || r >= '\u202a' && r <= '\u202e' || r == '\f' {
			return -1
		}
		return r
	}, strings.TrimSpace(string(out)))
}

// shapedText lays text out as layout would: shaped in f at x, y.
func shapedText(f *fonts.SysFace, text string, rtl bool, lang string, x, y float64) layout.Text {
	t := layout.Text{X: x, Y: y, Text: text, Font: layout.FontKey{Family: f.Key()}, Size: 10, Block: 0, RTL: rtl}
	t.Glyphs = shapedFace{f}.Shape(text, rtl, lang, nil)
	for _, g := range t.Glyphs {
		t.Width += float64(g.Advance) * t.Size / 1000
	}
	return t
}

// Thai words that a justified line's slack parts, without a space in the
// text, read as the text has them: no space between them.
func TestJoinedWordsRead(t *testing.T) {
	_, book := seedDoc(t)
	lib := fonts.NewLibrary(nil, fonts.SystemFontDirs)
	th := lib.Pick('ก', fonts.Want{Role: fonts.RoleSerif, Lang: "th"})
	if th == nil {
		t.Skip("no Thai font (Debian fonts-noto-core)")
	}
	book.Lib = lib
	for _, tagged := range []bool{false, true} {
		x := 100.0
		var texts []layout.Text
		for _, w := range []string{"เรือ", "ไฟฟ้า", "ทั้ง", "ยี่สิบ"} {
			tx := shapedText(th, w, false, "th", x, 100)
			texts = append(texts, tx)
			x += tx.Width + 3 // 0.3 em of slack
		}
		texts[len(texts)-1].Space = true
		if got, want := extractedText(t, book, texts, tagged), "เรือไฟฟ้าทั้งยี่สิบ"; got != want {
			t.Errorf("tagged %v: pdftotext reads %q, want %q", tagged, got, want)
		}
	}
}

// Guillemets drawn mirrored in a right-to-left run read as the text has
// them: by the shaper in an Arabic face, by layout in a code-page face.
func TestMirroredBracketsRead(t *testing.T) {
	_, book := seedDoc(t)
	lib := fonts.NewLibrary(nil, fonts.SystemFontDirs)
	ar := lib.Pick('ل', fonts.Want{Role: fonts.RoleSerif, Lang: "ar"})
	if ar == nil {
		t.Skip("no Arabic font (Debian fonts-noto-core)")
	}
	book.Lib = lib
	for _, tagged := range []bool{false, true} {
		// «ليست» shaped whole: the shaper draws » for « and « for »
		shaped := shapedText(ar, "«ليست»", true, "ar", 200, 100)
		// «مبنى» with its guillemets in the Latin face: layout hands them
		// over mirrored, in visual order ("»" right of the word)
		word := shapedText(ar, "مبنى", true, "ar", 200, 130)
		f := book.Face(layout.FontKey{Family: "serif"})
		gw := float64(f.Advance('»')) * 10 / 1000
		open := layout.Text{X: 200 + word.Width, Y: 130, Text: "»", Font: layout.FontKey{Family: "serif"}, Size: 10, RTL: true, Width: gw}
		closing := layout.Text{X: 200 - gw, Y: 130, Text: "«", Font: layout.FontKey{Family: "serif"}, Size: 10, RTL: true, Width: gw}
		got := extractedText(t, book, []layout.Text{shaped, open, word, closing}, tagged)
		for _, want := range []string{"«ليست»", "«مبنى»"} {
			if !strings.Contains(strings.ReplaceAll(got, " ", ""), want) {
				t.Errorf("tagged %v: pdftotext reads %q, want %q in it", tagged, got, want)
			}
		}
	}
}
