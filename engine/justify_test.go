package engine

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"printd/article"
	"printd/layout"
	"printd/photo"
)

// bodyLines lays out a script fixture and returns its justified body
// lines (those that reach their column's right edge), each as its texts
// from left to right, and every body line in reading order.
func bodyLines(t *testing.T, fx string) (c *composed, justified, all [][]layout.Text) {
	t.Helper()
	return bodyLinesIn(t, fx, article.Options{})
}

// bodyLinesIn is bodyLines with the render's options (preset, paper,
// columns) given as on the command line.
func bodyLinesIn(t *testing.T, fx string, o article.Options) (c *composed, justified, all [][]layout.Text) {
	t.Helper()
	a := scriptArticle(t, fx)
	pc := photo.DefaultConfig()
	pc.Fetch.AllowFiles = true // the fixture's photo, as the command line reads it
	pc.Fetch.BaseDir = filepath.Join("..", "testdata", "scripts")
	p, err := New(Config{Photos: photo.NewStore(pc)})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := p.Plan(a, article.Over{From: article.FromFlag, Options: o})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err = p.compose(context.Background(), &pl)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.doc.Missing) > 0 {
		t.Skipf("the system lacks fonts for %s (Debian fonts-noto-core): %v", fx, c.doc.Missing[0])
	}
	for _, pg := range c.doc.Pages {
		for _, col := range pg.Columns {
			byY := map[float64][]layout.Text{}
			var ys []float64
			for _, tx := range pg.Texts {
				if tx.Role != layout.RoleBody || tx.X < col.X-0.5 || tx.X >= col.X+col.W {
					continue
				}
				y := math.Round(tx.Y*10) / 10
				if byY[y] == nil {
					ys = append(ys, y)
				}
				byY[y] = append(byY[y], tx)
			}
			sort.Float64s(ys)
			for _, y := range ys {
				l := byY[y]
				sort.SliceStable(l, func(i, j int) bool { return l[i].X < l[j].X })
				all = append(all, l)
				if end := l[len(l)-1]; end.X+end.Width >= col.X+col.W-1 {
					justified = append(justified, l)
				}
			}
		}
	}
	return c, justified, all
}

// TestTamilJustification: Tamil's long words are hyphenated between
// syllables where shaping the parts apart draws the same glyphs, so that
// the justified lines of the web preset's two columns are seldom loose
// (64 % of them had a gap over 1.5 spaces, some over 6, before). A word
// not broken is drawn as one text shaped whole; a broken word's parts are
// a word of the article.
func TestTamilJustification(t *testing.T) {
	c, justified, all := bodyLines(t, "ta")
	data, _ := os.ReadFile(filepath.Join("..", "testdata", "scripts", "ta.json"))
	words := map[string]bool{}
	for _, w := range strings.Fields(string(data)) {
		words[strings.Trim(w, "\",.“”")] = true
	}
	loose, hyphenated := 0, 0
	for li, l := range all {
		for k, tx := range l {
			f, _ := c.book.Face(tx.Font).(layout.ShapedFace)
			if f == nil || len(tx.Glyphs) == 0 {
				continue
			}
			got := f.Shape(tx.Text, false, "ta", nil)
			same := len(got) == len(tx.Glyphs)
			for j := 0; same && j < len(got); j++ {
				same = got[j].ID == tx.Glyphs[j].ID
			}
			if !same {
				t.Errorf("%q is not drawn as it shapes whole", tx.Text)
			}
			if k > 0 && math.Abs(l[k-1].X+l[k-1].Width-tx.X) < 0.5 && len(l[k-1].Glyphs) > 0 && !tx.Hyphen && tx.Text != "-" {
				t.Errorf("line %d: %q and %q touch: a word drawn in two texts", li, l[k-1].Text, tx.Text)
			}
		}
		last := l[len(l)-1]
		if last.Text == "-" && len(l) > 1 && li+1 < len(all) {
			hyphenated++
			head := l[len(l)-2].Text
			tail := strings.Trim(all[li+1][0].Text, ",.“”")
			if !words[head+tail] {
				t.Errorf("line %d ends %q-, the next starts %q: %q is no word of the article", li, head, tail, head+tail)
			}
			if r := []rune(head); !unicode.IsLetter(r[0]) {
				t.Errorf("line %d: hyphenated fragment %q", li, head)
			}
			// a syllable boundary: the next line does not start with a
			// vowel sign, a pulli or a joiner (it stays with its letter)
			if r := []rune(tail); len(r) == 0 || unicode.In(r[0], unicode.Mn, unicode.Mc) || r[0] == '\u200c' || r[0] == '\u200d' {
				t.Errorf("line %d: %q- broken before %q", li, head, tail)
			}
		}
	}
	for _, l := range justified {
		if widestGap(c, l) > 1.5 {
			loose++
		}
	}
	t.Logf("%d justified lines, %d with a gap over 1.5 spaces, %d hyphenated", len(justified), loose, hyphenated)
	if hyphenated == 0 {
		t.Error("no Tamil word hyphenated")
	}
	if len(justified) < 20 || float64(loose) > 0.2*float64(len(justified)) {
		t.Errorf("%d of %d justified lines have a gap over 1.5 spaces; want at most 20 %%", loose, len(justified))
	}
}

// TestThaiJustification: Thai, written without spaces between words, is
// justified at the dictionary word boundaries as at its few spaces: no
// justified line of the web preset has a gap over 1.5 spaces, and a line
// that is stretched spreads its slack over five gaps or more. (A line
// that needs no stretch has none: its words touch, as Thai is written.)
func TestThaiJustification(t *testing.T) {
	c, justified, _ := bodyLines(t, "th")
	if len(justified) < 10 {
		t.Fatalf("%d justified lines", len(justified))
	}
	for _, l := range justified {
		sf := c.book.Lib.ByKey(l[0].Font.Family)
		if sf == nil {
			t.Fatalf("%q: no library face", l[0].Text)
		}
		space := float64(sf.Advance(' ')) * l[0].Size / 1000
		gaps, widest := 0, 0.0
		for k := 1; k < len(l); k++ {
			g := l[k].X - (l[k-1].X + l[k-1].Width)
			widest = math.Max(widest, g)
			if g > 0.01 {
				gaps++
			}
			if g > 1.5*space {
				t.Errorf("gap of %.2f pt before %q (space %.2f pt)", g, l[k].Text, space)
			}
		}
		if (widest > 1.05*space || l[0].HScale() > 1.001) && gaps < 5 {
			t.Errorf("a justified line with %d gaps: the slack is not spread between words: %v", gaps, l)
		}
	}
}

// scriptArticle decodes testdata/scripts/fx.json.
func scriptArticle(t *testing.T, fx string) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "scripts", fx+".json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
