package adapt

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func BenchmarkConvert(b *testing.B) {
	for _, fx := range fixtures {
		data := readFixture(b, fx.file)
		b.Run(fx.file, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, _, err := Convert(data, Auto); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// A long WordPress post: 2,000 paragraphs with links and a figure
	// every tenth one.
	var body strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&body, `<p>Paragraph %d with <a href="/p/%d">a link</a> and <strong>bold</strong> text.</p>`, i, i)
		if i%10 == 0 {
			fmt.Fprintf(&body, `<figure class="wp-block-image"><img src="/u/%d-1024x683.jpg" srcset="/u/%d-2048x1366.jpg 2048w" alt="A"><figcaption>C</figcaption></figure>`, i, i)
		}
	}
	data := []byte(wpPost(`"link":"https://x.org/p/","content":{"rendered":` + quote(body.String()) + `}`))
	b.Run("wordpress-long", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, _, err := decodeOK(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func decodeOK(data []byte) (int, []string, error) {
	a, _, w, err := Decode(data, Auto)
	if err != nil {
		return 0, nil, err
	}
	return len(a.Body), w, nil
}

// Conversions share nothing; run them side by side under the race detector.
func TestConcurrentConvert(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		for _, fx := range fixtures {
			data := readFixture(t, fx.file)
			wg.Go(func() {
				if _, used, _, err := Decode(data, Auto); err != nil || used != fx.format {
					t.Errorf("%s: %s, %v", fx.file, used, err)
				}
			})
		}
	}
	wg.Wait()
}
