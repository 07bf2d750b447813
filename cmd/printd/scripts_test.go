package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The script fixtures: one article per script a newsroom prints in, each
// with a headline, standfirst, byline, photo, caption and several
// paragraphs (testdata/scripts). They need the system's Noto faces
// (Debian fonts-noto-core, fonts-noto-cjk).
var scriptFixtures = []struct {
	name string
	rtl  bool
	font string // a face the fixture needs, under /usr/share/fonts
}{
	{"ar", true, "truetype/noto/NotoNaskhArabic-Regular.ttf"},
	{"fa", true, "truetype/noto/NotoNaskhArabic-Regular.ttf"},
	{"he", true, "truetype/noto/NotoSerifHebrew-Regular.ttf"},
	{"mixed", true, "truetype/noto/NotoNaskhArabic-Regular.ttf"},
	{"hi", false, "truetype/noto/NotoSerifDevanagari-Regular.ttf"},
	{"bn", false, "truetype/noto/NotoSerifBengali-Regular.ttf"},
	{"ta", false, "truetype/noto/NotoSerifTamil-Regular.ttf"},
	{"th", false, "truetype/noto/NotoSerifThai-Regular.ttf"},
	{"my", false, "truetype/noto/NotoSansMyanmar-Regular.ttf"},
	{"zh-Hans", false, "opentype/noto/NotoSerifCJK-Regular.ttc"},
	{"zh-Hant", false, "opentype/noto/NotoSerifCJK-Regular.ttc"},
	{"ja", false, "opentype/noto/NotoSerifCJK-Regular.ttc"},
	{"ko", false, "opentype/noto/NotoSerifCJK-Regular.ttc"},
}

func needFont(t *testing.T, rel string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join("/usr/share/fonts", rel)); err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed (Debian fonts-noto-core, fonts-noto-cjk)", rel)
		}
		t.Skipf("%s not installed", rel)
	}
}

// fixtureTexts returns the texts of an article in reading order: headline,
// standfirst, byline, caption, credit, then the body's blocks.
func fixtureTexts(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Headline, Subheadline string
		Authors               []string
		Photo                 struct{ Caption, Credit string }
		Body                  []struct {
			Type, HTML, Text, Cite string
			Items                  []string
		}
	}
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	out := []string{a.Headline, a.Subheadline}
	out = append(out, a.Authors...)
	out = append(out, a.Photo.Caption, a.Photo.Credit)
	tag := regexp.MustCompile(`<[^>]*>`)
	for _, bl := range a.Body {
		for _, s := range append([]string{bl.HTML, bl.Text}, bl.Items...) {
			if s != "" {
				out = append(out, html.UnescapeString(tag.ReplaceAllString(s, "")))
			}
		}
		if bl.Cite != "" {
			out = append(out, bl.Cite)
		}
	}
	return out
}

// scriptLetters is letters for any script: also without the bidi controls
// an extractor adds and without joiner controls, which only select forms.
func scriptLetters(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '-', r == '\u00ad', r == '\u2010',
			r >= '\u200b' && r <= '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return -1
		}
		return r
	}, s)
}

// checkTextOrder checks that every text of the article is in the PDF's
// extracted text, whole, in the article's order. Pages are read in the
// order of the content (pdftotext -raw), with each page's running footer
// (drawn last) cut off, since a paragraph may go on over a page.
//
// Right-to-left text is put back in logical order by pdftotext itself, by
// heuristics that place neutral characters (punctuation, digits beside
// them) and vowel marks by guesswork, that take each glyph of a lam-alef
// or a word cut by a zero-width non-joiner for a word of its own in raw
// mode and that read columns in varying order in the other: there the
// letters alone are compared, in the raw reading in order, in the other
// each text whole or cut in two where it goes on in another column (the
// order of columns is checked on the page, checkRTLPage).
func checkTextOrder(t *testing.T, pdf string, texts []string, rtl bool) {
	t.Helper()
	if !rtl {
		if errs := textOrder(extracted(t, pdf, true), texts, scriptLetters, true); len(errs) > 0 {
			t.Error(strings.Join(errs, "\n"))
		}
		return
	}
	raw := textOrder(extracted(t, pdf, true), texts, rtlLetters, true)
	if len(raw) == 0 {
		return
	}
	if read := textOrder(extracted(t, pdf, false), texts, rtlLetters, false); len(read) > 0 {
		t.Errorf("pdftotext -raw:\n%s\npdftotext:\n%s", strings.Join(raw, "\n"), strings.Join(read, "\n"))
	}
}

// extracted is the PDF's text, page by page without the running footers.
func extracted(t *testing.T, pdf string, raw bool) string {
	t.Helper()
	var text strings.Builder
	for page := 1; page <= 20; page++ {
		p := strconv.Itoa(page)
		args := []string{"-f", p, "-l", p, pdf, "-"}
		if raw {
			args = append([]string{"-raw"}, args...)
		}
		out, err := exec.Command(tool(t, "pdftotext"), args...).Output()
		if err != nil || strings.TrimSpace(string(out)) == "" {
			break
		}
		s := string(out)
		if i := strings.LastIndex(s, "example.org"); i > 0 {
			s = s[:i] // the running footer
		}
		text.WriteString(s)
	}
	return text.String()
}

