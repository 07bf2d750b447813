package segment

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkBreaks reports ns/word per script on the test texts (words as
// ICU counts them: the breaks found plus the space-separated runs).
func BenchmarkBreaks(b *testing.B) {
	for _, lang := range []string{"th", "lo", "km", "my", "ja"} {
		src, err := os.ReadFile("testdata/udhr-" + lang + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		runs := strings.Fields(string(src))
		words := 0
		for _, r := range runs {
			words += len(Breaks(r, lang)) + 1
		}
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				for _, r := range runs {
					Breaks(r, lang)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
		})
	}
}
