package adapt

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"printd/article"
)

// wpPost builds a minimal post with extra members.
func wpPost(extra string) string {
	doc := `{"title":{"rendered":"T"},"content":{"rendered":"<p>Body text here.</p>"}`
	if extra != "" {
		doc += "," + extra
	}
	return doc + "}"
}

// convertDoc converts doc with format and decodes the output; it fails the
// test on any error.
func convertDoc(t *testing.T, doc, format string) (*article.Article, []string) {
	t.Helper()
	out, _, warnings, err := Convert([]byte(doc), format)
	if err != nil {
		t.Fatalf("Convert: %v\n%s", err, doc)
	}
	a, _, err := article.DecodeOpts(out, article.DecodeOptions{})
	if err != nil {
		t.Fatalf("decode converted: %v\n%s", err, out)
	}
	return a, warnings
}

func TestWordPressFields(t *testing.T) {
	tests := []struct {
		name     string
		extra    string
		field    string
		want     any
		warnings []string
	}{
		{name: "id", extra: `"id":77,"slug":"s"`, field: "id", want: "wp-77"},
		{name: "slug without id", extra: `"slug":"a-post"`, field: "id", want: "wp-a-post"},
		{name: "link", extra: `"link":"https://example.org/p/"`, field: "url", want: "https://example.org/p/"},
		{name: "bad link", extra: `"link":"/p/"`, field: "url", want: "",
			warnings: []string{`wordpress: link "/p/" is not an absolute web URL; not used`}},
		{name: "date_gmt without zone is UTC", extra: `"date":"2025-01-02T05:04:05","date_gmt":"2025-01-02T03:04:05"`,
			field: "published", want: "2025-01-02T03:04:05Z"},
		{name: "date fallback", extra: `"date":"2025-01-02T05:04:05","date_gmt":null`, field: "published", want: "2025-01-02T05:04:05Z",
			warnings: []string{"wordpress: date_gmt missing; date (site time) read as UTC"}},
		{name: "bad date", extra: `"date_gmt":"yesterday"`, field: "published", want: "",
			warnings: []string{`wordpress: date_gmt "yesterday" is not a date; not used`}},
		{name: "modified_gmt", extra: `"modified_gmt":"2025-01-03T00:00:00"`, field: "updated", want: "2025-01-03T00:00:00Z"},
		{name: "title entities and tags", extra: `"title":{"rendered":"A &amp; B <em>&#8220;C&#8221;</em>&nbsp;D"}`,
			field: "headline", want: "A & B “C”\u00a0D"},
		{name: "embedded authors", extra: `"_embedded":{"author":[{"name":"Ann &amp; Bo"},{"code":"rest_user_invalid_id"}]}`,
			field: "authors", want: []string{"Ann & Bo"},
			warnings: []string{"wordpress: _embedded.author[1]: rest_user_invalid_id; author not used"}},
		{name: "author not embedded", extra: `"author":5`, field: "authors", want: []string(nil),
			warnings: []string{"wordpress: author 5 not embedded; request with ?_embed"}},
		{name: "first category", extra: `"_embedded":{"wp:term":[[{"name":"Uncategorized","slug":"uncategorized","taxonomy":"category"},{"name":"News","taxonomy":"category"}],[{"name":"Tag","taxonomy":"post_tag"}]]}`,
			field: "section", want: "News"},
		{name: "tags are no section", extra: `"_embedded":{"wp:term":[[],[{"name":"Tag","taxonomy":"post_tag"}]]}`,
			field: "section", want: ""},
		{name: "only uncategorized", extra: `"_embedded":{"wp:term":[[{"name":"Uncategorized","slug":"uncategorized","taxonomy":"category"}]]}`,
			field: "section", want: "", warnings: []string{`wordpress: category "Uncategorized" not used as section`}},
		{name: "categories not embedded", extra: `"categories":[3,9]`, field: "section", want: "",
			warnings: []string{"wordpress: categories 3, 9 not embedded; request with ?_embed"}},
		{name: "manual excerpt", extra: `"excerpt":{"rendered":"<p>A dek &amp; more [&hellip;]</p>"}`, field: "subheadline", want: "A dek & more"},
		{name: "excerpt read more", extra: `"excerpt":{"rendered":"<p>A dek. <a class=\"more-link\" href=\"/x\">Read more »</a></p>"}`,
			field: "subheadline", want: "A dek."},
		{name: "generated excerpt", extra: `"excerpt":{"rendered":"<p>Body text here. [&hellip;]</p>"}`, field: "subheadline", want: "",
			warnings: []string{"wordpress: excerpt repeats the opening of the content; not used as subheadline"}},
		{name: "protected", extra: `"content":{"rendered":"<p>Teaser.</p>","protected":true}`, field: "headline", want: "T",
			warnings: []string{"wordpress: content is password-protected; WordPress sends it empty"}},
		{name: "list of posts", field: "headline", want: "First",
			warnings: []string{"wordpress: 2 posts in the list; converted the first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := wpPost(tt.extra)
			if tt.name == "list of posts" {
				doc = `[` + strings.Replace(wpPost(""), `"T"`, `"First"`, 1) + `,` + wpPost("") + `]`
			}
			a, warnings := convertDoc(t, doc, "wordpress")
			if got := fieldValue(a, tt.field); !equalValue(got, tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.field, got, tt.want)
			}
			diffLines(t, "warnings", warnings, tt.warnings)
		})
	}
}

