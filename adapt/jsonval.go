package adapt

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"printd/article"
)

// The source documents are read into generic values (map[string]any,
// []any, string, json.Number, bool, nil): CMS output is loosely typed, and
// a field of an unexpected type must cost that field, not the document.

// parseJSON decodes one JSON document. Malformed input gives an
// *article.SyntaxError with the line and column of the offending byte.
func parseJSON(data []byte) (any, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, article.JSONSyntaxError(data, err, int(dec.InputOffset()))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, article.JSONSyntaxError(data, errors.New("unexpected data after the JSON document"), int(dec.InputOffset()))
	}
	return v, nil
}

// field follows keys through nested objects; nil when any step is missing
// or not an object.
func field(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// object returns v as an object, or nil.
func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// array returns v as an array, or nil.
func array(v any) []any {
	a, _ := v.([]any)
	return a
}

// many returns v as a list: an array as it is, a single value as a list of
// one, null as none (JSON-LD's "one or many").
func many(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// str returns a string or a number as text, anything else as "".
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

// number returns a numeric value; numeric strings count too.
func number(v any) (float64, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = v.String()
	case string:
		s = strings.TrimSpace(v)
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// typeName describes a value's JSON kind for messages.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "a value"
}
