package hyphen

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTrieTeXbookExample uses the patterns of The TeXbook, appendix H,
// which give ".h0y3p0h0e2n5a4t2i0o2n." for "hyphenation".
func TestTrieTeXbookExample(t *testing.T) {
	b := newTrieBuilder()
	for _, pat := range []string{"hy3ph", "he2n", "hena4", "hen5at", "1na", "n2at", "1tio", "2io", "o2n"} {
		letters, vals := splitPattern(pat)
		b.add(letters, vals)
	}
	word := []byte(".hyphenation.")
	levels := make([]uint8, len(word)+1)
	b.build().match(word, levels)
	want := []uint8{0, 0, 0, 3, 0, 0, 2, 5, 4, 2, 0, 2, 0, 0}
	if !slices.Equal(levels, want) {
		t.Errorf("levels = %v, want %v", levels, want)
	}
}

// TestTrieAgainstNaive compares the trie with a plain map lookup of every
// substring, on words assembled from pattern fragments of each language.
func TestTrieAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, lang := range Languages() {
		p, err := For(lang).load()
		if err != nil {
			t.Fatal(err)
		}
		src, err := readPatternFile("patterns/hyph-" + lang + ".pat.txt")
		if err != nil {
			t.Fatal(err)
		}
		naive := map[string][]point{}
		var fragments []string
		longest := 0
		for _, tok := range strings.Fields(string(src)) {
			letters, vals := splitPattern(tok)
			naive[string(letters)] = vals
			fragments = append(fragments, strings.Trim(string(letters), ".-"))
			longest = max(longest, len(letters))
		}
		for range 300 {
			var sb strings.Builder
			for sb.Len() < 6 || rng.IntN(3) > 0 {
				sb.WriteString(fragments[rng.IntN(len(fragments))])
			}
			word := []byte("." + sb.String() + ".")
			got := make([]uint8, len(word)+1)
			p.trie.match(word, got)
			want := make([]uint8, len(word)+1)
			for i := range word {
				if !utf8.RuneStart(word[i]) {
					continue
				}
				for j := i + 1; j <= len(word) && j-i <= longest; j++ {
					for _, v := range naive[string(word[i:j])] {
						want[i+int(v.off)] = max(want[i+int(v.off)], v.val)
					}
				}
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s %q: trie %v, naive %v", lang, word, got, want)
			}
		}
	}
}

// splitPattern separates a pattern into letters and values, as the loader
// does.
func splitPattern(pat string) ([]byte, []point) {
	var letters []byte
	var vals []point
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			vals = append(vals, point{off: uint8(len(letters)), val: uint8(r - '0')})
		} else {
			letters = utf8.AppendRune(letters, r)
		}
	}
	return letters, vals
}
