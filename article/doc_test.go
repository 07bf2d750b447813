package article

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// sampleDoc uses every member of the contract, nested lists included.
func sampleDoc() *Doc {
	return &Doc{
		ID: "a-1", URL: "https://example.org/a", Lang: "de", Dir: "ltr", Section: "News", Rubric: "Politik",
		Headline: "Head &amp; line", Subheadline: "Stand  first", Authors: []string{"Jane Doe"},
		Published: "2025-11-19T14:05:00Z", Updated: "2025-11-20T14:05:00Z",
		Photo: &DocImage{Src: "https://cdn.example.org/p.jpg", Width: 2400, Height: 1600, Caption: "Cap",
			Credit: "Agency", Alt: "Alt", Focus: &Focus{X: 0.25, Y: 0.5}},
		Body: DocBody{Blocks: []DocBlock{
			{Type: Paragraph, HTML: `One <b>bold</b> <a href="https://example.org">link</a>.`},
			{Type: Paragraph, Runs: []Run{{Text: "Runs ", Style: Italic}, {Break: true}, {Text: "a < b", Link: "https://example.org/x"}}},
			{Type: Heading, Level: 3, Text: "Sub"},
			{Type: Quote, HTML: "Q", Cite: "C"},
			{Type: List, Ordered: true, Items: []DocItem{
				{HTML: "one"},
				{Runs: []Run{{Text: "two", Style: Bold}}, List: &DocList{Ordered: true, Items: []DocItem{
					{HTML: "a"}, {HTML: "b", List: &DocList{Items: []DocItem{{HTML: "x"}}}}}}},
			}},
			{Type: ImageBlock, DocImage: &DocImage{Src: "https://cdn.example.org/q.jpg", Caption: "Q"}},
			{Type: Preformatted, Text: "  x\n y"},
			{Type: Divider},
		}},
		Footer: &DocFooter{Text: "Legal", Links: []DocLink{{Text: "Terms", URL: "https://example.org/t"}}},
	}
}

// TestFromDocMatchesDecode: a Doc validates into the same article as the
// JSON it marshals to.
func TestFromDocMatchesDecode(t *testing.T) {
	d := sampleDoc()
	got, gw, err := FromDoc(d, DecodeOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want, ww, err := DecodeOpts(data, DecodeOptions{Strict: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromDoc and Decode differ:\n%+v\n%+v\n%s", got, want, data)
	}
	if !reflect.DeepEqual(gw, ww) {
		t.Errorf("warnings %q, %q", gw, ww)
	}
	if l := got.Body[4]; len(l.Items) != 2 || l.Items[1].Sub == nil || !l.Items[1].Sub.Ordered ||
		l.Items[1].Sub.Items[1].Sub == nil || PlainText(l.Items[1].Sub.Items[1].Sub.Items[0].Runs) != "x" {
		t.Errorf("nested list = %+v", l)
	}
}

// TestFromDocProblems: problems name the JSON path of the member.
func TestFromDocProblems(t *testing.T) {
	d := sampleDoc()
	d.Headline = ""
	d.URL = "/relative"
	d.Body.Blocks[4].Items[1].List.Items[0].HTML = "<b>open"
	d.Body.Blocks[5].Src = "ftp://x"
	d.Footer.Links[0].URL = ""
	_, _, err := FromDoc(d, DecodeOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		"url: must be an absolute http or https URL",
		"headline: required",
		"body[4].items[1].list.items[0]: unclosed <b>",
		"body[5].src:",
		"footer.links[0].url: required",
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

// TestFromDocRuns: runs given by a program pass the inline rules: links
// only to the web or mail, whitespace collapsed.
func TestFromDocRuns(t *testing.T) {
	d := &Doc{Headline: "H", Body: DocBody{Blocks: []DocBlock{{Type: Paragraph,
		Runs: []Run{{Text: "  a   b ", Link: "javascript:x"}, {Text: "c\x01"}}}}}}
	a, _, err := FromDoc(d, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Body[0].Runs; len(got) != 1 || got[0].Text != "a b c" || got[0].Link != "" {
		t.Errorf("runs = %+v", got)
	}
}
