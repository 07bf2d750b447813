package hyphen

import (
	"testing"
	"unicode/utf8"
)

func FuzzPoints(f *testing.F) {
	seeds := []string{
		"hyphenation", "pro-Ukrainian", "«конференция»", "hy\u00adphen\u00adation",
		"Straßenbahn", "aujourd’hui", "NATO", "https://example.org", "a-b-c-d-e-f",
		"\xff\xfehyphenation\xc3", "-\u00ad-\u00ad-", "ßßßßßßß", "İİİİİİİ", "ǅemal-ǅemal",
		"пам'ятати", "x\u2010y\u2011zzzzz",
	}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	langs := Languages()
	f.Fuzz(func(t *testing.T, li uint8, word string) {
		h := For(langs[int(li)%len(langs)])
		boundary := map[int]bool{len(word): true}
		for i := 0; i < len(word); {
			boundary[i] = true
			_, w := utf8.DecodeRuneInString(word[i:])
			i += w
		}
		breaks := h.Breaks(word)
		last := 0
		points := 0
		for _, b := range breaks {
			if b.Offset <= last || b.Offset >= len(word) {
				t.Fatalf("%q: break %d out of order or outside (previous %d, len %d)", word, b.Offset, last, len(word))
			}
			if !boundary[b.Offset] {
				t.Fatalf("%q: break %d inside a rune", word, b.Offset)
			}
			if n := runeCount(word[:b.Offset]); n < minBefore {
				t.Fatalf("%q: break %d has %d runes before", word, b.Offset, n)
			}
			if n := runeCount(word[b.Offset:]); n < minAfterFor(h.lang) {
				t.Fatalf("%q: break %d has %d runes after", word, b.Offset, n)
			}
			if b.Explicit {
				if r, _ := utf8.DecodeLastRuneInString(word[:b.Offset]); r != '-' && r != '\u2010' {
					t.Fatalf("%q: explicit break %d follows %q", word, b.Offset, r)
				}
			} else {
				points++
			}
			last = b.Offset
		}
		got := h.Points(word)
		if len(got) != points {
			t.Fatalf("%q: Points %v disagrees with Breaks %v", word, got, breaks)
		}
		i := 0
		for _, b := range breaks {
			if !b.Explicit {
				if got[i] != b.Offset {
					t.Fatalf("%q: Points %v disagrees with Breaks %v", word, got, breaks)
				}
				i++
			}
		}
	})
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }
