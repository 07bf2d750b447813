package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// SyntaxError reports JSON that cannot be parsed, with the 1-based line and
// column (in characters) of the offending byte.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Problem is one thing wrong with an article: the JSON path of the field
// (for example "body[3].html" or "footer.links[0].url"; empty for the
// article as a whole) and what is wrong with it.
type Problem struct {
	Path    string
	Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// ValidationError lists every problem found in a well-formed article.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// position converts a byte offset in data into a 1-based line and column;
// the column counts characters, an invalid byte counting as one.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

// JSONSyntaxError turns an error encoding/json gave about data into a
// SyntaxError at the offending byte: the offset a *json.SyntaxError carries,
// the end of data when the document ends early, else off. It is the one
// place JSON syntax errors are built, for the article decoder and the CMS
// adapters alike.
func JSONSyntaxError(data []byte, err error, off int) *SyntaxError {
	msg := err.Error()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off, msg = int(se.Offset)-1, se.Error() // Offset counts the offending byte as read
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || strings.HasPrefix(msg, "unexpected end") {
		off, msg = len(data), "unexpected end of input"
	}
	return syntaxErrorAt(data, off, strings.TrimPrefix(msg, "json: "))
}

// syntaxErrorAt builds a SyntaxError for the byte at off.
func syntaxErrorAt(data []byte, off int, msg string) *SyntaxError {
	line, col := position(data, off)
	return &SyntaxError{Line: line, Column: col, Msg: msg}
}
