package adapt

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"printd/article"
)

// The regressions of real CMS payloads that printed wrongly: each case was
// seen on a third-party site.

// decodeBody decodes doc in format and returns its blocks in summary form.
func decodeBody(t *testing.T, doc, format string) ([]string, *article.Article, []string) {
	t.Helper()
	a, _, warnings, err := Decode([]byte(doc), format)
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, doc)
	}
	out := make([]string, len(a.Body))
	for i, b := range a.Body {
		out[i] = summary(b)
	}
	return out, a, warnings
}

func wantBlocks(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n got  %q\n want %q", got, want)
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestWordPressNestedList(t *testing.T) {
	content := `<ol><li>Steps<ol><li>open</li><li>close</li></ol></li><li>Done<ul><li>really</li></ul></li></ol>`
	got, _, _ := decodeBody(t, `{"title":{"rendered":"T"},"content":{"rendered":`+jsonString(content)+`}}`, "wordpress")
	wantBlocks(t, got, "ol: Steps {ol: open | close} | Done {ul: really}")
}

func ldDoc(body string) string {
	return `{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","articleBody":` + jsonString(body) + `}`
}

func TestJSONLDBodyEntitiesAndMarkup(t *testing.T) {
	// character references only: decoded, paragraphs as before
	got, _, _ := decodeBody(t, ldDoc("It&#8217;s Marks &amp; Spencer.\n\nSecond &lt;para&gt;."), "jsonld")
	wantBlocks(t, got, "p: It’s Marks & Spencer.", "p: Second <para>.")
	// block markup: read as body HTML, classes and all
	got, _, warnings := decodeBody(t, ldDoc(`<p class="lead">One &amp; <em>two</em>.</p><h2 class="x">Sub</h2><p>Three</p>`), "jsonld")
	wantBlocks(t, got, "p: One & _two_.", "h2: Sub", "p: Three")
	if len(warnings) != 1 || !strings.Contains(warnings[0], "articleBody holds HTML") {
		t.Errorf("warnings %q", warnings)
	}
	// plain text keeps what looks like markup but is not
	got, _, _ = decodeBody(t, ldDoc("If a < b and AT&T > c, fine."), "jsonld")
	wantBlocks(t, got, "p: If a < b and AT&T > c, fine.")
}

func TestJSONLDBodySingleLineBreaks(t *testing.T) {
	body := "The council met on Monday to vote on the harbour plan.\n" +
		"What was decided\n" +
		"The plan passed by nine votes to four, after a long debate.\n" +
		"It takes effect in March."
	got, _, _ := decodeBody(t, ldDoc(body), "jsonld")
	wantBlocks(t, got,
		"p: The council met on Monday to vote on the harbour plan.",
		"h2: What was decided",
		"p: The plan passed by nine votes to four, after a long debate.",
		"p: It takes effect in March.")
	// blank-line paragraphs: hard wraps inside them are joined, a short
	// unpunctuated paragraph before a longer one is a sub-heading
	body = "First paragraph runs\nover two lines.\n\nSecond heading\n\nThe text under the second heading."
	got, _, _ = decodeBody(t, ldDoc(body), "jsonld")
	wantBlocks(t, got, "p: First paragraph runs over two lines.", "h2: Second heading", "p: The text under the second heading.")
}

func TestANSPromoRepeatedInBody(t *testing.T) {
	promo := `{"type":"image","_id":"ABC","url":"https://cdn.example.org/a.jpg","caption":"Cap"}`
	story := `{"type":"story","headlines":{"basic":"H"},"promo_items":{"basic":` + promo + `},"content_elements":[` +
		`{"type":"image","_id":"ABC","url":"https://cdn.example.org/resized/a.jpg"},` +
		`{"type":"text","content":"Text."},` +
		`{"type":"gallery","content_elements":[{"type":"image","url":"https://cdn.example.org/a.jpg"},{"type":"image","_id":"B","url":"https://cdn.example.org/b.jpg"}]}]}`
	got, a, warnings := decodeBody(t, story, "ans")
	if a.Photo == nil || a.Photo.Src != "https://cdn.example.org/a.jpg" {
		t.Fatalf("photo %+v", a.Photo)
	}
	wantBlocks(t, got, "p: Text.", `img: https://cdn.example.org/b.jpg 0x0 caption="" credit="" alt=""`)
	if n := strings.Count(strings.Join(warnings, "\n"), "repeats the promo photo"); n != 2 {
		t.Errorf("warnings %q", warnings)
	}
}

func TestANSLabelAndEmbargo(t *testing.T) {
	story := `{"type":"story","headlines":{"basic":"H"},"taxonomy":{"primary_section":{"name":"World"}},` +
		`"label":{"basic":{"text":"Analysis","display":true},"sponsor":{"text":"Paid"}},"content_elements":[{"type":"text","content":"x"}]}`
	_, a, warnings := decodeBody(t, story, "ans")
	if a.Section != "World" || a.Rubric != "Analysis" {
		t.Errorf("section %q rubric %q", a.Section, a.Rubric)
	}
	if !strings.Contains(strings.Join(warnings, "\n"), `label.sponsor "Paid" not used`) {
		t.Errorf("warnings %q", warnings)
	}
	hidden := strings.Replace(story, `"display":true`, `"display":false`, 1)
	if _, a, _ := decodeBody(t, hidden, "ans"); a.Rubric != "" {
		t.Errorf("hidden label printed: %q", a.Rubric)
	}

	embargoed := strings.Replace(story, `"label"`, `"content_restrictions":{"embargo":{"active":true,"end_time":"2030-01-02T03:04:05Z"}},"label"`, 1)
	_, _, _, err := Decode([]byte(embargoed), "ans")
	var ve *article.ValidationError
	if !errors.As(err, &ve) || ve.Problems[0].Path != "content_restrictions.embargo.active" ||
		!strings.Contains(ve.Problems[0].Message, "under embargo until 2030-01-02T03:04:05Z") {
		t.Errorf("embargoed story: %v", err)
	}
	lifted := strings.Replace(embargoed, `"active":true`, `"active":false`, 1)
	if _, _, _, err := Decode([]byte(lifted), "ans"); err != nil {
		t.Errorf("lifted embargo: %v", err)
	}
}

func TestStandfirstRepeatingHeadline(t *testing.T) {
	story := `{"type":"story","headlines":{"basic":"Harbour reopens"},"subheadlines":{"basic":"Harbour <b>reopens</b>"},"content_elements":[{"type":"text","content":"x"}]}`
	_, a, warnings := decodeBody(t, story, "ans")
	if a.Subheadline != "" || !strings.Contains(strings.Join(warnings, "\n"), "standfirst repeats the headline") {
		t.Errorf("subheadline %q, warnings %q", a.Subheadline, warnings)
	}
}

func TestYouTubePlaylistEmbed(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.youtube.com/embed/videoseries?list=PLabc123":           "https://www.youtube.com/playlist?list=PLabc123",
		"https://www.youtube-nocookie.com/embed?listType=playlist&list=PLx": "https://www.youtube.com/playlist?list=PLx",
		"https://www.youtube.com/embed/dQw4w9WgXcQ?list=PLabc&index=2":      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLabc",
		"https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed":          "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://player.vimeo.com/video/123456":                             "https://vimeo.com/123456",
	} {
		if got := pageURL(in); got != want {
			t.Errorf("pageURL(%s) = %s, want %s", in, got, want)
		}
	}
	content := `<figure class="wp-block-embed-youtube"><iframe src="https://www.youtube.com/embed/videoseries?list=PLabc123"></iframe></figure>`
	got, _, _ := decodeBody(t, `{"title":{"rendered":"T"},"content":{"rendered":`+jsonString(content)+`}}`, "wordpress")
	wantBlocks(t, got, "p: https://www.youtube.com/playlist?list=PLabc123(https://www.youtube.com/playlist?list=PLabc123)")
}

func TestShortcodesStripped(t *testing.T) {
	content := `<p>Before.</p><p>[newsletter_signup]</p><p>[newsletter]</p><p>Say [sic] and [1] and [Photo by Ann] here, [contact-form id=3] too.</p>`
	got, _, warnings := decodeBody(t, `{"title":{"rendered":"T"},"content":{"rendered":`+jsonString(content)+`}}`, "wordpress")
	wantBlocks(t, got, "p: Before.", "p: Say [sic] and [1] and [Photo by Ann] here, too.")
	w := strings.Join(warnings, "\n")
	for _, name := range []string{"newsletter_signup", "newsletter", "contact-form"} {
		if !strings.Contains(w, "stripped shortcode ["+name+"]") {
			t.Errorf("no warning for [%s]: %q", name, warnings)
		}
	}
}
