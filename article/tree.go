package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// maxJSONDepth bounds nesting in the input. The contract nests four levels
// deep; the margin is for what a CMS adds in fields this package ignores.
const maxJSONDepth = 64

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonObject
	jsonArray
	// jsonRuns is inline content already parsed into runs by whoever built
	// the tree (a CMS adapter); it never comes from JSON text.
	jsonRuns
)

// node is one parsed JSON value. Unlike encoding/json's generic decoding it
// remembers where the value started and whether a string held invalid
// UTF-8, which encoding/json silently replaces.
type node struct {
	kind jsonKind
	off  int    // byte offset where the value (or its string) starts
	text string // string value, or the literal of a number
	flag bool   // bool value
	bad  string // for strings: why the raw text is not valid Unicode
	keys []string
	vals []*node // object members (parallel to keys) or array elements
	runs []Run   // jsonRuns
}

// get returns the member called key, the last one when it is repeated (as
// encoding/json does), or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != jsonObject {
		return nil
	}
	for i := len(n.keys) - 1; i >= 0; i-- {
		if n.keys[i] == key {
			return n.vals[i]
		}
	}
	return nil
}

// absent reports whether a member is missing or null.
func (n *node) absent() bool { return n == nil || n.kind == jsonNull }

// isTrue reports whether n is the literal true.
func (n *node) isTrue() bool { return n != nil && n.kind == jsonBool && n.flag }

// parseTree parses data, which must hold exactly one JSON value, into a
// tree. Syntax errors come back as *SyntaxError.
func parseTree(data []byte) (*node, error) {
	// encoding/json's validity scan reports absolute offsets, which the
	// streaming decoder does not always do; run it first.
	if err := json.Unmarshal(data, new(json.RawMessage)); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, JSONSyntaxError(data, err, 0)
		}
		return nil, fmt.Errorf("parse article: %w", err)
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var (
		root    *node
		stack   []*node
		haveKey []bool // per open object: a key was read, its value is next
	)
	attach := func(n *node) {
		if len(stack) == 0 {
			root = n
			return
		}
		top := stack[len(stack)-1]
		if top.kind == jsonObject {
			haveKey[len(haveKey)-1] = false
		}
		top.vals = append(top.vals, n)
	}
	for {
		start := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, syntaxErrorAt(data, start, err.Error())
		}
		end := int(dec.InputOffset())
		raw := data[start:end]
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				n := &node{kind: jsonObject, off: end - 1}
				if t == '[' {
					n.kind = jsonArray
				}
				attach(n)
				stack = append(stack, n)
				haveKey = append(haveKey, false)
				if len(stack) > maxJSONDepth {
					return nil, syntaxErrorAt(data, end-1,
						fmt.Sprintf("nested deeper than %d levels", maxJSONDepth))
				}
			default:
				stack = stack[:len(stack)-1]
				haveKey = haveKey[:len(haveKey)-1]
			}
		case string:
			top := len(stack) - 1
			if top >= 0 && stack[top].kind == jsonObject && !haveKey[top] {
				stack[top].keys = append(stack[top].keys, t)
				haveKey[top] = true
				continue
			}
			q := bytes.IndexByte(raw, '"')
			n := &node{kind: jsonString, off: start + q, text: t}
			if bad, at := checkRawString(raw[q:]); bad != "" {
				line, col := position(data, start+q+at)
				n.bad = fmt.Sprintf("%s at line %d, column %d", bad, line, col)
			}
			attach(n)
		case json.Number:
			attach(&node{kind: jsonNumber, off: end - len(t), text: string(t)})
		case bool:
			attach(&node{kind: jsonBool, off: end - len(strconv.FormatBool(t)), flag: t})
		case nil:
			attach(&node{kind: jsonNull, off: end - 4})
		}
	}
	return root, nil
}

// checkRawString looks at the quoted source text of a JSON string for
// invalid UTF-8 and for \u escapes that encode half a surrogate pair; both
// are silently replaced by encoding/json. It returns what is wrong and the
// offset of the offence within raw, or "" when the string is sound.
func checkRawString(raw []byte) (string, int) {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw) && raw[i+1] == 'u':
			r := hex4(raw[i+2:])
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return "unpaired surrogate escape", i
			case r >= 0xD800 && r <= 0xDBFF:
				next := i + 6
				if next+1 >= len(raw) || raw[next] != '\\' || raw[next+1] != 'u' {
					return "unpaired surrogate escape", i
				}
				if lo := hex4(raw[next+2:]); lo < 0xDC00 || lo > 0xDFFF {
					return "unpaired surrogate escape", i
				}
				i = next + 6
			default:
				i += 6
			}
		case c == '\\':
			i += 2
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				return "invalid UTF-8", i
			}
			i += size
		}
	}
	return "", 0
}

// hex4 decodes four hex digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 16)
	if err != nil {
		return -1
	}
	return rune(v)
}
