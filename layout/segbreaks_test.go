package layout

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"printd/article"
	"printd/layout/segment"
)

// wideFace is a test face that has every character: CJK 1 em wide, other
// letters half an em, combining marks nothing, spaces a quarter em.
type wideFace struct{}

func (wideFace) Advance(r rune) int {
	switch {
	case r == ' ':
		return 250
	case unicode.IsMark(r):
		return 0
	case r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0xAC00 && r <= 0xD7AF:
		return 1000
	}
	return 500
}
func (wideFace) Has(rune) bool { return true }
func (wideFace) Ascent() int   { return 800 }
func (wideFace) Descent() int  { return -200 }

type wideBook struct{}

func (wideBook) Face(FontKey) Face { return wideFace{} }

// setUnspaced sets text in justified lines of the given width with the
// wide test face, as Layout does for an article in lang.
func setUnspaced(t *testing.T, lang, text string, width float64) []setLine {
	t.Helper()
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	st := &setter{book: wideBook{}, params: breakParams(&spec), lang: lang}
	return st.set([]span{{text: text, font: spec.Body.Font, size: 10}}, paraOpts{width: width, align: AlignJustify})
}

func lineText(l setLine) string {
	var b strings.Builder
	for _, f := range l.frags {
		b.WriteString(f.text)
	}
	return b.String()
}

// icuWordBoundaries runs ICU (python3-icu) on text; see package segment.
func icuWordBoundaries(t *testing.T, lang, text string) map[int]bool {
	t.Helper()
	var py string
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import icu").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") == "1" {
			t.Fatal("python3 with ICU (python3-icu) is required")
		}
		t.Skip("python3-icu not installed")
	}
	cmd := exec.Command(py, "segment/testdata/icu_words.py", lang)
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	m := map[int]bool{}
	for _, f := range bytes.Fields(out) {
		n, _ := strconv.Atoi(string(f))
		m[n] = true
	}
	return m
}

