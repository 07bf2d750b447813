package pdffont

import (
	"slices"
	"testing"

	"printd/fonts"
)

// embeddedFaces returns the distinct embedded faces (the ten files).
func embeddedFaces(t testing.TB) []*fonts.Face {
	t.Helper()
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatalf("Embedded: %v", err)
	}
	var faces []*fonts.Face
	for _, fam := range []*fonts.Family{set.Serif, set.Sans, set.Mono} {
		for _, s := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic} {
			if f := fam.Face(s); !slices.Contains(faces, f) {
				faces = append(faces, f)
			}
		}
	}
	return faces
}
