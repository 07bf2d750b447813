package adapt

import (
	"bytes"
	"testing"
	"time"

	"printd/article"
)

// fixture is a hand-written CMS document with what it must become.
type fixture struct {
	file     string
	format   Format
	warnings []string // the adapter's, in order; the article decoder must add none
	fields   map[string]any
	photo    string // imageString of the lead photo; "" for none
	body     []string
}

var fixtures = []fixture{
	{
		file:   "wordpress-embed.json",
		format: WordPress,
		warnings: []string{
			"wordpress: stripped shortcode [highlight]",
			"wordpress: stripped shortcode [newsletter_signup]",
			"wordpress: embed replaced by a link to https://www.youtube.com/watch?v=a1B2c3D4e5F",
		},
		fields: map[string]any{
			"id":          "wp-4812",
			"url":         "https://news.example.org/2025/11/19/harbour-reopens-after-storm/",
			"lang":        "",
			"section":     "Local & Regional",
			"headline":    "Harbour “reopens” after storm & repairs – what’s next",
			"subheadline": "The port authority says the breakwater will be fully rebuilt by spring",
			"authors":     []string{"Maria Lindqvist"},
			"published":   "2025-11-19T14:05:00Z",
			"updated":     "2025-11-19T16:30:00Z",
		},
		photo: `https://news.example.org/wp-content/uploads/2025/11/aerial-scaled.jpg 2560x1707 ` +
			`caption="The harbour from the air, the morning after the storm." credit="Port Authority" alt="Aerial view of the harbour"`,
		body: []string{
			"p: The harbour reopened to *commercial traffic* on Wednesday, six weeks after the storm tore away part of the breakwater(https://news.example.org/tag/breakwater/).",
			`img: https://news.example.org/wp-content/uploads/2025/11/cranes-2048x1366.jpg 2048x1366 caption="Cranes resumed work on Monday." credit="" alt="Cranes on the container quay"`,
			`img: https://news.example.org/wp-content/uploads/2025/11/quay.jpg 0x0 caption="The old quay, flooded in October." credit="" alt="The old quay under water"`,
			"h2: What changes for ferries",
			"p: Ferries to the islands keep their winter timetable until March [sic].",
			`img: https://news.example.org/wp-content/uploads/2025/11/fleet-1-1024x683.jpg 1024x683 caption="Boats back at the pier." credit="" alt="Fishing boats at the pier"`,
			`img: https://news.example.org/wp-content/uploads/2025/11/fleet-2-1024x768.jpg 1024x768 caption="The fleet returned on Tuesday." credit="" alt="Nets drying"`,
			"p: Harbour reopening ceremony: https://www.youtube.com/watch?v=a1B2c3D4e5F(https://www.youtube.com/watch?v=a1B2c3D4e5F)",
			"quote: We rebuilt in six weeks what took the sea one night to break. — Harbour master Ole Brandt",
			"ul: Container quay: open | Ferry berth 2: open from Friday | Marina: closed until spring",
			"p: Repairs cost €4.2\u00a0million, the port authority said.",
		},
	},
	{
		file:   "wordpress-plain.json",
		format: WordPress,
		warnings: []string{
			"wordpress: author 9 not embedded; request with ?_embed",
			"wordpress: categories 15 not embedded; request with ?_embed",
			"wordpress: featured media 4825 not embedded; request with ?_embed",
			"wordpress: embed replaced by a link to https://maps.example.com/embed?route=night-ferry",
			"wordpress: excerpt repeats the opening of the content; not used as subheadline",
		},
		fields: map[string]any{
			"id":          "wp-4830",
			"url":         "https://news.example.org/2025/11/21/night-ferry-timetable/",
			"section":     "",
			"headline":    "Night ferry returns to the timetable",
			"subheadline": "",
			"authors":     []string(nil),
			"published":   "2025-11-21T08:15:00Z",
		},
		body: []string{
			"p: The night ferry to the outer islands returns to the timetable on 1\u00a0December, the operator said on Friday.",
			`img: https://news.example.org/wp-content/uploads/2025/11/ferry.jpg 800x533 caption="The ferry at berth 2." credit="" alt="The night ferry at berth"`,
			"p: Tickets go on sale next week.",
			`img: https://news.example.org/wp-content/uploads/2025/11/deck.jpg 0x0 caption="The upper deck" credit="" alt="The upper deck"`,
			`img: https://news.example.org/wp-content/uploads/2025/11/cabin.jpg 0x0 caption="" credit="" alt="A cabin"`,
			"p: Route map: https://maps.example.com/embed?route=night-ferry(https://maps.example.com/embed?route=night-ferry)",
			"p: A *second* crossing is planned for the summer.",
		},
	},
	{
		file:   "ans-story.json",
		format: ANS,
		warnings: []string{
			`ans: canonical_url "/world/2025/11/19/harbour-reopens-after-storm/" is not an absolute URL and the site's address is unknown; url not set`,
			"ans: credits.by[2]: unresolved author reference; not used",
			"ans: content_elements[4]: skipped oembed_response",
			"ans: content_elements[9]: skipped interstitial_link",
			"ans: content_elements[11]: skipped raw_html (markup beyond inline text)",
			"ans: content_elements[14]: skipped video",
			"ans: content_elements[16]: table without text; skipped",
		},
		fields: map[string]any{
			"id":          "QK7ZL3XW5JHBRCV2M4N6PTYD8A",
			"url":         "",
			"lang":        "en",
			"section":     "World",
			"headline":    "Harbour reopens after the storm",
			"subheadline": "Six weeks of repairs, and the ferries are back",
			"authors":     []string{"Maria Lindqvist", "Tomas Berg"},
			"published":   "2025-11-19T14:05:00Z",
			"updated":     "2025-11-19T16:30:45Z",
		},
		photo: `https://cdn.example.org/photos/cranes.jpg 3000x2000 caption="Cranes on the container quay at dawn." ` +
			`credit="Anna Holm / Port Authority" alt="Cranes on the container quay" focus=0.5,0.35`,
		body: []string{
			"p: The harbour reopened to *commercial traffic* on Wednesday, six weeks after the storm(https://www.example.org/storm).",
			"h2: What reopened",
			"ul: Container quay | Ferry berths {ol: Berth 1, from Wednesday | Berth 2, from _Friday_}",
			"quote: We rebuilt in six weeks what the sea broke in one night. / And we built it higher. — Ole Brandt, harbour master",
			`img: https://cdn.example.org/photos/quay.jpg 2000x1000 caption="The old quay, flooded in October." credit="Tomas Berg" alt="The old quay under water" focus=0.25,0.25`,
			"h4: The cost",
			"p: Repairs cost €4.2 million.",
			"divider",
			"p: Figures from the PA, _November 2025_.",
			"quote: The breakwater held where it was rebuilt in 1998. — Engineering report",
			`img: https://cdn.example.org/photos/fleet-1.jpg 1600x1067 caption="Boats back at the pier." credit="" alt=""`,
			`img: https://cdn.example.org/photos/fleet-2.jpg 1600x1200 caption="Nets drying." credit="" alt=""`,
			"pre: berth  status\n1      open\n2      open",
			`table "Berths" (1 head): Berth | Opens / 1 | _Wednesday_ / 2 | Friday`,
			"p: *Correction:* An earlier version of this story misstated the _cost_ of the repairs.",
		},
	},
	{
		file:     "jsonld-graph.json",
		format:   JSONLD,
		warnings: []string{"jsonld: articleSection: 1 more sections not used"},
		fields: map[string]any{
			"id":          "https://news.example.org/2025/11/19/harbour-reopens/#article",
			"url":         "https://news.example.org/2025/11/19/harbour-reopens/",
			"lang":        "en-GB",
			"section":     "Local",
			"headline":    "Harbour reopens after the storm",
			"subheadline": "Six weeks of repairs, and the ferries are back.",
			"authors":     []string{"Maria Lindqvist", "Tomas Berg", "Example News Desk"},
			"published":   "2025-11-19T15:05:00+01:00",
			"updated":     "2025-11-19T17:30:00+01:00",
		},
		photo: `https://news.example.org/uploads/cranes.jpg 2400x1600 caption="Cranes on the container quay at dawn." credit="Port Authority" alt=""`,
		body: []string{
			"p: The harbour reopened to commercial traffic on Wednesday, six weeks after the storm.",
			"p: Repairs cost €4.2 million & took <six> weeks, the port authority said.",
			"p: Ferries keep their winter timetable until March.",
		},
	},
	{
		file:   "jsonld-article.json",
		format: JSONLD,
		fields: map[string]any{
			"id":          "night-ferry-2025",
			"url":         "https://blog.example.net/night-ferry",
			"lang":        "en",
			"section":     "Travel",
			"headline":    "Night ferry returns to the timetable",
			"subheadline": "Crossings resume on 1 December",
			"authors":     []string{"Ann Example"},
			"published":   "2025-11-21T00:00:00Z",
			"updated":     "",
		},
		photo: `https://blog.example.net/img/ferry.jpg 0x0 caption="" credit="" alt=""`,
		body: []string{
			"p: The night ferry to the outer islands returns on 1 December.",
			"p: Tickets go on sale next week.",
		},
	},
}

