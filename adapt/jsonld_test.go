package adapt

import (
	"errors"
	"strings"
	"testing"

	"printd/article"
)

// ldArticle builds a minimal NewsArticle with extra members.
func ldArticle(extra string) string {
	doc := `{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","articleBody":"Body."`
	if extra != "" {
		doc += "," + extra
	}
	return doc + "}"
}

func TestJSONLDFields(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		field    string
		want     any
		warnings []string
	}{
		{name: "headline entities", doc: ldArticle(`"headline":"A &amp; B"`), field: "headline", want: "A & B"},
		{name: "name as headline", doc: `{"@type":"BlogPosting","name":"N","articleBody":"x"}`, field: "headline", want: "N"},
		{name: "alternativeHeadline", doc: ldArticle(`"alternativeHeadline":"Alt","description":"Desc"`), field: "subheadline", want: "Alt"},
		{name: "description", doc: ldArticle(`"description":"Desc"`), field: "subheadline", want: "Desc"},
		{name: "string author", doc: ldArticle(`"author":"Ann"`), field: "authors", want: []string{"Ann"}},
		{name: "person author", doc: ldArticle(`"author":{"@type":"Person","name":"Ann","url":"https://x.org/ann"}`), field: "authors", want: []string{"Ann"}},
		{name: "given and family name", doc: ldArticle(`"author":{"@type":"Person","givenName":"Ann","familyName":"Lee"}`), field: "authors", want: []string{"Ann Lee"}},
		{name: "mixed author array", doc: ldArticle(`"author":["Bo",{"@type":"Organization","name":"Desk"},{"@type":"Person"}]`),
			field: "authors", want: []string{"Bo", "Desk"}, warnings: []string{"jsonld: author[2] has no name; not used"}},
		{name: "unresolved author", doc: ldArticle(`"author":{"@id":"#nobody"}`), field: "authors", want: []string(nil),
			warnings: []string{`jsonld: author[0]: unresolved reference "#nobody"; not used`}},
		{name: "published with offset", doc: ldArticle(`"datePublished":"2025-11-19T15:05:00+0100"`), field: "published", want: "2025-11-19T15:05:00+01:00"},
		{name: "published date only", doc: ldArticle(`"datePublished":"2025-11-19"`), field: "published", want: "2025-11-19T00:00:00Z"},
		{name: "published fractional", doc: ldArticle(`"datePublished":"2025-11-19T15:05:00.123Z"`), field: "published", want: "2025-11-19T15:05:00Z"},
		{name: "bad date", doc: ldArticle(`"dateModified":"Nov 19"`), field: "updated", want: "",
			warnings: []string{`jsonld: dateModified "Nov 19" is not a date; not used`}},
		{name: "section string", doc: ldArticle(`"articleSection":"World"`), field: "section", want: "World"},
		{name: "section array", doc: ldArticle(`"articleSection":["World","Europe","Baltics"]`), field: "section", want: "World",
			warnings: []string{"jsonld: articleSection: 2 more sections not used"}},
		{name: "language", doc: ldArticle(`"inLanguage":"de-AT"`), field: "lang", want: "de-AT"},
		{name: "language object", doc: ldArticle(`"inLanguage":{"@type":"Language","name":"English","alternateName":"en"}`), field: "lang", want: "en"},
		{name: "bad language", doc: ldArticle(`"inLanguage":"English (UK)"`), field: "lang", want: "",
			warnings: []string{`jsonld: inLanguage "English (UK)" is not a BCP 47 tag; not used`}},
		{name: "url", doc: ldArticle(`"url":"https://x.org/a","mainEntityOfPage":"https://x.org/b"`), field: "url", want: "https://x.org/a"},
		{name: "mainEntityOfPage string", doc: ldArticle(`"mainEntityOfPage":"https://x.org/b"`), field: "url", want: "https://x.org/b"},
		{name: "mainEntityOfPage object", doc: ldArticle(`"mainEntityOfPage":{"@type":"WebPage","@id":"https://x.org/c"}`), field: "url", want: "https://x.org/c"},
		{name: "relative url", doc: ldArticle(`"url":"/a","mainEntityOfPage":{"@id":"https://x.org/c"}`), field: "url", want: "https://x.org/c",
			warnings: []string{`jsonld: url "/a" is not an absolute web URL; not used`}},
		{name: "identifier", doc: ldArticle(`"@id":"https://x.org/a#article","identifier":"a-1"`), field: "id", want: "a-1"},
		{name: "identifier number", doc: ldArticle(`"identifier":12345`), field: "id", want: "12345"},
		{name: "identifier property value", doc: ldArticle(`"identifier":{"@type":"PropertyValue","propertyID":"cms","value":"a-2"}`), field: "id", want: "a-2"},
		{name: "@id", doc: ldArticle(`"@id":"https://x.org/a#article"`), field: "id", want: "https://x.org/a#article"},
		{name: "graph with context object", doc: `{"@context":{"@vocab":"https://schema.org/"},"@graph":[{"@type":"WebPage"},{"@type":["Article","ReportageNewsArticle"],"headline":"G","articleBody":"x"}]}`,
			field: "headline", want: "G"},
		{name: "array of nodes", doc: `[{"@context":"https://schema.org","@type":"Organization","name":"O"},{"@context":"https://schema.org","@type":"Article","headline":"A","articleBody":"x"}]`,
			field: "headline", want: "A"},
		{name: "article with body preferred", doc: `{"@graph":[{"@type":"Article","headline":"Teaser"},{"@type":"NewsArticle","headline":"Full","articleBody":"x"}]}`,
			field: "headline", want: "Full", warnings: []string{"jsonld: 2 article nodes; converted the one with the article text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, warnings := convertDoc(t, tt.doc, "jsonld")
			if got := fieldValue(a, tt.field); !equalValue(got, tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.field, got, tt.want)
			}
			diffLines(t, "warnings", warnings, tt.warnings)
		})
	}
}

