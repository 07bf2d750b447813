package hyphen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const englishParagraph = `The committee published its recommendations on Thursday, arguing that
the regional administration had underestimated the infrastructure costs of the proposed
hyphenation-friendly typesetting system. Independent observers, including representatives
of several international organisations, described the consultation as "comprehensive but
unnecessarily bureaucratic". Nevertheless, the government announced that construction would
begin immediately, with completion expected before the parliamentary elections; opposition
politicians questioned whether the extraordinary acceleration was realistic, given the
unpredictable availability of qualified engineers and the relinquishing of earlier commitments.`

func BenchmarkPoints(b *testing.B) {
	words := strings.Fields(englishParagraph)
	h := For("en-US")
	h.Points("warm") // load the patterns outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
	b.ReportMetric(float64(len(words)), "words/op")
}

func BenchmarkLoad(b *testing.B) {
	for _, lang := range []string{"en-us", "ru", "de-1996"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := (&Hyphenator{lang: lang}).load(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPointsLang reports ns/word per language on the body text of the
// fixture articles (patterns loaded outside the timing).
func BenchmarkPointsLang(b *testing.B) {
	for _, fx := range []struct{ lang, file string }{
		{"en-US", "seed-article.json"}, {"ru", "ru-article.json"}, {"cs", "cs-article.json"}, {"lv", "lv-article.json"},
	} {
		src, err := os.ReadFile(filepath.Join("..", "..", "testdata", fx.file))
		if err != nil {
			b.Fatal(err)
		}
		var a struct {
			Body []struct {
				HTML string `json:"html"`
			} `json:"body"`
		}
		if err := json.Unmarshal(src, &a); err != nil {
			b.Fatal(err)
		}
		var words []string
		for _, bl := range a.Body {
			words = append(words, strings.Fields(bl.HTML)...)
		}
		h := For(fx.lang)
		if h == nil {
			continue // built without this language's patterns
		}
		h.Points("warm")
		b.Run(fx.lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, w := range words {
					h.Points(w)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
		})
	}
}
