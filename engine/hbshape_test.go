package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"printd/article"
	"printd/layout"
	"printd/photo"
)

// TestShapedGlyphsMatchHBShape lays out script fixtures with the system's
// fonts and checks a sample of the shaped texts against HarfBuzz's own
// hb-shape (Debian libharfbuzz-bin) with the same font file, face, text,
// direction and language: the same glyph IDs, advances and offsets. It
// then renders the PDF and finds each sampled text's glyph IDs, in the
// order they are drawn, in the page's content (qpdf --qdf), so that what
// is compared is what the PDF holds.
func TestShapedGlyphsMatchHBShape(t *testing.T) {
	hb := requireTool(t, "hb-shape")
	qpdf := requireTool(t, "qpdf")
	for _, fx := range []string{"ar", "fa", "he", "mixed", "hi", "bn", "ta", "th", "my", "zh-Hans", "zh-Hant", "ja", "ko"} {
		t.Run(fx, func(t *testing.T) {
			a := scriptArticle(t, fx)
			a.Photo = nil
			p, err := New(Config{Photos: photo.NewStore(photo.DefaultConfig())})
			if err != nil {
				t.Fatal(err)
			}
			pl, err := p.Plan(a, article.Over{})
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := p.compose(context.Background(), &pl)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.doc.Missing) > 0 {
				t.Skipf("the system lacks fonts for %s (Debian fonts-noto-core, fonts-noto-cjk): %v", fx, c.doc.Missing[0])
			}
			var shaped []layout.Text
			for _, pg := range c.doc.Pages {
				for _, tx := range pg.Texts {
					if len(tx.Glyphs) > 0 && strings.TrimSpace(tx.Text) != "" {
						shaped = append(shaped, tx)
					}
				}
			}
			if len(shaped) < 20 {
				t.Fatalf("only %d shaped texts", len(shaped))
			}
			var buf bytes.Buffer
			if _, err := p.Render(context.Background(), pl, &buf); err != nil {
				t.Fatal(err)
			}
			drawn := pdfGlyphRuns(t, qpdf, buf.Bytes())
			step := max(1, len(shaped)/25)
			checked := 0
			for i := 0; i < len(shaped); i += step {
				tx := shaped[i]
				f := c.book.Lib.ByKey(tx.Font.Family)
				if f == nil {
					t.Fatalf("%q: no library face %q", tx.Text, tx.Font.Family)
				}
				dir := "ltr"
				if tx.RTL {
					dir = "rtl"
				}
				out, err := exec.Command(hb, "--no-glyph-names", "--output-format=json", "--direction="+dir,
					"--language="+a.Lang, "--face-index="+strconv.Itoa(f.Index()), f.Path(), tx.Text).Output()
				if err != nil {
					t.Fatalf("hb-shape %q: %v", tx.Text, err)
				}
				var want []struct{ G, Ax, Dx, Dy int }
				if err := json.Unmarshal(out, &want); err != nil {
					t.Fatalf("hb-shape output %q: %v", out, err)
				}
				k := float64(f.Font().UnitsPerEm()) / 1000
				same := len(want) == len(tx.Glyphs)
				for j := 0; same && j < len(want); j++ {
					g, w := tx.Glyphs[j], want[j]
					same = int(g.ID) == w.G && math.Abs(float64(g.Advance)*k-float64(w.Ax)) < 0.5 &&
						math.Abs(float64(g.XOff)*k-float64(w.Dx)) < 0.5 && math.Abs(float64(g.YOff)*k-float64(w.Dy)) < 0.5
				}
				if !same {
					t.Errorf("%q (%s, %s): printd %v, hb-shape %s", tx.Text, filepath.Base(f.Path()), dir, tx.Glyphs, out)
				}
				if !strings.Contains(drawn, drawnIDs(tx)) && !strings.Contains(drawn, drawnIDsEndMarks(tx)) {
					t.Errorf("%q: glyphs %s not drawn in that order in the PDF", tx.Text, drawnIDs(tx))
				}
				checked++
			}
			t.Logf("%d of %d shaped texts compared", checked, len(shaped))
		})
	}
}

func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed (libharfbuzz-bin, qpdf)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

var tjRE = regexp.MustCompile(`\[([^\]]*)\]\s*TJ`)
var hexRE = regexp.MustCompile(`<([0-9A-Fa-f]{4})>`)

// pdfGlyphRuns returns the glyph IDs the PDF's content streams draw in TJ
// arrays of 2-byte codes (Identity-H: code = glyph ID), in order, each as
// "XXXX.".
func pdfGlyphRuns(t *testing.T, qpdf string, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "qdf.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(qpdf, "--qdf", "--normalize-content=n", "--object-streams=disable", in, out).CombinedOutput(); err != nil && !strings.Contains(string(b), "operation succeeded") {
		t.Fatalf("qpdf: %v %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, m := range tjRE.FindAllSubmatch(b, -1) {
		for _, h := range hexRE.FindAllSubmatch(m[1], -1) {
			sb.Write(bytes.ToUpper(h[1]))
			sb.WriteByte('.')
		}
	}
	return sb.String()
}

// drawnIDs is how a shaped text's glyphs are drawn: in visual order, the
// marks of a right-to-left cluster after its base (render's drawOrder).
func drawnIDs(tx layout.Text) string {
	gs := slices.Clone(tx.Glyphs)
	if tx.RTL {
		for i := 0; i < len(gs); {
			j := i + 1
			for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
				j++
			}
			slices.SortStableFunc(gs[i:j], func(a, b layout.Glyph) int {
				za, zb := a.Advance == 0, b.Advance == 0
				switch {
				case za == zb:
					return 0
				case zb:
					return -1
				}
				return 1
			})
			i = j
		}
	}
	var sb strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&sb, "%04X.", g.ID)
	}
	return sb.String()
}

// drawnIDsEndMarks is how a left-to-right shaped text drawn under
// /ActualText is drawn when it ends in marks (render's drawOrder): the
// marks ending it before their cluster's last glyph with an advance,
// unless that glyph is the text's first.
func drawnIDsEndMarks(tx layout.Text) string {
	gs := slices.Clone(tx.Glyphs)
	last := len(gs) - 1
	k := last
	for k > 0 && gs[k].Advance == 0 && gs[k].Cluster == gs[last].Cluster {
		k--
	}
	if !tx.RTL && k > 0 && k < last && gs[k].Cluster == gs[last].Cluster {
		g := gs[k]
		copy(gs[k:], gs[k+1:])
		gs[last] = g
	}
	var sb strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&sb, "%04X.", g.ID)
	}
	return sb.String()
}
