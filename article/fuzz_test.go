package article

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*.json"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"headline":"h","body":"<ul><li>a<ol><li>b</ul><figure><img src=x><figcaption>c</figure><pre>\n p</pre>"}`))
	f.Add([]byte(`{"headline":"h","body":[{"type":"list","items":["<b>x</b>",""]},{"type":"image","src":"data:,x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := DecodeOpts(data, DecodeOptions{})
		if err != nil {
			var se *SyntaxError
			var ve *ValidationError
			if !errors.As(err, &se) && !errors.As(err, &ve) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			if ve != nil && len(ve.Problems) == 0 {
				t.Fatal("validation error without problems")
			}
			return
		}
		if a.Headline == "" || len(a.Body) == 0 {
			t.Fatalf("accepted article without headline or body: %+v", a)
		}
		for i, b := range a.Body {
			checkRuns(t, b.Runs)
			for _, it := range ItemTexts(b.Items) {
				if len(it) == 0 {
					t.Fatalf("body[%d]: empty list item", i)
				}
				checkRuns(t, it)
			}
			if b.Type == ImageBlock && (b.Image == nil || checkSrc(b.Image.Src) != "") {
				t.Fatalf("body[%d]: bad image %+v", i, b.Image)
			}
		}
	})
}

func FuzzParseInline(f *testing.F) {
	for _, s := range []string{"a <b>b</b> c", "<a href=\"https://x.org\">x<br>y</a>", "<p>a</p>&nbsp;<i>b", "<script>x</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		runs, _ := ParseInline(s)
		checkRuns(t, runs)
	})
}

// checkRuns asserts the shape ParseInline promises: no empty runs, no
// breaks at either end, neighbours merged, no doubled or edge spaces.
func checkRuns(t *testing.T, runs []Run) {
	t.Helper()
	for i, r := range runs {
		if r.Break {
			if i == 0 || i == len(runs)-1 || r.Text != "" || r.Style != 0 || r.Link != "" {
				t.Fatalf("bad break at %d in %#v", i, runs)
			}
			continue
		}
		if r.Text == "" {
			t.Fatalf("empty run at %d in %#v", i, runs)
		}
		if i > 0 {
			p := runs[i-1]
			if !p.Break && p.Style == r.Style && p.Link == r.Link {
				t.Fatalf("unmerged runs at %d in %#v", i, runs)
			}
		}
	}
	text := PlainText(runs)
	if len(text) > 0 && (text[0] == ' ' || text[len(text)-1] == ' ') {
		t.Fatalf("untrimmed text %q", text)
	}
	for i := 1; i < len(text); i++ {
		if text[i] == ' ' && (text[i-1] == ' ' || text[i-1] == '\n') || text[i] == '\n' && text[i-1] == ' ' {
			t.Fatalf("uncollapsed space in %q", text)
		}
	}
}

// FuzzParseBodyHTML: any body HTML gives blocks or an error, never a panic,
// and every block it gives is of a known type.
func FuzzParseBodyHTML(f *testing.F) {
	for _, s := range []string{
		"<p>a <b>b</b></p><h2>h</h2><blockquote><p>q</p><cite>c</cite></blockquote><ul><li>1<ul><li>2</li></ul></li></ul>",
		"<figure><img src=\"x.jpg\" alt=\"a\"><figcaption>cap</figcaption></figure><pre>  x\n y</pre><hr><script>x</script>",
		"<div><div><p>deep", "<table><tr><td>t</td></tr></table><iframe src=x></iframe>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		blocks, _, err := ParseBodyHTML(s)
		if err != nil {
			return
		}
		for i, b := range blocks {
			switch b.Type {
			case Paragraph, Heading, Quote, List, ImageBlock, Preformatted, Divider, TableBlock:
			default:
				t.Fatalf("block %d of unknown type %q", i, b.Type)
			}
		}
	})
}
