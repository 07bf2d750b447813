package pdfpatch

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// pdfFile is a PDF as fpdf writes it, taken apart so that objects can be
// edited and the file put back together with a correct cross-reference
// table: a header, numbered objects of generation 0 (1…n, none missing),
// one classic cross-reference section and a trailer. fpdf writes no object
// streams, cross-reference streams or incremental updates; a file with
// them is refused.
type pdfFile struct {
	header  []byte       // "%PDF-1.x", its line end and what follows up to the first object
	objects []*pdfObject // in file order
	byNum   map[int]*pdfObject
	trailer []byte // the trailer dictionary, "<<" … ">>"
}

// pdfObject is one indirect object, "n 0 obj" … "endobj".
type pdfObject struct {
	num    int
	prefix []byte // "n 0 obj" and the white space after it
	value  []byte // the object's value; a stream's dictionary
	rest   []byte // a stream's "stream" … "endstream", then "endobj" and the line end
	// splice, when not nil, is a stream's data kept apart (see
	// substitute): the object's bytes are rest[:spliceAt], splice,
	// rest[spliceAt:].
	splice   []byte
	spliceAt int
}

func (o *pdfObject) isStream() bool {
	return bytes.HasPrefix(bytes.TrimLeft(o.rest, "\x00\t\n\f\r "), []byte("stream"))
}

// parsePDF takes b apart. It keeps every byte: bytes of an unedited file
// are b again.
func parsePDF(b []byte) (*pdfFile, error) {
	sx := bytes.LastIndex(b, []byte("startxref"))
	if sx < 0 {
		return nil, fmt.Errorf("%w: no startxref", errSyntax)
	}
	xrefAt, err := strconv.Atoi(string(field(bytes.Fields(b[sx+len("startxref"):]), 0)))
	if err != nil || xrefAt <= 0 || xrefAt >= sx {
		return nil, fmt.Errorf("%w: bad startxref", errSyntax)
	}
	offsets, trailerAt, err := parseXref(b, xrefAt)
	if err != nil {
		return nil, err
	}
	t := skipSpace(b, trailerAt)
	if !bytes.HasPrefix(b[t:], []byte("<<")) {
		return nil, fmt.Errorf("%w: no trailer dictionary", errSyntax)
	}
	tEnd, err := skipValue(b, t)
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	f := &pdfFile{trailer: b[t:tEnd], byNum: make(map[int]*pdfObject, len(offsets))}

	if len(offsets) == 0 {
		return nil, fmt.Errorf("%w: no objects", errSyntax)
	}
	nums := make([]int, 0, len(offsets))
	for n := 1; n <= len(offsets); n++ {
		if _, ok := offsets[n]; !ok {
			return nil, fmt.Errorf("%w: object %d missing", errSyntax, n)
		}
		nums = append(nums, n)
	}
	slices.SortFunc(nums, func(a, b int) int { return offsets[a] - offsets[b] })
	for k, n := range nums {
		start, end := offsets[n], xrefAt
		if k+1 < len(nums) {
			end = offsets[nums[k+1]]
		}
		if start >= end {
			return nil, fmt.Errorf("%w: object %d overlaps another", errSyntax, n)
		}
		o, err := parseObject(b[start:end], n)
		if err != nil {
			return nil, err
		}
		f.objects = append(f.objects, o)
		f.byNum[n] = o
	}
	f.header = b[:offsets[nums[0]]]
	if !bytes.HasPrefix(f.header, []byte("%PDF-1.")) {
		return nil, fmt.Errorf("%w: no %%PDF-1.x header", errSyntax)
	}
	return f, nil
}

// parseXref reads the cross-reference section at b[at] and returns the
// offset of every object in use and where the trailer keyword ends.
func parseXref(b []byte, at int) (map[int]int, int, error) {
	line := func(i int) ([]byte, int) {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return b[i:], len(b)
		}
		return b[i : i+j], i + j + 1
	}
	l, i := line(at)
	if string(bytes.TrimSpace(l)) != "xref" {
		return nil, 0, fmt.Errorf("%w: no xref table at %d (cross-reference streams are not supported)", errSyntax, at)
	}
	offsets := map[int]int{}
	for {
		if i >= len(b) {
			return nil, 0, fmt.Errorf("%w: xref table without trailer", errSyntax)
		}
		l, next := line(i)
		if bytes.HasPrefix(bytes.TrimSpace(l), []byte("trailer")) {
			return offsets, i + bytes.Index(b[i:], []byte("trailer")) + len("trailer"), nil
		}
		h := bytes.Fields(l)
		first, err1 := strconv.Atoi(string(field(h, 0)))
		count, err2 := strconv.Atoi(string(field(h, 1)))
		if len(h) != 2 || err1 != nil || err2 != nil || first < 0 || count < 0 || count > len(b)/18 {
			return nil, 0, fmt.Errorf("%w: bad xref subsection header %q", errSyntax, l)
		}
		i = next
		for n := first; n < first+count; n++ {
			l, next := line(i)
			e := bytes.Fields(l)
			off, err1 := strconv.Atoi(string(field(e, 0)))
			gen, err2 := strconv.Atoi(string(field(e, 1)))
			if len(e) != 3 || err1 != nil || err2 != nil {
				return nil, 0, fmt.Errorf("%w: bad xref entry %q", errSyntax, l)
			}
			switch string(e[2]) {
			case "n":
				if gen != 0 {
					return nil, 0, fmt.Errorf("%w: object %d has generation %d", errSyntax, n, gen)
				}
				if off <= 0 || off >= at {
					return nil, 0, fmt.Errorf("%w: object %d at offset %d", errSyntax, n, off)
				}
				offsets[n] = off
			case "f":
				if n != 0 {
					return nil, 0, fmt.Errorf("%w: free object %d", errSyntax, n)
				}
			default:
				return nil, 0, fmt.Errorf("%w: bad xref entry %q", errSyntax, l)
			}
			i = next
		}
	}
}

