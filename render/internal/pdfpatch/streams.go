package pdfpatch

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"

	"printd/internal/jpegmeta"
)

// fpdf copies every stream it embeds several times on the way out: into a
// buffer when it reads an image (and hashes it), into a string and then
// into its output buffer when it writes the file. Font programs and photos
// are most of a document's bytes and are already in their final form (the
// font programs built once per process, the photos prepared and cached),
// so the renderer hands fpdf a small placeholder for each instead and the
// post-pass puts the real bytes in their place, written once, straight into
// the finished file.

// subMagic starts every placeholder; a stream whose data carries it and is
// no longer than subMaxLen is a placeholder.
const (
	subMagic  = "printd-stream:"
	subMaxLen = 96
)

// Streams are the real stream data of one document, indexed by the number
// in a placeholder. The zero value is empty and ready to use.
type Streams struct{ data [][]byte }

// Marker records data and returns the placeholder that stands for it.
func (s *Streams) Marker(data []byte) []byte {
	s.data = append(s.data, data)
	return []byte(subMagic + strconv.Itoa(len(s.data)-1) + ";")
}

// JPEG returns a JPEG header that fpdf reads as data's size and
// colour space (fpdf takes both from the header alone) and that carries the
// placeholder in a comment segment. ok is false for a JPEG whose colour
// space fpdf would derive differently from so short a header; it is then
// embedded as it is.
func (s *Streams) JPEG(data []byte) (placeholder []byte, ok bool) {
	width, height, comps, ok := jpegFrame(data)
	if !ok || (comps != 1 && comps != 3) {
		return nil, false
	}
	mark := s.Marker(data)
	b := []byte{0xFF, 0xD8, 0xFF, 0xFE}                       // SOI, COM
	b = binary.BigEndian.AppendUint16(b, uint16(2+len(mark))) // segment length
	b = append(b, mark...)
	b = append(b, 0xFF, 0xC0) // SOF0, baseline
	b = binary.BigEndian.AppendUint16(b, uint16(8+3*int(comps)))
	b = append(b, 8) // bits per sample
	b = binary.BigEndian.AppendUint16(b, uint16(height))
	b = binary.BigEndian.AppendUint16(b, uint16(width))
	b = append(b, comps)
	for c := range comps {
		b = append(b, c+1, 0x11, 0) // id, 1×1 sampling, table 0
	}
	b = append(b, 0xFF, 0xDA) // SOS: the decoder reads the header up to here
	b = binary.BigEndian.AppendUint16(b, uint16(6+2*int(comps)))
	b = append(b, comps)
	for c := range comps {
		b = append(b, c+1, 0)
	}
	b = append(b, 0, 63, 0, 0xFF, 0xD9) // spectral selection 0–63, EOI
	return b, true
}

// jpegFrame reads a JPEG's frame header: its size and number of colour
// components. ok is false for anything but an 8-bit JPEG whose colour space
// follows from the component count alone as the PDF writer reads it: an
// Adobe segment, or three components named R, G and B, mean RGB or CMYK
// data it would label otherwise than the placeholder.
func jpegFrame(data []byte) (width, height int, comps byte, ok bool) {
	f := jpegmeta.Scan(data)
	if f.Frame == 0 || f.Precision != 8 || f.Adobe || f.Width == 0 || f.Height == 0 {
		return 0, 0, 0, false
	}
	if bytes.Equal(f.Components, []byte("RGB")) {
		return 0, 0, 0, false
	}
	return f.Width, f.Height, byte(len(f.Components)), true
}

// substitute puts the real data in place of every placeholder stream of f,
// with its /Length. Every recorded placeholder must be found exactly once.
func (f *pdfFile) substitute(s *Streams) error {
	if s == nil || len(s.data) == 0 {
		return nil
	}
	subs := s.data
	found := make([]bool, len(subs))
	for _, o := range f.objects {
		if !o.isStream() {
			continue
		}
		start, n, err := o.streamData()
		if err != nil {
			return err
		}
		if n > subMaxLen {
			continue
		}
		data := o.rest[start : start+n]
		at := bytes.Index(data, []byte(subMagic))
		if at < 0 {
			continue
		}
		num := data[at+len(subMagic):]
		end := bytes.IndexByte(num, ';')
		i, err := strconv.Atoi(string(num[:max(end, 0)]))
		if end < 0 || err != nil || i < 0 || i >= len(subs) || found[i] {
			return fmt.Errorf("%w: object %d: bad stream placeholder", errSyntax, o.num)
		}
		found[i] = true
		o.rest = slices.Concat(o.rest[:start], o.rest[start+n:])
		o.splice, o.spliceAt = subs[i], start
		if o.value, err = setLength(o.value, len(subs[i])); err != nil {
			return fmt.Errorf("object %d: %w", o.num, err)
		}
	}
	for i, ok := range found {
		if !ok {
			return fmt.Errorf("%w: stream placeholder %d not in the file", errSyntax, i)
		}
	}
	return nil
}

// streamData returns where a stream object's data starts in o.rest and its
// length, from the dictionary's /Length.
func (o *pdfObject) streamData() (start, n int, err error) {
	v, err := dictLookup(o.value, "/Length")
	if err != nil {
		return 0, 0, fmt.Errorf("object %d: %w", o.num, err)
	}
	n, err = strconv.Atoi(string(bytes.TrimSpace(v)))
	if v == nil || err != nil || n < 0 {
		return 0, 0, fmt.Errorf("%w: object %d: stream without a direct /Length", errSyntax, o.num)
	}
	start = bytes.Index(o.rest, []byte("stream"))
	if start < 0 {
		return 0, 0, fmt.Errorf("%w: object %d: no stream", errSyntax, o.num)
	}
	start += len("stream")
	if start < len(o.rest) && o.rest[start] == '\r' {
		start++
	}
	if start < len(o.rest) && o.rest[start] == '\n' {
		start++
	}
	if start+n > len(o.rest) {
		return 0, 0, fmt.Errorf("%w: object %d: stream shorter than its length", errSyntax, o.num)
	}
	return start, n, nil
}

// setLength rewrites the /Length entry of the stream dictionary dict.
func setLength(dict []byte, n int) ([]byte, error) {
	return setEntry(dict, "/Length", strconv.Itoa(n))
}

// setEntry replaces the value of key in the dictionary dict.
func setEntry(dict []byte, key, value string) ([]byte, error) {
	i := skipSpace(dict, 0)
	entries, _, err := walkDict(dict, i, nil)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.key == key {
			return slices.Concat(dict[:e.start], []byte(value), dict[e.end:]), nil
		}
	}
	return nil, fmt.Errorf("%w: dictionary without %s", errSyntax, key)
}
