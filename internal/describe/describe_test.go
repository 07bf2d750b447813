package describe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSource(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("a", 300)
	tests := []struct{ in, want string }{
		{"https://example.org/a.jpg", "https://example.org/a.jpg"},
		{"photo.jpg", "photo.jpg"},
		{"data:image/jpeg;base64,/9j/4AAQSkZJRg==", "data:image/jpeg;base64,…"},
		{"data:" + strings.Repeat("x", 100) + ",AAAA", "data:…"},
		{"data:no-comma", "data:…"},
		{long, long[:MaxSource] + "…"},
		{strings.Repeat("a", MaxSource), strings.Repeat("a", MaxSource)},
	}
	for _, tt := range tests {
		if got := Source(tt.in); got != tt.want {
			t.Errorf("Source(%.40q…) = %.60q, want %.60q", tt.in, got, tt.want)
		}
	}
}

// TestSourceKeepsCharactersWhole cuts addresses of multi-byte characters at
// every offset around the limit: the result is valid UTF-8 and a prefix.
func TestSourceKeepsCharactersWhole(t *testing.T) {
	for _, ch := range []string{"é", "€", "😀"} {
		for pad := range 4 {
			src := strings.Repeat("a", pad) + strings.Repeat(ch, MaxSource)
			got := Source(src)
			if !utf8.ValidString(got) {
				t.Errorf("%q×%d after %d bytes: cut inside a character", ch, MaxSource, pad)
			}
			body := strings.TrimSuffix(got, "…")
			if !strings.HasPrefix(src, body) || len(body) > MaxSource || len(body) < MaxSource-3 {
				t.Errorf("%q: kept %d bytes", ch, len(body))
			}
		}
	}
}
