package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"slices"
	"sort"

	"printd/fonts"
	"printd/internal/sfnt"
	"printd/render/internal/zstream"
)

// TrueType font programs (FontFile2) subset by glyph, and their
// compression. Of the tables a subset keeps only glyf and loca depend on
// the glyphs a document uses; the others (cvt, fpgm, prep, hmtx, name,
// OS/2…, some 12 KB of a 20–34 KB subset) are the same in every document
// (head too, but for loca's format: short offsets while glyf is under
// 128 KB, which halves the loca to deflate). So the program is laid out as
//
//	table directory | head | glyph-independent tables | loca | glyf
//
// (the directory stays sorted by tag; only the tables' data is in this
// order), and its zlib stream is spliced from three raw deflate parts:
// the directory with head, the glyph-independent block — deflated once per
// process and face, kept on the face (fonts.SysFace.Derived) — and loca
// with glyf.
// Each part but the last ends in a sync flush (an empty stored block that
// ends on a byte boundary), and each later part is a fresh deflate stream
// that refers to nothing before it, so their concatenation is one valid
// deflate stream; the zlib header is written once and the Adler-32 is
// taken over the whole program.

// ttfTables is a face's glyph-independent subset tables, laid out and
// deflated once.
type ttfTables struct {
	tags   []string // sorted
	at     []int    // each table's offset in block
	lens   []int
	sums   []uint32 // each table's checksum
	head   []byte   // head, checkSumAdjustment zeroed
	block  []byte   // the tables, each padded to 4 bytes
	packed []byte   // block as raw deflate data ending in a sync flush
	long   bool     // the source font's loca has 32-bit offsets
	err    error
}

// ttfTablesKey keys a face's ttfTables in fonts.SysFace.Derived.
type ttfTablesKey struct{}

func faceTTFTables(f *fonts.SysFace) *ttfTables {
	return f.Derived(ttfTablesKey{}, func(f *fonts.SysFace) any { return newTTFTables(f.Font().Table) }).(*ttfTables)
}

