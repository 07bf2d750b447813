package hyphen

import (
	"slices"
	"testing"
)

func TestNeverHyphenated(t *testing.T) {
	tests := []struct{ lang, word string }{
		// acronyms and all-caps words
		{"en", "NATO"}, {"en", "UNESCO"}, {"en", "HYPHENATION"}, {"en", "UNICEF's"},
		{"ru", "США"}, {"ru", "КОНФЕРЕНЦИЯ"}, {"de", "SILBENTRENNUNG"},
		// digits
		{"en", "hyphenation2"}, {"en", "1990s"}, {"en", "mp3player"}, {"ru", "конференция2025"},
		{"en", "hyphen٣ation"},
		// URLs, domains and e-mail
		{"en", "https://hyphenation.example"}, {"en", "ftp://information"},
		{"en", "www.hyphenation"}, {"en", "WWW.HYPHENATION"}, {"en", "example.org"},
		{"en", "(hyphenation.example),"}, {"en", "hyphenation@example"},
		{"en", "information@hyphenation.example"}, {"ru", "конференция.рф"},
		// shorter than 5 letters
		{"en", "the"}, {"en", "four"}, {"ru", "мама"}, {"en", "«four»"}, {"en", "a-b-c-d"},
		// nothing but punctuation, or empty
		{"en", ""}, {"en", "«—»"}, {"en", "-----"}, {"en", "\u00ad\u00ad\u00ad\u00ad\u00ad\u00ad"},
	}
	for _, tt := range tests {
		if got := For(tt.lang).Breaks(tt.word); got != nil {
			t.Errorf("%s %q: got %v, want none", tt.lang, tt.word, got)
		}
	}
}

func TestBreaks(t *testing.T) {
	const shy = "\u00ad"
	pat := func(off int) Break { return Break{Offset: off} }
	exp := func(off int) Break { return Break{Offset: off, Explicit: true} }
	tests := []struct {
		name, lang, word string
		want             []Break
	}{
		{"plain word", "en", "hyphenation", []Break{pat(2), pat(6)}},
		{"capitalised", "en", "Hyphenation", []Break{pat(2), pat(6)}},
		{"sentence end", "en", "hyphenation.", []Break{pat(2), pat(6)}},
		{"curly quotes and comma", "en", "“Hyphenation,”", []Break{pat(5), pat(9)}},
		{"brackets", "en", "(hyphenation)!", []Break{pat(3), pat(7)}},
		{"guillemets", "ru", "«конференция»", []Break{pat(2 + 6), pat(2 + 10), pat(2 + 16)}},

		{"explicit hyphen", "en", "pro-Ukrainian", []Break{exp(4), pat(10)}},
		{"unicode hyphen", "en", "pro\u2010Ukrainian", []Break{exp(6), pat(12)}},
		{"non-breaking hyphen", "en", "pro\u2011Ukrainian", []Break{pat(12)}},
		{"two hyphens", "en", "well-known-hyphenation", []Break{exp(5), exp(11), pat(13), pat(17)}},
		{"one letter before hyphen", "en", "e-mailing", []Break{pat(6)}},
		{"two letters after hyphen", "en", "hyphenation-ra", []Break{pat(2), pat(6)}},
		{"doubled hyphen", "en", "hyphenation--hyphenation", []Break{pat(2), pat(6), exp(13), pat(15), pat(19)}},
		{"hyphen and digits", "en", "COVID-19", nil},
		{"digits allow only explicit", "en", "22-hyphenation", []Break{exp(3)}},
		{"acronym part", "en", "NATO-hyphenation", []Break{exp(5), pat(7), pat(11)}},
		{"trailing hyphen", "en", "hyphenation-", []Break{pat(2), pat(6)}},

		{"soft hyphens replace patterns", "en", "hyph" + shy + "enation", []Break{pat(4)}},
		{"soft hyphens, all", "en", "hy" + shy + "phen" + shy + "ation", []Break{pat(2), pat(8)}},
		{"soft hyphen too early", "en", "h" + shy + "yphenation", nil},
		{"soft hyphen too late", "en", "hyphenati" + shy + "on", nil},
		{"soft hyphen run", "en", "hyph" + shy + shy + "enation", []Break{pat(4)}},
		{"soft hyphen after hyphen", "en", "pro-" + shy + "Ukrainian", []Break{exp(4)}},
		{"soft hyphen with hyphen", "en", "pro-Ukrain" + shy + "ian", []Break{exp(4), pat(10)}},
		{"soft hyphen in acronym", "en", "UNE" + shy + "SCO", []Break{pat(3)}},
		{"soft hyphen in caps", "en", "HYPH" + shy + "ENATION", []Break{pat(4)}},
		{"soft hyphen in digits", "en", "abc" + shy + "12345", []Break{pat(3)}},

		{"apostrophe of the patterns", "fr", "aujourd’hui", []Break{pat(2), pat(6)}},
		{"typewriter apostrophe", "fr", "aujourd'hui", []Break{pat(2), pat(6)}},
		{"modifier-letter apostrophe", "uk", "памʼятати", []Break{pat(4), pat(10)}},
		{"apostrophe English does not spell", "en", "hyphenation's", []Break{pat(2), pat(6)}},
		{"Latin word in Russian", "ru", "hyphenation", nil},
		{"accent the patterns lack", "it", "perché", []Break{pat(3)}},
		{"ß", "de", "Straßenbahn", []Break{pat(4), pat(8)}},
		{"ẞ capital", "de", "Straẞenbahn", []Break{pat(4), pat(9)}},
		{"ё", "ru", "объединённый", []Break{pat(6), pat(12), pat(18)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := For(tt.lang).Breaks(tt.word)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s Breaks(%q) = %v, want %v", tt.lang, tt.word, got, tt.want)
			}
			var points []int
			for _, b := range tt.want {
				if !b.Explicit {
					points = append(points, b.Offset)
				}
			}
			if got := For(tt.lang).Points(tt.word); !slices.Equal(got, points) {
				t.Errorf("%s Points(%q) = %v, want %v", tt.lang, tt.word, got, points)
			}
		})
	}
}

// TestExplicitBreakFollowsHyphen pins down what callers rely on: an
// explicit break sits right after a hyphen character, a soft-hyphen break
// right before U+00AD.
func TestExplicitBreakFollowsHyphen(t *testing.T) {
	h := For("en")
	word := "anti-hyphenation\u00adist\u2010hyphenation"
	for _, b := range h.Breaks(word) {
		switch {
		case b.Explicit:
			if !isHyphen(lastRune(word[:b.Offset])) {
				t.Errorf("explicit break at %d does not follow a hyphen", b.Offset)
			}
		case word[b.Offset:b.Offset+2] != "\u00ad":
			t.Errorf("break at %d in a word with soft hyphens is not at one", b.Offset)
		}
	}
	if got := len(h.Breaks(word)); got != 3 {
		t.Errorf("got %d breaks, want 3", got)
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}
