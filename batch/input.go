package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrInput marks input that could not be read to its end: a read error, or
// a JSON array broken so badly that no later element can be found. Records
// before the damage were processed and recorded.
var ErrInput = errors.New("batch: input unreadable")

// Record is one non-empty input record.
type Record struct {
	Num  int    // 1-based line (NDJSON) or element (array) number
	Data []byte // the raw JSON; nil when Err is set
	Err  error  // why the record could not be read (it fails alone)
	End  int64  // input bytes consumed at its end
}

// Label names a record in messages: "line 3", or "element 3" of an array.
func (r Record) Label(array bool) string {
	if array {
		return fmt.Sprintf("element %d", r.Num)
	}
	return fmt.Sprintf("line %d", r.Num)
}

// Reader reads the records of a batch: NDJSON, or a JSON array when the
// first character that is not white space is '[' (after a byte order
// mark). It holds one record at a time, bounded by its record limit. It is
// the one batch reader: the command line's batch, the service's ZIP batch
// and its merged PDF all read through it.
type Reader struct {
	rr recordReader
}

// NewReader reads records of at most maxRecord bytes from in (0 means
// DefaultMaxRecordBytes). A longer NDJSON line is a Record with Err set;
// a longer array element ends the input (ErrInput), as nothing after it
// can be found without reading it.
func NewReader(in io.Reader, maxRecord int64) (*Reader, error) {
	if maxRecord <= 0 {
		maxRecord = DefaultMaxRecordBytes
	}
	rr, err := newRecordReader(in, maxRecord)
	if err != nil {
		return nil, err
	}
	return &Reader{rr: rr}, nil
}

// Next returns the next non-empty record, io.EOF after the last, or an
// error wrapping ErrInput when the input cannot be read on.
func (r *Reader) Next() (Record, error) { return r.rr.next() }

// Array reports whether the input is a JSON array.
func (r *Reader) Array() bool { return r.rr.isArray() }

// recordReader yields records until io.EOF; any other error is fatal.
type recordReader interface {
	next() (Record, error)
	isArray() bool
}

// CountingReader counts in N the bytes read through it from R (a batch
// trailer's input bytes).
type CountingReader struct {
	R io.Reader
	N int64
}

func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}

