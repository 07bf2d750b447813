package render

import (
	"encoding/binary"
	"slices"
)

// Subroutines of a CFF subset. The charstrings of the glyphs kept are
// interpreted just far enough (operand stack, stem count for hint masks)
// to find every local and global subroutine they call, directly or
// through other subroutines, and where each call's subroutine number is
// written. The subset keeps only those subroutines, renumbered in their
// old order, and every call is rewritten with its new number (and the
// bias of the smaller INDEX). A Noto CJK font has some 50,000 local
// subroutines in its 18 font dictionaries and a page calls a few hundred.
//
// Where a call cannot be rewritten safely — a subroutine number computed
// rather than written just before the call, a global subroutine calling
// a local one (whose numbering depends on the calling glyph's font
// dictionary), a subroutine read differently from two callers — the
// subset keeps every subroutine at its index and empties the unused ones
// to a one-byte return instead.

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

// csRef names a charstring: a glyph's, a local subroutine of a font
// dictionary or a global subroutine.
type csRef struct {
	kind uint8 // csGlyph, csLocal, csGlobal
	fd   uint16
	n    int32
}

const (
	csGlyph uint8 = iota
	csLocal
	csGlobal
)

// callSite is one callsubr or callgsubr in a charstring: the bytes of
// the number operand before it and the subroutine it calls.
type callSite struct {
	start, end int32 // the operand's bytes; end is the operator's offset
	global     bool
	old        int32 // the subroutine's index (bias applied)
}

// csRun is what running a charstring found: its call sites, and whether
// it is a leaf that leaves the walker's state as any operator does (no
// hints, calls or endchar; no operand left at its return), so that a
// second run can be skipped.
type csRun struct {
	sites []callSite
	leaf  bool
}

// subrWalker marks the subroutines one font's kept glyphs call and
// records the call sites of every charstring it runs.
type subrWalker struct {
	global     cffIndex
	local      cffIndex // of the current glyph's font dictionary
	fd         int
	usedGlobal []bool
	usedLoc    []bool // of the current font dictionary
	sites      map[csRef]csRun
	bad        bool // some call cannot be renumbered

	stems    int
	stack    int // operands on the stack
	last     int // the last operand, as an integer
	depth    int
	inGlobal int // global subroutines being run
}

// glyph runs glyph g's charstring in font dictionary fd.
func (w *subrWalker) glyph(g int, cs []byte, fd int, local cffIndex, usedLoc []bool) {
	w.local, w.fd, w.usedLoc = local, fd, usedLoc
	w.stems, w.stack, w.last, w.depth, w.inGlobal = 0, 0, 0, 0, 0
	w.walk(cs, csRef{kind: csGlyph, n: int32(g)})
}

// walk interprets a charstring; it returns false at endchar.
func (w *subrWalker) walk(cs []byte, ref csRef) bool {
	if w.depth >= 12 {
		w.bad = true
		return false
	}
	rec, seen := w.sites[ref]
	if seen && rec.leaf {
		w.stack = 0 // as running it again would leave it
		return true
	}
	w.depth++
	r, mine, k, leaf := w.run(cs, rec.sites, seen)
	if !seen {
		w.sites[ref] = csRun{sites: mine, leaf: leaf && ref.kind != csGlyph}
	} else if r && k != len(rec.sites) {
		w.bad = true // read differently from another caller
	}
	w.depth--
	return r
}

