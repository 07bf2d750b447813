package shaping

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestShapeStringKeepsAnswers shapes the words of the test cases through
// ShapeString cold, warm, with other properties and after the cache has
// turned over: each answer equals Shape's for the same text, and a caller
// writing into what it got back changes nothing kept.
func TestShapeStringKeepsAnswers(t *testing.T) {
	for _, c := range hbCases {
		t.Run(c.lang+"/"+c.script, func(t *testing.T) {
			f, err := Load(fontFile(t, c.font), c.index)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := ParseScript(c.script)
			if err != nil {
				t.Fatal(err)
			}
			p := Props{RTL: c.rtl, Script: sc, Lang: Language(c.lang)}
			words := append(strings.Fields(c.text), c.text)
			check := func(when string, p Props) {
				t.Helper()
				for _, w := range words {
					want := f.Shape([]rune(w), p, nil)
					got := f.ShapeString(w, p, []Glyph{{ID: 7}})
					if got[0].ID != 7 || !slices.Equal(got[1:], want) {
						t.Fatalf("%s: %q shaped %v, Shape gives %v", when, w, got[1:], want)
					}
					for i := 1; i < len(got); i++ {
						got[i].ID++ // the caller's copy
					}
				}
			}
			check("cold", p)
			check("warm", p)
			other := p
			other.RTL = !p.RTL
			check("the other direction", other)
			check("warm again", p)
			// turn the cache over (more glyphs than a generation holds)
			for i := 0; f.cache.glyphs < cacheGlyphs/2 || len(f.cache.old) == 0; i++ {
				f.ShapeString(fmt.Sprint(i, " 0123456789 0123456789 0123456789"), p, nil)
			}
			check("after turning over", p)
			if n := f.cache.glyphs; n > cacheGlyphs {
				t.Fatalf("the cache holds %d glyphs, at most %d", n, cacheGlyphs)
			}
		})
	}
}

// TestShapeStringConcurrent shapes overlapping words from many goroutines
// (run with -race).
func TestShapeStringConcurrent(t *testing.T) {
	f, err := Load(fontFile(t, "truetype/noto/NotoSerifDevanagari-Regular.ttf"), 0)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("पत्नी सहित क्षत्रिय हिन्दी वाराणसी विद्यालय छात्राओं")
	p := Props{Lang: Language("hi")}
	want := make([][]Glyph, len(words))
	for i, w := range words {
		want[i] = f.Shape([]rune(w), p, nil)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				i := (g + j) % len(words)
				if got := f.ShapeString(words[i], p, nil); !slices.Equal(got, want[i]) {
					t.Errorf("%q: %v, want %v", words[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}