// textOrder lists the texts not found in the extracted text, both folded
// by fold: in order, or (!ordered) each anywhere, whole or in two pieces.
func textOrder(text string, texts []string, fold func(string) string, ordered bool) (errs []string) {
	got := fold(text)
	pos := 0
	for _, want := range texts {
		w := fold(want)
		if w == "" {
			continue
		}
		if !ordered {
			if !strings.Contains(got, w) && !inTwo(got, w) {
				errs = append(errs, fmt.Sprintf("not in the PDF's text: %q\n\tnear: %s", want, near(got, w)))
			}
			continue
		}
		i := strings.Index(got[pos:], w)
		if i < 0 {
			if strings.Contains(got, w) {
				errs = append(errs, fmt.Sprintf("out of order: %q", want))
			} else {
				errs = append(errs, fmt.Sprintf("not in the PDF's text: %q\n\tnear: %s", want, near(got, w)))
			}
			continue
		}
		pos += i + len(w)
	}
	return errs
}

// inTwo reports whether w is in got as two pieces: its longest start found
// there (a fair part of it), and the rest elsewhere.
func inTwo(got, w string) bool {
	r := []rune(w)
	n := 0
	for n < len(r) && strings.Contains(got, string(r[:n+1])) {
		n++
	}
	return n >= 20 && n < len(r) && strings.Contains(got, string(r[n:]))
}

// rtlLetters keeps letters only (no marks).
func rtlLetters(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, s)
}

// near shows where the extracted text parts from w: the longest start of
// w found in it, and what follows there and in w.
func near(got, w string) string {
	r := []rune(w)
	n := 0
	for n < len(r) && strings.Contains(got, string(r[:n+1])) {
		n++
	}
	if n < 4 {
		return "(not even its start)"
	}
	i := strings.Index(got, string(r[:n])) + len(string(r[:n]))
	g := []rune(got[i:])
	return fmt.Sprintf("…%s| PDF: %s | article: %s", string(r[max(0, n-12):n]), string(g[:min(len(g), 12)]), string(r[n:min(len(r), n+12)]))
}

// checkFontsEmbedded checks with pdffonts that every font is embedded.
func checkFontsEmbedded(t *testing.T, pdf string) {
	t.Helper()
	out, err := exec.Command(tool(t, "pdffonts"), pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	type0 := 0
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type [encoding] emb sub uni object ID: emb is the fifth field from the end
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if strings.Contains(l, "CID") {
			type0++
		}
	}
	if type0 == 0 {
		t.Errorf("no CID font: the script's text is not set by glyph\n%s", out)
	}
}

func checkQPDF(t *testing.T, pdf string) {
	t.Helper()
	if out, err := exec.Command(tool(t, "qpdf"), "--check", pdf).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// TestScriptFixtures renders every script fixture through the CLI and
// checks the PDF: the article's text in logical order, fonts embedded,
// qpdf's structure check, right-to-left pages read from the right, and
// page 1 against its reviewed golden image (testdata/golden/script-*.png;
// go test ./cmd/printd -run TestScriptFixtures -update rewrites them).
func TestScriptFixtures(t *testing.T) {
	for _, fx := range scriptFixtures {
		t.Run(fx.name, func(t *testing.T) {
			needFont(t, fx.font)
			src := filepath.Join("..", "..", "testdata", "scripts", fx.name+".json")
			pdf := renderFixture(t, filepath.Join("scripts", fx.name+".json"))
			checkFontsEmbedded(t, pdf)
			checkQPDF(t, pdf)
			checkTextOrder(t, pdf, fixtureTexts(t, src), fx.rtl)
			if spaced[fx.name] {
				checkWords(t, pdf, append(fixtureTexts(t, src), fixtureSection(t, src)))
			}
			if fx.rtl {
				checkRTLPage(t, pdf, fixtureTexts(t, src))
			}
			comparePage(t, pdf, "script-"+fx.name+"-page1.png", "script-"+fx.name)
		})
	}
}

// fixtureSection is the article's section, which the kicker prints.
func fixtureSection(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a struct{ Section string }
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return a.Section
}

// spaced are the left-to-right fixtures whose scripts put spaces between
// words (checkWords).
var spaced = map[string]bool{"hi": true, "bn": true, "ta": true, "ko": true}

// checkWords checks that every word of the PDF's text (pdftotext -raw,
// a hyphen at a line's end joining the word) is a word of the article: a
// word broken over two lines reads whole, and no space is read inside a
// word.
func checkWords(t *testing.T, pdf string, texts []string) {
	t.Helper()
	edge := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
	words := map[string]bool{}
	for _, s := range texts {
		for _, w := range strings.Fields(norm.NFC.String(s)) {
			words[strings.TrimFunc(w, edge)] = true
		}
	}
	text := regexp.MustCompile(`-[ \t]*\n\s*`).ReplaceAllString(norm.NFC.String(extracted(t, pdf, true)), "")
	// printd's own words: the dateline (the line with the year) and
	// labels such as the credit's "Photo:"
	text = regexp.MustCompile(`(?m)^.*\p{Nd}{4}.*$`).ReplaceAllString(text, "")
	var odd []string
	for _, w := range strings.Fields(text) {
		if strings.HasSuffix(w, ":") {
			continue
		}
		w = strings.TrimFunc(w, edge)
		letters := strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) && r > 0x2FF }) >= 0
		if letters && !words[w] {
			odd = append(odd, w)
		}
	}
	if len(odd) > 0 {
		t.Errorf("%d words of the PDF's text are not the article's (a broken word read as two, or a space read inside one): %q", len(odd), odd)
	}
}

