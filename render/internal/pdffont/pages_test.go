package pdffont

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"printd/fonts"
	"printd/internal/sfnt"
)

// TestPagesCoverFace checks that every character a face has (bar control
// characters) is in some page, under a code that gives it back, and that
// the pages keep their promises: standard pages hold their code page's
// characters at the code page's codes, further pages hold the rest, each
// character in one of them only, and every page has the space.
func TestPagesCoverFace(t *testing.T) {
	for _, f := range embeddedFaces(t) {
		t.Run(f.Name(), func(t *testing.T) {
			ps := For(f)
			if ps.Len() <= NumStandard {
				t.Fatalf("%d pages, want more than the %d standard ones", ps.Len(), NumStandard)
			}
			for i := range ps.Len() {
				pg := ps.Page(i)
				if pg.Index() != i || pg.Face() != f {
					t.Fatalf("page %d says it is page %d of %s", i, pg.Index(), pg.Face().Name())
				}
				if pg.Rune(' ') != ' ' {
					t.Errorf("page %s has no space", pg.ID())
				}
				for c := range 256 {
					r := pg.Rune(byte(c))
					if r == 0 {
						continue
					}
					if c < 32 {
						t.Errorf("page %s uses code %d", pg.ID(), c)
					}
					if got, ok := ps.Encode(i, r); !ok || int(got) != c {
						t.Errorf("page %s: Encode(%U) = %d, %v; the page has it at %d", pg.ID(), r, got, ok, c)
					}
				}
			}
			for i, sp := range standardPages {
				if id := ps.Page(i).ID(); id != sp.id {
					t.Errorf("standard page %d is %s, want %s", i, id, sp.id)
				}
			}
			covered := 0
			for r := rune(0); r <= 0xFFFF; r++ {
				std, further := ps.Lookup(r)
				if !f.Has(r) || unicode.IsControl(r) {
					if std != 0 || further >= 0 {
						t.Errorf("%U: the face cannot draw it, yet Lookup = %b, %d", r, std, further)
					}
					continue
				}
				covered++
				switch {
				case std != 0 && further >= 0:
					t.Errorf("%U is in standard and further pages", r)
				case std == 0 && further < NumStandard:
					t.Errorf("%U: in no page (Lookup = %b, %d)", r, std, further)
				}
				for i := range NumStandard {
					c, ok := ps.Encode(i, r)
					if in := std&(1<<i) != 0; ok != in {
						t.Errorf("%U: Encode(%s) ok = %v, Lookup says %v", r, ps.Page(i).ID(), ok, in)
					}
					if ok && ps.Page(i).Rune(c) != r {
						t.Errorf("%U: code %d of %s is %U", r, c, ps.Page(i).ID(), ps.Page(i).Rune(c))
					}
				}
				if further >= 0 {
					c, ok := ps.Encode(further, r)
					if !ok || ps.Page(further).Rune(c) != r {
						t.Errorf("%U: not at its place in page %s", r, ps.Page(further).ID())
					}
				}
			}
			if covered < 1500 {
				t.Errorf("only %d characters covered", covered)
			}
			for _, r := range []rune{-1, 0x10000, 0x1F600, unicode.MaxRune + 1} {
				if std, further := ps.Lookup(r); std != 0 || further >= 0 {
					t.Errorf("Lookup(%U) = %b, %d", r, std, further)
				}
				if _, ok := ps.Encode(0, r); ok {
					t.Errorf("Encode(cp1252, %U) ok", r)
				}
			}
		})
	}
}