func fieldValue(a *article.Article, name string) any {
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	switch name {
	case "id":
		return a.ID
	case "url":
		return a.URL
	case "lang":
		return a.Lang
	case "section":
		return a.Section
	case "headline":
		return a.Headline
	case "subheadline":
		return a.Subheadline
	case "authors":
		return a.Authors
	case "published":
		return stamp(a.Published)
	case "updated":
		return stamp(a.Updated)
	}
	panic("unknown field " + name)
}

func TestFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			data := readFixture(t, fx.file)
			for _, format := range []string{Auto, string(fx.format)} {
				out, used, warnings, err := Convert(data, format)
				if err != nil {
					t.Fatalf("Convert(%s): %v", format, err)
				}
				if used != fx.format {
					t.Errorf("Convert(%s) used %s, want %s", format, used, fx.format)
				}
				diffLines(t, "warnings", warnings, fx.warnings)
				// The output goes through the article package like native input,
				// with no validation problem and nothing more dropped.
				a, more, err := article.DecodeOpts(out, article.DecodeOptions{})
				if err != nil {
					t.Fatalf("converted %s does not decode: %v\n%s", fx.file, err, out)
				}
				if len(more) > 0 {
					t.Errorf("article decoder warnings: %q", more)
				}
				for name, want := range fx.fields {
					got := fieldValue(a, name)
					if !equalValue(got, want) {
						t.Errorf("%s = %#v, want %#v", name, got, want)
					}
				}
				photo := ""
				if a.Photo != nil {
					photo = imageString(a.Photo)
				}
				if photo != fx.photo {
					t.Errorf("photo:\n got  %s\n want %s", photo, fx.photo)
				}
				diffLines(t, "body", summaries(a.Body), fx.body)
			}
		})
	}
}

