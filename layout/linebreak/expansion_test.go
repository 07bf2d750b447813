package linebreak

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestBoxWidth(t *testing.T) {
	box := ExpandableBoxItem(100, 2, 2)
	tests := []struct {
		name string
		line Line
		it   Item
		want float64
	}{
		{"natural", Line{}, box, 100},
		{"stretched", Line{BoxRatio: 0.5}, box, 101},
		{"fully stretched", Line{BoxRatio: 1}, box, 102},
		{"stretch capped", Line{BoxRatio: 3}, box, 102},
		{"shrunk", Line{BoxRatio: -0.25}, box, 99.5},
		{"shrink capped", Line{BoxRatio: -2}, box, 98},
		{"glue ratio alone leaves boxes", Line{Ratio: 0.8}, box, 100},
		{"rigid box", Line{BoxRatio: 1}, BoxItem(7), 7},
		{"glue", Line{BoxRatio: 1, Ratio: 1}, GlueItem(3, 2, 1), 3},
		{"penalty", Line{BoxRatio: 1}, PenaltyItem(4, 50, true), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.line.BoxWidth(tt.it); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("BoxWidth = %v, want %v", got, tt.want)
			}
		})
	}
}

// Three 20 pt words whose boxes stretch and shrink by 1 pt each, with
// 3/+2/-1 pt glue: 66 pt natural, stretch 3+4 = 7, shrink 3+2 = 5.
func TestMakeLineExpandable(t *testing.T) {
	w := ExpandableBoxItem(20, 1, 1)
	g := GlueItem(3, 2, 1)
	items := []Item{w, g, w, g, w}
	tests := []struct {
		name                  string
		measure               float64
		ratio, boxRatio, bad  float64
		fit                   int
		boxWidth, glueWidth   float64
		wantOverfull, atWidth bool
	}{
		{"exact", 66, 0, 0, 0, Decent, 20, 3, false, true},
		{"loose", 69.5, 0.5, 0.5, 12.5, Decent, 20.5, 4, false, true},
		{"fully stretched", 73, 1, 1, 100, Loose, 21, 5, false, true},
		// r = 14/7 = 2: the boxes stop at +1 pt, the glue takes the other
		// 11 pt: 5.5 pt more each, ratio 2.75.
		{"boxes capped, glue takes the rest", 80, 2.75, 1, 800, VeryLoose, 21, 8.5, false, true},
		{"tight", 63.5, -0.5, -0.5, 12.5, Decent, 19.5, 2.5, false, true},
		{"fully shrunk", 61, -1, -1, 100, Tight, 19, 2, false, true},
		{"overfull", 60, -1, -1, Infinity, Tight, 19, 2, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := makeLine(items, 0, len(items), tt.measure)
			if math.Abs(l.Ratio-tt.ratio) > 1e-12 || math.Abs(l.BoxRatio-tt.boxRatio) > 1e-12 ||
				math.Abs(l.Badness-tt.bad) > 1e-9 || l.Fitness != tt.fit || l.Overfull != tt.wantOverfull {
				t.Fatalf("makeLine = %+v; want ratio %v box ratio %v badness %v fitness %d overfull %v",
					l, tt.ratio, tt.boxRatio, tt.bad, tt.fit, tt.wantOverfull)
			}
			if bw, gw := l.BoxWidth(w), l.GlueWidth(g); math.Abs(bw-tt.boxWidth) > 1e-12 || math.Abs(gw-tt.glueWidth) > 1e-12 {
				t.Errorf("box %v glue %v, want %v %v", bw, gw, tt.boxWidth, tt.glueWidth)
			}
			if sw := setWidth(items, l); tt.atWidth && math.Abs(sw-tt.measure) > 1e-9 {
				t.Errorf("set width %v, want the measure %v", sw, tt.measure)
			}
		})
	}

	// A last line filled by the paragraph's fill glue keeps its boxes at
	// natural width.
	tail := append(slices.Clone(items), ParagraphEnd()...)
	l := makeLine(tail, 0, len(tail)-1, 200)
	if l.FilRatio <= 0 || l.BoxRatio != 0 || l.BoxWidth(w) != 20 || l.GlueWidth(g) != 3 {
		t.Errorf("filled last line %+v", l)
	}

	// Boxes alone, stretched beyond their capacity: they stop at their
	// stretch and the line stays underfull.
	l = makeLine([]Item{w, GlueItem(3, 0, 0), w}, 0, 3, 50)
	if l.BoxRatio != 1 || l.Ratio != 0 || l.Badness != Infinity || l.Fitness != VeryLoose {
		t.Errorf("rigid glue, expandable boxes, underfull: %+v", l)
	}
	if n, st, sh := Measure(items, Line{Start: 0, End: 5, Break: 5}); n != 66 || st != 7 || sh != 5 {
		t.Errorf("Measure = %v, %v, %v; want 66, 7, 5", n, st, sh)
	}
}

