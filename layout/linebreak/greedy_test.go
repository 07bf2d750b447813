package linebreak

import (
	"math"
	"slices"
	"testing"
)

func TestGreedy(t *testing.T) {
	long := append([]Item{BoxItem(10), GlueItem(3, 2, 1), BoxItem(500), GlueItem(3, 2, 1), BoxItem(10)}, ParagraphEnd()...)
	forced := append(letters(1, 1)[:3], GlueItem(0, Infinity, 0), PenaltyItem(0, -Infinity, false), BoxItem(10))
	forced = append(forced, ParagraphEnd()...)
	tests := []struct {
		name    string
		items   []Item
		measure float64
		want    []int
	}{
		// Five one-letter words fit fully shrunk: 5·10+4·3-4 = 58.
		{"fits shrunk", letters(1, 1, 1, 1, 1, 1), 58, []int{9, 13}},
		{"one short of fitting", letters(1, 1, 1, 1, 1, 1), 57.9, []int{7, 13}},
		{"overlong word alone", long, 100, []int{1, 3, 7}},
		{"forced break", forced, 1000, []int{4, 8}},
		{"no tail", []Item{BoxItem(10), GlueItem(3, 2, 1), BoxItem(10)}, 15, []int{1, 3}},
		{"hyphen", []Item{BoxItem(30), PenaltyItem(5, 50, true), BoxItem(30)}, 40, []int{1, 3}},
		{"hyphen too wide", []Item{BoxItem(30), PenaltyItem(15, 50, true), BoxItem(30)}, 40, []int{1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := Greedy(tt.items, Widths(tt.measure))
			if got := breaks(lines); !slices.Equal(got, tt.want) {
				t.Fatalf("breaks %v, want %v", got, tt.want)
			}
			if err := checkLines(tt.items, lines, Widths(tt.measure)); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestGreedyInvalid(t *testing.T) {
	good := letters(2, 3)
	tests := []struct {
		name   string
		items  []Item
		widths func(int) float64
	}{
		{"empty", nil, Widths(100)},
		{"bad item", []Item{BoxItem(math.NaN())}, Widths(100)},
		{"nil widths", good, nil},
		{"bad measure", good, Widths(math.Inf(1))},
		{"bad later measure", letters(5, 5, 5, 5), Widths(60, -1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if lines := Greedy(tt.items, tt.widths); lines != nil {
				t.Errorf("Greedy = %+v, want nil", lines)
			}
		})
	}
}