// run is walk's loop: it returns walk's result, the call sites found
// (when the charstring was not seen before), how many of the recorded
// ones were met (when it was) and whether the charstring is a leaf.
func (w *subrWalker) run(cs []byte, recorded []callSite, seen bool) (bool, []callSite, int, bool) {
	var mine []callSite
	k := 0
	leaf := true
	operand := false // the last token was a number
	numStart, numEnd := -1, -1
	for i := 0; i < len(cs); {
		b := cs[i]
		start := i
		switch {
		case b == 28:
			if i+2 < len(cs) {
				w.last = int(int16(binary.BigEndian.Uint16(cs[i+1:])))
			}
			i += 3
		case b >= 32 && b <= 246:
			w.last = int(b) - 139
			i++
		case b >= 247 && b <= 250:
			if i+1 < len(cs) {
				w.last = (int(b)-247)*256 + int(cs[i+1]) + 108
			}
			i += 2
		case b >= 251 && b <= 254:
			if i+1 < len(cs) {
				w.last = -(int(b)-251)*256 - int(cs[i+1]) - 108
			}
			i += 2
		case b == 255:
			w.last = 0 // a 16.16 fixed number: never a subroutine index
			i += 5
			start = -1
		default:
			start = -2 // an operator
		}
		if start != -2 {
			w.stack++
			numStart, numEnd = start, i
			operand = true
			continue
		}
		afterOperand := operand
		operand = false
		at := i
		i++
		switch b {
		case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
			w.stems += w.stack / 2
			w.stack = 0
			leaf = false
		case 19, 20: // hintmask, cntrmask: implicit vstem, then the mask
			w.stems += w.stack / 2
			w.stack = 0
			i += (w.stems + 7) / 8
			leaf = false
		case 10, 29: // callsubr, callgsubr
			leaf = false
			w.stack--
			global := b == 29
			subrs, used := w.local, w.usedLoc
			if global {
				subrs, used = w.global, w.usedGlobal
			}
			n := w.last + subrBias(subrs.count)
			if n < 0 || n >= subrs.count {
				w.bad = true
				return false, mine, k, false
			}
			if numStart < 0 || numEnd != at || !global && w.inGlobal > 0 {
				w.bad = true
			}
			site := callSite{start: int32(numStart), end: int32(at), global: global, old: int32(n)}
			if !seen {
				mine = append(mine, site)
			} else {
				if k >= len(recorded) || recorded[k] != site {
					w.bad = true
				}
				k++
			}
			used[n] = true
			sub := csRef{kind: csLocal, fd: uint16(w.fd), n: int32(n)}
			if global {
				sub = csRef{kind: csGlobal, n: int32(n)}
				w.inGlobal++
			}
			r := w.walk(subrs.item(n), sub)
			if global {
				w.inGlobal--
			}
			if !r {
				return false, mine, k, false
			}
		case 11: // return
			return true, mine, k, leaf && !afterOperand
		case 14: // endchar
			return false, mine, k, false
		case 12:
			i++
			w.stack = 0
		default:
			w.stack = 0
		}
		numStart, numEnd = -1, -1
	}
	return true, mine, k, false
}

// subrSet is the subroutines of an INDEX a subset keeps: the used ones,
// or all of them.
type subrSet struct {
	kept []int32 // the used ones' old indices, ascending
	all  bool
	n    int // the INDEX's count
}

func keptSubrs(used []bool, all bool) subrSet {
	s := subrSet{all: all, n: len(used)}
	if !all {
		for i, u := range used {
			if u {
				s.kept = append(s.kept, int32(i))
			}
		}
	}
	return s
}

// rank returns the new index of subroutine old, which must be kept.
func (s subrSet) rank(old int32) int {
	if s.all {
		return int(old)
	}
	i, _ := slices.BinarySearch(s.kept, old)
	return i
}

func (s subrSet) count() int {
	if s.all {
		return s.n
	}
	return len(s.kept)
}

// renumberCalls returns cs with each call's subroutine number replaced by
// newNum of its site; cs itself when it calls none.
func renumberCalls(cs []byte, sites []callSite, newNum func(callSite) int) []byte {
	if len(sites) == 0 {
		return cs
	}
	out := make([]byte, 0, len(cs)+2*len(sites))
	prev := 0
	for _, s := range sites {
		out = append(out, cs[prev:s.start]...)
		out = appendT2Int(out, newNum(s))
		prev = int(s.end)
	}
	return append(out, cs[prev:]...)
}

// appendT2Int writes v as a Type 2 charstring integer operand.
func appendT2Int(out []byte, v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return append(out, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		return append(out, byte(247+v>>8), byte(v))
	case v <= -108 && v >= -1131:
		v = -v - 108
		return append(out, byte(251+v>>8), byte(v))
	}
	return append(out, 28, byte(v>>8), byte(v))
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
	lo, hi := 0, n // the last range whose first glyph is <= g
	for lo < hi {
		m := (lo + hi) / 2
		if int(binary.BigEndian.Uint16(fdsel[3+3*m:])) <= g {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return 0
	}
	return int(fdsel[3+3*(lo-1)+2])
}
