package fonts

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// embeddedFaces returns the distinct embedded faces (the ten files).
func embeddedFaces(t testing.TB) []*Face {
	t.Helper()
	set, err := Embedded()
	if err != nil {
		t.Fatalf("Embedded: %v", err)
	}
	var faces []*Face
	for _, fam := range []*Family{set.Serif, set.Sans, set.Mono} {
		for s := range Style(numStyles) {
			if f := fam.Face(s); !slices.Contains(faces, f) {
				faces = append(faces, f)
			}
		}
	}
	return faces
}

func TestEmbeddedFaces(t *testing.T) {
	set, err := Embedded()
	if err != nil {
		t.Fatalf("Embedded: %v", err)
	}
	tests := []struct {
		family string
		style  Style
		name   string // PostScript name of the face Face(style) returns
		real   Style  // the style of that face (differs on fallback)
	}{
		{"serif", Regular, "NotoSerif-Regular", Regular},
		{"serif", Bold, "NotoSerif-Bold", Bold},
		{"serif", Italic, "NotoSerif-Italic", Italic},
		{"serif", BoldItalic, "NotoSerif-BoldItalic", BoldItalic},
		{"sans", Regular, "NotoSans-Regular", Regular},
		{"sans", Bold, "NotoSans-Bold", Bold},
		{"sans", Italic, "NotoSans-Italic", Italic},
		{"sans", BoldItalic, "NotoSans-BoldItalic", BoldItalic},
		{"mono", Regular, "NotoSansMono-Regular", Regular},
		{"mono", Bold, "NotoSansMono-Bold", Bold},
		{"mono", Italic, "NotoSansMono-Regular", Regular},
		{"mono", BoldItalic, "NotoSansMono-Bold", Bold},
	}
	for _, tt := range tests {
		t.Run(tt.family+"/"+tt.style.String(), func(t *testing.T) {
			fam := set.Family(tt.family)
			if fam == nil || fam.Name != tt.family {
				t.Fatalf("Family(%q) = %v", tt.family, fam)
			}
			f := fam.Face(tt.style)
			if f.Name() != tt.name || f.Style() != tt.real || f.Family() != tt.family {
				t.Errorf("face = %s %s %s, want %s %s %s", f.Family(), f.Style(), f.Name(), tt.family, tt.real, tt.name)
			}
			if len(f.Data()) < 50_000 || string(f.Data()[:4]) != "\x00\x01\x00\x00" {
				t.Errorf("Data: %d bytes starting %q", len(f.Data()), f.Data()[:4])
			}
			// Noto's vertical metrics (units per em is 1000).
			if f.Ascent() != 1069 || f.Descent() != -293 || f.CapHeight() != 714 {
				t.Errorf("ascent/descent/cap = %d/%d/%d, want 1069/-293/714", f.Ascent(), f.Descent(), f.CapHeight())
			}
			if x := f.XHeight(); x < 500 || x > 560 {
				t.Errorf("XHeight = %d", x)
			}
			if f.UnderlinePos() != -100 || f.UnderlineThickness() != 50 {
				t.Errorf("underline = %d/%d, want -100/50", f.UnderlinePos(), f.UnderlineThickness())
			}
		})
	}
	if f := set.Family("fraktur"); f != nil {
		t.Errorf("Family(fraktur) = %v, want nil", f)
	}
	again, _ := Embedded()
	if again != set {
		t.Error("Embedded returned a different set on the second call")
	}
}

