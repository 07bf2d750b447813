package article

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type obj = map[string]any

// validArticle returns a fresh article that decodes without problems.
func validArticle() obj {
	return obj{
		"id": "a-1", "url": "https://example.org/a", "lang": "en", "dir": "ltr",
		"section": "News", "headline": "Headline",
		"authors":   []any{"Jane Doe"},
		"published": "2025-11-19T14:05:00Z",
		"photo":     obj{"src": "https://cdn.example.org/p.jpg", "width": 2400, "height": 1600, "focus": obj{"x": 0.5, "y": 0.35}},
		"body": []any{
			obj{"type": "paragraph", "html": "First <b>para</b>."},
			obj{"type": "heading", "level": 2, "text": "Sub"},
			obj{"type": "heading", "level": 3, "text": "Subsub"},
			obj{"type": "paragraph", "html": `See <a href="https://example.org">this</a>.`},
			obj{"type": "list", "ordered": true, "items": []any{"one", "two"}},
			obj{"type": "image", "src": "p.jpg", "caption": "Cap"},
			obj{"type": "quote", "html": "Q", "cite": "C"},
			obj{"type": "preformatted", "text": "  x"},
			obj{"type": "divider"},
		},
		"footer":  obj{"text": "Legal", "links": []any{obj{"text": "Terms", "url": "https://example.org/terms"}, obj{"text": "Privacy", "url": "https://example.org/privacy"}}},
		"options": obj{"preset": "web", "paper": "A4", "columns": 2, "grayscale": true, "bleed": 0, "strict": false, "pages": 2},
	}
}

func block(a obj, i int) obj    { return a["body"].([]any)[i].(obj) }
func sub(a obj, key string) obj { return a[key].(obj) }

func encode(t *testing.T, a obj) []byte {
	t.Helper()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestValidArticle(t *testing.T) {
	a, err := Decode(encode(t, validArticle()))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Body) != 9 {
		t.Errorf("got %d blocks, want 9", len(a.Body))
	}
}