func equalValue(got, want any) bool {
	g, gok := got.([]string)
	w, wok := want.([]string)
	if gok || wok {
		if len(g) != len(w) {
			return false
		}
		for i := range g {
			if g[i] != w[i] {
				return false
			}
		}
		return true
	}
	return got == want
}

// Decode must give what Convert and the article decoder give together.
func TestDecodeMatchesConvert(t *testing.T) {
	for _, fx := range fixtures {
		data := readFixture(t, fx.file)
		a, used, warnings, err := Decode(data, Auto)
		if err != nil || used != fx.format {
			t.Fatalf("%s: Decode: used %s, err %v", fx.file, used, err)
		}
		out, _, _, _ := Convert(data, Auto)
		b, _ := article.Decode(out)
		if a.Headline != b.Headline || len(a.Body) != len(b.Body) {
			t.Errorf("%s: Decode and Convert+article.Decode differ", fx.file)
		}
		diffLines(t, fx.file+" warnings", warnings, fx.warnings)
	}
}

func TestDecodeMergesWarnings(t *testing.T) {
	doc := `{"title":{"rendered":"T"},"content":{"rendered":"<p>Text</p><script>x()</script>[foo a=1]"}}`
	_, _, warnings, err := Decode([]byte(doc), Auto)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"wordpress: stripped shortcode [foo]", "body: dropped <script>"}
	diffLines(t, "warnings", warnings, want)
}

func TestDecodeReportsValidation(t *testing.T) {
	// The adapter succeeds; the article has no body block left.
	doc := `{"title":{"rendered":"T"},"content":{"rendered":"<p> </p>"}}`
	_, used, _, err := Decode([]byte(doc), Auto)
	var ve *article.ValidationError
	if used != WordPress || !asValidation(err, &ve) || ve.Problems[0].Path != "body" {
		t.Fatalf("Decode = %s, %v; want a body validation error", used, err)
	}
}

func TestNativePassthrough(t *testing.T) {
	data := readFixture(t, "../../testdata/html-body-article.json")
	for _, format := range []string{Auto, "printd", "PRINTD", ""} {
		out, used, warnings, err := Convert(data, format)
		if err != nil || used != Printd || len(warnings) > 0 || !bytes.Equal(out, data) {
			t.Errorf("Convert(native, %q) = %d bytes, %s, %q, %v; want the input unchanged", format, len(out), used, warnings, err)
		}
	}
}
