package fonts

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// embeddedData returns the TrueType bytes of an embedded face by file name.
func embeddedData(t *testing.T, name string) []byte {
	t.Helper()
	b, err := embedded.ReadFile("ttf/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withTable returns a copy of ttf whose table tag is patched by fn.
func withTable(t *testing.T, ttf []byte, tag string, fn func(tbl []byte)) []byte {
	t.Helper()
	out := bytes.Clone(ttf)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := range n {
		rec := out[12+16*i:]
		if string(rec[:4]) == tag {
			off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			fn(out[off : off+length])
			return out
		}
	}
	t.Fatalf("no %q table", tag)
	return nil
}

func TestParseErrors(t *testing.T) {
	good := embeddedData(t, "NotoSans-Regular.ttf")
	tests := []struct {
		name   string
		family string
		style  Style
		data   []byte
		want   string
	}{
		{"empty file", "sans", Regular, nil, "too short"},
		{"garbage", "sans", Regular, []byte("this is not a font at all"), "not a TrueType font"},
		{"CFF", "sans", Regular, append([]byte("OTTO"), good[4:]...), "CFF"},
		{"collection", "sans", Regular, append([]byte("ttcf"), good[4:]...), "collections"},
		{"truncated", "sans", Regular, good[:len(good)/2], "past the end"},
		{"no family", "", Regular, good, "empty family"},
		{"bad style", "sans", Style(4), good, "invalid style"},
		{"restricted licence", "sans", Regular, withTable(t, good, "OS/2", func(b []byte) { b[8], b[9] = 0, 2 }), "forbids embedding"},
		{"zero em", "sans", Regular, withTable(t, good, "head", func(b []byte) { b[18], b[19] = 0, 0 }), "unitsPerEm"},
		{"no hmetrics", "sans", Regular, withTable(t, good, "hhea", func(b []byte) { b[34], b[35] = 0, 0 }), "no horizontal metrics"},
		{"no format 4 cmap", "sans", Regular, withTable(t, good, "cmap", func(b []byte) {
			for i := range int(binary.BigEndian.Uint16(b[2:])) {
				b[4+8*i], b[5+8*i] = 0, 7 // platform 7: not Unicode
			}
		}), "no Unicode subtable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.family, tt.style, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v, %v; want error containing %q", f, err, tt.want)
			}
		})
	}
	if _, err := Parse("sans", Bold, good); err != nil {
		t.Errorf("Parse of a valid font: %v", err)
	}
}

func TestNewFamilyFallback(t *testing.T) {
	parse := func(style Style, file string) *Face {
		f, err := Parse("x", style, embeddedData(t, file))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	r := parse(Regular, "NotoSans-Regular.ttf")
	b := parse(Bold, "NotoSans-Bold.ttf")
	i := parse(Italic, "NotoSans-Italic.ttf")
	bi := parse(BoldItalic, "NotoSans-BoldItalic.ttf")
	tests := []struct {
		name  string
		faces map[Style]*Face
		want  [numStyles]*Face // Face(Regular..BoldItalic)
	}{
		{"complete", map[Style]*Face{Regular: r, Bold: b, Italic: i, BoldItalic: bi}, [numStyles]*Face{r, b, i, bi}},
		{"regular only", map[Style]*Face{Regular: r}, [numStyles]*Face{r, r, r, r}},
		{"no italics", map[Style]*Face{Regular: r, Bold: b}, [numStyles]*Face{r, b, r, b}},
		{"no bold", map[Style]*Face{Regular: r, Italic: i}, [numStyles]*Face{r, r, i, r}},
		{"nil entries", map[Style]*Face{Regular: r, Bold: nil, BoldItalic: bi}, [numStyles]*Face{r, r, r, bi}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fam, err := NewFamily("x", tt.faces)
			if err != nil {
				t.Fatal(err)
			}
			for s := range Style(numStyles) {
				if got := fam.Face(s); got != tt.want[s] {
					t.Errorf("Face(%s) = %s, want %s", s, got.Name(), tt.want[s].Name())
				}
			}
			if fam.Face(Style(9)) != r {
				t.Error("Face(invalid style) is not Regular")
			}
		})
	}

	bad := []struct {
		name  string
		fam   string
		faces map[Style]*Face
		want  string
	}{
		{"no regular", "x", map[Style]*Face{Bold: b}, "no Regular"},
		{"wrong slot", "x", map[Style]*Face{Regular: r, Bold: i}, "Bold slot holds"},
		{"other family", "y", map[Style]*Face{Regular: r}, "slot holds"},
		{"empty name", "", map[Style]*Face{Regular: r}, "empty name"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewFamily(tt.fam, tt.faces); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewFamily error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoadFamily(t *testing.T) {
	reg := embeddedData(t, "NotoSerif-Regular.ttf")
	bold := embeddedData(t, "NotoSerif-Bold.ttf")
	fam, err := LoadFamily("body", reg, bold, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Style]string{Regular: "NotoSerif-Regular", Bold: "NotoSerif-Bold", Italic: "NotoSerif-Regular", BoldItalic: "NotoSerif-Bold"}
	for s, name := range want {
		if f := fam.Face(s); f.Name() != name || f.Family() != "body" {
			t.Errorf("Face(%s) = %s %s, want body %s", s, f.Family(), f.Name(), name)
		}
	}
	if _, err := LoadFamily("body", nil, bold, nil, nil); err == nil {
		t.Error("LoadFamily without regular succeeded")
	}
	if _, err := LoadFamily("body", reg, []byte("junk"), nil, nil); err == nil || !strings.Contains(err.Error(), "body Bold") {
		t.Errorf("LoadFamily with a bad bold file: %v", err)
	}
}

func TestStyleString(t *testing.T) {
	for s, want := range map[Style]string{Regular: "Regular", Bold: "Bold", Italic: "Italic", BoldItalic: "BoldItalic", 7: "Style(7)"} {
		if got := s.String(); got != want {
			t.Errorf("Style(%d).String() = %q, want %q", s, got, want)
		}
	}
}
