package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Font programs of the Type0 fonts, subset by glyph. Glyph IDs are kept
// (the content stream shows them as CIDs through Identity-H and, for
// TrueType outlines, CIDToGIDMap /Identity): the glyphs a document does not
// use are emptied rather than removed, which keeps the subset simple and
// the IDs equal to those the shaper produced (and to hb-shape's).
//   - TrueType outlines (glyf): a new sfnt with the used glyphs (and the
//     components of composite ones) in glyf, every other glyph empty, and
//     only the tables a PDF reader needs.
//   - CFF outlines (Noto CJK): a CID-keyed CFF whose CharStrings INDEX
//     holds the used charstrings only, the charset giving each its glyph
//     ID as its CID; only the subroutines they call and the font
//     dictionaries they use are kept (cffsubrs.go). The font's INDEXes
//     are read in place, never copied whole.

var errFontProgram = errors.New("font program")

// cffIndex is a CFF INDEX read in place: its items are found from its
// offsets when asked for, so that the 65,535 charstrings and the tens of
// thousands of subroutines of a CJK font cost nothing until used.
type cffIndex struct {
	b       []byte
	at      int // the INDEX's offset in b
	count   int
	offSize int
	end     int // offset just past the INDEX
}

func readCFFIndex(b []byte, at int) (cffIndex, error) {
	if at < 0 || at+2 > len(b) {
		return cffIndex{}, fmt.Errorf("%w: CFF INDEX beyond the table", errFontProgram)
	}
	count := int(binary.BigEndian.Uint16(b[at:]))
	if count == 0 {
		return cffIndex{b: b, at: at, end: at + 2}, nil
	}
	if at+3 > len(b) {
		return cffIndex{}, fmt.Errorf("%w: short CFF INDEX", errFontProgram)
	}
	offSize := int(b[at+2])
	if offSize < 1 || offSize > 4 || at+3+(count+1)*offSize > len(b) {
		return cffIndex{}, fmt.Errorf("%w: bad CFF INDEX", errFontProgram)
	}
	x := cffIndex{b: b, at: at, count: count, offSize: offSize}
	x.end = x.base() + x.off(count)
	if x.off(0) != 1 || x.end > len(b) {
		return cffIndex{}, fmt.Errorf("%w: bad CFF INDEX offsets", errFontProgram)
	}
	return x, nil
}

// base is what item offsets are relative to.
func (x cffIndex) base() int { return x.at + 3 + (x.count+1)*x.offSize - 1 }

func (x cffIndex) off(i int) int {
	p := x.at + 3 + i*x.offSize
	v := 0
	for _, c := range x.b[p : p+x.offSize] {
		v = v<<8 | int(c)
	}
	return v
}

// item returns item i, or nil when i or its offsets are out of range.
func (x cffIndex) item(i int) []byte {
	if i < 0 || i >= x.count {
		return nil
	}
	s, e := x.base()+x.off(i), x.base()+x.off(i+1)
	if s > e || e > x.end {
		return nil
	}
	return x.b[s:e]
}

// raw returns the INDEX's bytes, to be copied whole.
func (x cffIndex) raw() []byte { return x.b[x.at:x.end] }

