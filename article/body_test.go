package article

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func para(text string) Block { return Block{Type: Paragraph, Runs: []Run{{Text: text}}} }

func TestParseBodyHTML(t *testing.T) {
	br := Run{Break: true}
	tests := []struct {
		name     string
		in       string
		want     []Block
		warnings []string
		err      string
	}{
		{"paragraphs", "<p>One</p>\n<p> Two </p>", []Block{para("One"), para("Two")}, nil, ""},
		{"loose text and inline elements", "Intro <b>bold</b><p>Para</p>tail",
			[]Block{{Type: Paragraph, Runs: []Run{{Text: "Intro "}, {Text: "bold", Style: Bold}}}, para("Para"), para("tail")}, nil, ""},
		{"containers descended into", "<div><section><article><p>x</p>y</article></section></div>",
			[]Block{para("x"), para("y")}, nil, ""},
		{"empty paragraphs dropped", "<p> </p><p>&nbsp;</p><p><span></span></p><p>x</p>", []Block{para("x")}, nil, ""},
		{"headings mapped", "<h1>A</h1><h2>B</h2><h3>C <i>c</i></h3><h4>D</h4><h5>E</h5><h6>F</h6>",
			[]Block{
				{Type: Heading, Level: 2, Text: "A"}, {Type: Heading, Level: 2, Text: "B"},
				{Type: Heading, Level: 3, Text: "C c"}, {Type: Heading, Level: 4, Text: "D"},
				{Type: Heading, Level: 4, Text: "E"}, {Type: Heading, Level: 4, Text: "F"},
			}, nil, ""},
		{"quote with footer", "<blockquote><p>Q1</p><p>Q2</p><footer>— Someone</footer></blockquote>",
			[]Block{{Type: Quote, Runs: []Run{{Text: "Q1"}, br, {Text: "Q2"}}, Cite: "— Someone"}}, nil, ""},
		{"quote with cite", "<blockquote>Words <cite>A. Author</cite></blockquote>",
			[]Block{{Type: Quote, Runs: []Run{{Text: "Words"}}, Cite: "A. Author"}}, nil, ""},
		{"nested quote flattened", "<blockquote>a<blockquote>b</blockquote>c</blockquote>d",
			[]Block{{Type: Quote, Runs: []Run{{Text: "a"}, br, {Text: "b"}, br, {Text: "c"}}}, para("d")}, nil, ""},
		{"lists", "<ul><li>a</li><li><b>b</b></li></ul><ol><li>1<li>2</ol>",
			[]Block{
				{Type: List, Items: []Item{{Runs: []Run{{Text: "a"}}}, {Runs: []Run{{Text: "b", Style: Bold}}}}},
				{Type: List, Ordered: true, Items: []Item{{Runs: []Run{{Text: "1"}}}, {Runs: []Run{{Text: "2"}}}}},
			}, nil, ""},
		{"nested lists", "<ol><li>a<ol><li>b</li><li>c<ul><li>x</li></ul></li></ol></li><li>d</li></ol>",
			[]Block{{Type: List, Ordered: true, Items: []Item{
				{Runs: []Run{{Text: "a"}}, Sub: &SubList{Ordered: true, Items: []Item{
					{Runs: []Run{{Text: "b"}}},
					{Runs: []Run{{Text: "c"}}, Sub: &SubList{Items: []Item{{Runs: []Run{{Text: "x"}}}}}}}}},
				{Runs: []Run{{Text: "d"}}}}}}, nil, ""},
		{"two lists in one item", "<ul><li>a<ul><li>b</li></ul><ol><li>c</li></ol></li></ul>",
			[]Block{{Type: List, Items: []Item{
				{Runs: []Run{{Text: "a"}}, Sub: &SubList{Items: []Item{{Runs: []Run{{Text: "b"}}}}}},
				{Sub: &SubList{Ordered: true, Items: []Item{{Runs: []Run{{Text: "c"}}}}}}}}}, nil, ""},
		{"lists deeper than four levels flattened", "<ul><li>1<ul><li>2<ul><li>3<ul><li>4<ul><li>5</li></ul></li></ul></li></ul></li></ul></li></ul>",
			[]Block{{Type: List, Items: []Item{{Runs: []Run{{Text: "1"}}, Sub: &SubList{Items: []Item{{Runs: []Run{{Text: "2"}}, Sub: &SubList{Items: []Item{
				{Runs: []Run{{Text: "3"}}, Sub: &SubList{Items: []Item{{Runs: []Run{{Text: "4"}}}, {Runs: []Run{{Text: "5"}}}}}}}}}}}}}}},
			[]string{"lists nested deeper than 4 levels flattened"}, ""},
		{"paragraphs inside an item", "<ul><li><p>a</p><p>b</p></li></ul>",
			[]Block{{Type: List, Items: []Item{{Runs: []Run{{Text: "a"}, br, {Text: "b"}}}}}}, nil, ""},
		{"figure", `<figure><img src="https://cdn.example.org/a.jpg" alt=" A  b " width="800" height="600px"><figcaption>Cap <b>x</b>. Photo: Agency</figcaption></figure>`,
			[]Block{{Type: ImageBlock, Image: &Image{Src: "https://cdn.example.org/a.jpg", Alt: "A b", Width: 800, Height: 600, Caption: "Cap x. Photo: Agency"}}}, nil, ""},
		{"caption before image", `<figure><figcaption>Cap</figcaption><img src="a.jpg"></figure>`,
			[]Block{{Type: ImageBlock, Image: &Image{Src: "a.jpg", Caption: "Cap"}}}, nil, ""},
		{"pull quote figure", `<figure><blockquote>Q</blockquote><figcaption>Who</figcaption></figure>`,
			[]Block{{Type: Quote, Runs: []Run{{Text: "Q"}}, Cite: "Who"}}, nil, ""},
		{"bare image splits paragraph", `<p>Before <img src="/img/a.jpg" width="wide"> after</p>`,
			[]Block{para("Before"), {Type: ImageBlock, Image: &Image{Src: "/img/a.jpg"}}, para("after")}, nil, ""},
		{"images with bad src dropped", `<p>x</p><img src="javascript:alert(1)"><img alt="no src"><img src="file:///etc/passwd">`,
			[]Block{para("x")}, []string{"dropped <img> with unsupported src", "dropped <img> without src"}, ""},
		{"pre keeps whitespace", "<pre>\n  a\n\n   b  </pre><pre><code>x &lt; y</code><br>z</pre>",
			[]Block{{Type: Preformatted, Text: "  a\n\n   b  "}, {Type: Preformatted, Text: "x < y\nz"}}, nil, ""},
		{"divider", "<p>a</p><hr/><p>b</p>", []Block{para("a"), {Type: Divider}, para("b")}, nil, ""},
		{"dropped embeds", `<p>a</p><script>x()</script><iframe src="https://v.example.org/"></iframe><form><p>f</p></form><style>p{}</style><iframe></iframe><p>b</p>`,
			[]Block{para("a"), para("b")}, []string{"dropped <script>", "dropped <iframe>", "dropped <form>", "dropped <style>"}, ""},
		{"table", "<table><tr><td>a</td><td>b</td></tr></table>",
			[]Block{{Type: TableBlock, Table: &Table{Rows: [][]Cell{{{Runs: []Run{{Text: "a"}}, ColSpan: 1, RowSpan: 1},
				{Runs: []Run{{Text: "b"}}, ColSpan: 1, RowSpan: 1}}}}}}, nil, ""},
		{"one-column table as paragraphs", "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>",
			[]Block{para("a"), para("b")}, nil, ""},
		{"unclosed formatting", "<p><b>x</p><p>y</p>",
			[]Block{{Type: Paragraph, Runs: []Run{{Text: "x", Style: Bold}}}, {Type: Paragraph, Runs: []Run{{Text: "y", Style: Bold}}}}, nil, "unclosed <b>"},
		{"plain text", "Just one line.", []Block{para("Just one line.")}, nil, ""},
		{"nothing", " <!-- c --> ", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := ParseBodyHTML(tt.in)
			if tt.err == "" && err != nil {
				t.Fatalf("error: %v", err)
			}
			if tt.err != "" && (err == nil || err.Error() != tt.err) {
				t.Fatalf("error = %v, want %q", err, tt.err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("blocks\n got %s\nwant %s", dumpBlocks(got), dumpBlocks(tt.want))
			}
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tt.warnings)
			}
		})
	}
}