func TestValidationProblems(t *testing.T) {
	tests := []struct {
		path, msg string
		edit      func(a obj)
	}{
		{"headline", "required", func(a obj) { delete(a, "headline") }},
		{"headline", "required", func(a obj) { a["headline"] = " \n\t " }},
		{"headline", "must be a string", func(a obj) { a["headline"] = 42 }},
		{"section", "must be a string", func(a obj) { a["section"] = []any{"News"} }},
		{"url", "must be an absolute http or https URL", func(a obj) { a["url"] = "example.org/a" }},
		{"url", "must be an absolute http or https URL", func(a obj) { a["url"] = "ftp://example.org/a" }},
		{"lang", "not a BCP 47 tag", func(a obj) { a["lang"] = "english please" }},
		{"dir", "must be ltr or rtl", func(a obj) { a["dir"] = "up" }},
		{"authors", "must be a string or an array of strings", func(a obj) { a["authors"] = 7 }},
		{"authors[1]", "must be a string", func(a obj) { a["authors"] = []any{"A", obj{"name": "B"}} }},
		{"published", "not RFC 3339 date-time", func(a obj) { a["published"] = "2025-11-19" }},
		{"updated", "not RFC 3339 date-time", func(a obj) { a["updated"] = "yesterday" }},
		{"photo", "must be an object", func(a obj) { a["photo"] = "p.jpg" }},
		{"photo.src", "required", func(a obj) { delete(sub(a, "photo"), "src") }},
		{"photo.src", `unsupported scheme "file" (use https, http, data or a path)`, func(a obj) { sub(a, "photo")["src"] = "file:///etc/passwd" }},
		{"photo.src", `unsupported scheme "javascript" (use https, http, data or a path)`, func(a obj) { sub(a, "photo")["src"] = "javascript:alert(1)" }},
		{"photo.src", `unsupported scheme "ftp" (use https, http, data or a path)`, func(a obj) { sub(a, "photo")["src"] = "ftp://x.org/p.jpg" }},
		{"photo.src", "protocol-relative URL; give the scheme (https:)", func(a obj) { sub(a, "photo")["src"] = "//cdn.example.org/p.jpg" }},
		{"photo.src", "not a valid URL", func(a obj) { sub(a, "photo")["src"] = "https:///p.jpg" }},
		{"photo.src", "not a valid data: URI", func(a obj) { sub(a, "photo")["src"] = "data:image/png;base64" }},
		{"photo.width", "must be between 0 and 100000", func(a obj) { sub(a, "photo")["width"] = -1 }},
		{"photo.height", "must be between 0 and 100000", func(a obj) { sub(a, "photo")["height"] = 100001 }},
		{"photo.width", "must be a whole number", func(a obj) { sub(a, "photo")["width"] = 12.5 }},
		{"photo.focus.x", "must be between 0 and 1", func(a obj) { sub(a, "photo")["focus"] = obj{"x": 1.5, "y": 0} }},
		{"photo.focus.y", "must be a number", func(a obj) { sub(a, "photo")["focus"] = obj{"y": "top"} }},
		{"body", "required", func(a obj) { delete(a, "body") }},
		{"body", "at least one block required", func(a obj) { a["body"] = []any{} }},
		{"body", "at least one block required", func(a obj) { a["body"] = "<p> </p><script>x</script>" }},
		{"body", "at least one block required", func(a obj) { a["body"] = []any{obj{"type": "paragraph", "html": " "}} }},
		{"body", "must be an array of blocks or an HTML string", func(a obj) { a["body"] = 5 }},
		{"body", "unclosed <i>", func(a obj) { a["body"] = "<p><i>x</p>" }},
		{"body[0]", "must be an object", func(a obj) { a["body"].([]any)[0] = "text" }},
		{"body[0].type", "required", func(a obj) { delete(block(a, 0), "type") }},
		{"body[1].type", `unknown block type "chart"`, func(a obj) { block(a, 1)["type"] = "chart" }},
		{"body[0].html", "required", func(a obj) { delete(block(a, 0), "html") }},
		{"body[3].html", "unclosed <a>", func(a obj) { block(a, 3)["html"] = `<a href="https://x.org">text` }},
		{"body[3].level", "must be 2–4", func(a obj) { a["body"].([]any)[3] = obj{"type": "heading", "level": 5, "text": "x"} }},
		{"body[1].level", "must be 2–4", func(a obj) { block(a, 1)["level"] = 1 }},
		{"body[2].level", "must be a number", func(a obj) { block(a, 2)["level"] = "2" }},
		{"body[1].text", "required", func(a obj) { block(a, 1)["text"] = "" }},
		{"body[4].items", "at least one item required", func(a obj) { block(a, 4)["items"] = []any{} }},
		{"body[4].items", "must be an array", func(a obj) { block(a, 4)["items"] = "one" }},
		{"body[4].items[2]", "must be inline HTML or an object with html and list", func(a obj) { block(a, 4)["items"] = []any{"a", "b", 3} }},
		{"body[4].items[1].list.items", "required", func(a obj) { block(a, 4)["items"] = []any{"a", obj{"html": "b", "list": obj{}}} }},
		{"body[4].items[1].html", "required", func(a obj) { block(a, 4)["items"] = []any{"a", obj{}} }},
		{"body[4].items[0].list.items[0].list.items[1]", "must be inline HTML or an object with html and list", func(a obj) {
			block(a, 4)["items"] = []any{obj{"html": "a", "list": obj{"items": []any{obj{"html": "b", "list": obj{"items": []any{"c", true}}}}}}}
		}},
		{"body[4].items[0].list.items[0].list.items[0].list.items[0].list", "lists nest at most 4 levels deep", func(a obj) {
			deep := any("e")
			for _, t := range []string{"d", "c", "b", "a"} {
				deep = obj{"html": t, "list": obj{"items": []any{deep}}}
			}
			block(a, 4)["items"] = []any{deep}
		}},
		{"body[4].items[1]", "unclosed <b>", func(a obj) { block(a, 4)["items"] = []any{"a", "<b>b"} }},
		{"body[4].ordered", "must be true or false", func(a obj) { block(a, 4)["ordered"] = "yes" }},
		{"body[5].src", "required", func(a obj) { delete(block(a, 5), "src") }},
		{"body[5].src", `unsupported scheme "file" (use https, http, data or a path)`, func(a obj) { block(a, 5)["src"] = "file:p.jpg" }},
		{"body[5].focus", "must be an object", func(a obj) { block(a, 5)["focus"] = 0.5 }},
		{"body[6].cite", "must be a string", func(a obj) { block(a, 6)["cite"] = false }},
		{"body[7].text", "required", func(a obj) { delete(block(a, 7), "text") }},
		{"footer", "must be an object", func(a obj) { a["footer"] = "Legal" }},
		{"footer.links", "must be an array", func(a obj) { sub(a, "footer")["links"] = "x" }},
		{"footer.links[0].text", "required", func(a obj) { sub(a, "footer")["links"].([]any)[0].(obj)["text"] = "" }},
		{"footer.links[1].url", "must be an absolute http or https URL", func(a obj) { sub(a, "footer")["links"].([]any)[1].(obj)["url"] = "javascript:void(0)" }},
		{"footer.links[1].url", "required", func(a obj) { delete(sub(a, "footer")["links"].([]any)[1].(obj), "url") }},
		{"options", "must be an object", func(a obj) { a["options"] = "proof" }},
		{"options.preset", "must be web, archive or proof", func(a obj) { sub(a, "options")["preset"] = "print" }},
		{"options.paper", "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm", func(a obj) { sub(a, "options")["paper"] = "A0" }},
		{"options.paper", "width and height must be 50–2000 mm", func(a obj) { sub(a, "options")["paper"] = "10x297mm" }},
		{"options.columns", "must be 1–4", func(a obj) { sub(a, "options")["columns"] = 5 }},
		{"options.columns", "must be 1–4", func(a obj) { sub(a, "options")["columns"] = 0 }},
		{"options.columns", "must be a number", func(a obj) { sub(a, "options")["columns"] = "2" }},
		{"options.grayscale", "must be true or false", func(a obj) { sub(a, "options")["grayscale"] = "yes" }},
		{"options.bleed", "must be between 0 and 25 mm", func(a obj) { sub(a, "options")["bleed"] = -1 }},
		{"options.pages", "must be between 0 and 1000", func(a obj) { sub(a, "options")["pages"] = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.path+": "+tt.msg, func(t *testing.T) {
			a := validArticle()
			tt.edit(a)
			_, err := Decode(encode(t, a))
			want := []Problem{{Path: tt.path, Message: tt.msg}}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error = %v (%T), want *ValidationError", err, err)
			}
			if !reflect.DeepEqual(ve.Problems, want) {
				t.Errorf("problems = %q, want %q", ve.Problems, want)
			}
		})
	}
}

