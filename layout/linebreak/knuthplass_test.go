package linebreak

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Nine words of 4,1,2,1,1,3,5,3,4 letters (10 pt each) with 3/+2/-1 pt glue
// on a 98 pt measure. Item indices: words start at 0,5,7,10,12,14,18,24,28;
// glue at 4,6,9,11,13,17,23,27; the tail is 32..34.
//
// Greedy fills line 1 with five words: 90 pt of letters + 4 glues = 102 pt,
// shrink 4, r = -1 (badness 100). Line 2 then holds "3 5" = 80+3 = 83 pt
// with 2 pt of stretch: r = 7.5, badness 10000 — beyond any tolerance.
//
// Total fit instead takes four words on line 1: 80+9 = 89 pt, stretch 6,
// r = 1.5, badness 337.5 (very loose); line 2 "1 3 5" = 90+6 = 96 pt,
// stretch 4, r = 0.5, badness 12.5 (decent); the last line is decent.
// Demerits: (10+337.5)² + 10000 (decent→very loose) + (10+12.5)² + 10000
// (very loose→decent) + (10+0)² = 141362.5.
func TestBreakBeatsGreedy(t *testing.T) {
	items := letters(4, 1, 2, 1, 1, 3, 5, 3, 4)
	widths := Widths(98)
	p := DefaultParams()
	p.PreTolerance = 0
	p.Tolerance = 1000

	g := Greedy(items, widths)
	if got, want := breaks(g), []int{13, 23, 34}; !slices.Equal(got, want) {
		t.Fatalf("greedy breaks %v, want %v", got, want)
	}
	if g[0].Ratio != -1 || g[1].Badness != Infinity {
		t.Errorf("greedy lines: ratio %v, badness %v; want -1, 10000", g[0].Ratio, g[1].Badness)
	}

	lines, err := Break(items, widths, p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := breaks(lines), []int{11, 23, 34}; !slices.Equal(got, want) {
		t.Fatalf("total-fit breaks %v, want %v", got, want)
	}
	wantLines := []struct {
		start      int
		ratio, bad float64
		fit        int
		width      float64
	}{
		{0, 1.5, 337.5, VeryLoose, 89},
		{12, 0.5, 12.5, Decent, 96},
		{24, 0, 0, Decent, 73},
	}
	for i, w := range wantLines {
		l := lines[i]
		if l.Start != w.start || math.Abs(l.Ratio-w.ratio) > 1e-12 || math.Abs(l.Badness-w.bad) > 1e-9 || l.Fitness != w.fit || l.Width != w.width {
			t.Errorf("line %d = %+v, want start %d ratio %v badness %v fitness %d width %v", i, l, w.start, w.ratio, w.bad, w.fit, w.width)
		}
	}
	if d := demerits(items, lines, p); math.Abs(d-141362.5) > 1e-6 {
		t.Errorf("demerits %v, want 141362.5", d)
	}
	if lines[2].FilRatio <= 0 || lines[2].GlueWidth(items[27]) != 3 {
		t.Errorf("last line should be filled by parfillskip with natural spaces: %+v", lines[2])
	}
}

// Words (syllable widths) 27-17-28 17-10 27-27 16-12-29 21 16-10 on 137 pt.
// Line 1 ends with "27-" (hyphen at item 11) in both settings: 132+4 = 136 pt,
// stretch 4, r = 0.25, demerits (10+1.5625)² + 50² = 2633.69.
//
// Then either line 2 ends "16-" (hyphen at item 23): 130+4 = 134 pt,
// stretch 6, r = 0.5, demerits (22.5)² + 50² = 3006.25, plus a last line
// "10" (100) and the final-hyphen demerits 5000: 10739.94 + double-hyphen
// demerits; or line 2 runs to the end: 140 pt, shrink 3, r = -1,
// demerits 110² = 12100, total 14733.69.
//
// Without double-hyphen demerits the two hyphens win (10739.94); with the
// default 10000 they cost 20739.94 and the breaker avoids them.
func TestBreakAvoidsConsecutiveHyphens(t *testing.T) {
	items := syllables(
		[]float64{27, 17, 28}, []float64{17, 10}, []float64{27, 27},
		[]float64{16, 12, 29}, []float64{21}, []float64{16, 10},
	)
	tests := []struct {
		name   string
		double float64
		want   []int
		hyph   []bool
	}{
		{"no double-hyphen demerits", 0, []int{11, 23, 27}, []bool{true, true, false}},
		{"default double-hyphen demerits", 10000, []int{11, 27}, []bool{true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			p.PreTolerance = 0
			p.DoubleHyphenDemerits = tt.double
			lines, err := Break(items, Widths(137), p)
			if err != nil {
				t.Fatal(err)
			}
			if got := breaks(lines); !slices.Equal(got, tt.want) {
				t.Fatalf("breaks %v, want %v", got, tt.want)
			}
			for i, l := range lines {
				if l.Hyphenated != tt.hyph[i] {
					t.Errorf("line %d hyphenated %v, want %v", i, l.Hyphenated, tt.hyph[i])
				}
			}
			best, ok := bestDemerits(items, Widths(137), p)
			if d := demerits(items, lines, p); !ok || math.Abs(d-best) > 1e-6 {
				t.Errorf("demerits %v, exhaustive optimum %v (%v)", d, best, ok)
			}
		})
	}
}

// Break must find the same optimum as an exhaustive search over all
// breakings, for constant and for varying measures (active-node classes,
// fitness pruning and deactivation must lose nothing).
func TestBreakMatchesExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	measures := []struct {
		name   string
		widths func(w float64) func(int) float64
	}{
		{"constant", func(w float64) func(int) float64 { return Widths(w) }},
		{"narrow first", func(w float64) func(int) float64 { return Widths(w*0.6, w*0.6, w) }},
		{"alternating", func(w float64) func(int) float64 {
			return func(i int) float64 { return w + float64(i%2)*25 }
		}},
	}
	for _, m := range measures {
		t.Run(m.name, func(t *testing.T) {
			var compared [3]int
			for iter := 0; iter < 500; iter++ {
				var words [][]float64
				for range 3 + rng.IntN(12) {
					var w []float64
					for range 1 + rng.IntN(3) {
						w = append(w, float64(8+rng.IntN(25)))
					}
					words = append(words, w)
				}
				plain := syllables(words...)
				widths := m.widths(float64(70 + rng.IntN(120)))
				p := DefaultParams()
				p.PreTolerance = 0
				p.Tolerance = 1000
				// The same paragraph with rigid boxes, with boxes that
				// stretch and shrink by 3 %, and with boxes of 10 % and glue
				// that cannot stretch (lines the boxes cannot fill).
				rigidGlue := expandable(plain, 0.1)
				for i := range rigidGlue {
					if rigidGlue[i].Kind == Glue && !rigidGlue[i].IsFil() {
						rigidGlue[i].Stretch = 0
					}
				}
				for k, items := range [][]Item{plain, expandable(plain, 0.03), rigidGlue} {
					best, ok := bestDemerits(items, widths, p)
					lines, err := Break(items, widths, p)
					if err != nil {
						t.Fatal(err)
					}
					if err := checkLines(items, lines, widths); err != nil {
						t.Fatalf("%v (variant %d): %v", words, k, err)
					}
					if !ok {
						continue
					}
					compared[k]++
					if d := demerits(items, lines, p); math.Abs(d-best) > 1e-6*math.Max(1, best) {
						t.Fatalf("%v (variant %d): demerits %v, exhaustive optimum %v; lines %+v", words, k, d, best, lines)
					}
				}
			}
			if compared[0] < 50 || compared[1] < compared[0] || compared[2] < 10 {
				t.Errorf("only %v paragraphs feasible in the first pass (rigid, expandable, rigid glue)", compared)
			}
		})
	}
}

