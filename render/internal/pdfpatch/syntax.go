package pdfpatch

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// A small reader of PDF object syntax, enough for the archive pass to find
// its way through the dictionaries fpdf writes: it knows dictionaries,
// arrays, literal and hexadecimal strings, names, comments and plain
// tokens (numbers, keywords, the parts of "n g R").

var errSyntax = errors.New("pdf syntax")

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace returns the index of the first byte at or after i that is
// neither white space nor part of a comment.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isPDFSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// skipValue returns the index just after the object (or the single token)
// that starts at or after i.
func skipValue(b []byte, i int) (int, error) {
	return walkValue(b, i, nil)
}

// dictEntry is one key of a dictionary with the span of its value.
type dictEntry struct {
	key        string // with its slash: "/Type"
	keyAt      int    // where the key starts
	start, end int    // the value is b[start:end]
}

// walkValue skips the object that starts at or after i like skipValue and
// calls visit, when not nil, for every dictionary inside it (inner ones
// first) with the offset of its "<<" and its entries.
func walkValue(b []byte, i int, visit func(at int, entries []dictEntry)) (int, error) {
	i = skipSpace(b, i)
	if i >= len(b) {
		return i, fmt.Errorf("%w: unexpected end", errSyntax)
	}
	switch c := b[i]; {
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		entries, end, err := walkDict(b, i, visit)
		if err == nil && visit != nil {
			visit(i, entries)
		}
		return end, err
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return i, fmt.Errorf("%w: unterminated hex string at %d", errSyntax, i)
		}
		return i + j + 1, nil
	case c == '(':
		return skipLiteral(b, i)
	case c == '[':
		i++
		for {
			i = skipSpace(b, i)
			if i >= len(b) {
				return i, fmt.Errorf("%w: unterminated array", errSyntax)
			}
			if b[i] == ']' {
				return i + 1, nil
			}
			var err error
			if i, err = walkValue(b, i, visit); err != nil {
				return i, err
			}
		}
	case c == '/':
		i++
		for i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
			i++
		}
		return i, nil
	case c == ')' || c == '>' || c == ']' || c == '{' || c == '}':
		return i, fmt.Errorf("%w: unexpected %q at %d", errSyntax, c, i)
	default:
		for i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
			i++
		}
		return i, nil
	}
}

// walkDict reads the dictionary whose "<<" is at b[i] and returns its
// entries and the index just after its ">>".
func walkDict(b []byte, i int, visit func(int, []dictEntry)) ([]dictEntry, int, error) {
	var entries []dictEntry
	i += 2
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, i, fmt.Errorf("%w: unterminated dictionary", errSyntax)
		}
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return entries, i + 2, nil
		}
		if b[i] != '/' {
			return nil, i, fmt.Errorf("%w: dictionary key expected at %d", errSyntax, i)
		}
		keyEnd, _ := walkValue(b, i, nil) // a name cannot fail
		key := string(b[i:keyEnd])
		start := skipSpace(b, keyEnd)
		end, err := walkValue(b, start, visit)
		if err != nil {
			return nil, end, err
		}
		end = skipReference(b, start, end)
		entries = append(entries, dictEntry{key: key, keyAt: i, start: start, end: end})
		i = end
	}
}

// skipReference extends a value b[start:end] that is an object number to
// the whole indirect reference "n g R" when one follows.
func skipReference(b []byte, start, end int) int {
	if !isDigits(b[start:end]) {
		return end
	}
	g := skipSpace(b, end)
	gEnd := g
	for gEnd < len(b) && b[gEnd] >= '0' && b[gEnd] <= '9' {
		gEnd++
	}
	if gEnd == g {
		return end
	}
	r := skipSpace(b, gEnd)
	if r < len(b) && b[r] == 'R' && (r+1 == len(b) || isPDFSpace(b[r+1]) || isPDFDelim(b[r+1])) {
		return r + 1
	}
	return end
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// skipLiteral returns the index just after the literal string whose "(" is
// at b[i], honouring nested parentheses and backslash escapes.
func skipLiteral(b []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return len(b), fmt.Errorf("%w: unterminated string at %d", errSyntax, i)
}

// dictLookup returns the value of key in the dictionary b (after any white
// space), or nil when it has none.
func dictLookup(b []byte, key string) ([]byte, error) {
	i := skipSpace(b, 0)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, fmt.Errorf("%w: not a dictionary", errSyntax)
	}
	entries, _, err := walkDict(b, i, nil)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.key == key {
			return b[e.start:e.end], nil
		}
	}
	return nil, nil
}

// refNumber returns the object number of an indirect reference "n 0 R".
func refNumber(v []byte) (int, bool) {
	f := bytes.Fields(v)
	if len(f) != 3 || !isDigits(f[0]) || string(f[1]) != "0" || string(f[2]) != "R" {
		return 0, false
	}
	n := 0
	for _, c := range f[0] {
		n = n*10 + int(c-'0')
		if n > 1<<23 {
			return 0, false
		}
	}
	return n, true
}

// Operators lists the operators of a content stream in order, skipping
// operands (strings, names, numbers, arrays, dictionaries) and comments.
// It stops at a string that does not end.
func Operators(b []byte) []string {
	var ops []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isPDFSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			end, err := skipLiteral(b, i)
			if err != nil {
				return ops
			}
			i = end
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			i += 2
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return ops
			}
			i += j + 1
		case c == '[' || c == ']' || c == '{' || c == '}':
			i++
		default:
			j := i + 1
			for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelim(b[j]) {
				j++
			}
			if tok := string(b[i:j]); c != '/' && !strings.ContainsAny(tok[:1], "+-.0123456789") {
				ops = append(ops, tok)
			}
			i = j
		}
	}
	return ops
}