func appendCFFIndex(out []byte, items [][]byte) []byte {
	out = binary.BigEndian.AppendUint16(out, uint16(len(items)))
	if len(items) == 0 {
		return out
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	offSize := 1
	for total >= 1<<(8*offSize) {
		offSize++
	}
	out = append(out, byte(offSize))
	o := 1
	put := func(v int) {
		for k := offSize - 1; k >= 0; k-- {
			out = append(out, byte(v>>(8*k)))
		}
	}
	for _, it := range items {
		put(o)
		o += len(it)
	}
	put(o)
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// cffOp is one DICT entry: operand bytes and the operator (12 x as 1200+x).
type cffOp struct {
	operands []byte
	op       int
}

func parseCFFDict(d []byte) ([]cffOp, error) {
	var ops []cffOp
	start := 0
	for i := 0; i < len(d); {
		b := d[i]
		switch {
		case b <= 21:
			op := int(b)
			n := 1
			if b == 12 {
				if i+1 >= len(d) {
					return nil, fmt.Errorf("%w: bad CFF DICT", errFontProgram)
				}
				op, n = 1200+int(d[i+1]), 2
			}
			ops = append(ops, cffOp{operands: d[start:i], op: op})
			i += n
			start = i
		case b == 28:
			i += 3
		case b == 29:
			i += 5
		case b == 30:
			i++
			for i < len(d) {
				c := d[i]
				i++
				if c&0x0F == 0x0F || c&0xF0 == 0xF0 {
					break
				}
			}
		case b >= 32 && b <= 246:
			i++
		case b >= 247 && b <= 254:
			i += 2
		default:
			return nil, fmt.Errorf("%w: bad CFF DICT operand", errFontProgram)
		}
	}
	return ops, nil
}

// cffInts decodes the integer operands of a DICT entry.
func cffInts(b []byte) []int {
	var out []int
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == 28 && i+2 < len(b):
			out = append(out, int(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
		case c == 29 && i+4 < len(b):
			out = append(out, int(int32(binary.BigEndian.Uint32(b[i+1:]))))
			i += 5
		case c >= 32 && c <= 246:
			out = append(out, int(c)-139)
			i++
		case c >= 247 && c <= 250 && i+1 < len(b):
			out = append(out, (int(c)-247)*256+int(b[i+1])+108)
			i += 2
		case c >= 251 && c <= 254 && i+1 < len(b):
			out = append(out, -(int(c)-251)*256-int(b[i+1])-108)
			i += 2
		case c == 30:
			i++
			for i < len(b) && b[i]&0x0F != 0x0F && b[i]&0xF0 != 0xF0 {
				i++
			}
			i++
			out = append(out, 0)
		default:
			i++
		}
	}
	return out
}

func cffInt5(v int) []byte { return binary.BigEndian.AppendUint32([]byte{29}, uint32(int32(v))) }

func appendCFFDict(out []byte, ops []cffOp) []byte {
	for _, o := range ops {
		out = append(out, o.operands...)
		if o.op >= 1200 {
			out = append(out, 12, byte(o.op-1200))
		} else {
			out = append(out, byte(o.op))
		}
	}
	return out
}

// subsetCFF returns a CID-keyed CFF with the used charstrings only (and
// glyph 0), each keeping its glyph ID as its CID through the charset, the
// subroutines they call (cffsubrs.go) and the font dictionaries they use.
func subsetCFF(cff []byte, used map[uint16]bool) ([]byte, error) {
	return subsetCFFRenumbering(cff, used, true)
}

// subsetCFFRenumbering is subsetCFF; renumber false keeps the subroutines
// at their indices even where calls could be rewritten.
func subsetCFFRenumbering(cff []byte, used map[uint16]bool, renumber bool) ([]byte, error) {
	if len(cff) < 4 {
		return nil, fmt.Errorf("%w: short CFF", errFontProgram)
	}
	hdrSize := int(cff[2])
	names, err := readCFFIndex(cff, hdrSize)
	if err != nil {
		return nil, err
	}
	tops, err := readCFFIndex(cff, names.end)
	if err != nil || tops.count != 1 {
		return nil, fmt.Errorf("%w: need one Top DICT (%v)", errFontProgram, err)
	}
	strs, err := readCFFIndex(cff, tops.end)
	if err != nil {
		return nil, err
	}
	gsubrs, err := readCFFIndex(cff, strs.end)
	if err != nil {
		return nil, err
	}
	top, err := parseCFFDict(tops.item(0))
	if err != nil {
		return nil, err
	}
	get := func(op int) []int {
		for _, o := range top {
			if o.op == op {
				return cffInts(o.operands)
			}
		}
		return nil
	}
	cs := get(17)
	fdArray, fdSelect := get(1236), get(1237)
	if len(cs) != 1 || get(1230) == nil || len(fdArray) != 1 || len(fdSelect) != 1 {
		return nil, fmt.Errorf("%w: not a CID-keyed CFF", errFontProgram)
	}
	chars, err := readCFFIndex(cff, cs[0])
	if err != nil {
		return nil, err
	}
	n := chars.count
	fds, err := readCFFIndex(cff, fdArray[0])
	if err != nil {
		return nil, err
	}
	fs := fdSelect[0]
	var fdsel []byte
	switch {
	case fs >= 0 && fs < len(cff) && cff[fs] == 0 && fs+1+n <= len(cff):
		fdsel = cff[fs : fs+1+n]
	case fs >= 0 && fs+3 <= len(cff) && cff[fs] == 3:
		nr := int(binary.BigEndian.Uint16(cff[fs+1:]))
		if fs+3+3*nr+2 > len(cff) {
			return nil, fmt.Errorf("%w: bad FDSelect", errFontProgram)
		}
		fdsel = cff[fs : fs+3+3*nr+2]
	default:
		return nil, fmt.Errorf("%w: unsupported FDSelect", errFontProgram)
	}
	// charstrings: glyph 0 and the used ones, in glyph order; the charset
	// gives each its glyph ID as its CID, so the content's codes (glyph
	// IDs, Identity-H) and the widths keep theirs
	gids := make([]int, 1, len(used)+1)
	for g := range used {
		if int(g) >= n {
			return nil, fmt.Errorf("%w: glyph %d of a font with %d", errFontProgram, g, n)
		}
		if g != 0 {
			gids = append(gids, int(g))
		}
	}
	slices.Sort(gids[1:])
	glyphFD := make([]int, len(gids))
	for i, g := range gids {
		if glyphFD[i] = fdOf(fdsel, g); glyphFD[i] >= fds.count {
			return nil, fmt.Errorf("%w: glyph %d in font dictionary %d of %d", errFontProgram, g, glyphFD[i], fds.count)
		}
	}
	// each used Font DICT's Private DICT and its local subrs
	type private struct {
		font  []cffOp
		dict  []cffOp
		subrs cffIndex
		used  []bool
		kept  subrSet
		block []byte
		size  int
	}
	privs := make([]*private, fds.count)
	for _, fd := range glyphFD {
		if privs[fd] != nil {
			continue
		}
		p := &private{}
		privs[fd] = p
		if p.font, err = parseCFFDict(fds.item(fd)); err != nil {
			return nil, err
		}
		for _, o := range p.font {
			if o.op != 18 {
				continue
			}
			v := cffInts(o.operands)
			if len(v) != 2 || v[0] < 0 || v[1] < 0 || v[1]+v[0] > len(cff) {
				return nil, fmt.Errorf("%w: bad Private", errFontProgram)
			}
			size, at := v[0], v[1]
			if p.dict, err = parseCFFDict(cff[at : at+size]); err != nil {
				return nil, err
			}
			for _, po := range p.dict {
				if po.op == 19 {
					if sv := cffInts(po.operands); len(sv) == 1 {
						if p.subrs, err = readCFFIndex(cff, at+sv[0]); err != nil {
							return nil, err
						}
						p.used = make([]bool, p.subrs.count)
					}
				}
			}
		}
	}
	// the subroutines the kept glyphs call, and where
	w := subrWalker{global: gsubrs, usedGlobal: make([]bool, gsubrs.count), sites: make(map[csRef]csRun, 4*len(gids))}
	for i, g := range gids {
		p := privs[glyphFD[i]]
		w.glyph(g, chars.item(g), glyphFD[i], p.subrs, p.used)
	}
	// Renumbered: the used subroutines only, in their old order. When a
	// call cannot be rewritten: every subroutine at its index, the unused
	// ones emptied, and the charstrings as they are.
	renumber = renumber && !w.bad
	ret := []byte{11}
	gKept := keptSubrs(w.usedGlobal, !renumber)
	for _, p := range privs {
		if p != nil {
			p.kept = keptSubrs(p.used, !renumber)
		}
	}
	rewrite := func(cs []byte, ref csRef, fd int) []byte {
		if !renumber {
			return cs
		}
		return renumberCalls(cs, w.sites[ref].sites, func(s callSite) int {
			if s.global {
				return gKept.rank(s.old) - subrBias(gKept.count())
			}
			k := privs[fd].kept
			return k.rank(s.old) - subrBias(k.count())
		})
	}
	subrItems := func(x cffIndex, used []bool, set subrSet, kind uint8, fd int) [][]byte {
		items := make([][]byte, 0, set.count())
		if renumber {
			for _, i := range set.kept {
				items = append(items, rewrite(x.item(int(i)), csRef{kind: kind, fd: uint16(max(fd, 0)), n: i}, fd))
			}
			return items
		}
		for i, u := range used {
			if u {
				items = append(items, x.item(i))
			} else {
				items = append(items, ret)
			}
		}
		return items
	}
	gsubrItems := subrItems(gsubrs, w.usedGlobal, gKept, csGlobal, -1)
	// the font dictionaries the kept glyphs use, in their old order
	fdNew := make([]int, fds.count)
	var fdUsed []int
	for fd, p := range privs {
		if p != nil {
			fdNew[fd] = len(fdUsed)
			fdUsed = append(fdUsed, fd)
		}
	}
	if len(fdUsed) > 255 {
		return nil, fmt.Errorf("%w: %d font dictionaries", errFontProgram, len(fdUsed))
	}
	items := make([][]byte, len(gids))
	charset := make([]byte, 1, 1+2*len(gids)) // format 0: a CID per glyph after .notdef
	newSel := make([]byte, 1, 1+len(gids))    // format 0: a font dictionary per glyph
	for i, g := range gids {
		items[i] = rewrite(chars.item(g), csRef{kind: csGlyph, n: int32(g)}, glyphFD[i])
		if i > 0 {
			charset = binary.BigEndian.AppendUint16(charset, uint16(g))
		}
		newSel = append(newSel, byte(fdNew[glyphFD[i]]))
	}
	for _, fd := range fdUsed {
		p := privs[fd]
		d := make([]cffOp, 0, len(p.dict)+1)
		for _, o := range p.dict {
			if o.op != 19 {
				d = append(d, o)
			}
		}
		if p.kept.count() > 0 {
			d = append(d, cffOp{cffInt5(0), 19})
			n := len(appendCFFDict(nil, d))
			d[len(d)-1] = cffOp{cffInt5(n), 19}
		}
		p.block = appendCFFDict(nil, d)
		p.size = len(p.block)
		if p.kept.count() > 0 {
			p.block = appendCFFIndex(p.block, subrItems(p.subrs, p.used, p.kept, csLocal, fd))
		}
	}
	// Lay out: header, Name, Top DICT, String, GSubrs, charset, FDSelect,
	// CharStrings, FDArray, Private blocks. Offsets in DICTs are 5-byte
	// integers, so sizes are known before the offsets.
	newTop := make([]cffOp, 0, len(top))
	for _, o := range top {
		switch o.op {
		case 15, 17, 1236, 1237:
			continue
		}
		newTop = append(newTop, o)
	}
	// ROS must come first in a CID-keyed font
	slices.SortStableFunc(newTop, func(a, b cffOp) int {
		switch {
		case a.op == 1230 && b.op != 1230:
			return -1
		case b.op == 1230 && a.op != 1230:
			return 1
		}
		return 0
	})
	offsetsTop := func(charsetAt, fdselAt, csAt, fdAt int) []cffOp {
		t := slices.Clone(newTop)
		return append(t, cffOp{cffInt5(charsetAt), 15}, cffOp{cffInt5(csAt), 17}, cffOp{cffInt5(fdAt), 1236}, cffOp{cffInt5(fdselAt), 1237})
	}
	topLen := len(appendCFFIndex(nil, [][]byte{appendCFFDict(nil, offsetsTop(0, 0, 0, 0))}))
	pre := append(slices.Clone(cff[:hdrSize]), names.raw()...)
	afterTop := append(slices.Clone(strs.raw()), appendCFFIndex(nil, gsubrItems)...)
	charsetAt := len(pre) + topLen + len(afterTop)
	fdselAt := charsetAt + len(charset)
	csAt := fdselAt + len(newSel)
	csIndex := appendCFFIndex(nil, items)
	fdAt := csAt + len(csIndex)
	fontDicts := func(privAt []int) [][]byte {
		out := make([][]byte, len(fdUsed))
		for i, fd := range fdUsed {
			var d []cffOp
			for _, o := range privs[fd].font {
				if o.op == 18 {
					o = cffOp{append(cffInt5(privs[fd].size), cffInt5(privAt[i])...), 18}
				}
				d = append(d, o)
			}
			out[i] = appendCFFDict(nil, d)
		}
		return out
	}
	privAt := make([]int, len(fdUsed))
	fdIndexLen := len(appendCFFIndex(nil, fontDicts(privAt)))
	at := fdAt + fdIndexLen
	for i, fd := range fdUsed {
		privAt[i] = at
		at += len(privs[fd].block)
	}
	out := make([]byte, 0, at)
	out = append(out, pre...)
	out = appendCFFIndex(out, [][]byte{appendCFFDict(nil, offsetsTop(charsetAt, fdselAt, csAt, fdAt))})
	out = append(out, afterTop...)
	out = append(out, charset...)
	out = append(out, newSel...)
	out = append(out, csIndex...)
	out = appendCFFIndex(out, fontDicts(privAt))
	for _, fd := range fdUsed {
		out = append(out, privs[fd].block...)
	}
	if len(out) != at {
		return nil, fmt.Errorf("%w: CFF layout %d bytes, wrote %d", errFontProgram, at, len(out))
	}
	return out, nil
}