// TestSoutheastAsianLines: Thai, Lao, Khmer and Burmese paragraphs set in a
// narrow justified column break only where ICU sees a word boundary, and
// justification opens no gap wider than twice the natural space.
func TestSoutheastAsianLines(t *testing.T) {
	for _, lang := range []string{"th", "lo", "km", "my"} {
		src, err := os.ReadFile("segment/testdata/udhr-" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		para, _, _ := strings.Cut(string(src), "\n")
		icu := icuWordBoundaries(t, lang, para)
		lines := setUnspaced(t, lang, para, 150)
		if len(lines) < 5 {
			t.Fatalf("%s: %d lines", lang, len(lines))
		}
		natural, maxGap := 2.5, 0.0
		ends := lineEnds(t, para, lines)
		for li, l := range lines {
			end := ends[li]
			if end < len(para) && para[end] != ' ' && !icu[end] {
				t.Errorf("%s: line %d ends inside a word: …%s|%s…", lang, li, lastRunes(para[:end], 6), firstRunes(para[end:], 6))
			}
			if li == len(lines)-1 {
				break
			}
			if math.Abs(l.natural-l.width) > 0.5 {
				t.Errorf("%s: justified line %d is %.2f pt wide, measure %.2f", lang, li, l.natural, l.width)
			}
			for k := 1; k < len(l.frags); k++ {
				gap := l.frags[k].x - (l.frags[k-1].x + l.frags[k-1].width)
				if l.frags[k-1].text == " " {
					gap += l.frags[k-1].width
				}
				maxGap = max(maxGap, gap)
				if gap > 2*natural+1e-6 {
					t.Errorf("%s: line %d: gap of %.2f pt before %q (natural space %.2f)", lang, li, gap, firstRunes(l.frags[k].text, 4), natural)
				}
			}
		}
		t.Logf("%s: %d lines, widest gap %.2f pt (natural space %.2f)", lang, len(lines), maxGap, natural)
	}
}

// TestCJKLines: Chinese and Japanese set in justified lines: no line starts
// with a character kinsoku forbids there or ends with an opening bracket,
// every justified line fills the measure within 0.5 pt, and Latin words
// and numbers are whole, a quarter em from the CJK text beside them.
func TestCJKLines(t *testing.T) {
	src, err := os.ReadFile("segment/testdata/udhr-ja.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"ja": strings.ReplaceAll(string(src), "\n", ""),
		"zh": strings.Repeat("据新华社报道，国务院总理在2025年11月19日的会议上表示：“我们将继续推进改革开放。”与会者包括来自OpenAI和DeepSeek的代表（共计120人）。", 4),
	}
	for lang, text := range texts {
		for _, width := range []float64{137, 151.5, 200} {
			lines := setUnspaced(t, lang, text, width)
			var all strings.Builder
			ends := lineEnds(t, text, lines)
			for li, l := range lines {
				lt := lineText(l)
				all.WriteString(lt)
				if e := ends[li]; e < len(text) {
					a, _ := utf8.DecodeLastRuneInString(text[:e])
					b, _ := utf8.DecodeRuneInString(text[e:])
					if a < 0x80 && b < 0x80 && (unicode.IsLetter(a) || unicode.IsDigit(a)) && (unicode.IsLetter(b) || unicode.IsDigit(b)) {
						t.Errorf("%s %.1f: line %d splits a Latin word or number: …%s|%s…", lang, width, li, lastRunes(text[:e], 5), firstRunes(text[e:], 5))
					}
				}
				first, _ := utf8.DecodeRuneInString(lt)
				last, _ := utf8.DecodeLastRuneInString(lt)
				if li > 0 && strings.ContainsRune("、。，．！？）」』】”ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々", first) {
					t.Errorf("%s %.1f: line %d starts with %q", lang, width, li, first)
				}
				if li < len(lines)-1 && strings.ContainsRune("（「『【“", last) {
					t.Errorf("%s %.1f: line %d ends with %q", lang, width, li, last)
				}
				if li < len(lines)-1 && math.Abs(l.natural-l.width) > 0.5 {
					t.Errorf("%s %.1f: justified line %d is %.2f pt, measure %.2f", lang, width, li, l.natural, l.width)
				}
			}
			if all.String() != text {
				t.Errorf("%s: text changed:\n%s\n%s", lang, all.String(), text)
			}
		}
	}
	// the quarter-em gap
	lines := setUnspaced(t, "zh", "中国和OpenAI合作", 500)
	for k, f := range lines[0].frags {
		if f.text == "OpenAI" || strings.HasPrefix(f.text, "OpenAI") {
			prev := lines[0].frags[k-1]
			if gap := f.x - prev.x - prev.width; math.Abs(gap-2.5) > 0.01 {
				t.Errorf("gap before OpenAI %.2f pt, want a quarter em (2.5)", gap)
			}
		}
	}
}

// TestKoreanKeepAll: Korean breaks only at spaces.
func TestKoreanKeepAll(t *testing.T) {
	text := strings.Repeat("대한민국 정부는 수요일 노조와의 협의를 거쳐 다음 주 국회에 예산안을 제출하겠다고 밝혔다. ", 5)
	lines := setUnspaced(t, "ko", text, 120)
	for li, e := range lineEnds(t, text, lines) {
		if e < len(text) && text[e] != ' ' {
			t.Errorf("line %d ends inside a word: …%s|%s…", li, lastRunes(text[:e], 4), firstRunes(text[e:], 4))
		}
	}
	if segment.Needs("대한민국") {
		t.Error("Hangul needs no segmentation")
	}
}

// lineEnds returns the byte offset in text where each line ends, matching
// the lines' drawn characters (spaces are glue, not drawn, in justified
// lines) against text.
func lineEnds(t *testing.T, text string, lines []setLine) []int {
	t.Helper()
	var ends []int
	pos := 0
	for li, l := range lines {
		for _, r := range lineText(l) {
			if r == ' ' {
				continue
			}
			for pos < len(text) && text[pos] == ' ' {
				pos++
			}
			got, w := utf8.DecodeRuneInString(text[pos:])
			if got != r {
				t.Fatalf("line %d: %q where the text has %q at %d", li, r, got, pos)
			}
			pos += w
		}
		ends = append(ends, pos)
	}
	return ends
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// TestUnspacedArticle: an article in Thai without lang is detected as Thai
// and set by Layout with its lines broken between words only; a Japanese
// one with every line start and end allowed by kinsoku.
func TestUnspacedArticle(t *testing.T) {
	for _, lang := range []string{"th", "ja"} {
		src, err := os.ReadFile("segment/testdata/udhr-" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		paras := strings.Split(strings.TrimSpace(string(src)), "\n")
		body := ""
		for _, p := range paras {
			body += `{"type": "paragraph", "html": "` + p + `"},`
		}
		a, err := article.Decode([]byte(`{"headline": "` + firstRunes(paras[0], 12) + `", "body": [` + strings.TrimSuffix(body, ",") + `]}`))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Layout(&Input{Article: a, Spec: DefaultSpec(mustPaper(t, "A4"), 3), Fonts: wideBook{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[len(doc.Warnings)-1], `"`+lang+`"`) {
			t.Errorf("%s: warnings %q", lang, doc.Warnings)
		}
		all := strings.Join(paras, " ")
		icu := map[int]bool{}
		if lang == "th" {
			icu = icuWordBoundaries(t, lang, all)
		}
		// Each drawn fragment of the body is found in the text in order;
		// where a line ends, the text must allow it.
		pos, lines := 0, 0
		for _, p := range doc.Pages {
			byLine := map[[2]int]string{}
			var keys [][2]int
			for _, tx := range p.Texts {
				if tx.Size != DefaultSpec(mustPaper(t, "A4"), 3).Body.Size {
					continue
				}
				col := 0
				for ci, c := range p.Columns {
					if tx.X >= c.X-0.01 && tx.X < c.Right() {
						col = ci
					}
				}
				k := [2]int{col, int(math.Round(tx.Y * 10))}
				if _, ok := byLine[k]; !ok {
					keys = append(keys, k)
				}
				byLine[k] += tx.Text
			}
			slices.SortFunc(keys, func(a, b [2]int) int {
				if a[0] != b[0] {
					return a[0] - b[0]
				}
				return a[1] - b[1]
			})
			for _, k := range keys {
				line := strings.ReplaceAll(byLine[k], " ", "")
				for _, r := range line {
					for pos < len(all) && all[pos] == ' ' {
						pos++
					}
					got, w := utf8.DecodeRuneInString(all[pos:])
					if got != r {
						t.Fatalf("%s: %q where the text has %q", lang, r, got)
					}
					pos += w
				}
				lines++
				if pos >= len(all) || all[pos] == ' ' {
					continue
				}
				prev, _ := utf8.DecodeLastRuneInString(all[:pos])
				next, _ := utf8.DecodeRuneInString(all[pos:])
				if lang == "th" && !icu[pos] {
					t.Errorf("th: line ends inside a word: …%s|%s…", lastRunes(all[:pos], 5), firstRunes(all[pos:], 5))
				}
				if lang == "ja" && (strings.ContainsRune("、。，．！？）」』】ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々", next) || strings.ContainsRune("（「『【", prev)) {
					t.Errorf("ja: kinsoku broken: …%s|%s…", lastRunes(all[:pos], 5), firstRunes(all[pos:], 5))
				}
			}
		}
		if lines < 10 {
			t.Errorf("%s: only %d body lines", lang, lines)
		}
	}
}