func dumpBlocks(bs []Block) string {
	var b strings.Builder
	for _, x := range bs {
		b.WriteString("\n  " + string(x.Type) + ": ")
		switch x.Type {
		case ImageBlock:
			b.WriteString(x.Image.Src + " | " + x.Image.Caption + " | " + x.Image.Alt)
		case List:
			for _, it := range ItemTexts(x.Items) {
				b.WriteString("[" + PlainText(it) + "]")
			}
		default:
			b.WriteString(strings.ReplaceAll(PlainText(x.Runs)+x.Text, "\n", `\n`) + " | " + x.Cite)
		}
	}
	return b.String()
}

func TestParseBodyHTMLBlockLimit(t *testing.T) {
	blocks, _, err := parseBodyHTML(strings.Repeat("<p>x</p>", 20), 10)
	if err == nil || err.Error() != "more than 10 blocks" {
		t.Fatalf("error = %v, want more than 10 blocks", err)
	}
	if len(blocks) != 10 {
		t.Errorf("got %d blocks, want the first 10", len(blocks))
	}
}

// Deeply nested input must neither exhaust the stack nor take quadratic
// time; the text inside still comes out.
func TestParseBodyHTMLDeepNesting(t *testing.T) {
	const depth = 10_000
	nest := func(open, close string) string {
		return strings.Repeat(open, depth) + "deep" + strings.Repeat(close, depth) + "<p>after</p>"
	}
	tests := []struct {
		name      string
		in        string
		wantFirst BlockType
	}{
		{"div", nest("<div>", "</div>"), Paragraph},
		{"blockquote", nest("<blockquote>", "</blockquote>"), Quote},
		{"list", nest("<ul><li>", "</li></ul>"), List},
		{"figure", nest("<figure>", "</figure>"), Paragraph},
		{"bold", nest("<b>", "</b>"), Paragraph},
		{"mixed", nest("<div><blockquote><ul><li><b><span>", "</span></b></li></ul></blockquote></div>"), Quote},
		{"unclosed divs", strings.Repeat("<div>", depth) + "deep<p>after</p>", Paragraph},
		{"stray end tags", "deep" + strings.Repeat("</blockquote></ul></b>", depth) + "<p>after</p>", Paragraph},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			blocks, _, err := ParseBodyHTML(tt.in)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if err != nil {
				t.Fatal(err)
			}
			text := ""
			for _, b := range blocks {
				text += PlainText(b.Runs) + " "
				for _, it := range ItemTexts(b.Items) {
					text += PlainText(it) + " "
				}
			}
			if len(blocks) == 0 || blocks[0].Type != tt.wantFirst || !strings.Contains(text, "deep") || !strings.Contains(text, "after") {
				t.Errorf("blocks = %s", dumpBlocks(blocks))
			}
		})
	}
}
