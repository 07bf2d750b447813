package article

import (
	"bytes"
	"fmt"
	"io"
)

// Decode parses and validates one Article JSON v1 document with the default
// limits. Malformed JSON gives a *SyntaxError; a well-formed article with
// problems gives a *ValidationError listing all of them.
func Decode(data []byte) (*Article, error) {
	a, _, err := DecodeOpts(data, DecodeOptions{})
	return a, err
}

// DecodeWithWarnings is Decode that also returns warnings about content
// that was dropped on purpose, such as scripts or iframes in body HTML.
func DecodeWithWarnings(data []byte) (*Article, []string, error) {
	return DecodeOpts(data, DecodeOptions{})
}

// DecodeReader reads at most limit bytes from r and decodes them as
// DecodeWithWarnings does. A longer input gives an error wrapping
// ErrTooLarge; limit <= 0 means no limit.
func DecodeReader(r io.Reader, limit int64) (*Article, []string, error) {
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read article: %w", err)
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, nil, fmt.Errorf("article larger than %d bytes: %w", limit, ErrTooLarge)
	}
	return DecodeOpts(data, DecodeOptions{})
}

// DecodeOpts is DecodeWithWarnings with explicit limits and strictness.
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
