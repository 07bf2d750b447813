package layout

import (
	"testing"

	"printd/article"
)

func TestNestedListLayout(t *testing.T) {
	runs := func(s string) []article.Run { return []article.Run{{Text: s}} }
	a := &article.Article{Headline: "Lists", Body: []article.Block{{Type: article.List, Ordered: true, Items: []article.Item{
		{Runs: runs("One")},
		{Runs: runs("Two"), Sub: &article.SubList{Ordered: true, Items: []article.Item{
			{Runs: runs("Alpha")},
			{Runs: runs("Beta"), Sub: &article.SubList{Items: []article.Item{{Runs: runs("Dot")}}}},
			{Runs: runs("Gamma")},
		}}},
		{Runs: runs("Three")},
	}}}}
	spec := DefaultSpec(mustPaper(t, "A4"), 1)
	doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t)})
	if err != nil {
		t.Fatal(err)
	}
	x := map[string]float64{}
	var order []string
	for _, tx := range doc.Pages[0].Texts {
		if tx.Role == RoleList || tx.Role == RoleBullet {
			x[tx.Text] = tx.X
			order = append(order, tx.Text)
		}
	}
	want := []string{"1.", "One", "2.", "Two", "a.", "Alpha", "b.", "Beta", "–", "Dot", "c.", "Gamma", "3.", "Three"}
	if len(order) != len(want) {
		t.Fatalf("list texts %q, want %q", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("list texts %q, want %q", order, want)
		}
	}
	// each level's text starts right of its parent's, and its marker sits
	// in the margin between the parent's text edge and its own text
	if !(x["One"] < x["Alpha"] && x["Alpha"] < x["Dot"]) {
		t.Errorf("indents: level 1 at %.1f, 2 at %.1f, 3 at %.1f", x["One"], x["Alpha"], x["Dot"])
	}
	if x["Alpha"] != x["Gamma"] || x["One"] != x["Three"] {
		t.Errorf("items of one level not aligned: %v", x)
	}
	if !(x["a."] >= x["Two"] && x["a."] < x["Alpha"]) || !(x["–"] >= x["Beta"] && x["–"] < x["Dot"]) {
		t.Errorf("nested markers outside their margins: %v", x)
	}
}

func TestListMarkers(t *testing.T) {
	f := testBook(t).Face(FontKey{Family: "serif"})
	if f == nil {
		t.Skip("no serif face")
	}
	for _, tt := range []struct {
		ordered bool
		depth   int
		n       int
		want    string
	}{
		{true, 0, 12, "12."}, {true, 1, 3, "c."}, {true, 1, 27, "aa."}, {true, 2, 4, "iv."}, {true, 2, 1994, "mcmxciv."},
		{true, 3, 2, "B."}, {true, 4, 5, "5."}, {false, 0, 1, "•"}, {false, 1, 1, "–"},
	} {
		if got := listMarker(f, tt.ordered, tt.depth, tt.n); got != tt.want {
			t.Errorf("listMarker(%v, %d, %d) = %q, want %q", tt.ordered, tt.depth, tt.n, got, tt.want)
		}
	}
}
