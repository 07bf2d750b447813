package hyphen

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.txt
var patternFiles embed.FS

// readPatternFile reads patterns/<base> from the embedded files, or from
// patterns/gpl/<base> for the GPL-only sets.
func readPatternFile(name string) ([]byte, error) {
	src, err := fs.ReadFile(patternFiles, name)
	if errors.Is(err, fs.ErrNotExist) {
		if b, gerr := fs.ReadFile(gplFiles, strings.Replace(name, "patterns/", "patterns/gpl/", 1)); gerr == nil {
			return b, nil
		}
	}
	return src, err
}

// patterns is the read-only data of one pattern set.
type patterns struct {
	trie *trie
	// exceptions maps a folded word to the byte offsets, within it, of
	// its permitted breaks.
	exceptions map[string][]int
	ascii      [utf8.RuneSelf]bool // alphabet, ASCII part
	other      []rune              // alphabet, the rest, sorted
	apostrophe rune                // the apostrophe the patterns spell, or 0
}

// loadPatterns parses the embedded pattern and exception files of a set.
func loadPatterns(tag string) (*patterns, error) {
	name := "patterns/hyph-" + tag + ".pat.txt"
	src, err := readPatternFile(name)
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns %q: %w", tag, err)
	}
	p := &patterns{}
	b := newTrieBuilder()
	alphabet := map[rune]bool{}
	var letters []byte
	var vals []point
	for text := range bytes.Lines(src) {
		for _, tok := range bytes.Fields(stripComment(text)) {
			letters, vals = letters[:0], vals[:0]
			for _, r := range string(tok) {
				if r >= '0' && r <= '9' {
					vals = append(vals, point{off: uint8(len(letters)), val: uint8(r - '0')})
					continue
				}
				if r == utf8.RuneError {
					return nil, fmt.Errorf("%s: pattern %q: invalid UTF-8", name, tok)
				}
				letters = utf8.AppendRune(letters, r)
				if r != '.' && r != '-' {
					alphabet[r] = true
				}
			}
			if len(letters) == 0 || len(letters) > 250 {
				return nil, fmt.Errorf("%s: pattern %q: bad length %d", name, tok, len(letters))
			}
			b.add(letters, vals)
		}
	}
	if len(b.nodes) == 1 {
		return nil, fmt.Errorf("%s: no patterns", name)
	}
	p.trie = b.build()
	for r := range alphabet {
		if r < utf8.RuneSelf {
			p.ascii[r] = true
		} else {
			p.other = append(p.other, r)
		}
	}
	slices.Sort(p.other)
	switch {
	case p.has('\u2019'):
		p.apostrophe = '\u2019'
	case p.has('\''):
		p.apostrophe = '\''
	}
	if p.exceptions, err = p.loadExceptions(tag); err != nil {
		return nil, err
	}
	return p, nil
}

// loadExceptions parses the optional exception file of a set.
func (p *patterns) loadExceptions(tag string) (map[string][]int, error) {
	name := "patterns/hyph-" + tag + ".hyp.txt"
	src, err := readPatternFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("hyphenation exceptions %q: %w", tag, err)
	}
	exc := map[string][]int{}
	for text := range bytes.Lines(src) {
		for _, tok := range bytes.Fields(stripComment(text)) {
			var word []byte
			var offs []int
			for _, r := range string(tok) {
				if r == '-' {
					offs = append(offs, len(word))
					continue
				}
				word = utf8.AppendRune(word, p.fold(r))
			}
			exc[string(word)] = offs
		}
	}
	return exc, nil
}

func stripComment(line []byte) []byte {
	if i := bytes.IndexByte(line, '%'); i >= 0 {
		return line[:i]
	}
	return line
}

// has reports whether r, already folded, occurs in the patterns.
func (p *patterns) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && p.ascii[r]
	}
	_, ok := slices.BinarySearch(p.other, r)
	return ok
}

// fold maps a rune of a word to the form the patterns use: lower case,
// and any apostrophe to the one the patterns spell.
func (p *patterns) fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
	} else {
		r = unicode.ToLower(r)
	}
	if isApostrophe(r) && p.apostrophe != 0 && !p.has(r) {
		return p.apostrophe
	}
	return r
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC'
}
