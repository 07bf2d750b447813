package adapt

import (
	"errors"
	"strings"
	"testing"

	"printd/article"
)

func TestANSElements(t *testing.T) {
	tests := []struct {
		name     string
		el       string
		want     string // the blocks as JSON
		warnings []string
	}{
		{"text", `{"type":"text","content":"A <strong>b</strong> <span class=\"x\">c</span> <a href=\"https://x.org/\">d</a>"}`,
			`[{"type":"paragraph","html":"A <b>b</b> c <a href=\"https://x.org/\">d</a>"}]`, nil},
		{"text unclosed", `{"type":"text","content":"A <em>b"}`,
			`[{"type":"paragraph","html":"A <i>b</i>"}]`, []string{"ans: ce[0]: unclosed <em> (closed)"}},
		{"text empty", `{"type":"text","content":"  "}`, `[]`, nil},
		{"text without words", `{"type":"text","content":"<img src=\"x.jpg\">"}`, `[]`,
			[]string{"ans: ce[0]: text without printable content; skipped"}},
		{"header", `{"type":"header","level":3,"content":"Sub <i>head</i>"}`, `[{"type":"heading","level":3,"text":"Sub head"}]`, nil},
		{"header level 1", `{"type":"header","level":1,"content":"H"}`, `[{"type":"heading","level":2,"text":"H"}]`, nil},
		{"header level 6", `{"type":"header","level":6,"content":"H"}`, `[{"type":"heading","level":4,"text":"H"}]`, nil},
		{"header without level", `{"type":"header","content":"H"}`, `[{"type":"heading","level":2,"text":"H"}]`, nil},
		{"ordered list", `{"type":"list","list_type":"ordered","items":[{"type":"text","content":"one"},{"type":"text","content":""},{"type":"text","content":"two"}]}`,
			`[{"type":"list","ordered":true,"items":["one","two"]}]`, nil},
		{"nested lists", `{"type":"list","list_type":"unordered","items":[{"type":"text","content":"a"},{"type":"list","items":[{"type":"text","content":"b"},{"type":"list","items":[{"type":"text","content":"c"}]}]},{"type":"image"}]}`,
			`[{"type":"list","items":[{"html":"a","list":{"items":[{"html":"b","list":{"items":["c"]}}]}}]}]`, []string{`ans: ce[0].items[2]: skipped "image" in list`}},
		{"ordered sub-list keeps its own numbering", `{"type":"list","list_type":"ordered","items":[{"type":"text","content":"one"},{"type":"list","list_type":"ordered","items":[{"type":"text","content":"a"},{"type":"text","content":"b"}]},{"type":"text","content":"two"}]}`,
			`[{"type":"list","ordered":true,"items":[{"html":"one","list":{"ordered":true,"items":["a","b"]}},"two"]}]`, nil},
		{"list opening with a sub-list", `{"type":"list","items":[{"type":"list","items":[{"type":"text","content":"a"}]}]}`,
			`[{"type":"list","items":[{"html":"","list":{"items":["a"]}}]}]`, nil},
		{"empty list", `{"type":"list","items":[]}`, `[]`, nil},
		{"quote", `{"type":"quote","content_elements":[{"type":"text","content":"One."},{"type":"text","content":"Two."},{"type":"image"}],"citation":{"type":"text","content":"<b>Who</b>"}}`,
			`[{"type":"quote","html":"One.<br>Two.","cite":"Who"}]`, []string{`ans: ce[0].content_elements[2]: skipped "image" in quote`}},
		{"old blockquote", `{"type":"blockquote","content":"Said <i>so</i>."}`, `[{"type":"quote","html":"Said <i>so</i>."}]`, nil},
		{"quote without text", `{"type":"quote","content_elements":[],"citation":{"content":"Who"}}`, `[]`,
			[]string{`ans: ce[0]: quote without text; its citation "Who" skipped`}},
		{"image", `{"type":"image","url":"https://x.org/p.jpg","caption":"Cap","alt_text":"Alt","width":1000,"height":500,"focal_point":{"x":250,"y":400},"credits":{"by":[{"name":"A"},{"name":"B"}]}}`,
			`[{"type":"image","src":"https://x.org/p.jpg","width":1000,"height":500,"caption":"Cap","credit":"A, B","alt":"Alt","focus":{"x":0.25,"y":0.8}}]`, nil},
		{"image focal point outside", `{"type":"image","url":"https://x.org/p.jpg","width":100,"height":100,"focal_point":{"x":-5,"y":900}}`,
			`[{"type":"image","src":"https://x.org/p.jpg","width":100,"height":100,"focus":{"x":0,"y":1}}]`, nil},
		{"image focal point without size", `{"type":"image","url":"https://x.org/p.jpg","focal_point":{"x":5,"y":9}}`,
			`[{"type":"image","src":"https://x.org/p.jpg"}]`, []string{"ans: ce[0]: focal_point not used: it needs x and y and the image's width and height"}},
		{"image credits affiliation only", `{"type":"image","url":"https://x.org/p.jpg","credits":{"affiliation":[{"name":"Agency"}]}}`,
			`[{"type":"image","src":"https://x.org/p.jpg","credit":"Agency"}]`, nil},
		{"image bad url", `{"type":"image","url":"photo.jpg"}`, `[]`, []string{`ans: ce[0]: image url "photo.jpg" is not a web URL; skipped`}},
		{"image no url", `{"type":"image"}`, `[]`, []string{"ans: ce[0]: image without url; skipped"}},
		{"gallery", `{"type":"gallery","content_elements":[{"type":"image","url":"https://x.org/1.jpg"},{"type":"video"},{"type":"image","url":"https://x.org/2.jpg"}]}`,
			`[{"type":"image","src":"https://x.org/1.jpg"},{"type":"image","src":"https://x.org/2.jpg"}]`,
			[]string{`ans: ce[0].content_elements[1]: skipped "video" in gallery`}},
		{"empty gallery", `{"type":"gallery","content_elements":[]}`, `[]`, []string{"ans: ce[0]: gallery without usable images; skipped"}},
		{"divider", `{"type":"divider"}`, `[{"type":"divider"}]`, nil},
		{"correction", `{"type":"correction","text":"It was <i>Tuesday</i>."}`, `[{"type":"paragraph","html":"<b>Correction:</b> It was <i>Tuesday</i>."}]`, nil},
		{"clarification", `{"type":"correction","correction_type":"clarification","text":"More & less."}`,
			`[{"type":"paragraph","html":"<b>Clarification:</b> More &amp; less."}]`, nil},
		{"empty correction", `{"type":"correction","text":""}`, `[]`, []string{"ans: ce[0]: correction without text; skipped"}},
		{"inline raw_html", `{"type":"raw_html","content":"<span>Note:</span> <strong>see</strong> <abbr>PA</abbr>"}`,
			`[{"type":"paragraph","html":"Note: <b>see</b> PA"}]`, nil},
		{"block raw_html", `{"type":"raw_html","content":"<div><p>Poll</p></div>"}`, `[]`, []string{"ans: ce[0]: skipped raw_html (markup beyond inline text)"}},
		{"script raw_html", `{"type":"raw_html","content":"<script>track()</script>"}`, `[]`, []string{"ans: ce[0]: skipped raw_html (markup beyond inline text)"}},
		{"empty raw_html", `{"type":"raw_html","content":""}`, `[]`, nil},
		{"code", `{"type":"code","content":"a  b\n  c"}`, `[{"type":"preformatted","text":"a  b\n  c"}]`, nil},
		{"interstitial link", `{"type":"interstitial_link","url":"https://x.org/","content":"More"}`, `[]`, []string{"ans: ce[0]: skipped interstitial_link"}},
		{"oembed", `{"type":"oembed_response","raw_oembed":{}}`, `[]`, []string{"ans: ce[0]: skipped oembed_response"}},
		{"video", `{"type":"video"}`, `[]`, []string{"ans: ce[0]: skipped video"}},
		{"custom embed", `{"type":"custom_embed"}`, `[]`, []string{"ans: ce[0]: skipped custom_embed"}},
		{"no type", `{"content":"x"}`, `[]`, []string{"ans: ce[0]: element without a type; skipped"}},
		{"not an object", `"text"`, `[]`, []string{"ans: ce[0]: a string, not an element; skipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notes{prefix: "ans: "}
			b := &ansBody{n: n, blocks: []block{}}
			b.element(mustParse(t, tt.el), "ce[0]")
			var buf strings.Builder
			if err := newQuoter(&buf).Encode(b.blocks); err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(buf.String()); got != tt.want {
				t.Errorf("blocks:\n got  %s\n want %s", got, tt.want)
			}
			diffLines(t, "warnings", n.list, tt.warnings)
		})
	}
}

