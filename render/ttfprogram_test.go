package render

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"os"
	"reflect"
	"slices"
	"testing"

	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"

	"printd/fonts"
	"printd/internal/sfnt"
	"printd/render/internal/zstream"
)

// TestSubsetTrueTypeSpliced subsets a TrueType face and checks the
// program and its spliced zlib stream: the stream must inflate (Adler-32
// included) to exactly the program, the program must parse with every
// kept glyph's outline equal to the full font's and every other glyph
// empty, and the table directory must point at each table's bytes. A
// second document with other glyphs must reuse the face's deflated
// tables and still inflate to its own program.
func TestSubsetTrueTypeSpliced(t *testing.T) {
	face := fonts.System().Pick('ب', fonts.Want{Lang: "ar"})
	if face == nil || face.Font().CFF() {
		t.Skip("no TrueType font for Arabic installed (fonts-noto-core)")
	}
	checkSpliced(t, face, []string{"مرحبا بالعالم 123", "الصحافة العربية اليوم (ABC)", ""})
	// a face whose glyf is over 128 KB: every glyph needs long loca offsets
	face = fonts.System().Pick('a', fonts.Want{Role: fonts.RoleSerif})
	if face == nil || face.Font().CFF() {
		t.Skip("no TrueType serif font installed (fonts-noto-core)")
	}
	if !checkSpliced(t, face, []string{"Glyphs, kept: fi ffl 123", ""}) {
		t.Errorf("%s: a subset of every glyph should need long loca offsets", face.Font().Name())
	}
}

// checkSpliced checks the subsets of face for the texts ("" is every
// glyph) and reports whether one of them had long loca offsets.
func checkSpliced(t *testing.T, face *fonts.SysFace, texts []string) bool {
	t.Helper()
	ft := face.Font()
	raw, err := os.ReadFile(face.Path())
	if err != nil {
		t.Fatal(err)
	}
	if face.Index() != 0 {
		t.Skip("the face is in a collection")
	}
	fullLoader, err := ot.NewLoader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	fullGlyf := parseGlyf(t, fullLoader.RawTable, ft.NumGlyphs())
	var z zstream.Deflater
	defer z.Release()
	long := false
	for _, text := range texts {
		used := map[uint16]bool{}
		for _, r := range text {
			if g, ok := ft.Glyph(r); ok {
				used[g] = true
			}
		}
		if text == "" { // every glyph: loca with long offsets if glyf is over 128 KB
			for g := range ft.NumGlyphs() {
				used[uint16(g)] = true
			}
		}
		s, err := subsetTrueType(faceTTFTables(face), ft.Table, ft.NumGlyphs(), used)
		if err != nil {
			t.Fatal(err)
		}
		prog := s.bytes()
		if len(prog) != s.size {
			t.Fatalf("size %d, program has %d bytes", s.size, len(prog))
		}
		packed := s.deflate(&z)
		if again := s.deflate(&z); !bytes.Equal(packed, again) {
			t.Fatal("deflating the same subset twice gave different bytes")
		}
		zr, err := zlib.NewReader(bytes.NewReader(packed))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("spliced stream does not inflate: %v", err)
		}
		if !bytes.Equal(got, prog) {
			t.Fatalf("spliced stream inflates to %d bytes that differ from the %d-byte program", len(got), len(prog))
		}
		// the directory: sorted tags, each table where it says, with its checksum
		n := int(binary.BigEndian.Uint16(prog[4:]))
		var tags []string
		for i := 0; i < n; i++ {
			e := prog[12+16*i:]
			tag := string(e[:4])
			tags = append(tags, tag)
			at, l := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
			if at+l > len(prog) {
				t.Fatalf("table %q beyond the program", tag)
			}
			if tag != "head" && sfnt.Checksum(prog[at:at+l]) != binary.BigEndian.Uint32(e[4:]) {
				t.Errorf("table %q: checksum does not match", tag)
			}
			if want := ft.Table(tag); tag != "head" && tag != "post" && tag != "glyf" && tag != "loca" && !bytes.Equal(prog[at:at+l], want) {
				t.Errorf("table %q differs from the font's", tag)
			}
		}
		if !slices.IsSorted(tags) {
			t.Errorf("table directory not sorted: %v", tags)
		}
		sub, err := ot.NewLoader(bytes.NewReader(prog))
		if err != nil {
			t.Fatalf("subset does not parse: %v", err)
		}
		subGlyf := parseGlyf(t, sub.RawTable, ft.NumGlyphs())
		if h, _ := sub.RawTable(ot.MustNewTag("head")); binary.BigEndian.Uint16(h[50:]) == 1 {
			long = true
		}
		drawn := 0
		for g := range subGlyf {
			if used[uint16(g)] || g == 0 {
				if !reflect.DeepEqual(subGlyf[g], fullGlyf[g]) {
					t.Errorf("glyph %d differs from the full font's", g)
				}
			}
			if subGlyf[g].Data != nil {
				drawn++
			}
		}
		if drawn == 0 || drawn > 3*len(used)+8 {
			t.Errorf("subset draws %d glyphs for %d used", drawn, len(used))
		}
	}
	return long
}

func parseGlyf(t *testing.T, table func(ot.Tag) ([]byte, error), numGlyphs int) tables.Glyf {
	t.Helper()
	get := func(tag string) []byte {
		b, err := table(ot.MustNewTag(tag))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	head, _, err := tables.ParseHead(get("head"))
	if err != nil {
		t.Fatal(err)
	}
	loca, err := tables.ParseLoca(get("loca"), numGlyphs, head.IndexToLocFormat == 1)
	if err != nil {
		t.Fatal(err)
	}
	glyf, err := tables.ParseGlyf(get("glyf"), loca)
	if err != nil {
		t.Fatal(err)
	}
	return glyf
}

// bytes returns the whole program, as the PDF's stream holds it inflated.
func (s ttfSubset) bytes() []byte {
	return slices.Concat(s.dir, s.tt.block, s.tail)
}
