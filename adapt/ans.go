package adapt

import (
	"fmt"
	"sort"
	"strings"

	"printd/article"
)

// fromANS maps an Arc XP ANS story onto an article.
func fromANS(root any, n *notes) (*doc, error) {
	var p problems
	story := object(root)
	if story == nil {
		p.add("", "an ANS story must be a JSON object, not %s", typeName(root))
		return nil, p.err()
	}
	if t := str(story["type"]); t != "" && t != "story" {
		p.add("type", "%q is not a story", t)
	}
	headline, hasHeadline := field(story, "headlines", "basic").(string)
	if !hasHeadline {
		p.add("headlines.basic", "required: the story headline")
	}
	elements, hasElements := story["content_elements"].([]any)
	if !hasElements {
		p.add("content_elements", "required: the story body")
	}
	if embargo := object(field(story, "content_restrictions", "embargo")); embargo != nil && embargo["active"] == true {
		until := ""
		if t, ok := date(str(embargo["end_time"])); ok {
			until = " until " + t
		}
		p.add("content_restrictions.embargo.active", "the story is under embargo%s, and embargoed content must not go "+
			"live; printd prints it once the embargo is lifted (active false)", until)
	}
	if err := p.err(); err != nil {
		return nil, err
	}

	d := &doc{
		ID:       strings.TrimSpace(str(story["_id"])),
		Headline: plain(headline),
		URL:      ansURL(story, n),
	}
	d.Subheadline = plain(str(field(story, "subheadlines", "basic")))
	if d.Subheadline == "" {
		d.Subheadline = plain(str(field(story, "description", "basic")))
	}
	d.Authors = ansAuthors(story, n)
	d.Published = ansDate(story, n, "display_date", "first_publish_date")
	d.Updated = ansDate(story, n, "last_updated_date")
	if s := str(story["language"]); s != "" {
		if tag, ok := langTag(s); ok {
			d.Lang = tag
		} else {
			n.add("language %q is not a BCP 47 tag; not used", s)
		}
	}
	d.Section = plain(str(field(story, "taxonomy", "primary_section", "name")))
	if sections := array(field(story, "taxonomy", "sections")); d.Section == "" && len(sections) > 0 {
		d.Section = plain(str(field(sections[0], "name")))
	}
	d.Rubric = ansLabel(story, n)
	b := &ansBody{n: n, blocks: []block{}}
	if promo := object(field(story, "promo_items", "basic")); promo != nil {
		if t := str(promo["type"]); t == "image" {
			d.Photo = ansImage(promo, "promo_items.basic", n)
			if d.Photo != nil {
				b.promo = ansImageKeys(promo)
			}
		} else {
			n.add("promo_items.basic is %s, not an image; no photo", orUnknown(t))
		}
	}
	b.elements(elements, "content_elements")
	d.Body = article.DocBody{Blocks: b.blocks}
	return d, nil
}

// ansLabel is the story's label (what the Washington Post calls a kicker),
// printed after the section in the kicker line. A hidden label and labels
// other than the basic one are not used, with a warning.
func ansLabel(story map[string]any, n *notes) string {
	labels := object(story["label"])
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	text := ""
	for _, k := range keys {
		l := object(labels[k])
		t := plain(str(l["text"]))
		switch {
		case t == "":
		case k != "basic":
			n.add("label.%s %q not used (only label.basic is printed)", k, t)
		case l["display"] == false:
			n.add("label.basic %q is hidden (display false); not printed", t)
		default:
			text = t
		}
	}
	return text
}

// ansImageKeys names an ANS image by its id and addresses, to recognise
// the same image elsewhere in the story.
func ansImageKeys(el map[string]any) []string {
	var keys []string
	for _, v := range []any{el["_id"], el["url"], field(el, "additional_properties", "originalUrl")} {
		if s := strings.TrimSpace(str(v)); s != "" {
			keys = append(keys, s)
		}
	}
	return keys
}

// ansURL is the canonical URL, or the website URL. Arc usually stores them
// as paths on the site; a path is resolved against an absolute website_url
// when there is one, and is otherwise dropped with a warning.
func ansURL(story map[string]any, n *notes) string {
	canonical, website := str(story["canonical_url"]), str(story["website_url"])
	if u, ok := webURL(canonical, nil); ok {
		return u
	}
	if base := baseURL(website); base != nil {
		if u, ok := webURL(canonical, base); ok {
			return u
		}
		return base.String()
	}
	for _, c := range []struct{ key, val string }{{"canonical_url", canonical}, {"website_url", website}} {
		if c.val != "" {
			n.add("%s %q is not an absolute URL and the site's address is unknown; url not set", c.key, c.val)
			break
		}
	}
	return ""
}

func ansAuthors(story map[string]any, n *notes) []string {
	var out []string
	for i, by := range array(field(story, "credits", "by")) {
		name := plain(str(field(by, "name")))
		if name == "" {
			name = plain(str(field(by, "additional_properties", "original", "byline")))
		}
		switch {
		case name != "":
			out = append(out, name)
		case str(field(by, "type")) == "reference":
			n.add("credits.by[%d]: unresolved author reference; not used", i)
		default:
			n.add("credits.by[%d]: author without a name; not used", i)
		}
	}
	return out
}

// ansDate returns the first of keys holding a date.
func ansDate(story map[string]any, n *notes, keys ...string) string {
	for _, k := range keys {
		s := str(story[k])
		if s == "" {
			continue
		}
		if d, ok := date(s); ok {
			return d
		}
		n.add("%s %q is not a date; not used", k, s)
	}
	return ""
}

// ansImage maps an ANS image (the promo image or an image element).
func ansImage(el map[string]any, path string, n *notes) *image {
	raw := str(el["url"])
	u, ok := webURL(raw, nil)
	if !ok {
		if raw == "" {
			n.add("%s: image without url; skipped", path)
		} else {
			n.add("%s: image url %q is not a web URL; skipped", path, truncate(raw, 80))
		}
		return nil
	}
	img := &image{
		Src:     u,
		Width:   pixels(el["width"]),
		Height:  pixels(el["height"]),
		Caption: plain(str(el["caption"])),
		Credit:  ansCredit(el["credits"]),
		Alt:     plain(str(el["alt_text"])),
	}
	if fp := el["focal_point"]; fp != nil {
		x, okX := number(field(fp, "x"))
		y, okY := number(field(fp, "y"))
		if pair := array(fp); len(pair) == 2 {
			x, okX = number(pair[0])
			y, okY = number(pair[1])
		}
		if okX && okY {
			img.Focus = focusFromPixels(x, y, img.Width, img.Height)
		}
		if img.Focus == nil {
			n.add("%s: focal_point not used: it needs x and y and the image's width and height", path)
		}
	}
	return img
}

// ansCredit joins the credited names, and the affiliations after a slash:
// "Jane Doe / Reuters".
func ansCredit(v any) string {
	names := func(key string) string {
		var out []string
		for _, c := range array(field(v, key)) {
			if s := plain(str(field(c, "name"))); s != "" {
				out = append(out, s)
			}
		}
		return strings.Join(out, ", ")
	}
	by, aff := names("by"), names("affiliation")
	switch {
	case by == "":
		return aff
	case aff == "" || aff == by:
		return by
	}
	return by + " / " + aff
}

// orUnknown quotes an element type for a message.
func orUnknown(t string) string {
	if t == "" {
		return "an element without a type"
	}
	return fmt.Sprintf("%q", t)
}
