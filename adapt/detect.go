package adapt

import (
	"fmt"
	"strings"
)

// Detect reports the shape of a JSON document: Printd (a string headline
// and a body), WordPress (title.rendered and content.rendered; a list of
// posts counts by its first), ANS (type "story" with content_elements or
// headlines.basic) or JSONLD (a schema.org @context, or an article @type
// at the top, in an array or in @graph). A document matching more than one
// shape gives ErrAmbiguous naming them; one matching none gives
// ErrUnrecognised naming the shapes tried, except that an object with a
// headline or body member is taken for printd input with a problem that
// the article decoder names. Malformed JSON gives an *article.SyntaxError.
func Detect(data []byte) (Format, error) {
	root, err := parseJSON(data)
	if err != nil {
		return "", fmt.Errorf("detect format: %w", err)
	}
	return detect(root)
}

func detect(root any) (Format, error) {
	var found []string
	var f Format
	for _, s := range shapes {
		if s.match(root) {
			found = append(found, string(s.format))
			f = s.format
		}
	}
	switch len(found) {
	case 0:
		if looksPrintd(root) {
			return Printd, nil // printd input with a problem the decoder names
		}
		return "", fmt.Errorf("%w: not printd (headline and body), wordpress (title.rendered and "+
			"content.rendered), ans (type \"story\" and content_elements) or jsonld (schema.org "+
			"@context or an article @type); name the format explicitly", ErrUnrecognised)
	case 1:
		return f, nil
	}
	return "", fmt.Errorf("%w: the document looks like %s; name the format explicitly",
		ErrAmbiguous, strings.Join(found, " and "))
}

// shapes lists the detection rule of each format, in Formats order.
var shapes = [...]struct {
	format Format
	match  func(any) bool
}{
	{Printd, isPrintd},
	{WordPress, isWordPress},
	{ANS, isANS},
	{JSONLD, isJSONLD},
}

// looksPrintd reports whether v is an object with a headline or body
// member, whatever their values.
func looksPrintd(v any) bool {
	m := object(v)
	_, headline := m["headline"]
	_, body := m["body"]
	return headline || body
}

func isPrintd(v any) bool {
	m := object(v)
	_, headline := m["headline"].(string)
	return headline && m["body"] != nil
}

func isWordPress(v any) bool {
	if a := array(v); len(a) > 0 {
		v = a[0]
	}
	_, title := field(v, "title", "rendered").(string)
	_, content := field(v, "content", "rendered").(string)
	return title && content
}

func isANS(v any) bool {
	m := object(v)
	if str(m["type"]) != "story" {
		return false
	}
	_, elements := m["content_elements"].([]any)
	_, headline := field(m, "headlines", "basic").(string)
	return elements || headline
}

func isJSONLD(v any) bool {
	if a := array(v); a != nil {
		for _, e := range a {
			if isJSONLD(e) {
				return true
			}
		}
		return false
	}
	m := object(v)
	if m == nil {
		return false
	}
	if schemaContext(m["@context"]) || isArticleType(m["@type"]) {
		return true
	}
	for _, n := range array(m["@graph"]) {
		if isArticleType(field(n, "@type")) {
			return true
		}
	}
	return false
}

// schemaContext reports whether a JSON-LD @context (a string, an object
// with @vocab, or an array of those) names schema.org.
func schemaContext(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(strings.ToLower(v), "schema.org")
	case []any:
		for _, e := range v {
			if schemaContext(e) {
				return true
			}
		}
	case map[string]any:
		return schemaContext(v["@vocab"])
	}
	return false
}

// articleTypes are the schema.org types read as an article: Article and
// its news and blog subtypes.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "ReportageNewsArticle": true,
	"BlogPosting": true, "AnalysisNewsArticle": true, "BackgroundNewsArticle": true,
	"OpinionNewsArticle": true, "ReviewNewsArticle": true, "AskPublicNewsArticle": true,
	"LiveBlogPosting": true, "SatiricalArticle": true, "Report": true, "TechArticle": true,
}

// isArticleType reports whether an @type (a string or an array of them)
// names an article type, with or without a schema.org prefix.
func isArticleType(v any) bool {
	for _, t := range many(v) {
		s := str(t)
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		if articleTypes[s] {
			return true
		}
	}
	return false
}
