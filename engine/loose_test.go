package engine

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"printd/article"
	"printd/layout"
)

// looseShare lays out a script fixture with options o and counts its
// justified body lines, those with a gap over 1.5× the face's space (each
// logged) and the lines ending in a hyphen.
func looseShare(t *testing.T, fx string, o article.Options) (loose, lines, hyphenated int) {
	t.Helper()
	c, justified, all := bodyLinesIn(t, fx, o)
	for _, l := range all {
		if l[len(l)-1].Text == "-" {
			hyphenated++
		}
	}
	for _, l := range justified {
		if gaps := widestGap(c, l); gaps > 1.5 {
			loose++
			var b strings.Builder
			for _, tx := range l {
				b.WriteString(tx.Text + " ")
			}
			t.Logf("  loose (%.2f spaces): %s", gaps, b.String())
		}
	}
	return loose, len(justified), hyphenated
}

// TestLongWordLooseLines holds the share of loose justified lines (a gap
// over 1.5 spaces) of the long-word scripts at two and three columns on
// A4 and Letter, web and archive, at what syllable hyphenation, letter
// spacing between clusters and font expansion reach: Tamil 53 % of the
// lines at three columns on A4 before them, Thai 14 % at three on Letter.
// Letter's three columns (about 30 Tamil letters a line, three or four
// words) stay the hardest measure.
func TestLongWordLooseLines(t *testing.T) {
	limits := map[string]map[string]float64{
		"ta": {"A4/2": 0.16, "A4/3": 0.15, "Letter/2": 0.10, "Letter/3": 0.32},
		"th": {"A4/2": 0.05, "A4/3": 0.05, "Letter/2": 0.05, "Letter/3": 0.05},
	}
	for _, fx := range []string{"ta", "th"} {
		for _, preset := range []string{"web", "archive"} {
			for _, paper := range []string{"A4", "Letter"} {
				for _, cols := range []int{2, 3} {
					name := fmt.Sprintf("%s/%s/%s/%d", fx, preset, paper, cols)
					l, n, h := looseShare(t, fx, article.Options{Preset: preset, Paper: paper, Columns: cols})
					share := float64(l) / math.Max(1, float64(n))
					t.Logf("%s: %d of %d justified lines loose (%.0f%%), %d hyphenated", name, l, n, 100*share, h)
					if n < 10 {
						t.Errorf("%s: only %d justified lines", name, n)
					}
					if limit := limits[fx][fmt.Sprintf("%s/%d", paper, cols)]; share > limit {
						t.Errorf("%s: %.0f%% of justified lines loose, want ≤ %.0f%%", name, 100*share, 100*limit)
					}
				}
			}
		}
	}
}

// widestGap is the widest gap between two texts of a line, in spaces of
// the line's first face with a space (0 when none has one).
func widestGap(c *composed, l []layout.Text) float64 {
	space := 0.0
	for _, tx := range l {
		if sf := c.book.Lib.ByKey(tx.Font.Family); sf != nil {
			space = float64(sf.Advance(' ')) * tx.Size / 1000
			break
		}
	}
	if space <= 0 {
		return 0
	}
	widest := 0.0
	for k := 1; k < len(l); k++ {
		widest = math.Max(widest, l[k].X-(l[k-1].X+l[k-1].Width))
	}
	return widest / space
}
