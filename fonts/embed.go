package fonts

import (
	"embed"
	"fmt"
	"sync"
)

// The embedded Noto faces; see ttf/README.md for their origin and subset.
//
//go:embed ttf/*.ttf
var embedded embed.FS

// embeddedFiles names the file of each embedded family and style; "" for a
// style the family falls back on.
var embeddedFiles = [...]struct {
	family string
	files  [numStyles]string
}{
	{SerifFamily, [numStyles]string{"NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"}},
	{SansFamily, [numStyles]string{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"}},
	{MonoFamily, [numStyles]string{"NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf", "", ""}},
}

// Embedded returns the embedded families: Noto Serif, Noto Sans and Noto
// Sans Mono (whose italics fall back to upright). They are parsed on the
// first call and shared by all callers; treat the Set as read-only.
func Embedded() (*Set, error) { return loadEmbedded() }

var loadEmbedded = sync.OnceValues(func() (*Set, error) {
	var fams [len(embeddedFiles)]*Family
	for i, e := range embeddedFiles {
		var data [numStyles][]byte
		for s, name := range e.files {
			if name == "" {
				continue
			}
			b, err := embedded.ReadFile("ttf/" + name)
			if err != nil {
				return nil, fmt.Errorf("embedded font %s: %w", name, err)
			}
			data[s] = b
		}
		fam, err := LoadFamily(e.family, data[0], data[1], data[2], data[3])
		if err != nil {
			return nil, fmt.Errorf("embedded fonts: %w", err)
		}
		fams[i] = fam
	}
	return &Set{Serif: fams[0], Sans: fams[1], Mono: fams[2]}, nil
})
