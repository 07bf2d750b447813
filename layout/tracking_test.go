package layout

import (
	"math"
	"testing"
	"unicode/utf8"
)

// In a laid-out document only justified body text is letter-spaced, by at
// most MaxTracking em per gap, every such text is as wide as its scaled
// glyphs plus its gaps (one after each letter but the last, or after the
// last too when its word goes on in the next text), and MaxTracking 0
// spaces nothing.
func TestTrackingOnlyInBody(t *testing.T) {
	fb := testBook(t)
	for _, fx := range []string{"seed-article.json", "ru-article.json"} {
		for _, track := range []float64{0, 0.01} {
			a := loadFixture(t, fx)
			spec := DefaultSpec(mustPaper(t, "A4"), 3)
			spec.MaxTracking = track
			doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: fb, Images: fixtureImages(a)})
			if err != nil {
				t.Fatal(err)
			}
			check(t, fx, a, spec, doc)
			tracked, wider, narrower := 0, 0, 0
			for _, p := range doc.Pages {
				for _, tx := range p.Texts {
					if tx.Tracking == 0 {
						continue
					}
					tracked++
					if tx.Tracking > 0 {
						wider++
					} else {
						narrower++
					}
					if track == 0 || tx.Role != RoleBody {
						t.Fatalf("%s (tracking %v): %v text %q spaced by %v", fx, track, tx.Role, tx.Text, tx.Tracking)
					}
					if math.Abs(tx.Tracking) > track*tx.Size+1e-12 {
						t.Errorf("%s: %q spaced by %v pt at %v pt", fx, tx.Text, tx.Tracking, tx.Size)
					}
					glyphs := measure(fb.Face(tx.Font), tx.Text, tx.Size) * tx.HScale()
					n := float64(utf8.RuneCountInString(tx.Text))
					if d := tx.Width - glyphs; math.Abs(d-(n-1)*tx.Tracking) > 1e-9 && math.Abs(d-n*tx.Tracking) > 1e-9 {
						t.Errorf("%s: %q is %v wide, its glyphs %v and %v gaps of %v", fx, tx.Text, tx.Width, glyphs, n-1, tx.Tracking)
					}
				}
			}
			if track > 0 && (wider < 20 || narrower < 20) {
				t.Errorf("%s: only %d texts spaced wider and %d narrower", fx, wider, narrower)
			}
		}
	}
}

// Letter spacing never sets apart the letters of a joining or shaped
// script, combining marks or right-to-left text; Tamil and Thai shaped
// text is spaced between its clusters only, a Tamil gap by twice the
// tracking.
func TestTrackGaps(t *testing.T) {
	// கொடு shaped: the vowel sign's left part before its consonant, all
	// three glyphs one cluster; then டு
	tamil := []Glyph{{ID: 1, Advance: 400}, {ID: 2, Advance: 600}, {ID: 3, Advance: 400}, {ID: 4, Advance: 700, Cluster: 9}}
	thai := []Glyph{{ID: 1, Advance: 500}, {ID: 2, Cluster: 0}, {ID: 3, Advance: 500, Cluster: 6}} // ที่ก: a mark on its letter
	for _, tt := range []struct {
		p      piece
		want   int
		weight uint8
	}{
		{piece{text: "கொடு", glyphs: tamil}, 2, 2},
		{piece{text: "கொடு,", glyphs: append(tamil[:4:4], Glyph{ID: 5, Advance: 250, Cluster: 15})}, 3, 2},
		{piece{text: "ที่ก", glyphs: thai}, 2, 1},
		{piece{text: "မြို့", glyphs: []Glyph{{ID: 1, Advance: 300}, {ID: 2, Advance: 500}, {ID: 3}, {ID: 4}}}, 1, 1}, // one syllable
		{piece{text: "கொடு"}, 0, 0},                                                                                   // not shaped
		{piece{text: "கொடு", glyphs: tamil, level: 1}, 0, 0},                                                          // right to left
		{piece{text: "शब्द", glyphs: []Glyph{{ID: 1, Advance: 500}}}, 0, 0},                                           // a headline bar
		{piece{text: "কথা", glyphs: []Glyph{{ID: 1, Advance: 500}, {ID: 2, Advance: 500, Cluster: 3}}}, 0, 0},
		{piece{text: "கொடுword", glyphs: tamil}, 0, 0}, // Latin letters in the piece
	} {
		if got, w := trackGaps(&tt.p); got != tt.want || w != tt.weight {
			t.Errorf("trackGaps(%q) = %d, %d; want %d, %d", tt.p.text, got, w, tt.want, tt.weight)
		}
	}
	for _, tt := range []struct {
		p    piece
		want int
	}{
		{piece{text: "word"}, 4},
		{piece{text: "слово,"}, 6},
		{piece{text: "λόγος"}, 5},
		{piece{text: "e\u0301te"}, 0},                                  // a combining accent
		{piece{text: "كلمة"}, 0},                                       // Arabic
		{piece{text: "शब्द"}, 0},                                       // Devanagari
		{piece{text: "คำ"}, 0},                                         // Thai
		{piece{text: "word", level: 1}, 0},                             // right to left
		{piece{text: "fi", glyphs: []Glyph{{ID: 1, Advance: 500}}}, 0}, // a ligature
		{piece{text: "ab", glyphs: []Glyph{{ID: 1, Advance: 500}, {ID: 2, Advance: 500, Cluster: 1}}}, 2},
		{piece{text: "ab", glyphs: []Glyph{{ID: 1, Advance: 500}, {ID: 2, Advance: 0, Cluster: 1}}}, 0},
	} {
		if got, _ := trackGaps(&tt.p); got != tt.want {
			t.Errorf("trackGaps(%q) = %d, want %d", tt.p.text, got, tt.want)
		}
	}
}

func TestSpecValidateTracking(t *testing.T) {
	for _, v := range []float64{-0.01, 0.06, math.NaN(), math.Inf(1)} {
		spec := DefaultSpec(mustPaper(t, "A4"), 2)
		spec.MaxTracking = v
		if spec.Validate() == nil {
			t.Errorf("MaxTracking %v accepted", v)
		}
	}
	spec := DefaultSpec(mustPaper(t, "A4"), 2)
	if spec.MaxTracking != 0.01 || spec.Validate() != nil {
		t.Errorf("default MaxTracking %v: %v", spec.MaxTracking, spec.Validate())
	}
}
