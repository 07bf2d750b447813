package linebreak

import (
	"math"
	"testing"
)

func TestGlueWidth(t *testing.T) {
	glue := GlueItem(3, 2, 1)
	fil := GlueItem(0, Infinity, 0)
	tests := []struct {
		name string
		line Line
		it   Item
		want float64
	}{
		{"natural", Line{}, glue, 3},
		{"stretched", Line{Ratio: 1.5}, glue, 6},
		{"shrunk", Line{Ratio: -0.5}, glue, 2.5},
		{"shrink clamped", Line{Ratio: -3}, glue, 2},
		{"filled line keeps natural spaces", Line{FilRatio: 0.01}, glue, 3},
		{"fil glue takes the slack", Line{FilRatio: 0.01}, fil, 100},
		{"+Inf stretch counts as Infinity", Line{FilRatio: 0.01}, GlueItem(1, math.Inf(1), 0), 101},
		{"fil glue on a stretched line", Line{Ratio: 2}, fil, 0},
		{"fil glue on a shrunk line", Line{Ratio: -1}, GlueItem(5, Infinity, 2), 3},
		{"no stretch", Line{Ratio: 2}, GlueItem(3, 0, 1), 3},
		{"infinite ratio ignored", Line{Ratio: math.Inf(1)}, glue, 3},
		{"box", Line{Ratio: 2}, BoxItem(7), 7},
		{"penalty", Line{Ratio: 2}, PenaltyItem(4, 50, true), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.line.GlueWidth(tt.it); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("GlueWidth = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	items := []Item{
		BoxItem(10), GlueItem(3, 2, 1), BoxItem(20), PenaltyItem(0, 0, false), BoxItem(5),
		PenaltyItem(4, 50, true), BoxItem(8), GlueItem(3, 2, 1), BoxItem(9),
		GlueItem(0, Infinity, 0), PenaltyItem(0, -Infinity, false),
	}
	tests := []struct {
		name                    string
		line                    Line
		natural, stretch, shrnk float64
	}{
		{"hyphen break", Line{Start: 0, End: 5, Break: 5}, 10 + 3 + 20 + 5 + 4, 2, 1},
		{"glue break", Line{Start: 6, End: 7, Break: 7}, 8, 0, 0},
		{"last line excludes fil stretch", Line{Start: 8, End: 10, Break: 10}, 9, 0, 0},
		{"clamped", Line{Start: -3, End: 50, Break: 50}, 10 + 3 + 20 + 5 + 8 + 3 + 9, 4, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, st, sh := Measure(items, tt.line)
			if n != tt.natural || st != tt.stretch || sh != tt.shrnk {
				t.Errorf("Measure = %v, %v, %v; want %v, %v, %v", n, st, sh, tt.natural, tt.stretch, tt.shrnk)
			}
		})
	}
}

func TestMakeLine(t *testing.T) {
	items := letters(2, 2, 2)[:8] // 20 g 20 g 20, no tail: 66 pt, stretch 4, shrink 2
	tests := []struct {
		name     string
		measure  float64
		ratio    float64
		fit      int
		badness  float64
		overfull bool
	}{
		{"exact", 66, 0, Decent, 0, false},
		{"loose", 69, 0.75, Loose, 42.1875, false},
		{"very loose", 74, 2, VeryLoose, 800, false},
		{"tight", 64.5, -0.75, Tight, 42.1875, false},
		{"fully shrunk", 64, -1, Tight, 100, false},
		{"overfull", 60, -1, Tight, Infinity, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := makeLine(items, 0, len(items), tt.measure)
			if l.Width != 66 || math.Abs(l.Ratio-tt.ratio) > 1e-12 || l.Fitness != tt.fit ||
				math.Abs(l.Badness-tt.badness) > 1e-9 || l.Overfull != tt.overfull {
				t.Errorf("makeLine = %+v; want ratio %v fitness %d badness %v overfull %v", l, tt.ratio, tt.fit, tt.badness, tt.overfull)
			}
		})
	}
	// No stretch at all: underfull at ratio 0, badness 10000.
	l := makeLine([]Item{BoxItem(10), GlueItem(3, 0, 0), BoxItem(10)}, 0, 3, 50)
	if l.Ratio != 0 || l.Badness != Infinity || l.Fitness != VeryLoose {
		t.Errorf("rigid underfull line %+v", l)
	}
}

func TestWidths(t *testing.T) {
	w := Widths(100, 80, 120)
	for i, want := range map[int]float64{-1: 100, 0: 100, 1: 80, 2: 120, 3: 120, 1000: 120} {
		if got := w(i); got != want {
			t.Errorf("Widths(...)(%d) = %v, want %v", i, got, want)
		}
	}
	if got := Widths()(3); got != 0 {
		t.Errorf("Widths()(3) = %v, want 0", got)
	}
	ws := []float64{50}
	f := Widths(ws...)
	ws[0] = 1
	if f(0) != 50 {
		t.Error("Widths must copy its arguments")
	}
}

func TestProbeWidths(t *testing.T) {
	tests := []struct {
		name     string
		widths   func(int) float64
		maxLines int
		head     []float64
		tail     float64
	}{
		{"constant", Widths(100), 50, nil, 100},
		{"drop cap", Widths(60, 60, 100), 50, []float64{60, 60}, 100},
		{"varies to the end", func(i int) float64 { return float64(i) }, 4, []float64{0, 1, 2}, 3},
		{"no lines", Widths(100), 0, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lw, err := probeWidths(tt.widths, tt.maxLines)
			if err != nil {
				t.Fatal(err)
			}
			if len(lw.head) != len(tt.head) || lw.tail != tt.tail {
				t.Fatalf("probe = %+v, want head %v tail %v", lw, tt.head, tt.tail)
			}
			for i := range tt.head {
				if lw.head[i] != tt.head[i] {
					t.Errorf("head[%d] = %v, want %v", i, lw.head[i], tt.head[i])
				}
			}
		})
	}
}