func TestBreakForcedBreaks(t *testing.T) {
	forced := []Item{GlueItem(0, Infinity, 0), PenaltyItem(0, -Infinity, false)}
	var items []Item
	var want []int
	for part := range 3 {
		if part > 0 {
			items = append(items, GlueItem(3, 2, 1))
		}
		for w := range 5 {
			if w > 0 {
				items = append(items, GlueItem(3, 2, 1))
			}
			items = append(items, BoxItem(10))
		}
		if part < 2 {
			items = append(items, forced...)
			want = append(want, len(items)-1)
		}
	}
	items = append(items, ParagraphEnd()...)
	want = append(want, len(items)-1)
	// A measure wide enough for everything on one line.
	lines, err := Break(items, Widths(1000), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if got := breaks(lines); !slices.Equal(got, want) {
		t.Fatalf("breaks %v, want %v", got, want)
	}
	for i, l := range lines {
		if l.FilRatio <= 0 || l.Ratio != 0 {
			t.Errorf("line %d should be filled, natural spaces: %+v", i, l)
		}
	}
	// Line 2 starts after the forced break and the discarded glue.
	if lines[1].Start != want[0]+2 {
		t.Errorf("line 2 starts at %d, want %d", lines[1].Start, want[0]+2)
	}
	if err := checkLines(items, lines, Widths(1000)); err != nil {
		t.Error(err)
	}
}

// Non-breaking spaces (penalty Infinity before glue) make the only good
// breakpoints illegal; Break must still avoid them.
func TestBreakNeverAtInfinitePenalty(t *testing.T) {
	var items []Item
	for w := range 12 {
		if w > 0 {
			if w%2 == 1 {
				items = append(items, PenaltyItem(0, Infinity, false))
			}
			items = append(items, GlueItem(3, 2, 1))
		}
		items = append(items, BoxItem(20))
		items = append(items, PenaltyItem(0, Infinity, true)) // an impossible hyphen
		items = append(items, BoxItem(10))
	}
	items = append(items, ParagraphEnd()...)
	widths := Widths(99)
	for _, p := range []Params{DefaultParams(), {Tolerance: 10000}} {
		lines, err := Break(items, widths, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if l.Break < len(items) && items[l.Break].Kind == Penalty && items[l.Break].Penalty >= Infinity {
				t.Errorf("break at forbidden penalty %d", l.Break)
			}
			if items[l.Break].Kind == Glue && items[l.Break-1].Kind != Box {
				t.Errorf("break at glue %d after a penalty", l.Break)
			}
		}
		if err := checkLines(items, lines, widths); err != nil {
			t.Error(err)
		}
	}
}

// A 400-character unbreakable word (2000 pt) in a 200 pt column gets a line
// of its own, reported overfull; the text around it sets normally.
func TestBreakEmergencyLongWord(t *testing.T) {
	var items []Item
	word := func(w float64) {
		if len(items) > 0 {
			items = append(items, GlueItem(3.33, 1.67, 1.11))
		}
		items = append(items, BoxItem(w))
	}
	for i := range 30 {
		word(float64(15 + i%4*7))
	}
	long := len(items) + 1
	word(400 * 5)
	for i := range 30 {
		word(float64(15 + i%5*6))
	}
	items = append(items, ParagraphEnd()...)
	widths := Widths(200)
	lines, err := Break(items, widths, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if err := checkLines(items, lines, widths); err != nil {
		t.Fatal(err)
	}
	overfull := 0
	for _, l := range lines {
		if !l.Overfull {
			continue
		}
		overfull++
		if l.Start != long || l.End != long+1 {
			t.Errorf("overfull line [%d,%d), want the long word alone [%d,%d)", l.Start, l.End, long, long+1)
		}
		if l.Ratio != -1 || l.Width != 2000 || l.Badness != Infinity {
			t.Errorf("overfull line %+v: want ratio -1, width 2000, badness 10000", l)
		}
	}
	if overfull != 1 {
		t.Errorf("%d overfull lines, want 1", overfull)
	}
	// The same word alone, and a paragraph of nothing but overlong words.
	for _, tc := range [][]Item{
		append([]Item{BoxItem(2000)}, ParagraphEnd()...),
		append([]Item{BoxItem(500), GlueItem(3, 2, 1), BoxItem(600), GlueItem(3, 2, 1), BoxItem(10)}, ParagraphEnd()...),
	} {
		lines, err := Break(tc, widths, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		if err := checkLines(tc, lines, widths); err != nil {
			t.Error(err)
		}
	}
}

// A paragraph too stiff for the tolerance still sets without overfull lines
// (emergency stretch or the final pass), and lines it accepts beyond the
// tolerance are reported by their badness.
func TestBreakFallbackPasses(t *testing.T) {
	items := letters(7, 9, 8, 6, 9, 7, 8, 9, 6, 7, 9, 8)
	widths := Widths(100)
	for _, es := range []float64{0, 30, -1} {
		p := DefaultParams()
		p.EmergencyStretch = es
		lines, err := Break(items, widths, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkLines(items, lines, widths); err != nil {
			t.Fatalf("emergency stretch %v: %v", es, err)
		}
		worst := 0.0
		for _, l := range lines {
			if l.Overfull {
				t.Errorf("emergency stretch %v: overfull line %+v", es, l)
			}
			worst = max(worst, l.Badness)
		}
		if worst <= p.Tolerance {
			t.Errorf("emergency stretch %v: worst badness %v; the paragraph should need a fallback pass", es, worst)
		}
	}
}

func TestBreakPreTolerance(t *testing.T) {
	var words [][]float64
	for i := range 40 {
		words = append(words, []float64{float64(10 + i%7*3), float64(12 + i%5*4)})
	}
	items := syllables(words...)
	widths := Widths(150)
	tests := []struct {
		pre       float64
		hyphenate bool
	}{
		{0, true},         // hyphens help: the main pass uses them
		{Infinity, false}, // a pre-pass accepting anything ignores them
	}
	for _, tt := range tests {
		p := DefaultParams()
		p.PreTolerance = tt.pre
		p.Tolerance = 10000
		lines, err := Break(items, widths, p)
		if err != nil {
			t.Fatal(err)
		}
		hyph := false
		for _, l := range lines {
			hyph = hyph || l.Hyphenated
		}
		if hyph != tt.hyphenate {
			t.Errorf("pretolerance %v: hyphenated %v, want %v", tt.pre, hyph, tt.hyphenate)
		}
	}
}

func TestBreakLooseness(t *testing.T) {
	items := prose(rand.New(rand.NewPCG(5, 5)), 120)
	widths := Widths(180)
	p := DefaultParams()
	base, err := Break(items, widths, p)
	if err != nil {
		t.Fatal(err)
	}
	fewest := len(Greedy(items, widths)) // first fit sets the fewest lines
	if len(base) <= fewest {
		t.Fatalf("sample unsuitable: optimum %d lines, fewest %d", len(base), fewest)
	}
	tests := []struct{ looseness, want int }{
		{1, len(base) + 1},
		{2, len(base) + 2},
		{-1, len(base) - 1},
		{-100, fewest}, // as close as the paragraph allows
	}
	for _, tt := range tests {
		p.Looseness = tt.looseness
		lines, err := Break(items, widths, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) != tt.want {
			t.Errorf("looseness %d: %d lines, want %d", tt.looseness, len(lines), tt.want)
		}
		if err := checkLines(items, lines, widths); err != nil {
			t.Error(err)
		}
	}
}

func TestBreakVariableWidths(t *testing.T) {
	var lens []int
	for i := range 40 {
		lens = append(lens, 2+i%4)
	}
	items := letters(lens...)
	widths := Widths(120, 120, 120, 300)
	lines, err := Break(items, widths, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if err := checkLines(items, lines, widths); err != nil {
		t.Fatal(err)
	}
	if lines[0].Width > 120 || lines[3].Width < 200 {
		t.Errorf("line widths %v and %v do not follow the measures", lines[0].Width, lines[3].Width)
	}
}

func TestBreakEdgeCases(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		want  []int
	}{
		{"empty", nil, nil},
		{"only the tail", ParagraphEnd(), []int{2}},
		{"no tail", []Item{BoxItem(10), GlueItem(3, 2, 1), BoxItem(10)}, []int{3}},
		{"forced break first", append([]Item{PenaltyItem(0, -Infinity, false), BoxItem(10)}, ParagraphEnd()...), []int{0, 4}},
		{"zero-width boxes", append([]Item{BoxItem(0), GlueItem(0, 0, 0), BoxItem(0)}, ParagraphEnd()...), []int{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Break(tt.items, Widths(100), DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			if got := breaks(lines); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("breaks %v, want %v", got, tt.want)
			}
			if err := checkLines(tt.items, lines, Widths(100)); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestBreakErrors(t *testing.T) {
	good := letters(3, 4)
	nan := math.NaN()
	tests := []struct {
		name   string
		items  []Item
		widths func(int) float64
		p      Params
		want   error
	}{
		{"negative box", []Item{BoxItem(-1)}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"NaN glue width", []Item{BoxItem(1), GlueItem(nan, 1, 1)}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"infinite box", []Item{BoxItem(math.Inf(1))}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"negative stretch", []Item{GlueItem(1, -1, 0)}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"infinite shrink", []Item{GlueItem(1, 0, math.Inf(1))}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"NaN penalty", []Item{PenaltyItem(0, nan, false)}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"negative hyphen", []Item{PenaltyItem(-2, 50, true)}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"unknown kind", []Item{{Kind: 7}}, Widths(100), DefaultParams(), ErrInvalidItem},
		{"nil widths", good, nil, DefaultParams(), ErrInvalidMeasure},
		{"negative measure", good, Widths(-5), DefaultParams(), ErrInvalidMeasure},
		{"NaN measure later", good, Widths(100, nan, 100), DefaultParams(), ErrInvalidMeasure},
		{"NaN tolerance", good, Widths(100), Params{Tolerance: nan}, ErrInvalidParams},
		{"infinite demerits", good, Widths(100), Params{Tolerance: 100, FitnessDemerits: math.Inf(1)}, ErrInvalidParams},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Break(tt.items, tt.widths, tt.p)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if lines != nil {
				t.Errorf("lines %v with an error", lines)
			}
		})
	}
	// Infinite stretch is fine (fil glue), as is an infinite tolerance.
	items := append(letters(3, 4)[:9:9], GlueItem(0, math.Inf(1), 0), PenaltyItem(0, -Infinity, false))
	lines, err := Break(items, Widths(200), Params{Tolerance: math.Inf(1)})
	if err != nil || len(lines) != 1 || lines[0].FilRatio <= 0 {
		t.Fatalf("fil glue with +Inf stretch: %+v, %v", lines, err)
	}
	if gw := lines[0].GlueWidth(items[9]); math.Abs(gw-(200-lines[0].Width)) > 1e-9 {
		t.Errorf("fil glue set to %v, want the slack %v", gw, 200-lines[0].Width)
	}
}

// With MaxConsecutiveHyphens set, no more lines in a row end at a hyphen
// than permitted (the final pass may break the rule only to avoid an
// overfull line; these paragraphs never need it), and Break still finds the
// optimum among the breakings that keep the rule.
func TestBreakMaxConsecutiveHyphens(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	compared := 0
	for iter := 0; iter < 400; iter++ {
		items := prose(rng, 8+rng.IntN(40))
		for i := range items {
			if items[i].Kind == Penalty && items[i].Flagged {
				items[i].Penalty = -20 // hyphens tempt the breaker
			}
		}
		w := float64(60 + rng.IntN(100))
		for _, limit := range []int{1, 2} {
			p := DefaultParams()
			p.PreTolerance = 0
			p.Tolerance = 1000
			p.DoubleHyphenDemerits = 0
			p.MaxConsecutiveHyphens = limit
			lines, err := Break(items, Widths(w), p)
			if err != nil {
				t.Fatal(err)
			}
			run := 0
			for _, l := range lines {
				if l.Hyphenated {
					run++
				} else {
					run = 0
				}
				if run > limit {
					t.Fatalf("limit %d: %d hyphenated lines in a row: %+v", limit, run, lines)
				}
			}
			best, ok := bestDemerits(items, Widths(w), p)
			if !ok {
				continue
			}
			compared++
			if d := demerits(items, lines, p); math.Abs(d-best) > 1e-6*math.Max(1, best) {
				t.Fatalf("limit %d: demerits %v, exhaustive optimum %v", limit, d, best)
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d paragraphs compared", compared)
	}
}
