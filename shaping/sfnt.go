package shaping

import (
	"encoding/binary"
	"errors"
	"unicode/utf16"
)

var errTableDir = errors.New("shaping: bad font table directory")

// tableDir returns the tables of face index of an sfnt file or collection,
// as slices of data.
func tableDir(data []byte, index int) (map[string][]byte, error) {
	off := 0
	if len(data) >= 12 && string(data[:4]) == "ttcf" {
		n := int(binary.BigEndian.Uint32(data[8:]))
		if index >= n || 12+4*(index+1) > len(data) {
			return nil, ErrNoFace
		}
		off = int(binary.BigEndian.Uint32(data[12+4*index:]))
	}
	if off+12 > len(data) {
		return nil, errTableDir
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*n > len(data) {
		return nil, errTableDir
	}
	out := make(map[string][]byte, n)
	for i := 0; i < n; i++ {
		rec := data[off+12+16*i:]
		tag := string(rec[:4])
		at := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if at < 0 || length < 0 || at+length > len(data) || at+length < at {
			return nil, errTableDir
		}
		out[tag] = data[at : at+length : at+length]
	}
	return out, nil
}

// psName reads the PostScript name (name ID 6) from a name table.
func psName(t []byte) string {
	if len(t) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(t[2:]))
	strOff := int(binary.BigEndian.Uint16(t[4:]))
	for i := 0; i < count; i++ {
		r := 6 + 12*i
		if r+12 > len(t) {
			return ""
		}
		platform := binary.BigEndian.Uint16(t[r:])
		id := binary.BigEndian.Uint16(t[r+6:])
		length := int(binary.BigEndian.Uint16(t[r+8:]))
		at := strOff + int(binary.BigEndian.Uint16(t[r+10:]))
		if id != 6 || at+length > len(t) {
			continue
		}
		b := t[at : at+length]
		var s string
		switch platform {
		case 3, 0: // UTF-16BE
			u := make([]uint16, len(b)/2)
			for k := range u {
				u[k] = binary.BigEndian.Uint16(b[2*k:])
			}
			s = string(utf16.Decode(u))
		case 1:
			s = string(b)
		default:
			continue
		}
		clean := make([]byte, 0, len(s))
		for _, c := range []byte(s) {
			if c > ' ' && c < 127 && c != '(' && c != ')' && c != '[' && c != ']' && c != '<' && c != '>' && c != '{' && c != '}' && c != '/' && c != '%' && c != '#' {
				clean = append(clean, c)
			}
		}
		if len(clean) > 0 {
			return string(clean)
		}
	}
	return ""
}
