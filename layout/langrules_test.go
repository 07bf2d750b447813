package layout

import (
	"math"
	"strings"
	"testing"
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