func field(f [][]byte, i int) []byte {
	if i < len(f) {
		return f[i]
	}
	return nil
}

// parseObject splits the bytes of object n.
func parseObject(b []byte, n int) (*pdfObject, error) {
	head := []byte(strconv.Itoa(n) + " 0 obj")
	if !bytes.HasPrefix(b, head) {
		return nil, fmt.Errorf("%w: object %d is not where the xref table says", errSyntax, n)
	}
	v := skipSpace(b, len(head))
	end, err := walkValue(b, v, nil)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	end = skipReference(b, v, end)
	if !bytes.Contains(b[end:], []byte("endobj")) {
		return nil, fmt.Errorf("%w: object %d has no endobj", errSyntax, n)
	}
	return &pdfObject{num: n, prefix: b[:v], value: b[v:end], rest: b[end:]}, nil
}

// bytes puts the file back together, with a cross-reference table for
// where the objects now are.
func (f *pdfFile) bytes() []byte {
	size := len(f.header) + len(f.trailer) + 64 + 20*(len(f.objects)+1)
	for _, o := range f.objects {
		size += len(o.prefix) + len(o.value) + len(o.rest) + len(o.splice)
	}
	out := bytes.NewBuffer(make([]byte, 0, size))
	f.writeTo(out)
	return out.Bytes()
}

// writeTo writes the file as bytes gives it, without holding it whole (a
// hash of the file needs no copy of it).
func (f *pdfFile) writeTo(w io.Writer) {
	at := 0
	put := func(b []byte) {
		w.Write(b)
		at += len(b)
	}
	put(f.header)
	offsets := make([]int, len(f.objects)+1)
	for _, o := range f.objects {
		offsets[o.num] = at
		put(o.prefix)
		put(o.value)
		if o.splice != nil {
			put(o.rest[:o.spliceAt])
			put(o.splice)
			put(o.rest[o.spliceAt:])
		} else {
			put(o.rest)
		}
	}
	xref := at
	line := make([]byte, 0, 32)
	line = fmt.Appendf(line, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	w.Write(line)
	for _, off := range offsets[1:] {
		line = fmt.Appendf(line[:0], "%010d 00000 n \n", off)
		w.Write(line)
	}
	w.Write([]byte("trailer\n"))
	w.Write(f.trailer)
	w.Write(fmt.Appendf(line[:0], "\nstartxref\n%d\n%%%%EOF\n", xref))
}

// ref returns the object an entry of dict refers to, or nil.
func (f *pdfFile) ref(dict []byte, key string) (*pdfObject, error) {
	v, err := dictLookup(dict, key)
	if err != nil || v == nil {
		return nil, err
	}
	n, ok := refNumber(v)
	if !ok {
		return nil, fmt.Errorf("%w: %s is not an indirect reference", errSyntax, key)
	}
	o := f.byNum[n]
	if o == nil {
		return nil, fmt.Errorf("%w: %s refers to missing object %d", errSyntax, key, n)
	}
	return o, nil
}

// Replace replaces old by new in the header or the first object holding it
// and writes the file again with its cross-reference table rebuilt. Within
// stream data, new must be as long as old. It is for checks that spoil a
// good file on purpose.
func Replace(pdf []byte, old, new string) ([]byte, error) {
	f, err := parsePDF(pdf)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(f.header, []byte(old)) {
		f.header = bytes.Replace(f.header, []byte(old), []byte(new), 1)
		return f.bytes(), nil
	}
	for _, o := range f.objects {
		for _, part := range []*[]byte{&o.value, &o.rest} {
			if bytes.Contains(*part, []byte(old)) {
				if len(old) != len(new) && part == &o.rest {
					return nil, fmt.Errorf("replacing %q would change a stream's length", old)
				}
				*part = bytes.Replace(*part, []byte(old), []byte(new), 1)
				return f.bytes(), nil
			}
		}
	}
	return nil, fmt.Errorf("%q is not in the file", old)
}