// newRecordReader looks at the first byte that is not white space (after
// a byte order mark): '[' means a JSON array, anything else NDJSON.
func newRecordReader(in io.Reader, maxRecord int64) (recordReader, error) {
	cr := &CountingReader{R: in}
	br := bufio.NewReaderSize(cr, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	array := false
	for i := 1; ; i++ {
		b, err := br.Peek(i)
		if err != nil {
			if err == io.EOF || errors.Is(err, bufio.ErrBufferFull) {
				break
			}
			return nil, fmt.Errorf("%w: %w", ErrInput, err)
		}
		c := b[i-1]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		array = c == '['
		break
	}
	if array {
		return newArrayReader(cr, br, maxRecord)
	}
	return &lineReader{cr: cr, br: br, max: maxRecord}, nil
}

// lineReader reads NDJSON: one record per line, blank lines skipped.
type lineReader struct {
	cr   *CountingReader
	br   *bufio.Reader
	max  int64
	line int
	buf  []byte
}

func (l *lineReader) isArray() bool { return false }

func (l *lineReader) offset() int64 { return l.cr.N - int64(l.br.Buffered()) }

func (l *lineReader) next() (Record, error) {
	for {
		l.buf = l.buf[:0]
		tooLong := false
		var size int64
		var err error
		for {
			var chunk []byte
			chunk, err = l.br.ReadSlice('\n')
			size += int64(len(chunk))
			if !tooLong {
				if size > l.max+2 { // room for "\r\n"
					tooLong = true
					l.buf = l.buf[:0]
				} else {
					l.buf = append(l.buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return Record{}, fmt.Errorf("%w: after line %d: %w", ErrInput, l.line, err)
		}
		if size == 0 && err == io.EOF {
			return Record{}, io.EOF
		}
		l.line++
		rec := Record{Num: l.line, End: l.offset()}
		if tooLong {
			rec.Err = fmt.Errorf("line longer than %d bytes", l.max)
			return rec, nil
		}
		data := bytes.TrimSpace(l.buf)
		if len(data) == 0 {
			if err == io.EOF {
				return Record{}, io.EOF
			}
			continue
		}
		rec.Data = bytes.Clone(data)
		return rec, nil
	}
}

// arrayReader streams the elements of a JSON array with json.Decoder
// tokens, never holding more than one element (bounded by the record
// limit, past which the array counts as broken: the decoder cannot skip an
// element it has not read).
type arrayReader struct {
	lim    *limitReader
	dec    *json.Decoder
	max    int64
	start  int64 // bytes read before the decoder's first
	n      int
	done   bool
	broken error
}

// errElementTooLarge stops the decoder in an element longer than the limit.
var errElementTooLarge = errors.New("element too large")

// limitReader fails once the reader is past an absolute position.
type limitReader struct {
	r          io.Reader
	pos, limit int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.pos >= l.limit {
		return 0, errElementTooLarge
	}
	p = p[:min(int64(len(p)), l.limit-l.pos)]
	n, err := l.r.Read(p)
	l.pos += int64(n)
	return n, err
}

func newArrayReader(cr *CountingReader, br *bufio.Reader, max int64) (*arrayReader, error) {
	lim := &limitReader{r: br, limit: max}
	a := &arrayReader{lim: lim, max: max, start: cr.N - int64(br.Buffered()), dec: json.NewDecoder(lim)}
	if _, err := a.dec.Token(); err != nil { // the '[' already seen
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return a, nil
}

func (a *arrayReader) isArray() bool { return true }

func (a *arrayReader) next() (Record, error) {
	if a.broken != nil {
		return Record{}, a.broken
	}
	if a.done {
		return Record{}, io.EOF
	}
	// The decoder may hold what it read ahead; allow one record beyond it.
	a.lim.limit = a.lim.pos + a.max + 1
	if !a.dec.More() {
		a.done = true
		tok, err := a.dec.Token()
		if err != nil || tok != json.Delim(']') {
			return Record{}, fmt.Errorf("%w: %w", ErrInput, a.damage(err, "want ] at the end of the array"))
		}
		if _, err := a.dec.Token(); err != io.EOF {
			return Record{}, fmt.Errorf("%w: %w", ErrInput, a.damage(err, "data after the array"))
		}
		return Record{}, io.EOF
	}
	a.n++
	var raw json.RawMessage
	if err := a.dec.Decode(&raw); err != nil {
		why := a.damage(err, "")
		a.broken = fmt.Errorf("%w: element %d: %w", ErrInput, a.n, why)
		return Record{Num: a.n, Err: why, End: a.start + a.dec.InputOffset()}, nil
	}
	return Record{Num: a.n, Data: raw, End: a.start + a.dec.InputOffset()}, nil
}

// damage describes what broke the array, with its byte offset.
func (a *arrayReader) damage(err error, what string) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("byte %d: %s", a.start+se.Offset, se.Error())
	case err == nil || err == io.EOF:
		return fmt.Errorf("byte %d: %s", a.start+a.dec.InputOffset(), what)
	case errors.Is(err, errElementTooLarge):
		return fmt.Errorf("longer than %d bytes", a.max)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the array ends early")
	}
	return err
}

// peek is what the reader needs to name and shard a record before it is
// decoded: its id and headline, as written.
type peek struct {
	ID       string
	Headline string
}

// peekRecord reads the id and headline of a record without validating it;
// broken records give the zero peek.
func peekRecord(data []byte) peek {
	var raw struct {
		ID       json.RawMessage `json:"id"`
		Headline json.RawMessage `json:"headline"`
	}
	if json.Unmarshal(data, &raw) != nil {
		return peek{}
	}
	return peek{ID: scalar(raw.ID), Headline: scalar(raw.Headline)}
}

// scalar is a JSON string's value or a number's text, trimmed; "" for
// anything else.
func scalar(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
		return strings.TrimSpace(s)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw)
	}
	return ""
}