// ansStory builds a minimal story with extra members.
func ansStory(extra string) string {
	doc := `{"type":"story","headlines":{"basic":"H"},"content_elements":[{"type":"text","content":"Body."}]`
	if extra != "" {
		doc += "," + extra
	}
	return doc + "}"
}

func TestANSFields(t *testing.T) {
	tests := []struct {
		name     string
		extra    string
		field    string
		want     any
		warnings []string
	}{
		{name: "id", extra: `"_id":"ABC"`, field: "id", want: "ABC"},
		{name: "absolute canonical url", extra: `"canonical_url":"https://www.x.org/a/","website_url":"/b/"`, field: "url", want: "https://www.x.org/a/"},
		{name: "path against absolute website url", extra: `"canonical_url":"/a/","website_url":"https://www.x.org/b/"`, field: "url", want: "https://www.x.org/a/"},
		{name: "absolute website url", extra: `"website_url":"https://www.x.org/b/"`, field: "url", want: "https://www.x.org/b/"},
		{name: "website path only", extra: `"website_url":"/b/"`, field: "url", want: "",
			warnings: []string{`ans: website_url "/b/" is not an absolute URL and the site's address is unknown; url not set`}},
		{name: "language", extra: `"language":"pt_BR"`, field: "lang", want: "pt-BR"},
		{name: "bad language", extra: `"language":"english!"`, field: "lang", want: "",
			warnings: []string{`ans: language "english!" is not a BCP 47 tag; not used`}},
		{name: "subheadline", extra: `"subheadlines":{"basic":"Sub"},"description":{"basic":"Desc"}`, field: "subheadline", want: "Sub"},
		{name: "description as subheadline", extra: `"description":{"basic":"Desc &amp; more"}`, field: "subheadline", want: "Desc & more"},
		{name: "display date first", extra: `"display_date":"2025-03-01T10:00:00.000Z","first_publish_date":"2025-02-01T10:00:00Z"`,
			field: "published", want: "2025-03-01T10:00:00Z"},
		{name: "first publish date", extra: `"display_date":"soon","first_publish_date":"2025-02-01T10:00:00+02:00"`,
			field: "published", want: "2025-02-01T10:00:00+02:00", warnings: []string{`ans: display_date "soon" is not a date; not used`}},
		{name: "updated", extra: `"last_updated_date":"2025-02-02T10:00:00Z"`, field: "updated", want: "2025-02-02T10:00:00Z"},
		{name: "section", extra: `"taxonomy":{"primary_section":{"name":"Sport"},"sections":[{"name":"Other"}]}`, field: "section", want: "Sport"},
		{name: "section fallback", extra: `"taxonomy":{"sections":[{"name":"Other"}]}`, field: "section", want: "Other"},
		{name: "authors", extra: `"credits":{"by":[{"name":"A"},{"type":"author"},{"type":"reference","referent":{"id":"x"}}]}`,
			field: "authors", want: []string{"A"}, warnings: []string{
				"ans: credits.by[1]: author without a name; not used",
				"ans: credits.by[2]: unresolved author reference; not used",
			}},
		{name: "video promo", extra: `"promo_items":{"basic":{"type":"video"}}`, field: "headline", want: "H",
			warnings: []string{`ans: promo_items.basic is "video", not an image; no photo`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, warnings := convertDoc(t, ansStory(tt.extra), "ans")
			if got := fieldValue(a, tt.field); !equalValue(got, tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.field, got, tt.want)
			}
			diffLines(t, "warnings", warnings, tt.warnings)
		})
	}
}

func TestANSInvalid(t *testing.T) {
	tests := []struct {
		doc   string
		paths []string
	}{
		{`{"type":"story"}`, []string{"headlines.basic", "content_elements"}},
		{`{"type":"video","headlines":{"basic":"H"},"content_elements":[]}`, []string{"type"}},
		{`{"headlines":{"basic":"H"},"content_elements":{}}`, []string{"content_elements"}},
		{`[]`, []string{""}},
	}
	for _, tt := range tests {
		_, _, _, err := Convert([]byte(tt.doc), "ans")
		var ve *article.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("Convert(%s) = %v; want a validation error", tt.doc, err)
			continue
		}
		var paths []string
		for _, p := range ve.Problems {
			paths = append(paths, p.Path)
		}
		diffLines(t, tt.doc, paths, tt.paths)
	}
	// A story whose elements all fall away converts, and the article
	// package then says the body is empty.
	_, _, _, err := Decode([]byte(`{"type":"story","headlines":{"basic":"H"},"content_elements":[{"type":"video"}]}`), Auto)
	var ve *article.ValidationError
	if !errors.As(err, &ve) || ve.Problems[0].Path != "body" {
		t.Errorf("empty body: %v; want a body validation error", err)
	}
}