// bboxLine is a line of pdftotext -bbox-layout: its box and its words,
// letters only, right-to-left words in logical order.
type bboxLine struct {
	xMin, xMax, yMin float64
	words            []string
}

// in reports whether every word of the line (of two letters or more) is in
// text, and there are two such words at least.
func (l bboxLine) in(text string) bool {
	n := 0
	for _, w := range l.words {
		if len([]rune(w)) < 2 {
			continue
		}
		if !strings.Contains(text, w) {
			return false
		}
		n++
	}
	return n >= 2
}

var (
	blockRE = regexp.MustCompile(`(?s)<block xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</block>`)
	lineRE  = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	wordRE  = regexp.MustCompile(`<word[^>]*>([^<]*)</word>`)
)

// pageLines returns the lines of page 1 as pdftotext -bbox-layout sees them.
func pageLines(t *testing.T, pdf string) []bboxLine {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-f", "1", "-l", "1", "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ls []bboxLine
	for _, m := range lineRE.FindAllStringSubmatch(string(out), -1) {
		var l bboxLine
		l.xMin, _ = strconv.ParseFloat(m[1], 64)
		l.yMin, _ = strconv.ParseFloat(m[2], 64)
		l.xMax, _ = strconv.ParseFloat(m[3], 64)
		for _, w := range wordRE.FindAllStringSubmatch(m[5], -1) {
			word := []rune(rtlLetters(html.UnescapeString(w[1])))
			if strings.IndexFunc(string(word), func(r rune) bool { return unicode.In(r, unicode.Arabic, unicode.Hebrew) }) >= 0 {
				slices.Reverse(word) // a right-to-left word, read in visual order
			}
			l.words = append(l.words, string(word))
		}
		ls = append(ls, l)
	}
	return ls
}

// checkRTLPage checks a right-to-left page with pdftotext -bbox-layout:
// the first paragraph of the body stands in the rightmost column and the
// last in a column left of it, and the lines of the first paragraph end
// at the same right edge, its short last line included (right-aligned).
func checkRTLPage(t *testing.T, pdf string, texts []string) {
	t.Helper()
	ls := pageLines(t, pdf)
	body := texts[6:] // after headline, standfirst, byline, caption, credit
	first, last := rtlLetters(body[0]), rtlLetters(body[len(body)-1])
	var firstLines, lastLines []bboxLine
	for _, l := range ls {
		if l.in(first) {
			firstLines = append(firstLines, l)
		} else if l.in(last) {
			lastLines = append(lastLines, l)
		}
	}
	if len(firstLines) < 2 || len(lastLines) < 1 {
		t.Fatalf("lines of the first and last paragraph not found on page 1 (%d, %d)", len(firstLines), len(lastLines))
	}
	slices.SortFunc(firstLines, func(a, b bboxLine) int { return cmp.Compare(a.yMin, b.yMin) })
	right, left := firstLines[0].xMax, firstLines[0].xMin
	for _, l := range firstLines {
		if d := l.xMax - right; d > 1.5 || d < -1.5 {
			t.Errorf("a line of the first paragraph ends at x=%.1f, the first at x=%.1f: not right-aligned (%q)", l.xMax, right, l.words)
		}
		left = min(left, l.xMin)
	}
	if fl := firstLines[len(firstLines)-1]; fl.xMin <= left+5 {
		t.Errorf("the first paragraph's last line starts at x=%.1f, as far left as a full line (%.1f): not short at the left", fl.xMin, left)
	}
	if ll := lastLines[len(lastLines)-1]; ll.xMax >= firstLines[0].xMin {
		t.Errorf("the last paragraph (x %.1f–%.1f) is not in a column left of the first (x %.1f–%.1f): columns do not run right to left",
			ll.xMin, ll.xMax, firstLines[0].xMin, firstLines[0].xMax)
	}
}
