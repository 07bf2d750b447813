package render

import (
	"slices"
	"testing"

	"github.com/go-text/typesetting/font/cff"
	"github.com/go-text/typesetting/font/opentype/tables"

	"printd/fonts"
)

// TestSubsetCFFOutlines subsets a CJK font's CFF and reads every kept
// glyph back: its outline must equal the full font's, which fails when a
// subroutine call was renumbered wrong, a subroutine or a font dictionary
// was dropped while still used. The subset must also be much smaller
// than the font's subroutines alone.
func TestSubsetCFFOutlines(t *testing.T) {
	face := fonts.System().Pick('中', fonts.Want{Lang: "zh-Hans"})
	if face == nil || !face.Font().CFF() {
		t.Skip("no CFF font for Han installed (fonts-noto-cjk)")
	}
	ft := face.Font()
	raw := ft.Table("CFF ")
	full, err := cff.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	used := map[uint16]bool{}
	for _, r := range "中文新闻报道：记者今天在北京说，经济增长放缓。「引号」ABCabc123" {
		if g, ok := ft.Glyph(r); ok {
			used[g] = true
		}
	}
	for g := 1; g < ft.NumGlyphs(); g += ft.NumGlyphs() / 97 { // glyphs from every font dictionary
		used[uint16(g)] = true
	}
	for _, renumber := range []bool{true, false} {
		prog, err := subsetCFFRenumbering(raw, used, renumber)
		if err != nil {
			t.Fatal(err)
		}
		checkSubset(t, full, prog, used, renumber)
	}
}

func checkSubset(t *testing.T, full *cff.CFF, prog []byte, used map[uint16]bool, renumber bool) {
	t.Helper()
	sub, err := cff.Parse(prog)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	gids := []int{0}
	for g := range used {
		gids = append(gids, int(g))
	}
	slices.Sort(gids)
	gids = slices.Compact(gids)
	if len(sub.Charstrings) != len(gids) {
		t.Fatalf("subset has %d charstrings, want %d", len(sub.Charstrings), len(gids))
	}
	drawn := 0
	for i, g := range gids {
		want, _, err := full.LoadGlyph(tables.GlyphID(g))
		if err != nil {
			t.Fatalf("glyph %d in the font: %v", g, err)
		}
		got, _, err := sub.LoadGlyph(tables.GlyphID(i))
		if err != nil {
			t.Fatalf("glyph %d in the subset: %v", g, err)
		}
		if len(want) > 0 {
			drawn++
		}
		if !slices.Equal(got, want) {
			t.Fatalf("glyph %d: subset outline of %d segments, font's %d", g, len(got), len(want))
		}
	}
	if drawn < len(gids)*3/4 {
		t.Errorf("only %d of %d glyphs have outlines", drawn, len(gids))
	}
	if renumber && len(prog) > 600*len(gids)+10000 { // every subroutine kept, emptied, took 150 KB more
		t.Errorf("subset of %d glyphs is %d bytes", len(gids), len(prog))
	}
	t.Logf("%d glyphs, renumbered %v: %d bytes", len(gids), renumber, len(prog))
}
