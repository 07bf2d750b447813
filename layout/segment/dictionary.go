package segment

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed dict/*.txt.gz
var dictFiles embed.FS

// dictionary is the word list of one script: sorted, read-only once
// loaded.
type dictionary struct {
	file string
	once sync.Once
	trie *trie
}

var (
	thai    = &dictionary{file: "dict/thaidict.txt.gz"}
	lao     = &dictionary{file: "dict/laodict.txt.gz"}
	khmer   = &dictionary{file: "dict/khmerdict.txt.gz"}
	burmese = &dictionary{file: "dict/burmesedict.txt.gz"}
)

// dictFor returns the dictionary of the script of letter r, or nil.
func dictFor(r rune) *dictionary {
	switch {
	case r < 0x0E00:
		return nil
	case r <= 0x0E7F:
		return thai
	case r <= 0x0EFF:
		return lao
	case r >= 0x1000 && r <= 0x109F || r >= 0xA9E0 && r <= 0xA9FF || r >= 0xAA60 && r <= 0xAA7F:
		return burmese
	case r >= 0x1780 && r <= 0x17FF || r >= 0x19E0 && r <= 0x19FF:
		return khmer
	}
	return nil
}

// load decompresses the word list and builds its trie, once per process. The
// embedded data is checked by the package tests; should it fail, the
// dictionary is empty and runs are kept whole.
func (d *dictionary) load() *trie {
	d.once.Do(func() {
		d.trie = &trie{nodes: []trieNode{{}}} // empty unless loaded
		f, err := dictFiles.Open(d.file)
		if err != nil {
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, zr); err != nil {
			return
		}
		all := buf.String()
		words := make([]string, 0, strings.Count(all, "\n"))
		for line := range strings.Lines(all) {
			w := strings.TrimSpace(line)
			if i := strings.IndexByte(w, '\t'); i >= 0 {
				w = w[:i] // a frequency column, in some ICU lists
			}
			if w == "" || w[0] == '#' {
				continue
			}
			words = append(words, w)
		}
		slices.Sort(words)
		d.trie = buildTrie(slices.Compact(words))
	})
	return d.trie
}

// matches appends to dst the byte lengths of the words that text starts
// with, shortest first.
func (d *dictionary) matches(text string, dst []int) []int {
	t := d.load()
	node := int32(0)
	for n := 0; n < len(text); {
		r, w := utf8.DecodeRuneInString(text[n:])
		n += w
		if node = t.child(node, r); node < 0 {
			break
		}
		if t.nodes[node].word {
			dst = append(dst, n)
		}
	}
	return dst
}

// segment returns the word boundaries strictly inside run, a run of one
// script's letters and marks. It follows the dictionary segmentation ICU
// applies to these scripts, so that the two agree: at each place the
// longest dictionary word is taken unless a shorter one lets the next two
// words be dictionary words too (a lookahead of three words); letters no
// word covers are joined to a preceding word shorter than three letters,
// or kept together as one word up to the next place a word can begin; a
// word never ends before a combining mark, and the repetition marks (ๆ,
// ໆ) and ฯ stay with the word they follow.
func (d *dictionary) segment(run string) []int {
	n := len(run)
	var out []int
	var c1, c2 []int
	// the candidates at each byte offset, computed once
	memo := make([][]int, n+1)
	done := make([]bool, n+1)
	cands := func(pos int) []int {
		if pos >= n {
			return nil
		}
		if !done[pos] {
			memo[pos], done[pos] = d.candidates(run, pos, nil), true
		}
		return memo[pos]
	}
	for pos := 0; pos < n; {
		c1 = cands(pos)
		wl := 0
		switch len(c1) {
		case 0:
		case 1:
			wl = c1[0]
		default:
			wl = c1[len(c1)-1] // the longest, unless the lookahead finds better
		search:
			for a := len(c1) - 1; a >= 0; a-- {
				c2 = cands(pos + c1[a])
				if len(c2) == 0 && pos+c1[a] < n {
					continue
				}
				wl = c1[a]
				if pos+c1[a] == n {
					break
				}
				for b := len(c2) - 1; b >= 0; b-- {
					if pos+c1[a]+c2[b] == n || len(cands(pos+c1[a]+c2[b])) > 0 {
						break search
					}
				}
			}
		}
		// Letters that begin no word: join them to a short word, or make
		// them a word of their own, up to where a word can begin.
		if end := pos + wl; end < n && utf8.RuneCountInString(run[pos:end]) < rootCombine {
			c2 = cands(end)
			if len(c2) == 0 && (wl == 0 || d.longestPrefix(run[end:]) < prefixCombine) {
				j := end
				for j < n {
					pc, w := utf8.DecodeRuneInString(run[j:])
					j += w
					if j >= n {
						break
					}
					uc, _ := utf8.DecodeRuneInString(run[j:])
					if endsWord(pc) && beginsWord(uc) && len(cands(j)) > 0 {
						break
					}
				}
				wl = j - pos
			}
		}
		// never stop before a mark, a repetition mark or ฯ
		for pos+wl < n {
			r, w := utf8.DecodeRuneInString(run[pos+wl:])
			if !unicode.IsMark(r) && r != 'ๆ' && r != 'ໆ' && r != 'ฯ' && r != 'ຯ' && r != '\u200c' && r != '\u200d' {
				break
			}
			wl += w
		}
		pos += wl
		if pos < n {
			out = append(out, pos)
		}
	}
	return out
}

// The thresholds of ICU's dictionary engines, in letters.
const (
	rootCombine   = 3 // a word this short may absorb the letters after it
	prefixCombine = 3 // letters that begin a dictionary word this far are not absorbed
)

// candidates appends the byte lengths of the dictionary words that start
// at run[pos:], shortest first, ending where a word may end.
func (d *dictionary) candidates(run string, pos int, dst []int) []int {
	if pos >= len(run) {
		return dst
	}
	start := len(dst)
	dst = d.matches(run[pos:], dst)
	k := start
	for _, l := range dst[start:] {
		if boundaryOK(run, pos+l) {
			dst[k] = l
			k++
		}
	}
	return dst[:k]
}

// longestPrefix returns the number of letters of text that begin some
// dictionary word.
func (d *dictionary) longestPrefix(text string) int {
	t := d.load()
	node, runes := int32(0), 0
	for _, r := range text {
		if node = t.child(node, r); node < 0 {
			break
		}
		runes++
	}
	return runes
}

// beginsWord reports letters a word may begin with: consonants,
// independent vowels and the vowels written before their consonant.
func beginsWord(r rune) bool {
	switch {
	case r >= 0x0E01 && r <= 0x0E2E, r >= 0x0E40 && r <= 0x0E44: // Thai
		return true
	case r >= 0x0E81 && r <= 0x0EAE, r >= 0x0EDC && r <= 0x0EDF, r >= 0x0EC0 && r <= 0x0EC4: // Lao
		return true
	case r >= 0x1780 && r <= 0x17B3: // Khmer
		return true
	case r >= 0x1000 && r <= 0x102A, r >= 0x103F && r <= 0x1049 && r != 0x1040: // Myanmar
		return true
	}
	return false
}

// endsWord reports letters a word may end with: not a vowel written
// before its consonant, a Khmer coeng or a Myanmar virama.
func endsWord(r rune) bool {
	return !(r >= 0x0E40 && r <= 0x0E44 || r >= 0x0EC0 && r <= 0x0EC4 || r == 0x17D2 || r == 0x1039)
}

// boundaryOK reports whether a word may end at byte i of run: not inside a
// grapheme cluster (before a mark or a joiner), not before a vowel that
// follows its consonant (Thai ะ า ำ, Lao ະ າ ຳ), not after one that
// precedes it (Thai เ แ โ ใ ไ, Lao ເ ແ ໂ ໃ ໄ), nor after a Khmer coeng or
// a Myanmar virama, which join the next letter to this one.
func boundaryOK(run string, i int) bool {
	if i <= 0 || i >= len(run) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(run[i:])
	prev, _ := utf8.DecodeLastRuneInString(run[:i])
	switch {
	case unicode.IsMark(next), next == '\u200c', next == '\u200d', prev == '\u200d':
		return false
	case next == 'ะ', next == 'า', next == 'ำ', next == 'ๅ':
		return false
	case next == 'ະ', next == 'າ', next == 'ຳ':
		return false
	case prev >= 'เ' && prev <= 'ไ', prev >= 'ເ' && prev <= 'ໄ':
		return false
	case prev == '\u17D2', prev == '\u1039':
		return false
	}
	return true
}
