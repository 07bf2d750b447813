package article

import (
	"strings"
	"testing"
)

func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"seed-article.json", "html-body-article.json"} {
		data := readFixture(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseBodyHTMLLarge parses a body of about 1 MiB, the default
// limit for one field (with the block limit lifted).
func BenchmarkParseBodyHTMLLarge(b *testing.B) {
	unit := `<p>Some <b>bold</b> and <a href="https://example.org/x">linked</a> text &ldquo;quoted&rdquo;.</p>` +
		`<h2>Heading</h2><ul><li>one</li><li>two <i>it</i></li></ul><blockquote>Q <cite>C</cite></blockquote>`
	s := strings.Repeat(unit, (1<<20)/len(unit))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, _, err := parseBodyHTML(s, 1<<20); err != nil {
			b.Fatal(err)
		}
	}
}
