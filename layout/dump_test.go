package layout

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the layout dumps in testdata/dump")

var roleNames = [...]string{
	RoleBody: "body", RoleKicker: "kicker", RoleHeadline: "headline", RoleStandfirst: "standfirst",
	RoleByline: "byline", RoleCaption: "caption", RoleCredit: "credit", RoleHeading: "heading",
	RoleQuote: "quote", RoleList: "list", RolePre: "pre", RoleLegal: "legal",
	RoleRunningFooter: "footer", RoleBullet: "bullet", RoleMark: "mark", RoleMasthead: "masthead",
}

func (r Role) String() string {
	if int(r) < len(roleNames) && roleNames[r] != "" {
		return roleNames[r]
	}
	return fmt.Sprintf("role%d", r)
}

// dump writes a document as text a reviewer can read: per page its boxes,
// then one line per placed item in drawing order, coordinates in points
// with two decimals; then bookmarks, missing glyphs, warnings and notes.
func dump(doc *Document) string {
	var b strings.Builder
	num := func(v float64) string { return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".") }
	rect := func(r Rect) string { return num(r.X) + "," + num(r.Y) + " " + num(r.W) + "×" + num(r.H) }
	for i, p := range doc.Pages {
		fmt.Fprintf(&b, "page %d  %s×%s  trim %s  content %s\n", i+1, num(p.Width), num(p.Height), rect(p.Trim), rect(p.Content))
		for _, c := range p.Columns {
			fmt.Fprintf(&b, "  column %s\n", rect(c))
		}
		for _, im := range p.Images {
			fmt.Fprintf(&b, "  image %s  full %s  %dx%dpx  block %d  %q\n", rect(im.Rect), rect(im.Full), im.PixelsW, im.PixelsH, im.Block, im.Src)
		}
		for _, r := range p.Rules {
			fmt.Fprintf(&b, "  rule %s,%s → %s,%s  %spt\n", num(r.X1), num(r.Y1), num(r.X2), num(r.Y2), num(r.Thickness))
		}
		if len(p.Boxes) > 0 {
			fmt.Fprintf(&b, "  boxes %d\n", len(p.Boxes))
		}
		for _, t := range p.Texts {
			scale := ""
			if t.HScale() != 1 {
				scale = " ×" + num(t.HScale())
			}
			if t.Tracking != 0 {
				scale += " tc" + num(t.Tracking)
			}
			fmt.Fprintf(&b, "  %-10s %s,%s w%s  %s/%d %s%s  %q\n", t.Role, num(t.X), num(t.Y), num(t.Width), t.Font.Family, t.Font.Style, num(t.Size), scale, t.Text)
		}
		for _, l := range p.Links {
			fmt.Fprintf(&b, "  link %s  %s\n", rect(l.Rect), l.URL)
		}
	}
	for _, bm := range doc.Bookmarks {
		fmt.Fprintf(&b, "bookmark %d page %d y %s  %q\n", bm.Level, bm.Page+1, num(bm.Y), bm.Title)
	}
	for _, m := range doc.Missing {
		fmt.Fprintf(&b, "missing %U at %s\n", m.Rune, m.Where)
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w)
	}
	for _, n := range doc.Notes {
		fmt.Fprintf(&b, "note %s\n", n)
	}
	if doc.Overset {
		b.WriteString("overset\n")
	}
	return b.String()
}

// golden compares got with testdata/dump/name, or rewrites it with -update.
// A missing golden fails: it must be made with -update and looked at.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "dump", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./layout -run %s -update, then review the file)", err, t.Name())
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the layout at line %d:\n got: %s\nwant: %s\n(if the change is meant, run with -update and review the diff)", path, i+1, g, w)
			}
		}
	}
}

// TestLayoutDumps lays out every fixture article with the fake font, on A4
// in two columns, and compares the dump with its reviewed golden.
func TestLayoutDumps(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("..", "testdata", "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures (%v)", err)
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			a := loadFixture(t, name)
			doc, err := Layout(&Input{Article: a, Spec: DefaultSpec(mustPaper(t, "A4"), 2), Fonts: fakeBook{}, Images: fixtureImages(a)})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(name, ".json")+".txt", dump(doc))
		})
	}
}

// TestFakeFace pins the fake font's arithmetic that tests rely on.
func TestFakeFace(t *testing.T) {
	f := fakeBook{}.Face(FontKey{"serif", Regular})
	if w := measure(f, "abc de", 10); w != 3*5+2.5+2*5 {
		t.Errorf("\"abc de\" at 10pt: %v, want 27.5", w)
	}
	if w := measure(fakeBook{}.Face(FontKey{"sans", BoldItalic}), "ab", 10); w != 12 {
		t.Errorf("bold \"ab\" at 10pt: %v, want 12", w)
	}
	if f.Has('\uE000') || !f.Has('ж') {
		t.Error("coverage: everything but the Private Use Area")
	}
}
