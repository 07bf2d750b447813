package layout

import (
	"math"
	"testing"

	"printd/layout/hyphen"
	"printd/layout/locale"
)

// fixtureSetter is the setter Layout uses for an article's language.
func fixtureSetter(t *testing.T, lang string, spec *Spec) *setter {
	// These tests weigh the breaker and expansion against alternatives that
	// cannot keep the hyphen-run rule; they compare like with like.
	p := breakParams(spec)
	p.MaxConsecutiveHyphens = 0
	st := &setter{book: testBook(t), fallback: spec.Fallback, params: p, oneLetter: locale.OneLetterWords(lang), french: locale.FrenchSpaces(lang)}
	if h := hyphen.For(lang); h != nil {
		st.hyph = h
	}
	return st
}

// Every line of a justified paragraph set with expansion but a loose last
// line reaches the measure exactly; its words are scaled by at most the
// expansion, all by the same factor, and each is as wide as its glyphs so
// scaled (a hyphen shares its syllable's scale). A last line that does not
// have to shrink keeps its type natural.
func TestExpansionLines(t *testing.T) {
	const expand = 0.02
	scaledLines, lines := 0, 0
	for _, fx := range []string{"seed-article.json", "ru-article.json", "html-body-article.json"} {
		a := loadFixture(t, fx)
		spec := DefaultSpec(mustPaper(t, "A4"), 2)
		st := fixtureSetter(t, a.Lang, &spec)
		for bi, b := range a.Body {
			if b.Type != "paragraph" {
				continue
			}
			set := st.set(spansFromRuns(b.Runs, spec.Body, "mono", Color{}),
				paraOpts{width: spec.ColumnWidth(), indent: spec.Body.Size * 1.2, align: AlignJustify, expand: expand})
			for li, l := range set {
				last := li == len(set)-1
				scale := 0.0
				for _, f := range l.frags {
					if f.text == " " {
						continue
					}
					if last && l.ratio >= 0 && f.scale != 0 {
						t.Fatalf("%s body[%d]: last line %q, set loose, scaled by %v", fx, bi, f.text, f.scale)
					}
					if f.scale != 0 && math.Abs(f.scale-1) > expand+1e-12 {
						t.Fatalf("%s body[%d] line %d: %q scaled by %v", fx, bi, li, f.text, f.scale)
					}
					if scale != 0 && f.scale != scale {
						t.Fatalf("%s body[%d] line %d: scales %v and %v on one line", fx, bi, li, scale, f.scale)
					}
					sc := 1.0
					if f.scale != 0 {
						sc = f.scale
					}
					if want := measure(f.face, f.text, f.size) * sc; math.Abs(f.width-want) > 1e-9 {
						t.Fatalf("%s body[%d] line %d: %q is %v wide, its glyphs %v", fx, bi, li, f.text, f.width, want)
					}
					scale = f.scale
				}
				if last && l.ratio >= 0 {
					continue // a last line ragged at natural width
				}
				lines++
				if scale != 0 {
					scaledLines++
				}
				end := l.frags[len(l.frags)-1]
				if math.Abs(end.x+end.width-l.width) > 1e-6 {
					t.Errorf("%s body[%d] line %d ends at %v, measure %v", fx, bi, li, end.x+end.width, l.width)
				}
			}
		}
	}
	if scaledLines < lines/2 {
		t.Errorf("only %d of %d justified lines use expansion", scaledLines, lines)
	}
}

// Expansion must make the fixtures' justified columns evener: fewer lines
// with spaces over 1.5× the normal one, no wider worst space, less badness,
// and over all three no more hyphenated lines nor pairs of consecutive
// ones; the Russian article, loose without it, must come under 20 %.
func TestExpansionEvensSpacing(t *testing.T) {
	var hyPlain, hyExp, consPlain, consExp int
	for _, fx := range []string{"seed-article.json", "ru-article.json", "html-body-article.json"} {
		plain, exp := expansionFigures(t, fx, 0), expansionFigures(t, fx, 0.02)
		t.Logf("%s\n  rigid:     %v\n  expansion: %v", fx, plain, exp)
		if exp.loose > plain.loose || exp.maxSpace > plain.maxSpace+1e-9 || exp.badness >= plain.badness {
			t.Errorf("%s: expansion (%v) is not evener than rigid type (%v)", fx, exp, plain)
		}
		hyPlain, hyExp = hyPlain+plain.hyphenated, hyExp+exp.hyphenated
		consPlain, consExp = consPlain+plain.consecutive, consExp+exp.consecutive
	}
	if hyExp > hyPlain || consExp > consPlain {
		t.Errorf("expansion sets %d hyphenated lines (%d consecutive pairs), rigid type %d (%d)", hyExp, consExp, hyPlain, consPlain)
	}
	ru := expansionFigures(t, "ru-article.json", 0.02)
	if 5*ru.loose > ru.lines {
		t.Errorf("ru: %d of %d lines have spaces over 1.5×", ru.loose, ru.lines)
	}
}