// TestStandardPages spot-checks the code page tables.
func TestStandardPages(t *testing.T) {
	tests := []struct {
		page string
		code byte
		r    rune
	}{
		{"cp1252", 0x80, '€'}, {"cp1252", 0x93, '“'}, {"cp1252", 0x97, '—'}, {"cp1252", 0xE9, 'é'},
		{"cp1250", 0xA3, 'Ł'}, {"cp1250", 0x9A, 'š'}, {"cp1250", 0xF5, 'ő'},
		{"cp1251", 0xC0, 'А'}, {"cp1251", 0xFF, 'я'}, {"cp1251", 0xB9, '№'}, {"cp1251", 0xA8, 'Ё'}, {"cp1251", 0xBA, 'є'},
		{"cp1253", 0xC1, 'Α'}, {"cp1253", 0xDC, 'ά'}, {"cp1253", 0xF2, 'ς'},
		{"cp1257", 0xE0, 'ą'}, {"cp1257", 0xFE, 'ž'},
		{"cp1254", 0xD0, 'Ğ'}, {"cp1254", 0xFD, 'ı'}, {"cp1254", 0xDD, 'İ'},
	}
	ps := For(embeddedFaces(t)[0])
	for _, tt := range tests {
		i := pageIndex(t, ps, tt.page)
		if got := ps.Page(i).Rune(tt.code); got != tt.r {
			t.Errorf("%s code %#x = %q, want %q", tt.page, tt.code, got, tt.r)
		}
	}
	for _, c := range []byte{0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D} {
		if r := ps.Page(0).Rune(c); r != 0 {
			t.Errorf("cp1252 code %#x = %U, want unused", c, r)
		}
	}
	for _, tt := range []struct {
		r    rune
		want PageSet
	}{
		{'a', 1<<NumStandard - 1}, {'“', 1<<NumStandard - 1}, {'é', 0b110011}, {'Ж', 0b100}, {'Ł', 0b10010}, {'Ğ', 0b100000},
	} {
		if got := standardSet(tt.r); got != tt.want {
			t.Errorf("standardSet(%q) = %06b, want %06b", tt.r, got, tt.want)
		}
	}
	if got := PageSet(0b10100).First(); got != 2 {
		t.Errorf("First = %d, want 2", got)
	}
	if got := PageSet(0).First(); got != -1 {
		t.Errorf("First of the empty set = %d, want -1", got)
	}
}

func pageIndex(t testing.TB, ps *Pages, id string) int {
	t.Helper()
	for i := range ps.Len() {
		if ps.Page(i).ID() == id {
			return i
		}
	}
	t.Fatalf("no page %s", id)
	return -1
}

// defJSON is the part of a font definition the tests read.
type defJSON struct {
	Tp           string
	Name         string
	Desc         struct{ Flags, MissingWidth int }
	Cw           []int
	Diff         string
	File         string
	OriginalSize int
}

