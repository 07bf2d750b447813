package adapt

import (
	"net/url"
	"testing"
)

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a \n b  ", "a b"},
		{"A &amp; B &#8220;C&#8221;", "A & B “C”"},
		{"<p>One</p><p>Two<br>Three</p>", "One Two Three"},
		{"Bo<b>ld</b> <i>it</i>", "Bold it"},
		{"x<script>alert(1)</script>y<style>p{}</style>", "xy"},
		{"a&nbsp;b", "a\u00a0b"},
		{"&lt;b&gt; is a tag", "<b> is a tag"},
	}
	for _, tt := range tests {
		if got := plain(tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInlineOnly(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"plain text", true},
		{`<span class="x">a</span> <em>b</em> <a href="https://x.org">c</a><br>d`, true},
		{"<abbr>PA</abbr> &amp; <time>today</time>", true},
		{"<p>para</p>", false},
		{"<div>a</div>", false},
		{`<img src="x.jpg">`, false},
		{"<script>x</script>", false},
		{`<iframe src="https://x.org"></iframe>`, false},
		{"<b> </b>", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := inlineOnly(tt.in); got != tt.want {
			t.Errorf("inlineOnly(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestWebURL(t *testing.T) {
	base, _ := url.Parse("https://x.org/news/a/")
	tests := []struct {
		in   string
		base *url.URL
		want string
	}{
		{"https://x.org/p", nil, "https://x.org/p"},
		{" http://x.org ", nil, "http://x.org"},
		{"//cdn.x.org/p.jpg", nil, "https://cdn.x.org/p.jpg"},
		{"/p.jpg", base, "https://x.org/p.jpg"},
		{"p.jpg", base, "https://x.org/news/a/p.jpg"},
		{"/p.jpg", nil, ""},
		{"ftp://x.org/p", nil, ""},
		{"javascript:alert(1)", base, ""},
		{"https://", nil, ""},
		{"", base, ""},
	}
	for _, tt := range tests {
		got, ok := webURL(tt.in, tt.base)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("webURL(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-11-19T14:05:00Z", "2025-11-19T14:05:00Z"},
		{"2025-11-19T14:05:00.123456Z", "2025-11-19T14:05:00Z"},
		{"2025-11-19T14:05:00+01:00", "2025-11-19T14:05:00+01:00"},
		{"2025-11-19T14:05:00-0500", "2025-11-19T14:05:00-05:00"},
		{"2025-11-19T14:05:00", "2025-11-19T14:05:00Z"},
		{"2025-11-19T14:05", "2025-11-19T14:05:00Z"},
		{"2025-11-19 14:05:00", "2025-11-19T14:05:00Z"},
		{"2025-11-19", "2025-11-19T00:00:00Z"},
		{"19/11/2025", ""},
		{"2025-13-01", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := date(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("date(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestLangTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"}, {"EN-gb", "en-GB"}, {"pt_BR", "pt-BR"}, {"sr-Latn", "sr-Latn"},
		{"english", ""}, {"", ""}, {"en gb", ""},
	}
	for _, tt := range tests {
		got, ok := langTag(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("langTag(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestNotes(t *testing.T) {
	n := &notes{prefix: "x: "}
	n.add("same %d", 1)
	n.add("same %d", 1)
	if len(n.warnings()) != 1 {
		t.Fatalf("repeated warning kept twice: %q", n.warnings())
	}
	for i := range maxWarnings + 5 {
		n.add("w%d", i)
	}
	got := n.warnings()
	if len(got) != maxWarnings+1 || got[maxWarnings] != "x: 6 more warnings not shown" {
		t.Errorf("got %d warnings ending %q", len(got), got[len(got)-1])
	}
}
