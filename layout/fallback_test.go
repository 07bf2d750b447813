package layout

import (
	"strings"
	"testing"

	"printd/article"
	"printd/layout/locale"
)

// TestFallbackAndMissing: a character the body face lacks is drawn from a
// fallback family; one no family has is left out and reported, never
// passed on or silently dropped.
func TestFallbackAndMissing(t *testing.T) {
	fb := testBook(t)
	if fb.Face(FontKey{"serif", Regular}).Has('→') || !fb.Face(FontKey{"mono", Regular}).Has('→') {
		t.Skip("fixture assumption: serif lacks → and mono has it")
	}
	a, err := article.Decode([]byte(`{"headline": "Arrows", "body": [{"type": "paragraph", "html": "Kyiv → Ankara, 5 − 3, a smile 😀 and 中文 end"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: fb})
	if err != nil {
		t.Fatal(err)
	}
	var arrow *Text
	var all strings.Builder
	for i, tx := range doc.Pages[0].Texts {
		all.WriteString(tx.Text)
		if strings.Contains(tx.Text, "→") {
			arrow = &doc.Pages[0].Texts[i]
		}
		for _, r := range tx.Text {
			if f := fb.Face(tx.Font); f == nil || !f.Has(r) {
				t.Errorf("%q drawn in %v, which lacks it", r, tx.Font)
			}
		}
	}
	if arrow == nil || arrow.Font.Family != "mono" {
		t.Errorf("→ not drawn from the mono fallback: %+v", arrow)
	}
	missing := map[rune]bool{}
	for _, m := range doc.Missing {
		missing[m.Rune] = true
		if m.Where != "body[0].html" {
			t.Errorf("missing %q reported at %q", m.Rune, m.Where)
		}
	}
	for _, r := range "😀中文" {
		if !missing[r] {
			t.Errorf("%q not reported missing", r)
		}
		if strings.ContainsRune(all.String(), r) {
			t.Errorf("%q reached the page", r)
		}
	}
	// one warning per script: the emoji, and the two Han characters
	if len(doc.Warnings) != 2 || !strings.Contains(doc.Warnings[0], "😀 U+1F600") ||
		!strings.Contains(doc.Warnings[1], "2 different characters of Han (中 U+4E2D, 文 U+6587)") ||
		!strings.Contains(doc.Warnings[1], "fonts-noto-cjk") {
		t.Errorf("warnings: %q", doc.Warnings)
	}
	if !strings.Contains(all.String(), "end") {
		t.Error("text after the missing characters lost")
	}
}

// TestSlavicClitics: a one-letter preposition or conjunction never ends a
// line in Russian, Ukrainian, Czech, Slovak and Polish.
func TestSlavicClitics(t *testing.T) {
	fb := testBook(t)
	for lang, sentence := range map[string]string{
		"ru": "Он пришёл в дом и сказал к вечеру с улыбкой о жизни у моря. ",
		"uk": "Він прийшов у дім і сказав з усмішкою в голосі й пішов а потім о восьмій. ",
		"cs": "Vláda v úterý schválila návrh a k němu i s výhradami o rozpočtu u soudu z Brna. ",
		"sk": "Vláda v utorok schválila návrh a k nemu i s výhradami o rozpočte u súdu z Nitry. ",
		"pl": "Rząd w czwartek przyjął projekt i z uwagami o budżecie a także u prezydenta w Warszawie. ",
	} {
		testOneLetter(t, fb, lang, strings.Repeat(sentence, 40))
	}
}

func testOneLetter(t *testing.T, fb FontBook, lang, body string) {
	a, err := article.Decode([]byte(`{"headline": "Test", "lang": "` + lang + `", "body": [{"type": "paragraph", "html": "` + body + `"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	letters := locale.OneLetterWords(lang)
	for cols := 1; cols <= 4; cols++ {
		doc, err := Layout(&Input{Article: a, Spec: DefaultSpec(mustPaper(t, "A4"), cols), Fonts: fb})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Pages {
			lastOnLine := map[float64]Text{}
			for _, tx := range p.Texts {
				if tx.Block != 0 {
					continue
				}
				col := 0
				for ci, c := range p.Columns {
					if tx.X >= c.X-0.01 && tx.X < c.Right() {
						col = ci
					}
				}
				key := tx.Y + float64(col)*10000 // one line per baseline and column
				if l, ok := lastOnLine[key]; !ok || tx.X > l.X {
					lastOnLine[key] = tx
				}
			}
			for _, tx := range lastOnLine {
				if w := strings.Fields(tx.Text); len(w) > 0 && isOneLetterWord(w[len(w)-1], letters) {
					t.Errorf("%s, %d columns: line ends with %q", lang, cols, tx.Text)
				}
			}
		}
	}
}