func TestHas(t *testing.T) {
	covered := []string{
		"Ελληνικά", "“ ” ‘ ’ « » „ — – … №", "ё Ё ї є ґ", "Türkiye Łódź Ærøskøbing",
		"\u00a0€£¥₽₴©®™°±×÷½¼¾‰•⁃", "ʼˆˇ˘˙˚˛˜˝", "a\u0301 e\u0308",
		"ẞ ạ ả ấ ầ ẩ ẫ ậ ồ ộ ừ ự ỹ", "Ђ Љ Њ Ћ Џ Ѣ Ѳ Ѵ Ԁ", "⁰¹²³⁴ ₀₁₂", "\uFFFD",
	}
	absent := []rune{'😀', '中', 'あ', '한', 'א', 'ب', '\U00010000', '\U0010FFFF'}
	invalid := []rune{-1, 0xD800, 0xDFFF, 0x110000}
	// Noto Serif and Sans have no arrows, mathematical operators (not even
	// U+2212 minus) or geometric shapes; Noto Sans Mono has these.
	monoOnly := "−→≤≥≠∞●■▲"
	for _, f := range embeddedFaces(t) {
		for _, r := range monoOnly {
			if got, want := f.Has(r), f.Family() == MonoFamily; got != want {
				t.Errorf("%s: Has(%q) = %v, want %v", f.Name(), r, got, want)
			}
		}
		for _, s := range covered {
			for _, r := range s {
				if r != ' ' && !f.Has(r) {
					t.Errorf("%s: Has(%q U+%04X) = false", f.Name(), r, r)
				}
			}
		}
		for _, r := range absent {
			if f.Has(r) {
				t.Errorf("%s: Has(U+%04X) = true", f.Name(), r)
			}
			if f.Advance(r) != f.missing {
				t.Errorf("%s: Advance(U+%04X) = %d, want missing width %d", f.Name(), r, f.Advance(r), f.missing)
			}
		}
		for _, r := range invalid {
			if f.Has(r) || f.Advance(r) != f.Advance('\uFFFD') {
				t.Errorf("%s: invalid rune %d: Has %v, Advance %d, want false, %d", f.Name(), r, f.Has(r), f.Advance(r), f.Advance('\uFFFD'))
			}
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// fixtureText returns the text of every string field of the fixture
// articles, markup removed and entities decoded: the preformatted blocks'
// text apart (mono), since only the monospaced faces set it.
func fixtureText(t *testing.T) (text, mono string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "*.json"))
	if err != nil || len(paths) < 3 {
		t.Fatalf("fixtures: %v (%d files)", err, len(paths))
	}
	var b, m strings.Builder
	var walk func(v any, to *strings.Builder)
	walk = func(v any, to *strings.Builder) {
		switch v := v.(type) {
		case string:
			to.WriteString(html.UnescapeString(tagRE.ReplaceAllString(v, " ")))
			to.WriteByte('\n')
		case []any:
			for _, e := range v {
				walk(e, to)
			}
		case map[string]any:
			if v["type"] == "preformatted" {
				to = &m
			}
			for _, e := range v {
				walk(e, to)
			}
		}
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		walk(v, &b)
	}
	return b.String(), m.String()
}

func TestFixturesCovered(t *testing.T) {
	prose, mono := fixtureText(t)
	for _, want := range []string{"Зеленский", "Ελληνικά", "“"} {
		if !strings.Contains(prose, want) {
			t.Fatalf("fixture text lacks %q", want)
		}
	}
	if !strings.ContainsRune(mono, '─') {
		t.Fatalf("preformatted fixture text lacks box drawing")
	}
	for _, f := range embeddedFaces(t) {
		text := prose
		if strings.Contains(f.Name(), "Mono") {
			// box drawing comes from the fallback chain (DejaVu Sans
			// Mono): the embedded faces are not expected to have it
			text += strings.Map(func(r rune) rune {
				if r >= 0x2500 && r <= 0x257F {
					return -1
				}
				return r
			}, mono)
		}
		if m := f.Missing(text); m != nil {
			t.Errorf("%s lacks %q", f.Name(), m)
		}
		for _, r := range text {
			if !f.Has(r) && !ignorable(r) {
				t.Errorf("%s: Has(%q) = false", f.Name(), r)
			}
		}
	}
}

func TestMissing(t *testing.T) {
	f := embeddedFaces(t)[0]
	tests := []struct {
		in   string
		want []rune
	}{
		{"", nil},
		{"plain ASCII, Кириллица, Ελληνικά", nil},
		{"soft\u00adhyphen\nzero\u200bwidth\u200c\u200d\u2060\ufeff\ttab\r", nil},
		{"a中b😀中c😀あ", []rune{'中', '😀', 'あ'}},
		{"\U00010000", []rune{0x10000}},
	}
	for _, tt := range tests {
		if got := f.Missing(tt.in); !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("Missing(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWidth(t *testing.T) {
	f := embeddedFaces(t)[0]
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"A", f.Advance('A')},
		{"AVA", 2*f.Advance('A') + f.Advance('V')},
		{"e\u0301", f.Advance('e')}, // combining acute has zero advance
		{"\xff", f.Advance('\uFFFD')},
		{"中", f.missing},
	}
	for _, tt := range tests {
		if got := f.Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if f.Advance('A') <= 0 || f.Advance('\u0301') != 0 {
		t.Errorf("Advance(A)=%d Advance(U+0301)=%d", f.Advance('A'), f.Advance('\u0301'))
	}
	// Mono: every covered letter has the same advance.
	mono := embeddedFaces(t)[8]
	for _, r := range "iWЖλ—" {
		if mono.Advance(r) != 600 {
			t.Errorf("%s: Advance(%q) = %d, want 600", mono.Name(), r, mono.Advance(r))
		}
	}
}

func TestNoAllocs(t *testing.T) {
	f := embeddedFaces(t)[0]
	n := testing.AllocsPerRun(100, func() {
		_ = f.Width("Ελληνικά Кириллица “quotes” — Türkiye 中😀")
		_ = f.Has('ж')
		_ = f.Advance('ж')
		_ = f.Missing("all covered")
	})
	if n != 0 {
		t.Errorf("%v allocations per run, want 0", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	faces := embeddedFaces(t)
	want := make([]int, len(faces))
	for i, f := range faces {
		want[i] = f.Width("Ελληνικά Кириллица “quotes” — Türkiye")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 32 {
		wg.Go(func() {
			if _, err := Embedded(); err != nil {
				errs <- err.Error()
				return
			}
			for i := range 200 {
				k := (g + i) % len(faces)
				f := faces[k]
				if w := f.Width("Ελληνικά Кириллица “quotes” — Türkiye"); w != want[k] {
					errs <- f.Name() + ": width changed"
				}
				for r := rune(0x20); r < 0x500; r += 7 {
					if f.Has(r) && f.Advance(r) < 0 {
						errs <- f.Name() + ": negative advance"
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func BenchmarkEmbedded(b *testing.B) {
	if _, err := Embedded(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	f := embeddedFaces(b)[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(f.Family(), f.Style(), f.Data()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	f := embeddedFaces(b)[0]
	const s = "Ελληνικά Кириллица “quotes” — Türkiye"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = f.Width(s)
	}
}
