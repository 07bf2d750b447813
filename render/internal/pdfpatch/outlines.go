package pdfpatch

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// unicodeTitles re-encodes the bookmark (outline item) titles that fpdf
// wrote as raw UTF-8 bytes as UTF-16BE text strings. fpdf converts a
// bookmark title only while a UTF-8 font is current, so a title can reach
// the file as the UTF-8 bytes of the Go string, which readers take for
// PDFDocEncoding ("â€˜" for "‘"). Titles already in UTF-16 (they start with
// the byte order mark) and pure ASCII ones are left alone.
func (f *pdfFile) unicodeTitles() error {
	for _, o := range f.objects {
		if o.isStream() || !bytes.Contains(o.value, []byte("/Title")) || !bytes.HasPrefix(o.value, []byte("<<")) {
			continue
		}
		entries, _, err := walkDict(o.value, 0, nil)
		if err != nil {
			return fmt.Errorf("object %d: %w", o.num, err)
		}
		var title *dictEntry
		item := false
		for i, e := range entries {
			switch e.key {
			case "/Title":
				title = &entries[i]
			case "/Parent":
				item = true
			}
		}
		if title == nil || !item {
			continue
		}
		text, ok := literalBytes(o.value[title.start:title.end])
		if !ok || bytes.HasPrefix(text, []byte{0xFE, 0xFF}) || !utf8.Valid(text) || isASCII(text) {
			continue
		}
		o.value = slices.Concat(o.value[:title.start], utf16Hex(string(text)), o.value[title.end:])
	}
	return nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// utf16Hex is s as a hexadecimal PDF text string in UTF-16BE with its byte
// order mark.
func utf16Hex(s string) []byte {
	units := utf16.Encode([]rune(s))
	raw := make([]byte, 2, 2+2*len(units))
	raw[0], raw[1] = 0xFE, 0xFF
	for _, u := range units {
		raw = append(raw, byte(u>>8), byte(u))
	}
	out := make([]byte, 0, 2+2*len(raw))
	out = append(out, '<')
	out = hex.AppendEncode(out, raw)
	return append(out, '>')
}

// literalBytes decodes a literal string "(…)" into its bytes.
func literalBytes(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '(' || v[len(v)-1] != ')' {
		return nil, false
	}
	v = v[1 : len(v)-1]
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\r' { // an end of line in a string reads as \n
			if i+1 < len(v) && v[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
			continue
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i == len(v) {
			return nil, false
		}
		switch c = v[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r': // a line continuation
			if i+1 < len(v) && v[i+1] == '\n' {
				i++
			}
		case '\n':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			n := 0
			for k := 0; k < 3 && i < len(v) && v[i] >= '0' && v[i] <= '7'; k++ {
				n = n*8 + int(v[i]-'0')
				i++
			}
			i--
			out = append(out, byte(n))
		default: // \\, \(, \) and any other escaped byte stand for themselves
			out = append(out, c)
		}
	}
	return out, true
}
