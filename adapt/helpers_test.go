package adapt

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
)

// readFixture reads a file from testdata.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mustParse parses a JSON document for the adapters' internals.
func mustParse(t testing.TB, s string) any {
	t.Helper()
	v, err := parseJSON([]byte(s))
	if err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return v
}

// summary describes a block in one line for comparisons.
func summary(b article.Block) string {
	switch b.Type {
	case article.Paragraph:
		return "p: " + runsString(b.Runs)
	case article.Heading:
		return fmt.Sprintf("h%d: %s", b.Level, b.Text)
	case article.Quote:
		return "quote: " + runsString(b.Runs) + " — " + b.Cite
	case article.List:
		items := itemStrings(b.Items)
		kind := "ul"
		if b.Ordered {
			kind = "ol"
		}
		return kind + ": " + strings.Join(items, " | ")
	case article.ImageBlock:
		return "img: " + imageString(b.Image)
	case article.Preformatted:
		return "pre: " + b.Text
	case article.TableBlock:
		var rows []string
		for _, part := range [][][]article.Cell{b.Table.Head, b.Table.Rows} {
			for _, r := range part {
				var cells []string
				for _, c := range r {
					cells = append(cells, runsString(c.Runs))
				}
				rows = append(rows, strings.Join(cells, " | "))
			}
		}
		return fmt.Sprintf("table %q (%d head): %s", b.Table.Caption, len(b.Table.Head), strings.Join(rows, " / "))
	}
	return string(b.Type)
}

// itemStrings writes list items, a nested list in braces after its item:
// "a {ol: 1 | 2}".
func itemStrings(items []article.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = runsString(it.Runs)
		if it.Sub != nil {
			kind := "ul"
			if it.Sub.Ordered {
				kind = "ol"
			}
			out[i] += " {" + kind + ": " + strings.Join(itemStrings(it.Sub.Items), " | ") + "}"
		}
	}
	return out
}

func imageString(img *article.Image) string {
	if img == nil {
		return "<nil>"
	}
	s := fmt.Sprintf("%s %dx%d caption=%q credit=%q alt=%q", img.Src, img.Width, img.Height, img.Caption, img.Credit, img.Alt)
	if img.Focus != nil {
		s += fmt.Sprintf(" focus=%g,%g", img.Focus.X, img.Focus.Y)
	}
	return s
}

// runsString writes runs with their styles and links visible:
// *bold*, _italic_, [text](link), "/" for a line break.
func runsString(runs []article.Run) string {
	var b strings.Builder
	for _, r := range runs {
		switch {
		case r.Break:
			b.WriteString(" / ")
			continue
		case r.Style.Has(article.Bold):
			b.WriteString("*" + r.Text + "*")
		case r.Style.Has(article.Italic):
			b.WriteString("_" + r.Text + "_")
		default:
			b.WriteString(r.Text)
		}
		if r.Link != "" {
			b.WriteString("(" + r.Link + ")")
		}
	}
	return b.String()
}

func summaries(blocks []article.Block) []string {
	out := make([]string, len(blocks))
	for i, b := range blocks {
		out[i] = summary(b)
	}
	return out
}

// diffLines reports the first difference between two lists of lines.
func diffLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("%s[%d]:\n got  %q\n want %q", what, i, g, w)
		}
	}
}

// asValidation reports whether err is a validation error with problems.
func asValidation(err error, target **article.ValidationError) bool {
	return errors.As(err, target) && len((*target).Problems) > 0
}

// newQuoter returns a JSON encoder that leaves <, > and & alone.
func newQuoter(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
