package sfnt

import (
	"bytes"
	"testing"
)

// TestAssembleReadsBack writes a file of three tables and reads it back:
// each table where the directory says, the header's search fields as the
// format defines them, and the whole file summing to 0xB1B0AFBA.
func TestAssembleReadsBack(t *testing.T) {
	head := make([]byte, 54)
	head[18] = 4 // unitsPerEm 1024
	tables := map[string][]byte{"head": head, "name": []byte("abcde"), "OS/2": {1, 2, 3}}
	file := Assemble(tables)
	got, err := Directory(file, 0)
	if err != nil {
		t.Fatal(err)
	}
	for tag, want := range tables {
		if tag != "head" && !bytes.Equal(got[tag], want) {
			t.Errorf("%q: read back %v, want %v", tag, got[tag], want)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d tables read back, want 3", len(got))
	}
	if sr, sel, shift := be.Uint16(file[6:]), be.Uint16(file[8:]), be.Uint16(file[10:]); sr != 32 || sel != 1 || shift != 16 {
		t.Errorf("searchRange %d, entrySelector %d, rangeShift %d; want 32, 1, 16", sr, sel, shift)
	}
	if sum := Checksum(file); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
	}
	if Checksum([]byte{1, 2, 3, 4, 5}) != 0x01020304+0x05000000 {
		t.Error("the checksum does not pad a short tail with zeros")
	}
}

// TestEachComponent walks a composite glyph of two components (the first
// with word arguments and a scale) and one cut short after its first.
func TestEachComponent(t *testing.T) {
	glyph := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0x29, 0, 7, 0, 1, 0, 2, 0x40, 0, // words, scale, more: glyph 7
		0, 0x00, 0, 9, 1, 2} // bytes: glyph 9
	var ids []int
	if err := EachComponent(glyph, func(at int) { ids = append(ids, int(be.Uint16(glyph[at:]))) }); err != nil || len(ids) != 2 || ids[0] != 7 || ids[1] != 9 {
		t.Errorf("components %v (%v), want [7 9]", ids, err)
	}
	ids = nil
	if err := EachComponent(glyph[:22], func(at int) { ids = append(ids, int(be.Uint16(glyph[at:]))) }); err == nil || len(ids) != 1 {
		t.Errorf("a cut composite: components %v, error %v; want [7] and an error", ids, err)
	}
	simple := []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if err := EachComponent(simple, func(int) { t.Error("a simple glyph has components") }); err != nil {
		t.Error(err)
	}
}
