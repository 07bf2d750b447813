package adapt

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want Format
		err  error  // ErrAmbiguous or ErrUnrecognised
		msg  string // part of the error message
	}{
		{name: "printd html body", doc: `{"headline":"H","body":"<p>x</p>"}`, want: Printd},
		{name: "printd blocks", doc: `{"headline":"H","body":[{"type":"divider"}]}`, want: Printd},
		{name: "wordpress", doc: `{"id":1,"title":{"rendered":"T"},"content":{"rendered":"<p>x</p>"}}`, want: WordPress},
		{name: "wordpress list", doc: `[{"title":{"rendered":"T"},"content":{"rendered":""}}]`, want: WordPress},
		{name: "ans with elements", doc: `{"type":"story","version":"0.10.9","content_elements":[]}`, want: ANS},
		{name: "ans with headline", doc: `{"type":"story","headlines":{"basic":"H"}}`, want: ANS},
		{name: "jsonld context string", doc: `{"@context":"https://schema.org","@type":"WebPage"}`, want: JSONLD},
		{name: "jsonld context http", doc: `{"@context":"http://schema.org/","headline":"H"}`, want: JSONLD},
		{name: "jsonld context vocab", doc: `{"@context":{"@vocab":"https://schema.org/"},"@type":"Thing"}`, want: JSONLD},
		{name: "jsonld context array", doc: `{"@context":["https://schema.org",{"ex":"https://example.org/"}]}`, want: JSONLD},
		{name: "jsonld type only", doc: `{"@type":"NewsArticle","headline":"H"}`, want: JSONLD},
		{name: "jsonld prefixed type", doc: `{"@type":"schema:BlogPosting"}`, want: JSONLD},
		{name: "jsonld type iri", doc: `{"@type":["http://schema.org/ReportageNewsArticle"]}`, want: JSONLD},
		{name: "jsonld graph", doc: `{"@graph":[{"@type":"WebPage"},{"@type":"Article"}]}`, want: JSONLD},
		{name: "jsonld array", doc: `[{"@type":"Organization"},{"@context":"https://schema.org","@type":"Article"}]`, want: JSONLD},

		{name: "printd and jsonld", doc: `{"@context":"https://schema.org","headline":"H","body":"x"}`,
			err: ErrAmbiguous, msg: "printd and jsonld"},
		{name: "printd and wordpress", doc: `{"headline":"H","body":"x","title":{"rendered":"T"},"content":{"rendered":"c"}}`,
			err: ErrAmbiguous, msg: "printd and wordpress"},
		{name: "ans and jsonld", doc: `{"@type":"NewsArticle","type":"story","content_elements":[]}`,
			err: ErrAmbiguous, msg: "ans and jsonld"},

		{name: "unknown object", doc: `{"foo":1}`, err: ErrUnrecognised, msg: "unrecognised"},
		{name: "scalar", doc: `42`, err: ErrUnrecognised},
		{name: "empty array", doc: `[]`, err: ErrUnrecognised},
		{name: "printd without body", doc: `{"headline":"H"}`, want: Printd},
		{name: "printd with null body", doc: `{"headline":"H","body":null}`, want: Printd},
		{name: "printd without headline", doc: `{"body":[]}`, want: Printd},
		{name: "title and content not rendered", doc: `{"title":"T","content":"C","author":"A"}`, err: ErrUnrecognised,
			msg: "not printd (headline and body), wordpress (title.rendered and content.rendered), ans"},
		{name: "wordpress without content", doc: `{"title":{"rendered":"T"}}`, err: ErrUnrecognised},
		{name: "wordpress title not rendered", doc: `{"title":"T","content":"C"}`, err: ErrUnrecognised},
		{name: "ans gallery", doc: `{"type":"gallery","content_elements":[]}`, err: ErrUnrecognised},
		{name: "ans story without body or headline", doc: `{"type":"story"}`, err: ErrUnrecognised},
		{name: "other context", doc: `{"@context":"https://www.w3.org/ns/activitystreams","type":"Note"}`, err: ErrUnrecognised},
		{name: "non-article graph", doc: `{"@graph":[{"@type":"Person"}]}`, err: ErrUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect([]byte(tt.doc))
			if tt.err == nil {
				if err != nil || got != tt.want {
					t.Fatalf("Detect = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.err) || !errors.Is(err, ErrAmbiguous) || got != "" {
				t.Fatalf("Detect = %q, %v; want %v", got, err, tt.err)
			}
			if tt.err == ErrAmbiguous && errors.Is(err, ErrUnrecognised) {
				t.Errorf("ambiguous document reported as unrecognised: %v", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
}

func TestDetectFiles(t *testing.T) {
	for _, fx := range fixtures {
		if got, err := Detect(readFixture(t, fx.file)); err != nil || got != fx.format {
			t.Errorf("%s: Detect = %q, %v; want %q", fx.file, got, err, fx.format)
		}
	}
	native, _ := filepath.Glob(filepath.Join("..", "testdata", "*.json"))
	if len(native) == 0 {
		t.Fatal("no native fixtures found")
	}
	for _, name := range native {
		if got, err := Detect(readFixture(t, filepath.Join("..", name))); err != nil || got != Printd {
			t.Errorf("%s: Detect = %q, %v; want printd", name, got, err)
		}
	}
}

func TestDetectSyntaxError(t *testing.T) {
	tests := []struct {
		doc        string
		line, col  int
		msgContain string
	}{
		{"{\n  \"a\": tru\n}", 2, 11, "invalid character"},
		{`{"a": 1`, 1, 8, "unexpected end"},
		{"{\"a\": 1}\n x", 2, 2, "after the JSON document"},
		{"", 1, 1, "unexpected end"},
		{"\xef\xbb\xbf{\"é\": [1,]}", 1, 10, "invalid character"},
	}
	for _, tt := range tests {
		_, err := Detect([]byte(tt.doc))
		var se *article.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Detect(%q) = %v; want a syntax error", tt.doc, err)
			continue
		}
		if se.Line != tt.line || se.Column != tt.col || !strings.Contains(se.Msg, tt.msgContain) {
			t.Errorf("Detect(%q) = line %d column %d %q; want line %d column %d, %q",
				tt.doc, se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msgContain)
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
	}{
		{"", Auto}, {"auto", Auto}, {" AUTO ", Auto}, {"printd", Printd},
		{"wordpress", WordPress}, {"wp", WordPress}, {"WordPress", WordPress},
		{"ans", ANS}, {"arc", ANS}, {"jsonld", JSONLD}, {"json-ld", JSONLD},
	}
	for _, tt := range tests {
		if got, err := ParseFormat(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"rss", "html", "word press"} {
		if _, err := ParseFormat(bad); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("ParseFormat(%q) = %v; want ErrUnknownFormat", bad, err)
		}
		if _, _, _, err := Convert([]byte(`{}`), bad); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("Convert(_, %q) = %v; want ErrUnknownFormat", bad, err)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	ambiguous := []byte(`{"@context":"https://schema.org","@type":"Article","headline":"H","body":"x","articleBody":"Text."}`)
	if _, _, _, err := Convert(ambiguous, Auto); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("auto on an ambiguous document: %v; want ErrAmbiguous", err)
	}
	// Naming the format settles it.
	if _, used, _, err := Convert(ambiguous, "jsonld"); err != nil || used != JSONLD {
		t.Errorf("jsonld on an ambiguous document: %s, %v", used, err)
	}
	if out, used, _, err := Convert(ambiguous, "printd"); err != nil || used != Printd || !sameBytes(out, ambiguous) {
		t.Errorf("printd on an ambiguous document: %s, %v", used, err)
	}
	if _, _, _, err := Convert([]byte(`{"x":1}`), Auto); !errors.Is(err, ErrUnrecognised) {
		t.Errorf("auto on an unknown document: %v; want ErrUnrecognised", err)
	}

	// A document of no known shape is named as such, with the shapes
	// tried, rather than getting "headline: required" from the decoder;
	// one that tries to be printd input gets the decoder's field errors.
	_, _, _, err := Decode([]byte(`{"title":"T","content":"<p>x</p>","status":"publish"}`), Auto)
	if !errors.Is(err, ErrUnrecognised) || !strings.Contains(err.Error(), "wordpress (title.rendered and content.rendered)") {
		t.Errorf("Decode(auto) of an unknown shape = %v; want ErrUnrecognised naming the shapes", err)
	}
	var ve *article.ValidationError
	if _, _, _, err := Decode([]byte(`{"headline":"H"}`), Auto); !errors.As(err, &ve) || ve.Problems[0].Path != "body" {
		t.Errorf("Decode(auto) of printd without body = %v; want body: required", err)
	}

	// Malformed JSON: auto leaves the error to the article decoder, which
	// reports line and column; a named CMS format reports it itself.
	bad := []byte("{\n\"title\": }")
	if out, used, _, err := Convert(bad, Auto); err != nil || used != Printd || !sameBytes(out, bad) {
		t.Errorf("auto on malformed JSON = %s, %v; want it passed through", used, err)
	}
	_, _, _, err = Decode(bad, Auto)
	var se *article.SyntaxError
	if !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("Decode(auto) on malformed JSON = %v; want a syntax error on line 2", err)
	}
	for _, f := range []string{"wordpress", "ans", "jsonld"} {
		_, used, _, err := Convert(bad, f)
		if !errors.As(err, &se) || se.Line != 2 || se.Column != 10 || string(used) != f {
			t.Errorf("Convert(malformed, %s) = %s, %v; want a syntax error at 2:10", f, used, err)
		}
	}
}

func sameBytes(a, b []byte) bool { return string(a) == string(b) }
