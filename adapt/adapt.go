package adapt

import (
	"errors"
	"fmt"
	"strings"

	"printd/article"
)

// Format names an input shape.
type Format string

// The input shapes this package knows.
const (
	Printd    Format = "printd"    // Article JSON v1, passed through unchanged
	WordPress Format = "wordpress" // WordPress REST API v2 post, with or without _embed
	ANS       Format = "ans"       // Arc XP ANS story
	JSONLD    Format = "jsonld"    // schema.org Article and its subtypes as JSON-LD
)

// Auto asks Convert and Decode to detect the format.
const Auto = "auto"

// Formats lists the known formats in the order Detect reports them.
func Formats() []Format { return []Format{Printd, WordPress, ANS, JSONLD} }

var (
	// ErrAmbiguous is returned when a document matches more than one known
	// shape, or none of them (then it also matches ErrUnrecognised).
	ErrAmbiguous = errors.New("ambiguous input format")
	// ErrUnrecognised is returned when a document matches none of the
	// known shapes. errors.Is reports it as ErrAmbiguous too.
	ErrUnrecognised error = unrecognised{}
	// ErrUnknownFormat is returned for a format name that is not known.
	ErrUnknownFormat = errors.New("unknown input format")
)

// unrecognised is ErrUnrecognised: its own message, ErrAmbiguous's kind.
type unrecognised struct{}

func (unrecognised) Error() string        { return "unrecognised input format" }
func (unrecognised) Is(target error) bool { return target == ErrAmbiguous }

// ParseFormat reads a format name as given on a command line or in a query
// string: "auto" (or empty), "printd", "wordpress" (or "wp"), "ans" (or
// "arc") and "jsonld" (or "json-ld"), in any case. Auto is returned as the
// Format "auto".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", Auto:
		return Auto, nil
	case "printd":
		return Printd, nil
	case "wordpress", "wp":
		return WordPress, nil
	case "ans", "arc":
		return ANS, nil
	case "jsonld", "json-ld":
		return JSONLD, nil
	}
	return "", fmt.Errorf("%w %q (want auto, printd, wordpress, ans or jsonld)", ErrUnknownFormat, s)
}

// Convert maps a CMS document onto Article JSON v1 and returns it as JSON
// with the format used and warnings naming everything that was dropped on
// the way. format is "auto" (detect) or one of the formats; "printd"
// returns data unchanged, as does "auto" when the document is native or is
// not JSON at all (so that the article decoder reports the syntax error
// with its line and column).
//
// Errors: ErrUnknownFormat for a bad format name; ErrAmbiguous when a
// document matches several shapes, ErrUnrecognised when it matches none
// (a JSON object with a headline or body member counts as printd input, so
// that a native article missing one of them gets precise field errors);
// *article.SyntaxError for malformed JSON given with an explicit CMS
// format; *article.ValidationError, with paths into the source document,
// when the source lacks what printd needs (a JSON-LD article without
// articleBody, say).
func Convert(data []byte, format string) (out []byte, used Format, warnings []string, err error) {
	d, used, warnings, err := convert(data, format)
	if err != nil || d == nil {
		return data, used, warnings, err
	}
	out, err = d.JSON()
	if err != nil {
		return nil, used, warnings, fmt.Errorf("%s: encode article: %w", used, err)
	}
	return out, used, warnings, nil
}

// convert is Convert without the JSON: the article as the article
// package's Go type, or nil (and Printd) when data is native input.
func convert(data []byte, format string) (*doc, Format, []string, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, "", nil, err
	}
	if f == Printd {
		return nil, Printd, nil, nil
	}
	root, err := parseJSON(data)
	if err != nil {
		if f == Auto {
			return nil, Printd, nil, nil
		}
		return nil, f, nil, err
	}
	if f == Auto {
		if f, err = detect(root); err != nil {
			return nil, "", nil, err
		}
		if f == Printd {
			return nil, Printd, nil, nil
		}
	}
	var (
		d    *doc
		note = &notes{prefix: string(f) + ": "}
	)
	switch f {
	case WordPress:
		d, err = fromWordPress(root, note)
	case ANS:
		d, err = fromANS(root, note)
	case JSONLD:
		d, err = fromJSONLD(root, note)
	}
	if err != nil {
		return nil, f, note.warnings(), fmt.Errorf("%s: %w", f, err)
	}
	if d.Subheadline != "" && strings.EqualFold(d.Subheadline, d.Headline) {
		note.add("the standfirst repeats the headline; not used as subheadline")
		d.Subheadline = ""
	}
	return d, f, note.warnings(), nil
}

// Decode converts data as Convert does and decodes the result as
// article.DecodeOpts does. The warnings of both steps are returned
// together, the adapter's first.
func Decode(data []byte, format string) (*article.Article, Format, []string, error) {
	return DecodeOpts(data, format, article.DecodeOptions{})
}

// DecodeOpts is Decode with the article package's limits and strictness. A
// converted article is validated as the Go value the adapter built (no
// JSON in between), by the same rules as native input; its problems name
// the Article JSON paths.
func DecodeOpts(data []byte, format string, opts article.DecodeOptions) (*article.Article, Format, []string, error) {
	d, used, warnings, err := convert(data, format)
	if err != nil {
		return nil, used, warnings, err
	}
	var (
		a    *article.Article
		more []string
	)
	if d == nil {
		a, more, err = article.DecodeOpts(data, opts)
	} else {
		a, more, err = article.FromDoc(d, opts)
	}
	warnings = append(warnings, more...)
	if err != nil {
		return nil, used, warnings, err
	}
	return a, used, warnings, nil
}
