package fonts

import (
	"io"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// fpdfStyle is the style string fpdf expects for s.
func fpdfStyle(s Style) string {
	return [numStyles]string{"", "B", "I", "BI"}[s]
}

// newFpdf returns a document measuring in points with f selected at size.
func newFpdf(t testing.TB, f *Face, size float64) *fpdf.Fpdf {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes(f.Family(), fpdfStyle(f.Style()), f.Data())
	pdf.SetFont(f.Family(), fpdfStyle(f.Style()), size)
	if err := pdf.Error(); err != nil {
		t.Fatalf("fpdf with %s: %v", f.Name(), err)
	}
	return pdf
}

// contractRunes returns every BMP code point (including U+0000, which fpdf
// measures oddly, surrogates and non-characters) plus runes beyond the BMP
// and invalid runes. The whole plane takes milliseconds to check.
func contractRunes() []rune {
	rs := make([]rune, 0, 0x10000+8)
	for r := rune(0); r <= 0xFFFF; r++ {
		rs = append(rs, r)
	}
	// U+10000 itself is left out: fpdf v0.12 indexes past its width table
	// for it and panics.
	return append(rs, 0x10001, '😀', 0x10FFFF, -1, 0x110000)
}

// TestFpdfWidthContract checks that Advance is exactly what fpdf measures,
// rune by rune and for whole strings, for every embedded face.
func TestFpdfWidthContract(t *testing.T) {
	const size = 11.0
	runes := contractRunes()
	strs := []string{
		"", "Ελληνικά Кириллица “quotes” — Türkiye", "e\u0301\u0308 ёЁїєґ №…",
		"\xff\xfe invalid UTF-8", "中文 and 😀 emoji", fixtureText(t),
	}
	for _, f := range embeddedFaces(t) {
		t.Run(f.Name(), func(t *testing.T) {
			pdf := newFpdf(t, f, size)
			for _, r := range runes {
				s := string(r)
				if got, want := f.Advance(r), pdf.GetStringSymbolWidth(s); got != want {
					t.Errorf("Advance(U+%04X) = %d, fpdf says %d", r, got, want)
				}
				if got, want := float64(f.Advance(r))*size/1000, pdf.GetStringWidth(s); got != want {
					t.Errorf("U+%04X at %gpt: %v, fpdf says %v", r, size, got, want)
				}
			}
			for _, s := range strs {
				if got, want := float64(f.Width(s))*size/1000, pdf.GetStringWidth(s); got != want {
					t.Errorf("width of %.40q at %gpt: %v, fpdf says %v", s, size, got, want)
				}
			}
		})
	}
}

// BenchmarkFpdfAddUTF8Font measures what each document pays to register and
// select one embedded face with fpdf, against a bare document.
func BenchmarkFpdfAddUTF8Font(b *testing.B) {
	set, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bare-document", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = fpdf.New("P", "pt", "A4", "")
		}
	})
	for _, f := range []*Face{set.Serif.Face(Regular), set.Sans.Face(Bold), set.Mono.Face(Regular)} {
		b.Run(f.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pdf := fpdf.New("P", "pt", "A4", "")
				pdf.AddUTF8FontFromBytes(f.Family(), fpdfStyle(f.Style()), f.Data())
				pdf.SetFont(f.Family(), fpdfStyle(f.Style()), 11)
			}
		})
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

// BenchmarkFpdfOutput measures a one-line document set in one embedded face,
// written out: fpdf subsets the face again for each document it writes.
func BenchmarkFpdfOutput(b *testing.B) {
	set, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	f := set.Serif.Face(Regular)
	b.ReportAllocs()
	for b.Loop() {
		pdf := newFpdf(b, f, 11)
		pdf.AddPage()
		pdf.Cell(0, 14, "Ελληνικά Кириллица “quotes” — Türkiye")
		if err := pdf.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
