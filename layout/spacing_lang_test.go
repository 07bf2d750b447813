package layout

import (
	"testing"

	"printd/layout/hyphen"
)

// TestCzechLatvianSpacing: with their own hyphenation patterns, Czech and
// Latvian news text set in 2 justified columns on A4 (with the default
// font expansion) leaves no more than 10% of lines with spaces over 1.5×
// the natural space. Without patterns the same text has 30–40%.
func TestCzechLatvianSpacing(t *testing.T) {
	for _, fx := range []string{"cs-article.json", "lv-article.json"} {
		if hyphen.For(loadFixture(t, fx).Lang) == nil {
			continue // built with -tags nogpl: no Czech patterns
		}
		spec := DefaultSpec(mustPaper(t, "A4"), 2)
		f := expansionFigures(t, fx, spec.MaxExpansion)
		t.Logf("%s: %v", fx, f)
		if f.hyphenated == 0 {
			t.Errorf("%s: no line hyphenated", fx)
		}
		if float64(f.loose) > 0.10*float64(f.lines) {
			t.Errorf("%s: %d of %d lines loose (over 1.5× space)", fx, f.loose, f.lines)
		}
	}
}
