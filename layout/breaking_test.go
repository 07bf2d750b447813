package layout

import (
	"fmt"
	"testing"

	"printd/layout/hyphen"
	"printd/layout/locale"
)

// spacingFigures are the measures a print editor reads a justified column
// by.
type spacingFigures struct {
	lines, loose, hyphenated, consecutive int
	maxSpace                              float64 // largest inter-word space as a multiple of the normal one
	badness                               float64 // sum of TeX badness 100·r³ over stretched lines
}

func (f spacingFigures) String() string {
	return fmt.Sprintf("lines=%d max-space=%.2f× over-1.5×=%d (%.0f%%) hyphenated=%d consecutive-hyphens=%d badness=%.0f",
		f.lines, f.maxSpace, f.loose, 100*float64(f.loose)/float64(max(1, f.lines)), f.hyphenated, f.consecutive, f.badness)
}

// figures sets every paragraph of the fixtures in 2 columns on A4 and
// measures the justified lines (last lines of paragraphs excluded).
func figures(t *testing.T, fixture string, greedy bool) spacingFigures {
	a := loadFixture(t, fixture)
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	p := breakParams(&spec)
	p.MaxConsecutiveHyphens = 0 // greedy cannot keep it: compare like with like
	st := &setter{book: testBook(t), fallback: spec.Fallback, params: p, oneLetter: locale.OneLetterWords(a.Lang), greedy: greedy}
	if h := hyphen.For(a.Lang); h != nil {
		st.hyph = h
	}
	var f spacingFigures
	for _, b := range a.Body {
		if b.Type != "paragraph" {
			continue
		}
		lines := st.set(spansFromRuns(b.Runs, spec.Body, "mono", Color{}), paraOpts{width: spec.ColumnWidth(), align: AlignJustify})
		prevHy := false
		for i, l := range lines[:max(0, len(lines)-1)] {
			_ = i
			f.lines++
			// the stretch of a space is half its width: ratio r sets it at (1 + r/2)×
			space := 1 + max(l.ratio, -1)*map[bool]float64{true: 0.5, false: 1.0 / 3}[l.ratio > 0]
			if l.ratio > 0 {
				f.badness += 100 * l.ratio * l.ratio * l.ratio
			}
			if space > f.maxSpace {
				f.maxSpace = space
			}
			if space > 1.5 {
				f.loose++
			}
			if l.hyphenated {
				f.hyphenated++
				if prevHy {
					f.consecutive++
				}
			}
			prevHy = l.hyphenated
		}
	}
	return f
}

// TestTotalFitBeatsGreedy: on the fixtures, total-fit line breaking sets
// evener lines than first-fit: fewer loose lines and no larger gaps.
func TestTotalFitBeatsGreedy(t *testing.T) {
	for _, fx := range []string{"seed-article.json", "ru-article.json", "html-body-article.json"} {
		kp, gr := figures(t, fx, false), figures(t, fx, true)
		t.Logf("%s\n  total-fit: %v\n  greedy:    %v", fx, kp, gr)
		if kp.badness > gr.badness || kp.maxSpace > gr.maxSpace+0.01 {
			t.Errorf("%s: total-fit (%v) is not better than greedy (%v)", fx, kp, gr)
		}
		if kp.consecutive > gr.consecutive {
			t.Errorf("%s: total-fit leaves more consecutive hyphens (%d) than greedy (%d)", fx, kp.consecutive, gr.consecutive)
		}
	}
}
