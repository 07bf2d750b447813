package article

import (
	"reflect"
	"testing"
)

func TestParseInline(t *testing.T) {
	br := Run{Break: true}
	tests := []struct {
		name string
		in   string
		want []Run
		err  string
	}{
		{"plain", "Just text.", []Run{{Text: "Just text."}}, ""},
		{"space kept once across runs", "a <b>b</b> c",
			[]Run{{Text: "a "}, {Text: "b", Style: Bold}, {Text: " c"}}, ""},
		{"nested styles combine", "<b>bold <i>both</i></b> <em>it</em>",
			[]Run{{Text: "bold ", Style: Bold}, {Text: "both", Style: Bold | Italic}, {Text: " "}, {Text: "it", Style: Italic}}, ""},
		{"same style nested merges", "<b>a<strong>b</strong>c</b>", []Run{{Text: "abc", Style: Bold}}, ""},
		{"adjacent same style merges", "<b>a</b><b>b</b>", []Run{{Text: "ab", Style: Bold}}, ""},
		{"entities", "&ldquo;Hi&rdquo; it&rsquo;s &amp; &lt;b&gt; &#8212; &#x2013;",
			[]Run{{Text: "“Hi” it’s & <b> — –"}}, ""},
		{"whitespace collapsed and trimmed", "  lots \n\t of   space  ", []Run{{Text: "lots of space"}}, ""},
		{"nbsp kept", "15&nbsp;November  and\u00a0\u00a0more",
			[]Run{{Text: "15\u00a0November and\u00a0\u00a0more"}}, ""},
		{"only nbsp is empty", "&nbsp; ", nil, ""},
		{"empty", "", nil, ""},
		{"br", " line one <br> line two<br/>", []Run{{Text: "line one"}, br, {Text: "line two"}}, ""},
		{"double br kept", "a<br><br>b", []Run{{Text: "a"}, br, br, {Text: "b"}}, ""},
		{"leading br dropped", "<br>a", []Run{{Text: "a"}}, ""},
		{"link", `see <a href="https://example.org/x">the report</a>.`,
			[]Run{{Text: "see "}, {Text: "the report", Link: "https://example.org/x"}, {Text: "."}}, ""},
		{"mailto link", `<a href="mailto:desk@example.org">mail us</a>`,
			[]Run{{Text: "mail us", Link: "mailto:desk@example.org"}}, ""},
		{"bold link", `<b><a href="http://example.org">x</a></b>`,
			[]Run{{Text: "x", Style: Bold, Link: "http://example.org"}}, ""},
		{"relative and script links dropped", `x <a href="/rel">rel</a> <a href="javascript:alert(1)">js</a> <a>none</a>`,
			[]Run{{Text: "x rel js none"}}, ""},
		{"a new link closes the open one", `<a href="https://a.org">x<a href="https://b.org">y</a>z`,
			[]Run{{Text: "x", Link: "https://a.org"}, {Text: "y", Link: "https://b.org"}, {Text: "z"}}, ""},
		{"sup and sub", "E=mc<sup>2</sup> H<sub>2</sub>O",
			[]Run{{Text: "E=mc"}, {Text: "2", Style: Sup}, {Text: " H"}, {Text: "2", Style: Sub}, {Text: "O"}}, ""},
		{"code s u small", "<code>x</code><s>y</s><u>z</u><small>w</small>",
			[]Run{{Text: "x", Style: Code}, {Text: "y", Style: Strike}, {Text: "z", Style: Underline}, {Text: "w", Style: Small}}, ""},
		{"other tags unwrapped", `<span class="x">in</span> <mark>m</mark> <del>d</del>`, []Run{{Text: "in m d"}}, ""},
		{"script and style dropped", "a<script>alert('<b>')</script> b<style>p{}</style>", []Run{{Text: "a b"}}, ""},
		{"self-closed script still dropped", "a<script/>var x;</script> b", []Run{{Text: "a b"}}, ""},
		{"stray end tag ignored", "a</b> b</a>", []Run{{Text: "a b"}}, ""},
		{"block elements break lines", "<p>one</p>\n<p>two</p>", []Run{{Text: "one"}, br, {Text: "two"}}, ""},
		{"control characters dropped", "a\x07b\x1bc", []Run{{Text: "abc"}}, ""},
		{"unclosed a", `<a href="https://example.org">text`,
			[]Run{{Text: "text", Link: "https://example.org"}}, "unclosed <a>"},
		{"unclosed several", "<b>x<i>y", []Run{{Text: "x", Style: Bold}, {Text: "y", Style: Bold | Italic}}, "unclosed <b>, <i>"},
		{"closed out of order is fine", "<b>x<i>y</b>z</i>",
			[]Run{{Text: "x", Style: Bold}, {Text: "y", Style: Bold | Italic}, {Text: "z", Style: Italic}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseInline(tt.in)
			if tt.err == "" && err != nil {
				t.Fatalf("ParseInline(%q): %v", tt.in, err)
			}
			if tt.err != "" && (err == nil || err.Error() != tt.err) {
				t.Fatalf("ParseInline(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseInline(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	runs := []Run{{Text: "a "}, {Text: "b", Style: Bold}, {Break: true}, {Text: "c"}}
	if got, want := PlainText(runs), "a b\nc"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestStyleHas(t *testing.T) {
	s := Bold | Italic
	if !s.Has(Bold) || !s.Has(Bold|Italic) || s.Has(Code) || s.Has(Bold|Code) {
		t.Errorf("Style(%b).Has gives wrong answers", s)
	}
}

// RunsHTML must write what ParseInline reads back into the same runs.
func TestRunsHTMLRoundTrip(t *testing.T) {
	for _, in := range []string{
		"plain",
		"a <b>b <i>bi</i></b> <u>u</u> <s>s</s> <small>sm</small> <code>c</code> x<sup>2</sup> H<sub>2</sub>O",
		`<a href="https://x.org/?a=1&amp;b=2">link <strong>bold</strong></a> after`,
		`one<br>two<br><br>three`,
		`<em>open`,
		"&lt;not a tag&gt; &amp; \"quotes\" 'single'",
		"\u00a0no-break\u00a0 spaces",
		`<a href="javascript:alert(1)">kept text</a>`,
	} {
		want, _ := ParseInline(in)
		out := RunsHTML(want)
		got, err := ParseInline(out)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of %q through %q:\n got  %#v (%v)\n want %#v", in, out, got, err, want)
		}
	}
}
