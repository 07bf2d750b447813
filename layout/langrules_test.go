package layout

import (
	"math"
	"strings"
	"testing"

	"printd/article"
)

// TestFrenchNarrowSpaces: French text gets a narrow no-break space before
// ? and ! where the source has none; the mark never starts a line.
func TestFrenchNarrowSpaces(t *testing.T) {
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	st := fixtureSetter(t, "fr", &spec)
	text := strings.Repeat("Pourquoi? Parce que la réunion a duré longtemps! ", 30)
	lines := st.set([]span{{text: text, font: spec.Body.Font, size: spec.Body.Size}}, paraOpts{width: spec.ColumnWidth(), align: AlignJustify})
	gaps := 0
	for li, l := range lines {
		for i, f := range l.frags {
			if i == 0 && (strings.HasPrefix(f.text, "?") || strings.HasPrefix(f.text, "!")) {
				t.Errorf("line %d starts with %q", li, f.text)
			}
			if i > 0 && (f.text == "?" || strings.HasPrefix(f.text, "? ") || strings.HasPrefix(f.text, "!")) {
				prev := l.frags[i-1]
				gap := f.x - (prev.x + prev.width)
				if want := spec.Body.Size / 5; math.Abs(gap-want) > spec.Body.Size/10 {
					t.Errorf("line %d: gap before %q is %.2f pt, want about %.2f", li, f.text, gap, want)
				}
				gaps++
			}
		}
	}
	if gaps < 20 {
		t.Errorf("%d narrow spaces before ? and !, want 60", gaps)
	}
}

// TestArticleLang: an article without lang is set in the language of its
// text, with a warning; one whose text bears out the default gets none.
func TestArticleLang(t *testing.T) {
	es := &article.Article{Headline: "El Gobierno presenta los presupuestos", Body: []article.Block{{Type: article.Paragraph,
		Runs: []article.Run{{Text: "El gobierno anunció el miércoles que presentará los presupuestos al parlamento la próxima semana, tras las negociaciones con los sindicatos."}}}}}
	lang, warn := articleLang(es, "en")
	if lang != "es" || !strings.Contains(warn, `"es"`) {
		t.Errorf("Spanish text: lang %q, warning %q", lang, warn)
	}
	en := &article.Article{Headline: "The government presents the budget", Body: []article.Block{{Type: article.Paragraph,
		Runs: []article.Run{{Text: "The government said on Wednesday that it would present the budget to parliament next week."}}}}}
	if lang, warn := articleLang(en, "en-GB"); lang != "en-GB" || warn != "" {
		t.Errorf("English text, default en-GB: lang %q, warning %q", lang, warn)
	}
	if lang, warn := articleLang(&article.Article{Headline: "OK", Lang: ""}, "de"); lang != "de" || warn == "" {
		t.Errorf("no text: lang %q, warning %q", lang, warn)
	}
	if lang, warn := articleLang(&article.Article{Headline: "x", Lang: "cs"}, "en"); lang != "cs" || warn != "" {
		t.Errorf("lang given: %q, %q", lang, warn)
	}
	// Through Layout: the Spanish article is hyphenated with Spanish
	// patterns and the warning reaches the document.
	doc, err := Layout(&Input{Article: es, Spec: DefaultSpec(mustPaper(t, "A4"), 2), Fonts: testBook(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0], `"es"`) {
		t.Errorf("warnings %q", doc.Warnings)
	}
}
