package article

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func blockTypes(bs []Block) []BlockType {
	types := make([]BlockType, len(bs))
	for i, b := range bs {
		types[i] = b.Type
	}
	return types
}

func TestDecodeFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, warnings, err := DecodeOpts(data, DecodeOptions{})
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings: %q", warnings)
			}
			if a.Headline == "" || len(a.Body) == 0 || a.Dir != "ltr" {
				t.Errorf("incomplete article: %+v", a)
			}
			if filepath.Base(f) == "seed-article.json" && (a.Photo == nil || a.Footer == nil) {
				t.Errorf("seed article without photo or footer: %+v", a)
			}
		})
	}
}

func TestDecodeSeedArticle(t *testing.T) {
	a, err := Decode(readFixture(t, "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Body) != 11 {
		t.Errorf("got %d blocks, want 11", len(a.Body))
	}
	for i, b := range a.Body {
		if b.Type != Paragraph || len(b.Runs) != 1 {
			t.Errorf("body[%d] = %s with %d runs, want one plain paragraph run", i, b.Type, len(b.Runs))
		}
	}
	want := time.Date(2025, 11, 19, 14, 5, 0, 0, time.UTC)
	if !a.Published.Equal(want) || !a.Updated.IsZero() {
		t.Errorf("published %v, updated %v", a.Published, a.Updated)
	}
	if a.ID != "nge-2025-11-19-zelensky-us-peace-plan" || a.Lang != "en" || a.Section != "News" || a.Rubric != "Politics" {
		t.Errorf("header fields: %q %q %q %q", a.ID, a.Lang, a.Section, a.Rubric)
	}
	if got := a.Photo; got.Src != "seed-photo.jpg" || got.Credit != "Zelensky / Telegram" || got.Focus != nil {
		t.Errorf("photo = %+v", got)
	}
	wantFooter := &Footer{Text: "Editor in chief — Kirill Martynov.", Links: []Link{
		{Text: "Terms of use", URL: "https://example.org/terms"},
		{Text: "Privacy policy", URL: "https://example.org/privacy"},
	}}
	if !reflect.DeepEqual(a.Footer, wantFooter) {
		t.Errorf("footer = %+v", a.Footer)
	}
	if a.Options != (Options{}) {
		t.Errorf("options = %+v, want none given", a.Options)
	}
}

func TestDecodeRuArticle(t *testing.T) {
	a, err := Decode(readFixture(t, "ru-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := []BlockType{Paragraph, Paragraph, Heading, Paragraph, Quote, List, Paragraph}
	if got := blockTypes(a.Body); !reflect.DeepEqual(got, wantTypes) {
		t.Fatalf("types = %v, want %v", got, wantTypes)
	}
	if a.Lang != "ru" || !reflect.DeepEqual(a.Authors, []string{"Редакция"}) {
		t.Errorf("lang %q, authors %q", a.Lang, a.Authors)
	}
	link := Run{Text: "Axios", Link: "https://example.org/axios"}
	if runs := a.Body[0].Runs; len(runs) != 3 || runs[1] != link {
		t.Errorf("body[0] runs = %#v", runs)
	}
	if runs := a.Body[1].Runs; len(runs) != 5 || runs[1] != (Run{Text: "без консультаций", Style: Italic}) ||
		runs[3] != (Run{Text: "сокращение вдвое", Style: Bold}) {
		t.Errorf("body[1] runs = %#v", runs)
	}
	if h := a.Body[2]; h.Level != 2 || h.Text != "Кто стоит за планом" {
		t.Errorf("heading = %+v", h)
	}
	if q := a.Body[4]; q.Cite != "Жан-Ноэль Барро, министр иностранных дел Франции" || PlainText(q.Runs) != "Украинцы не хотят никакой формы капитуляции." {
		t.Errorf("quote = %+v", q)
	}
	if l := a.Body[5]; l.Ordered || len(l.Items) != 3 || PlainText(l.Items[2].Runs) != "запрет на размещение иностранных войск." {
		t.Errorf("list = %+v", l)
	}
}

func TestDecodeHTMLBodyArticle(t *testing.T) {
	a, warnings, err := DecodeOpts(readFixture(t, "html-body-article.json"), DecodeOptions{})
	if err != nil || len(warnings) != 0 {
		t.Fatalf("err %v, warnings %q", err, warnings)
	}
	wantTypes := []BlockType{Paragraph, Paragraph, Paragraph, Paragraph, Heading, Quote, List, ImageBlock, Paragraph, Divider, Preformatted}
	if got := blockTypes(a.Body); !reflect.DeepEqual(got, wantTypes) {
		t.Fatalf("types = %v, want %v", got, wantTypes)
	}
	if !reflect.DeepEqual(a.Authors, []string{"Newsroom staff"}) {
		t.Errorf("authors = %q", a.Authors)
	}
	if h := a.Body[4]; h.Level != 2 || h.Text != "What the plan contains" {
		t.Errorf("heading = %+v", h)
	}
	if q := PlainText(a.Body[5].Runs); q != "The plan focuses on giving both sides security guarantees to secure a lasting peace." {
		t.Errorf("quote = %q", q)
	}
	if items := a.Body[6].Items; len(items) != 3 || PlainText(items[0].Runs) != "Donbas and Crimea relinquished" || PlainText(items[2].Runs) != "No foreign troops" {
		t.Errorf("items = %#v", items)
	}
	wantImg := &Image{Src: "seed-photo.jpg", Alt: "Second photo", Caption: "A second photo inside the body. Photo: Example Agency"}
	if !reflect.DeepEqual(a.Body[7].Image, wantImg) {
		t.Errorf("image = %+v", a.Body[7].Image)
	}
	greek := PlainText(a.Body[8].Runs)
	if !strings.HasPrefix(greek, "Greek check: Ελληνικά κείμενα.") || !strings.Contains(greek, "non-breaking 15\u00a0November.") {
		t.Errorf("greek paragraph = %q", greek)
	}
	if pre := a.Body[10].Text; pre != "  code   keeps   spaces" {
		t.Errorf("pre = %q", pre)
	}
}

func TestDecodeNormalises(t *testing.T) {
	in := `{"headline": "  Two\n\tlines \u00a0 here ", "section": " News ", "lang": "EN-gb", "dir": "RTL",
		"authors": ["  Jane   Doe ", "", "John Roe"], "published": "2025-11-19T16:05:00.5+02:00",
		"photo": {"src": "data:image/png;base64,AAAA", "focus": {"x": 0.25}},
		"body": [{"type": "Paragraph", "html": " <p>x</p> "}, {"type": "paragraph", "html": "&nbsp;"},
		         {"type": "preformatted", "text": "  a\r\n\tb  "}, {"type": "heading", "text": "No level"},
		         {"type": "image", "src": "C:\\photos\\p.jpg", "width": 10, "height": 0}],
		"footer": {"text": "", "links": []},
		"options": {"preset": "Proof", "paper": "210X297MM", "columns": 2, "grayscale": false, "bleed": 3, "pages": 0, "strict": false}}`
	a, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if a.Headline != "Two lines \u00a0 here" || a.Section != "News" || a.Lang != "en-GB" || a.Dir != "rtl" {
		t.Errorf("headline %q, section %q, lang %q, dir %q", a.Headline, a.Section, a.Lang, a.Dir)
	}
	if !reflect.DeepEqual(a.Authors, []string{"Jane Doe", "John Roe"}) {
		t.Errorf("authors = %q", a.Authors)
	}
	if want := time.Date(2025, 11, 19, 14, 5, 0, 5e8, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published = %v", a.Published)
	}
	if a.Photo.Focus == nil || *a.Photo.Focus != (Focus{X: 0.25, Y: 0.5}) {
		t.Errorf("focus = %+v", a.Photo.Focus)
	}
	if got := blockTypes(a.Body); !reflect.DeepEqual(got, []BlockType{Paragraph, Preformatted, Heading, ImageBlock}) {
		t.Errorf("types = %v", got)
	}
	if a.Body[1].Text != "  a\n\tb  " || a.Body[2].Level != 2 || a.Body[3].Image.Width != 10 {
		t.Errorf("blocks = %+v", a.Body)
	}
	if a.Footer != nil {
		t.Errorf("empty footer = %+v, want nil", a.Footer)
	}
	o := a.Options
	if o.Preset != "proof" || o.Paper != "210x297mm" || o.Columns != 2 || o.Grayscale == nil || *o.Grayscale ||
		o.Bleed == nil || *o.Bleed != 3 || o.Strict == nil || *o.Strict || o.Pages != 0 {
		t.Errorf("options = %+v", o)
	}
}

func TestDecodeSyntaxError(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"trailing comma", "{\n  \"headline\": \"x\",\n  \"body\": [\n    {\"type\": \"divider\"},\n  ]\n}",
			5, 3, "invalid character ']' looking for beginning of value"},
		{"truncated", "{\n \"a\": [", 2, 8, "unexpected end of input"},
		{"columns count characters", `{"headline": "Ελληνικά" x}`, 1, 25, "invalid character 'x' after object key:value pair"},
		{"empty", "", 1, 1, "unexpected end of input"},
		{"two values", "{}\n{}", 2, 1, "invalid character '{' after top-level value"},
		{"not an object", "\n  [1, 2]", 2, 3, "an article must be a JSON object"},
		{"too deep", `{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", 1, 69, "nested deeper than 64 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v (%T), want *SyntaxError", err, err)
			}
			if se.Line != tt.line || se.Column != tt.col || se.Msg != tt.msg {
				t.Errorf("got %d:%d %q, want %d:%d %q", se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestDecodeByteOrderMark(t *testing.T) {
	data := append([]byte("\xef\xbb\xbf"), readFixture(t, "seed-article.json")...)
	if _, err := Decode(data); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeWarnings(t *testing.T) {
	in := `{"headline": "h", "body": "<p>a</p><iframe src=\"https://x.org\"></iframe><script>1</script><iframe></iframe>"}`
	_, warnings, err := DecodeOpts([]byte(in), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"body: dropped <iframe>", "body: dropped <script>"}
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings = %q, want %q", warnings, want)
	}
}
