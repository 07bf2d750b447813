package article

import "bytes"

// Decode parses and validates one Article JSON v1 document with the default
// limits. Malformed JSON gives a *SyntaxError; a well-formed article with
// problems gives a *ValidationError listing all of them.
func Decode(data []byte) (*Article, error) {
	a, _, err := DecodeOpts(data, DecodeOptions{})
	return a, err
}

// DecodeOpts is Decode with explicit limits and strictness, returning
// also the warnings about content that was dropped on purpose, such as
// scripts or iframes in body HTML.
func DecodeOpts(data []byte, opts DecodeOptions) (*Article, []string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, err := parseTree(data)
	if err != nil {
		return nil, nil, err
	}
	if root.kind != jsonObject {
		return nil, nil, syntaxErrorAt(data, root.off, "an article must be a JSON object")
	}
	c := &checker{lim: opts.Limits.withDefaults(), strict: opts.Strict}
	if root.get("options").get("strict").isTrue() {
		c.strict = true
	}
	a := c.article(root)
	if len(c.problems) > 0 {
		return nil, nil, &ValidationError{Problems: c.problems}
	}
	return a, c.warnings, nil
}
