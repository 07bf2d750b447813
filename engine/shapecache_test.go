package engine

import (
	"bytes"
	"context"
	"testing"

	"printd/article"
	"printd/fonts"
	"printd/photo"
)

// TestShapedTextSameAfterOtherArticles prints script fixtures with a font
// library of their own (nothing shaped before) and again after a printer
// sharing one library has printed every fixture, twice: the faces keep
// the texts they shaped for later documents (shaping.Font.ShapeString),
// and a document must come out the same bytes whatever came before it.
func TestShapedTextSameAfterOtherArticles(t *testing.T) {
	fxs := []string{"hi", "bn", "ta", "ar", "th", "zh-Hans"}
	load := func(fx string) *article.Article {
		a := scriptArticle(t, fx)
		a.Photo = nil
		return a
	}
	print := func(p *Printer, fx string) []byte {
		var b bytes.Buffer
		res, err := p.Print(context.Background(), load(fx), &b)
		if len(res.Missing) > 0 {
			t.Skipf("the system lacks fonts for %s (Debian fonts-noto-core, fonts-noto-cjk): %v", fx, res.Missing[0])
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	newPrinter := func() *Printer {
		p, err := New(Config{Photos: photo.NewStore(photo.DefaultConfig()), Fonts: fonts.NewLibrary(nil, fonts.SystemFontDirs)})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	alone := map[string][]byte{}
	for _, fx := range fxs {
		alone[fx] = print(newPrinter(), fx)
	}
	shared := newPrinter()
	for range 2 {
		for _, fx := range fxs {
			after := print(shared, fx)
			if !bytes.Equal(alone[fx], after) {
				t.Errorf("%s: %d bytes printed alone, %d after other articles, not the same", fx, len(alone[fx]), len(after))
			}
		}
	}
}
