package render

import "encoding/binary"

// Subroutines of a CFF subset: the charstrings of the glyphs kept are
// interpreted just far enough (operand stack, stem count for hint masks)
// to find every local and global subroutine they call, directly or
// through other subroutines; every other subroutine is emptied to a
// one-byte return, keeping the indices the charstrings use.

// subrBias is the Type 2 charstring bias for a subroutine INDEX of n.
func subrBias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// subrWalker marks the subroutines one font dictionary's glyphs call.
type subrWalker struct {
	global, local       [][]byte
	usedGlobal, usedLoc []bool
	stems               int
	stack               int // operands on the stack
	last                int // the last operand, as an integer
	depth               int
}

// walk interprets a charstring; it returns false at endchar.
func (w *subrWalker) walk(cs []byte) bool {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > 12 {
		return false
	}
	for i := 0; i < len(cs); {
		b := cs[i]
		switch {
		case b == 28:
			if i+2 < len(cs) {
				w.last = int(int16(binary.BigEndian.Uint16(cs[i+1:])))
			}
			w.stack++
			i += 3
			continue
		case b >= 32 && b <= 246:
			w.last = int(b) - 139
			w.stack++
			i++
			continue
		case b >= 247 && b <= 250:
			if i+1 < len(cs) {
				w.last = (int(b)-247)*256 + int(cs[i+1]) + 108
			}
			w.stack++
			i += 2
			continue
		case b >= 251 && b <= 254:
			if i+1 < len(cs) {
				w.last = -(int(b)-251)*256 - int(cs[i+1]) - 108
			}
			w.stack++
			i += 2
			continue
		case b == 255:
			w.last = 0 // a 16.16 fixed number: never a subroutine index
			w.stack++
			i += 5
			continue
		}
		// an operator
		i++
		switch b {
		case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
			w.stems += w.stack / 2
			w.stack = 0
		case 19, 20: // hintmask, cntrmask: implicit vstem, then the mask
			w.stems += w.stack / 2
			w.stack = 0
			i += (w.stems + 7) / 8
		case 10, 29: // callsubr, callgsubr
			w.stack--
			subrs, used := w.local, w.usedLoc
			if b == 29 {
				subrs, used = w.global, w.usedGlobal
			}
			n := w.last + subrBias(len(subrs))
			if n < 0 || n >= len(subrs) {
				return false
			}
			used[n] = true
			if !w.walk(subrs[n]) {
				return false
			}
		case 11: // return
			return true
		case 14: // endchar
			return false
		case 12:
			i++
			w.stack = 0
		default:
			w.stack = 0
		}
	}
	return true
}

// fdOf returns the font dictionary of glyph g from an FDSelect (format 0
// or 3).
func fdOf(fdsel []byte, g int) int {
	if len(fdsel) == 0 {
		return 0
	}
	if fdsel[0] == 0 {
		if 1+g < len(fdsel) {
			return int(fdsel[1+g])
		}
		return 0
	}
	n := int(binary.BigEndian.Uint16(fdsel[1:]))
	fd := 0
	for r := 0; r < n; r++ {
		at := 3 + 3*r
		first := int(binary.BigEndian.Uint16(fdsel[at:]))
		if first > g {
			break
		}
		fd = int(fdsel[at+2])
	}
	return fd
}

// emptySubrs returns subrs with every unused one replaced by a return.
func emptySubrs(subrs [][]byte, used []bool) [][]byte {
	out := make([][]byte, len(subrs))
	ret := []byte{11}
	for i := range subrs {
		if used[i] {
			out[i] = subrs[i]
		} else {
			out[i] = ret
		}
	}
	return out
}