// expansionFigures sets the paragraphs of a fixture in 2 columns on A4 with
// the given expansion and measures the justified lines as figures does.
func expansionFigures(t *testing.T, fixture string, expand float64) spacingFigures {
	a := loadFixture(t, fixture)
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	st := fixtureSetter(t, a.Lang, &spec)
	var f spacingFigures
	for _, b := range a.Body {
		if b.Type != "paragraph" {
			continue
		}
		lines := st.set(spansFromRuns(b.Runs, spec.Body, "mono", Color{}), paraOpts{width: spec.ColumnWidth(), align: AlignJustify, expand: expand})
		prevHy := false
		for _, l := range lines[:max(0, len(lines)-1)] {
			f.lines++
			space := 1 + max(l.ratio, -1)*map[bool]float64{true: 0.5, false: 1.0 / 3}[l.ratio > 0]
			if l.ratio > 0 {
				f.badness += 100 * l.ratio * l.ratio * l.ratio
			}
			f.maxSpace = max(f.maxSpace, space)
			if space > 1.5 {
				f.loose++
			}
			if l.hyphenated && prevHy {
				f.consecutive++
			}
			if l.hyphenated {
				f.hyphenated++
			}
			prevHy = l.hyphenated
		}
	}
	return f
}

// In a laid-out document only body text is scaled, every scaled text is
// as wide as its glyphs times its scale, and MaxExpansion 0 scales nothing.
func TestExpansionOnlyInBody(t *testing.T) {
	fb := testBook(t)
	for _, fx := range []string{"seed-article.json", "ru-article.json"} {
		for _, expand := range []float64{0, 0.02} {
			a := loadFixture(t, fx)
			spec := DefaultSpec(mustPaper(t, "A4"), 2)
			spec.MaxExpansion = expand
			spec.MaxTracking = 0 // TestTrackingOnlyInBody
			spec.DropCap = fx == "ru-article.json"
			doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: fb, Images: fixtureImages(a)})
			if err != nil {
				t.Fatal(err)
			}
			check(t, fx, a, spec, doc)
			scaled := 0
			for _, p := range doc.Pages {
				for _, tx := range p.Texts {
					if tx.Scale == 0 {
						continue
					}
					scaled++
					if expand == 0 || tx.Role != RoleBody {
						t.Fatalf("%s (expansion %v): %v text %q scaled by %v", fx, expand, tx.Role, tx.Text, tx.Scale)
					}
					if math.Abs(tx.Scale-1) > expand+1e-12 {
						t.Errorf("%s: %q scaled by %v", fx, tx.Text, tx.Scale)
					}
					if want := measure(fb.Face(tx.Font), tx.Text, tx.Size) * tx.Scale; math.Abs(tx.Width-want) > 1e-9 {
						t.Errorf("%s: %q is %v wide, its scaled glyphs %v", fx, tx.Text, tx.Width, want)
					}
				}
			}
			if expand > 0 && scaled < 50 {
				t.Errorf("%s: only %d texts scaled", fx, scaled)
			}
		}
	}
}

func TestSpecValidateExpansion(t *testing.T) {
	for _, v := range []float64{-0.01, 0.2, math.NaN(), math.Inf(1)} {
		spec := DefaultSpec(mustPaper(t, "A4"), 2)
		spec.MaxExpansion = v
		if spec.Validate() == nil {
			t.Errorf("MaxExpansion %v accepted", v)
		}
	}
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	if spec.MaxExpansion != 0.03 || spec.Validate() != nil {
		t.Errorf("default MaxExpansion %v: %v", spec.MaxExpansion, spec.Validate())
	}
}
