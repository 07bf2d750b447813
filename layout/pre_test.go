package layout

import (
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"printd/article"
)

// preLines are the printed lines of block bi in order (page, then y),
// each its texts joined, and whether it ends with the continuation mark.
func preLines(doc *Document, bi int) (lines []string, marked []bool, sizes []float64) {
	for _, p := range doc.Pages {
		byY := map[float64][]Text{}
		var ys []float64
		for _, tx := range p.Texts {
			if tx.Block != bi {
				continue
			}
			if _, ok := byY[tx.Y]; !ok {
				ys = append(ys, tx.Y)
			}
			byY[tx.Y] = append(byY[tx.Y], tx)
		}
		sort.Float64s(ys)
		for _, y := range ys {
			ts := byY[y]
			sort.Slice(ts, func(i, j int) bool { return ts[i].X < ts[j].X })
			var b strings.Builder
			for _, t := range ts {
				b.WriteString(t.Text)
			}
			s := b.String()
			if strings.TrimSpace(s) == "" {
				continue
			}
			m := false
			for _, mark := range preMarks {
				if strings.HasSuffix(s, mark) {
					m, s = true, strings.TrimSuffix(s, mark)
					break
				}
			}
			lines = append(lines, s)
			marked = append(marked, m)
			sizes = append(sizes, ts[0].Size)
		}
	}
	return
}

// TestPreformatted: 72- and 120-column lines on A4 in 1–3 columns. Every
// source line is printed whole and in order; a line is broken only with
// the mark, inside a word only when the word is wider than the measure;
// the 72-column text is never broken, set smaller or across the page.
func TestPreformatted(t *testing.T) {
	for _, cols := range []int{1, 2, 3} {
		// the test fonts have no box drawing (the PDF test has it)
		a := loadFixture(t, "pre-article.json")
		for i := range a.Body {
			a.Body[i].Text = strings.Map(func(r rune) rune {
				if r >= 0x2500 && r <= 0x257f {
					return -1
				}
				return r
			}, a.Body[i].Text)
		}
		spec := DefaultSpec(mustPaper(t, "A4"), cols)
		doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t)})
		if err != nil {
			t.Fatal(err)
		}
		check(t, "pre-article.json", a, spec, doc)
		for bi, b := range a.Body {
			if b.Type != article.Preformatted {
				continue
			}
			var src []string // lines with something to print
			for _, l := range strings.Split(b.Text, "\n") {
				if strings.TrimSpace(l) != "" {
					src = append(src, l)
				}
			}
			lines, marked, sizes := preLines(doc, bi)
			widest := 0
			for _, l := range lines {
				widest = max(widest, utf8.RuneCountInString(l))
			}
			// join continued lines back into source lines
			var got []string
			cur := ""
			for i, l := range lines {
				if i > 0 && marked[i-1] {
					// the break: inside a word only for a word too long
					prev, next := lines[i-1], strings.TrimLeft(l, " ")
					if prev != "" && next != "" && !strings.HasSuffix(prev, " ") {
						word := lastField(prev) + firstField(next)
						if utf8.RuneCountInString(word) <= widest {
							t.Errorf("%d col body[%d]: %q broken inside (%q | %q) though the measure holds %d characters", cols, bi, word, prev, next, widest)
						}
					}
					cur += " " + strings.TrimLeft(l, " ")
					continue
				}
				if i > 0 {
					got = append(got, cur)
				}
				cur = l
			}
			got = append(got, cur)
			if len(got) != len(src) {
				t.Fatalf("%d col body[%d]: %d lines printed, want %d", cols, bi, len(got), len(src))
			}
			for i := range src {
				// spaces aside: a break inside a word adds one where a
				// break at spaces drops them
				want := strings.Join(strings.Fields(expandTabs(src[i])), "")
				if g := strings.Join(strings.Fields(got[i]), ""); g != want {
					t.Errorf("%d col body[%d] line %d:\n got %q\nwant %q", cols, bi, i, g, want)
				}
			}
			for _, sz := range sizes {
				if sz < tableMinSize-eps || sz > spec.Pre.Size+eps {
					t.Errorf("%d col body[%d]: set at %.2f pt", cols, bi, sz)
				}
			}
			if bi == 1 { // the RFC: 72 columns, never broken
				for i, m := range marked {
					if m {
						t.Errorf("%d col: RFC line %q broken", cols, lines[i])
					}
				}
			}
		}
	}
}

func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func firstField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func TestWrapPre(t *testing.T) {
	mk := func(s string) preLine {
		l := preLine{text: s}
		for range s {
			l.widths = append(l.widths, 1)
			l.w++
		}
		return l
	}
	for _, tc := range []struct {
		in    string
		width float64
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"alpha beta gamma", 11, []string{"alpha beta↩", "  gamma"}},
		{"alpha beta gamma", 8, []string{"alpha↩", "  beta↩", "  gamma"}},
		{"abcdefghijklmnop", 8, []string{"abcdefg↩", "  hijkl↩", "  mnop"}},
	} {
		var got []string
		for _, s := range wrapPre(mk(tc.in), tc.width, 1, 2) {
			line := strings.Repeat(" ", int(s.indent)) + s.text
			if s.cont {
				line = strings.TrimRight(line, " ") + preMark
			}
			got = append(got, line)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapPre(%q, %v) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}