var subsetName = regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9._-]+$`)

// TestPageFonts checks every page font of every embedded face: its program
// parses as a font that maps exactly the page's characters, with the
// face's advances; its definition declares the widths the face measures,
// a subset name, and a Differences array that names each code's character.
func TestPageFonts(t *testing.T) {
	names := map[string]bool{}
	for _, f := range embeddedFaces(t) {
		t.Run(f.Name(), func(t *testing.T) {
			ps := For(f)
			for i := range ps.Len() {
				pg := ps.Page(i)
				pf, err := pg.Font()
				if err != nil {
					t.Fatal(err)
				}
				again, _ := pg.Font()
				if again != pf {
					t.Errorf("page %s: Font built twice", pg.ID())
				}
				checkPageFont(t, pg, pf)
				if names[pf.Name] {
					t.Errorf("page %s: name %s used twice", pg.ID(), pf.Name)
				}
				names[pf.Name] = true
			}
		})
	}
}

func checkPageFont(t *testing.T, pg *Page, pf *PageFont) {
	t.Helper()
	f := pg.Face()
	zr, err := zlib.NewReader(bytes.NewReader(pf.Program))
	if err != nil {
		t.Fatalf("page %s: %v", pg.ID(), err)
	}
	ttf, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("page %s: %v", pg.ID(), err)
	}
	if len(ttf) != pf.Size {
		t.Errorf("page %s: program of %d bytes, Size says %d", pg.ID(), len(ttf), pf.Size)
	}
	sub, err := fonts.Parse(f.Family(), f.Style(), ttf)
	if err != nil {
		t.Fatalf("page %s: the program does not parse: %v", pg.ID(), err)
	}
	tables, err := sfnt.Read(ttf)
	if err != nil {
		t.Fatal(err)
	}
	if n := tables.NumGlyphs(); n > 400 {
		t.Errorf("page %s: %d glyphs", pg.ID(), n)
	}
	if got := sfnt.Checksum(ttf); got != 0xB1B0AFBA {
		t.Errorf("page %s: file checksum %#x, want 0xB1B0AFBA", pg.ID(), got)
	}
	var def defJSON
	if err := json.Unmarshal(pf.Def, &def); err != nil {
		t.Fatalf("page %s: %v", pg.ID(), err)
	}
	if def.Tp != "TrueType" || def.Name != pf.Name || def.File != pf.Name+".z" || def.OriginalSize != pf.Size {
		t.Errorf("page %s: definition %s %s %s %d", pg.ID(), def.Tp, def.Name, def.File, def.OriginalSize)
	}
	if !subsetName.MatchString(pf.Name) || !strings.HasSuffix(pf.Name, "+"+f.Name()) {
		t.Errorf("page %s: name %q is not a subset name of %s", pg.ID(), pf.Name, f.Name())
	}
	if def.Desc.Flags&flagNonsymbolic == 0 {
		t.Errorf("page %s: flags %#x not non-symbolic", pg.ID(), def.Desc.Flags)
	}
	if len(def.Cw) != 256 {
		t.Fatalf("page %s: %d widths", pg.ID(), len(def.Cw))
	}
	// The encoding as a reader sees it: WinAnsi, then the differences.
	enc := make(map[int]rune)
	for c := firstCode; c < 256; c++ {
		enc[c] = winAnsiRune(c)
	}
	code := -1
	agl := true
	for _, tok := range strings.Fields(def.Diff) {
		if name, ok := strings.CutPrefix(tok, "/"); ok {
			r, isAGL := nameRune(name)
			if r < 0 {
				t.Errorf("page %s: code %d named %q, which is no character", pg.ID(), code, name)
			}
			agl = agl && isAGL
			enc[code] = r
			code++
			continue
		}
		if code, err = strconv.Atoi(tok); err != nil {
			t.Fatalf("page %s: Differences %q", pg.ID(), def.Diff)
		}
	}
	if agl != pf.AGL {
		t.Errorf("page %s: AGL = %v, the names say %v", pg.ID(), pf.AGL, agl)
	}
	if pg.Index() < NumStandard && !pf.AGL {
		t.Errorf("standard page %s has names outside the glyph list", pg.ID())
	}
	chars := 0
	for c := firstCode; c < 256; c++ {
		r := pg.Rune(byte(c))
		if r == 0 {
			continue
		}
		chars++
		if enc[c] != r {
			t.Errorf("page %s: code %d reads as %U, the page has %U there", pg.ID(), c, enc[c], r)
		}
		if !sub.Has(r) {
			t.Errorf("page %s: the program lacks %U", pg.ID(), r)
		}
		if got, want := sub.Advance(r), f.Advance(r); got != want {
			t.Errorf("page %s: %U advance %d in the program, %d in the face", pg.ID(), r, got, want)
		}
		if def.Cw[c] != f.Advance(r) {
			t.Errorf("page %s: width of code %d (%U) is %d, the face says %d", pg.ID(), c, r, def.Cw[c], f.Advance(r))
		}
	}
	mapped := 0
	cmap, _ := tables.UnicodeCmap()
	_ = sfnt.EachMapping(cmap, func(c rune, g int) {
		if g != 0 && c != 0xFFFF {
			mapped++
		}
	})
	if mapped != chars {
		t.Errorf("page %s: the program maps %d characters, the page has %d", pg.ID(), mapped, chars)
	}
}

// nameRune reads a glyph name back: from the glyph list, or uniXXXX.
func nameRune(name string) (r rune, agl bool) {
	for _, e := range aglNames {
		if e.name == name {
			return rune(e.r), true
		}
	}
	if hex, ok := strings.CutPrefix(name, "uni"); ok && len(hex) == 4 {
		if v, err := strconv.ParseUint(hex, 16, 16); err == nil {
			return rune(v), false
		}
	}
	return -1, false
}

// TestPagesDeterministic checks that the pages of a face parsed anew are
// the same, byte for byte.
func TestPagesDeterministic(t *testing.T) {
	f := embeddedFaces(t)[0]
	g, err := fonts.Parse(f.Family(), f.Style(), f.Data())
	if err != nil {
		t.Fatal(err)
	}
	a, b := For(f), For(g)
	if a.Len() != b.Len() {
		t.Fatalf("%d pages, then %d", a.Len(), b.Len())
	}
	for _, i := range []int{0, 2, a.Len() - 1} {
		fa, err := a.Page(i).Font()
		if err != nil {
			t.Fatal(err)
		}
		fb, err := b.Page(i).Font()
		if err != nil {
			t.Fatal(err)
		}
		if fa == fb || !bytes.Equal(fa.Def, fb.Def) || !bytes.Equal(fa.Program, fb.Program) {
			t.Errorf("page %s differs between two parses of one face", a.Page(i).ID())
		}
	}
}

func TestGlyphName(t *testing.T) {
	tests := []struct {
		r    rune
		name string
		agl  bool
	}{
		{' ', "space", true}, {'€', "Euro", true}, {'“', "quotedblleft", true}, {'Ж', "afii10024", true},
		{'α', "alpha", true}, {'Ğ', "Gbreve", true}, {'\u00a0', "nbspace", true}, {'№', "afii61352", true},
		{'₽', "uni20BD", false}, {'\u2011', "uni2011", false}, {'\uFFFD', "uniFFFD", false},
	}
	for _, tt := range tests {
		if name, agl := glyphName(tt.r); name != tt.name || agl != tt.agl {
			t.Errorf("glyphName(%U) = %q, %v, want %q, %v", tt.r, name, agl, tt.name, tt.agl)
		}
	}
	for i := 1; i < len(aglNames); i++ {
		if aglNames[i-1].r >= aglNames[i].r {
			t.Fatalf("aglNames out of order at %U", rune(aglNames[i].r))
		}
	}
}

// TestPagesShared checks that a face's pages are made once and shared by
// every later document.
func TestPagesShared(t *testing.T) {
	for _, f := range embeddedFaces(t) {
		if ps := For(f); For(f) != ps {
			t.Errorf("%s: For gives new pages on the second call", f.Name())
		}
	}
}

// BenchmarkPages measures splitting a face into pages (once per process).
func BenchmarkPages(b *testing.B) {
	f := embeddedFaces(b)[0]
	b.ReportAllocs()
	for b.Loop() {
		_ = newPages(f)
	}
}

// BenchmarkPageFont measures building one page's font: subset, compress,
// definition (once per process and page).
func BenchmarkPageFont(b *testing.B) {
	ps := For(embeddedFaces(b)[0])
	for _, i := range []int{0, 2, ps.Len() - 1} {
		pg := ps.Page(i)
		b.Run(pg.ID(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pg.buildFont(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFpdfAddPageFont measures what each document pays to register and
// select one page font, against a bare document (compare
// BenchmarkFpdfAddUTF8Font).
func BenchmarkFpdfAddPageFont(b *testing.B) {
	f := embeddedFaces(b)[0]
	pf, err := For(f).Page(0).Font()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bare-document", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = fpdf.New("P", "pt", "A4", "")
		}
	})
	b.Run(f.Name()+"-cp1252", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddFontFromBytes("p", "", pf.Def, pf.Program)
			pdf.SetFont("p", "", 11)
		}
	})
}