// Narrow columns of prose are loose under total fit; letting the type
// stretch and shrink by 2 % must lower the spacing of the lines without any
// line's boxes going beyond 2 %, and every line must still reach its
// measure exactly.
func TestBreakExpansionLowersRatio(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	p := DefaultParams()
	p.Tolerance = 400
	widths := Widths(190)
	var rigidSum, expSum float64
	var rigidLoose, expLoose, n int
	for range 40 {
		plain := prose(rng, 60+rng.IntN(60))
		exp := expandable(plain, 0.02)
		rl, err := Break(plain, widths, p)
		if err != nil {
			t.Fatal(err)
		}
		el, err := Break(exp, widths, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkLines(exp, el, widths); err != nil {
			t.Fatal(err)
		}
		for _, l := range rl[:len(rl)-1] {
			rigidSum += max(l.Ratio, 0)
			if l.Ratio > 1 {
				rigidLoose++
			}
		}
		for _, l := range el[:len(el)-1] {
			expSum += max(l.Ratio, 0)
			if l.Ratio > 1 {
				expLoose++
			}
			if math.Abs(setWidth(exp, l)-l.Measure) > 1e-6 {
				t.Fatalf("line %+v set to %v, not its measure", l, setWidth(exp, l))
			}
			for i := l.Start; i < l.End; i++ {
				if it := exp[i]; it.Kind == Box && math.Abs(l.BoxWidth(it)/it.Width-1) > 0.02+1e-12 {
					t.Fatalf("box of %v set at %v", it.Width, l.BoxWidth(it))
				}
			}
			n++
		}
		if last := el[len(el)-1]; last.BoxRatio != 0 && last.FilRatio > 0 {
			t.Errorf("last line expands its boxes: %+v", last)
		}
	}
	if rigidLoose == 0 {
		t.Fatal("the rigid paragraphs have no loose lines: the test measures nothing")
	}
	t.Logf("%d lines: mean glue ratio %.3f rigid, %.3f expandable; ratio > 1: %d, %d",
		n, rigidSum/float64(n), expSum/float64(n), rigidLoose, expLoose)
	if expSum >= rigidSum*0.8 {
		t.Errorf("expansion lowers the summed glue ratio only from %.2f to %.2f", rigidSum, expSum)
	}
	if expLoose >= rigidLoose {
		t.Errorf("lines with glue ratio > 1: %d with expansion, %d without", expLoose, rigidLoose)
	}
}

// One paragraph whose best breaking is loose: with expandable boxes the same
// breaks are set with less glue stretch.
func TestBreakExpansionSameBreaksLessStretch(t *testing.T) {
	plain := letters(4, 1, 2, 1, 1, 3, 5, 3, 4) // see TestBreakBeatsGreedy: line 1 at r = 1.5
	exp := expandable(plain, 0.02)
	p := DefaultParams()
	p.PreTolerance = 0
	p.Tolerance = 1000
	rl, err := Break(plain, Widths(98), p)
	if err != nil {
		t.Fatal(err)
	}
	el, err := Break(exp, Widths(98), p)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(breaks(rl), breaks(el)) {
		t.Fatalf("breaks %v rigid, %v expandable", breaks(rl), breaks(el))
	}
	// Line 1: 80 pt of letters, 9 pt of glue, 9 pt short; glue stretch 6,
	// box stretch 1.6: r = 9/7.6.
	l := el[0]
	if r := 9 / 7.6; math.Abs(l.BoxRatio-1) > 1e-12 || math.Abs(l.Ratio-(9-1.6)/6) > 1e-12 || math.Abs(l.Badness-badness(r)) > 1e-9 {
		t.Errorf("line 1 = %+v; want box ratio 1, glue ratio %v, badness %v", l, (9-1.6)/6, badness(r))
	}
	if l.Ratio >= rl[0].Ratio || el[1].Ratio >= rl[1].Ratio {
		t.Errorf("glue ratios %v, %v with expansion, %v, %v without", l.Ratio, el[1].Ratio, rl[0].Ratio, rl[1].Ratio)
	}
	if el[2].FilRatio <= 0 || el[2].BoxWidth(exp[28]) != 10 {
		t.Errorf("last line must keep natural widths: %+v", el[2])
	}
}

// Greedy counts box shrink: a line that fits only with its type narrowed
// takes the extra word.
func TestGreedyExpandable(t *testing.T) {
	plain := letters(1, 1, 1, 1, 1, 1) // five words fit fully shrunk at 58 pt
	exp := expandable(plain, 0.02)     // 50 pt of letters shrink by 1 more
	for _, tt := range []struct {
		items []Item
		want  []int
	}{
		{plain, []int{7, 13}},
		{exp, []int{9, 13}},
	} {
		lines := Greedy(tt.items, Widths(57))
		if got := breaks(lines); !slices.Equal(got, tt.want) {
			t.Errorf("breaks %v, want %v", got, tt.want)
		}
		if err := checkLines(tt.items, lines, Widths(57)); err != nil {
			t.Error(err)
		}
	}
}