func newTTFTables(tables func(string) []byte) *ttfTables {
	head, loca, glyf := tables("head"), tables("loca"), tables("glyf")
	if len(head) < 54 || loca == nil || glyf == nil {
		return &ttfTables{err: fmt.Errorf("%w: missing head, loca or glyf", errFontProgram)}
	}
	newHead := slices.Clone(head)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment
	out := map[string][]byte{
		"post": {0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}
	if p := tables("post"); len(p) >= 32 {
		copy(out["post"][4:32], p[4:32]) // italic angle, underline, fixed pitch, memory hints
	}
	for _, t := range []string{"hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep", "OS/2", "name"} {
		if b := tables(t); b != nil {
			out[t] = b
		}
	}
	for _, t := range []string{"hhea", "hmtx", "maxp"} {
		if out[t] == nil {
			return &ttfTables{err: fmt.Errorf("%w: no %s table", errFontProgram, t)}
		}
	}
	tt := &ttfTables{long: binary.BigEndian.Uint16(head[50:]) == 1, head: newHead}
	for t := range out {
		tt.tags = append(tt.tags, t)
	}
	sort.Strings(tt.tags)
	for _, t := range tt.tags {
		b := out[t]
		tt.at = append(tt.at, len(tt.block))
		tt.lens = append(tt.lens, len(b))
		tt.sums = append(tt.sums, sfnt.Checksum(b))
		tt.block = append(tt.block, b...)
		for len(tt.block)%4 != 0 {
			tt.block = append(tt.block, 0)
		}
	}
	var buf bytes.Buffer
	var d zstream.Deflater
	defer d.Release()
	fw := d.Writer(&buf)
	fw.Write(tt.block)
	fw.Flush()
	tt.packed = buf.Bytes()
	return tt
}

// ttfSubset is a subset TrueType program in its three parts.
type ttfSubset struct {
	dir   []byte // the offset table and table directory, then head
	tt    *ttfTables
	tail  []byte // loca and glyf
	size  int
	adler uint32
}

// subsetTrueType returns an sfnt holding only the glyphs used (and glyph
// 0) of a face with TrueType outlines, keeping glyph IDs. tt is the face's
// glyph-independent tables.
func subsetTrueType(tt *ttfTables, tables func(string) []byte, numGlyphs int, used map[uint16]bool) (ttfSubset, error) {
	if tt.err != nil {
		return ttfSubset{}, tt.err
	}
	loca, glyf := tables("loca"), tables("glyf")
	glyph := func(g int) ([]byte, error) { return sfnt.Glyph(loca, glyf, g, tt.long) }
	keep := map[int]bool{0: true}
	var add func(g, depth int)
	add = func(g, depth int) {
		if g >= numGlyphs || keep[g] && g != 0 || depth > 8 {
			return
		}
		keep[g] = true
		data, err := glyph(g)
		if err != nil {
			return
		}
		// a composite glyph cut short keeps the components before the
		// cut (the walk's error says no more than that)
		_ = sfnt.EachComponent(data, func(at int) {
			add(int(binary.BigEndian.Uint16(data[at:])), depth+1)
		})
	}
	for g := range used {
		// a glyph the text draws must be in the font (as for CFF):
		// skipped, it would print as nothing
		if int(g) >= numGlyphs {
			return ttfSubset{}, fmt.Errorf("%w: glyph %d of %d", errFontProgram, g, numGlyphs)
		}
		if _, err := glyph(int(g)); err != nil {
			return ttfSubset{}, fmt.Errorf("%w: %w", errFontProgram, err)
		}
		add(int(g), 0)
	}
	// glyf first, then loca in front of it: short offsets (half the
	// offset) while they fit, else long ones
	glyfData := make([]byte, 0, 1024)
	offsets := make([]int, numGlyphs+1)
	for g := 0; g < numGlyphs; g++ {
		offsets[g] = len(glyfData)
		if !keep[g] {
			continue
		}
		if data, err := glyph(g); err == nil {
			glyfData = append(glyfData, data...)
			for len(glyfData)%4 != 0 {
				glyfData = append(glyfData, 0)
			}
		}
	}
	offsets[numGlyphs] = len(glyfData)
	short := len(glyfData) <= 2*0xFFFF
	locaLen := 4 * (numGlyphs + 1)
	if short {
		locaLen = (2*(numGlyphs+1) + 3) &^ 3
	}
	tail := make([]byte, locaLen, locaLen+len(glyfData))
	for g, o := range offsets {
		if short {
			binary.BigEndian.PutUint16(tail[2*g:], uint16(o/2))
		} else {
			binary.BigEndian.PutUint32(tail[4*g:], uint32(o))
		}
	}
	tail = append(tail, glyfData...)
	glyfLen := len(glyfData)
	head := slices.Clone(tt.head)
	if short {
		binary.BigEndian.PutUint16(head[50:], 0)
	} else {
		binary.BigEndian.PutUint16(head[50:], 1)
	}

	// the directory sorted by tag; the data laid out head, the
	// glyph-independent block, loca, glyf
	n := len(tt.tags) + 3
	hs := sfnt.DirectorySize(n)
	headLen := (len(head) + 3) &^ 3
	blockAt := hs + headLen
	locaAt := blockAt + len(tt.block)
	records := make([]sfnt.TableRecord, 0, n)
	i := 0
	for _, t := range slices.Sorted(slices.Values(append(slices.Clone(tt.tags), "glyf", "head", "loca"))) {
		switch t {
		case "glyf":
			records = append(records, sfnt.TableRecord{Tag: t, Checksum: sfnt.Checksum(tail[locaLen:]), Offset: locaAt + locaLen, Length: glyfLen})
		case "head":
			records = append(records, sfnt.TableRecord{Tag: t, Checksum: sfnt.Checksum(head), Offset: hs, Length: len(head)})
		case "loca":
			l := 4 * (numGlyphs + 1)
			if short {
				l = 2 * (numGlyphs + 1)
			}
			records = append(records, sfnt.TableRecord{Tag: t, Checksum: sfnt.Checksum(tail[:l]), Offset: locaAt, Length: l})
		default:
			records = append(records, sfnt.TableRecord{Tag: t, Checksum: tt.sums[i], Offset: blockAt + tt.at[i], Length: tt.lens[i]})
			i++
		}
	}
	dir := sfnt.AppendDirectory(make([]byte, 0, hs+headLen), records)
	dir = append(dir, head...)
	for len(dir)%4 != 0 {
		dir = append(dir, 0)
	}
	h := adler32.New()
	h.Write(dir)
	h.Write(tt.block)
	h.Write(tail)
	return ttfSubset{dir: dir, tt: tt, tail: tail, size: len(dir) + len(tt.block) + len(tail), adler: h.Sum32()}, nil
}

// deflate returns a subset program as a zlib stream, its
// glyph-independent tables spliced in already deflated.
func (s ttfSubset) deflate(d *zstream.Deflater) []byte {
	buf := bytes.NewBuffer(make([]byte, 0, len(s.tt.packed)+len(s.dir)+len(s.tail)/2+64))
	buf.WriteString(zstream.Header)
	fw := d.Writer(buf)
	fw.Write(s.dir)
	fw.Flush()
	buf.Write(s.tt.packed)
	fw.Reset(buf)
	fw.Write(s.tail)
	fw.Close()
	return binary.BigEndian.AppendUint32(buf.Bytes(), s.adler)
}