func TestValidationAllProblems(t *testing.T) {
	a := validArticle()
	delete(a, "headline")
	a["lang"] = "??"
	sub(a, "photo")["focus"] = obj{"x": -0.1, "y": 2}
	block(a, 1)["type"] = "chart"
	block(a, 2)["level"] = 7
	block(a, 3)["html"] = "<a href=x>y"
	sub(a, "footer")["links"].([]any)[0].(obj)["url"] = "/terms"
	sub(a, "options")["columns"] = 9
	_, err := Decode(encode(t, a))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v, want *ValidationError", err)
	}
	want := strings.Join([]string{
		"lang: not a BCP 47 tag",
		"headline: required",
		"photo.focus.x: must be between 0 and 1",
		"photo.focus.y: must be between 0 and 1",
		`body[1].type: unknown block type "chart"`,
		"body[2].level: must be 2–4",
		"body[3].html: unclosed <a>",
		"footer.links[0].url: must be an absolute http or https URL",
		"options.columns: must be 1–4",
	}, "\n")
	if got := ve.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}

func TestValidationInvalidUnicode(t *testing.T) {
	in := "{\"body\": \"<p>x</p>\",\n \"headline\": \"Bad \xff byte\",\n \"section\": \"\\ud800 half\",\n \"ignored\": \"\xfe\"}"
	_, err := Decode([]byte(in))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v, want *ValidationError", err)
	}
	want := []Problem{
		{"section", "unpaired surrogate escape at line 3, column 14"},
		{"headline", "invalid UTF-8 at line 2, column 19"},
	}
	if !reflect.DeepEqual(ve.Problems, want) {
		t.Errorf("problems = %q, want %q", ve.Problems, want)
	}
}

func TestStrictUnknownFields(t *testing.T) {
	a := validArticle()
	a["kicker"] = "x"
	sub(a, "photo")["license"] = "cc"
	block(a, 0)["text"] = "wrong member"
	data := encode(t, a)
	if _, err := Decode(data); err != nil {
		t.Fatalf("unknown fields must be ignored by default: %v", err)
	}
	want := []Problem{
		{"kicker", "unknown field"},
		{"photo.license", "unknown field"},
		{"body[0].text", "unknown field"},
	}
	_, _, err := DecodeOpts(data, DecodeOptions{Strict: true})
	var ve *ValidationError
	if !errors.As(err, &ve) || !reflect.DeepEqual(ve.Problems, want) {
		t.Errorf("DecodeOpts strict: %v, want %q", err, want)
	}
	sub(a, "options")["strict"] = true
	_, err = Decode(encode(t, a))
	if !errors.As(err, &ve) || !reflect.DeepEqual(ve.Problems, want) {
		t.Errorf("options.strict: %v, want %q", err, want)
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name string
		lim  Limits
		body any
		want Problem
	}{
		{"blocks", Limits{MaxBlocks: 2}, []any{obj{"type": "divider"}, obj{"type": "divider"}, obj{"type": "divider"}},
			Problem{"body", "more than 2 blocks"}},
		{"blocks from html", Limits{MaxBlocks: 2}, "<hr><hr><hr>", Problem{"body", "more than 2 blocks"}},
		{"field bytes", Limits{MaxFieldBytes: 20}, []any{obj{"type": "paragraph", "html": strings.Repeat("x", 21)}},
			Problem{"body[0].html", "longer than 20 bytes"}},
		{"runes", Limits{MaxRunes: 50}, []any{obj{"type": "paragraph", "html": "short"}, obj{"type": "paragraph", "html": strings.Repeat("я", 48)}},
			Problem{"body[1].html", "article text exceeds 50 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encode(t, obj{"headline": "H", "body": tt.body})
			_, _, err := DecodeOpts(data, DecodeOptions{Limits: tt.lim})
			var ve *ValidationError
			if !errors.As(err, &ve) || !reflect.DeepEqual(ve.Problems, []Problem{tt.want}) {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
			if _, err := Decode(data); err != nil {
				t.Errorf("default limits: %v", err)
			}
		})
	}
}