func TestWordPressPhoto(t *testing.T) {
	const up = "https://x.org/u/"
	size := func(name string, w, h int) string {
		b, _ := json.Marshal(map[string]any{"source_url": up + name, "width": w, "height": h})
		return string(b)
	}
	media := func(m string) string { return `"featured_media":3,"_embedded":{"wp:featuredmedia":[` + m + `]}` }
	tests := []struct {
		name     string
		extra    string
		want     string // imageString; "" for no photo
		warnings []string
	}{
		{
			name: "full size preferred",
			extra: media(`{"source_url":"` + up + `p.jpg","media_type":"image","alt_text":"Alt","caption":{"rendered":"<p>Cap <b>x</b></p>\n"},` +
				`"media_details":{"width":6000,"height":4000,"sizes":{"large":` + size("p-1024.jpg", 1024, 683) + `,"full":` + size("p.jpg", 6000, 4000) + `},` +
				`"image_meta":{"credit":"","copyright":"© Agency"}}}`),
			want: up + `p.jpg 6000x4000 caption="Cap x" credit="© Agency" alt="Alt"`,
		},
		{
			name: "largest up to 2400 without full",
			extra: media(`{"source_url":"` + up + `p.jpg","media_details":{"width":6000,"height":4000,"sizes":{` +
				`"a":` + size("p-1024.jpg", 1024, 683) + `,"b":` + size("p-2048.jpg", 2048, 1365) + `,"c":` + size("p-3000.jpg", 3000, 2000) + `}}}`),
			want: up + `p-2048.jpg 2048x1365 caption="" credit="" alt=""`,
		},
		{
			name:  "original when it is small enough",
			extra: media(`{"source_url":"` + up + `p.jpg","media_details":{"width":1600,"height":900,"sizes":{"a":` + size("p-1024.jpg", 1024, 576) + `}}}`),
			want:  up + `p.jpg 1600x900 caption="" credit="" alt=""`,
		},
		{
			name:  "original when every size is too big",
			extra: media(`{"source_url":"` + up + `p.jpg","media_details":{"width":9000,"height":6000,"sizes":{"a":` + size("p-5000.jpg", 5000, 3333) + `}}}`),
			want:  up + `p.jpg 9000x6000 caption="" credit="" alt=""`,
		},
		{
			name:     "media error",
			extra:    media(`{"code":"rest_forbidden","message":"Sorry"}`),
			warnings: []string{"wordpress: featured media: rest_forbidden; no photo"},
		},
		{
			name:     "video as featured media",
			extra:    media(`{"media_type":"file","source_url":"` + up + `v.mp4"}`),
			warnings: []string{`wordpress: featured media is file, not an image; no photo`},
		},
		{
			name:     "bad source",
			extra:    media(`{"source_url":"file:///p.jpg"}`),
			warnings: []string{`wordpress: featured media source "file:///p.jpg" is not a web URL; no photo`},
		},
		{
			name:     "not embedded",
			extra:    `"featured_media":42`,
			warnings: []string{"wordpress: featured media 42 not embedded; request with ?_embed"},
		},
		{name: "none", extra: `"featured_media":0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, warnings := convertDoc(t, wpPost(tt.extra), "wordpress")
			got := ""
			if a.Photo != nil {
				got = imageString(a.Photo)
			}
			if got != tt.want {
				t.Errorf("photo:\n got  %s\n want %s", got, tt.want)
			}
			diffLines(t, "warnings", warnings, tt.warnings)
		})
	}
}

func TestWordPressInvalid(t *testing.T) {
	tests := []struct {
		doc   string
		paths []string
	}{
		{`{"title":"T","content":"C"}`, []string{"title.rendered", "content.rendered"}},
		{`{"title":{"rendered":"T"}}`, []string{"content.rendered"}},
		{`[]`, []string{""}},
		{`"post"`, []string{""}},
	}
	for _, tt := range tests {
		_, used, _, err := Convert([]byte(tt.doc), "wordpress")
		var ve *article.ValidationError
		if !errors.As(err, &ve) || used != WordPress {
			t.Errorf("Convert(%s) = %v; want a validation error", tt.doc, err)
			continue
		}
		var paths []string
		for _, p := range ve.Problems {
			paths = append(paths, p.Path)
		}
		diffLines(t, tt.doc, paths, tt.paths)
		if !strings.HasPrefix(err.Error(), "wordpress: ") {
			t.Errorf("error %q does not name the format", err)
		}
	}
}