func TestJSONLDImage(t *testing.T) {
	tests := []struct {
		name     string
		extra    string
		want     string
		warnings []string
	}{
		{name: "url string", extra: `"image":"https://x.org/a.jpg"`, want: `https://x.org/a.jpg 0x0 caption="" credit="" alt=""`},
		{name: "image object", extra: `"image":{"@type":"ImageObject","url":"https://x.org/a.jpg","width":1200,"height":"800px","caption":"Cap","creditText":"Agency"}`,
			want: `https://x.org/a.jpg 1200x800 caption="Cap" credit="Agency" alt=""`},
		{name: "contentUrl and quantitative sizes", extra: `"image":{"@type":"ImageObject","contentUrl":"https://x.org/b.jpg","width":{"@type":"QuantitativeValue","value":640},"height":{"value":480}}`,
			want: `https://x.org/b.jpg 640x480 caption="" credit="" alt=""`},
		{name: "credit from copyright holder", extra: `"image":{"url":"https://x.org/a.jpg","copyrightHolder":{"@type":"Organization","name":"Agency"}}`,
			want: `https://x.org/a.jpg 0x0 caption="" credit="Agency" alt=""`},
		{name: "array of urls takes the first", extra: `"image":["https://x.org/16x9.jpg","https://x.org/4x3.jpg"]`,
			want: `https://x.org/16x9.jpg 0x0 caption="" credit="" alt=""`, warnings: []string{"jsonld: image: 1 more images not used"}},
		{name: "array of objects takes the largest", extra: `"image":[{"url":"https://x.org/s.jpg","width":800,"height":600},{"url":"https://x.org/l.jpg","width":1600,"height":1200},"https://x.org/u.jpg"]`,
			want: `https://x.org/l.jpg 1600x1200 caption="" credit="" alt=""`, warnings: []string{"jsonld: image: 2 more images not used"}},
		{name: "bad url skipped", extra: `"image":["data.jpg","https://x.org/ok.jpg"]`,
			want: `https://x.org/ok.jpg 0x0 caption="" credit="" alt=""`, warnings: []string{`jsonld: image[0] "data.jpg" is not a web URL; not used`}},
		{name: "reference", extra: `"image":{"@id":"#img"}`, want: "", warnings: []string{"jsonld: image[0] has no url; not used"}},
		{name: "thumbnailUrl", extra: `"thumbnailUrl":"https://x.org/t.jpg"`, want: `https://x.org/t.jpg 0x0 caption="" credit="" alt=""`},
		{name: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, warnings := convertDoc(t, ldArticle(tt.extra), "jsonld")
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

func TestJSONLDBody(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{"One line.", []string{"p: One line."}},
		{"First\nline joined.\n\nSecond <b>not bold</b> & fine.", []string{"p: First line joined.", "p: Second *not bold* & fine."}},
		{"Plain a < b & c > d.", []string{"p: Plain a < b & c > d."}},
		{"\r\n\r\nA\r\n \t\r\nB\n\n\n\nC  \n", []string{"p: A", "p: B", "p: C"}},
		{"<p>Rates:</p><table><caption>Rates</caption><tr><th>Term</th><th>Rate</th></tr><tr><td>1 year</td><td>4.5</td></tr></table>",
			[]string{"p: Rates:", `table "Rates" (1 head): Term | Rate / 1 year | 4.5`}},
	}
	for _, tt := range tests {
		doc := ldArticle(`"articleBody":` + quote(tt.body))
		a, _ := convertDoc(t, doc, "jsonld")
		diffLines(t, tt.body, summaries(a.Body), tt.want)
	}
}

func TestJSONLDInvalid(t *testing.T) {
	tests := []struct {
		doc   string
		paths []string
		msg   string
	}{
		{`{"@context":"https://schema.org","@type":"NewsArticle","headline":"H"}`, []string{"articleBody"}, "printd needs the article text"},
		{`{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","articleBody":" \n\n "}`, []string{"articleBody"}, "printd needs the article text"},
		{`{"@context":"https://schema.org","@type":"NewsArticle","articleBody":"x"}`, []string{"headline"}, "required"},
		{`{"@context":"https://schema.org","@type":"WebPage","name":"P"}`, []string{"@type"}, "no article node"},
		{`"text"`, []string{"@type"}, "no article node"},
	}
	for _, tt := range tests {
		_, used, _, err := Convert([]byte(tt.doc), Auto)
		if tt.doc == `"text"` {
			_, used, _, err = Convert([]byte(tt.doc), "jsonld")
		}
		var ve *article.ValidationError
		if !errors.As(err, &ve) || used != JSONLD {
			t.Errorf("Convert(%s) = %s, %v; want a validation error", tt.doc, used, err)
			continue
		}
		var paths []string
		for _, p := range ve.Problems {
			paths = append(paths, p.Path)
		}
		diffLines(t, tt.doc, paths, tt.paths)
		if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "jsonld: ") {
			t.Errorf("error %q; want it to start with the format and mention %q", err, tt.msg)
		}
	}
}

func quote(s string) string {
	var b strings.Builder
	enc := newQuoter(&b)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}
