package linebreak

import (
	"errors"
	"math"
	"testing"
)

func TestConstructors(t *testing.T) {
	tests := []struct {
		got, want Item
	}{
		{BoxItem(12), Item{Kind: Box, Width: 12}},
		{GlueItem(3, 2, 1), Item{Kind: Glue, Width: 3, Stretch: 2, Shrink: 1}},
		{PenaltyItem(4, 50, true), Item{Kind: Penalty, Width: 4, Penalty: 50, Flagged: true}},
		{ExpandableBoxItem(12, 0.5, 0.25), Item{Kind: Box, Width: 12, Stretch: 0.5, Shrink: 0.25}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %+v, want %+v", tt.got, tt.want)
		}
	}
	end := ParagraphEnd()
	want := []Item{
		{Kind: Penalty, Penalty: Infinity},
		{Kind: Glue, Stretch: Infinity},
		{Kind: Penalty, Penalty: -Infinity},
	}
	if len(end) != len(want) {
		t.Fatalf("ParagraphEnd() = %+v", end)
	}
	for i := range want {
		if end[i] != want[i] {
			t.Errorf("ParagraphEnd()[%d] = %+v, want %+v", i, end[i], want[i])
		}
	}
	end[0].Width = 5
	if ParagraphEnd()[0].Width != 0 {
		t.Error("ParagraphEnd must return a fresh slice")
	}
	if Box.String() != "box" || Glue.String() != "glue" || Penalty.String() != "penalty" || Kind(9).String() != "kind(9)" {
		t.Error("Kind.String")
	}
}

func TestValidate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		it   Item
		ok   bool
	}{
		{"box", BoxItem(3), true},
		{"zero box", BoxItem(0), true},
		{"negative box", BoxItem(-0.1), false},
		{"NaN box", BoxItem(nan), false},
		{"fil glue", GlueItem(0, math.Inf(1), 0), true},
		{"negative glue", GlueItem(-1, 0, 0), false},
		{"negative shrink", GlueItem(1, 0, -1), false},
		{"NaN stretch", GlueItem(1, nan, 0), false},
		{"forbidding penalty", PenaltyItem(0, math.Inf(1), false), true},
		{"forcing penalty", PenaltyItem(0, math.Inf(-1), false), true},
		{"NaN penalty", PenaltyItem(0, nan, false), false},
		{"ignored fields", Item{Kind: Box, Width: 1, Penalty: nan, Flagged: true}, true},
		{"expandable box", ExpandableBoxItem(10, 0.2, 0.2), true},
		{"NaN box stretch", Item{Kind: Box, Width: 1, Stretch: nan}, false},
		{"infinite box stretch", ExpandableBoxItem(1, math.Inf(1), 0), false},
		{"negative box stretch", ExpandableBoxItem(1, -0.1, 0), false},
		{"negative box shrink", ExpandableBoxItem(1, 0, -0.1), false},
		{"box shrinking below zero", ExpandableBoxItem(1, 0, 1.5), false},
		{"infinite box shrink", ExpandableBoxItem(1, 0, math.Inf(1)), false},
		{"bad kind", Item{Kind: 3}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate([]Item{BoxItem(1), tt.it})
			if (err == nil) != tt.ok {
				t.Fatalf("Validate = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrInvalidItem) {
				t.Errorf("error %v does not wrap ErrInvalidItem", err)
			}
		})
	}
}

func TestAfterBreak(t *testing.T) {
	items := []Item{
		BoxItem(10), GlueItem(3, 2, 1), PenaltyItem(0, 0, false), GlueItem(2, 1, 1), BoxItem(5),
		GlueItem(0, Infinity, 0), PenaltyItem(0, -Infinity, false),
	}
	tests := []struct {
		name  string
		bi    int
		start int
		w     float64
	}{
		{"glue break skips glue and penalties", 1, 4, 10 + 3 + 2},
		{"penalty break", 2, 4, 10 + 3 + 2},
		{"fil glue then forced", 5, 6, 15 + 3 + 2},
		{"at the end", 6, 7, 15 + 3 + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sums
			for i := range tt.bi {
				s.add(&items[i])
			}
			start, at := afterBreak(items, tt.bi, s)
			if start != tt.start || at.w != tt.w {
				t.Errorf("afterBreak = %d, %v; want %d, %v", start, at.w, tt.start, tt.w)
			}
		})
	}
}
