package pdfpatch

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"time"
)

// Archive finishes fpdf's output as PDF/A-2b. The renderer has fpdf write
// the XMP metadata, with DocumentMark and InstanceMark where the ids go;
// the pass adds what fpdf cannot:
//   - the sRGB output intent (see addOutputIntent);
//   - a header of at least version 1.4 (metadata streams and output intents
//     are PDF 1.4) followed by a comment of four bytes above 127;
//   - a time zone on the Info dates, so that they denote the same instants
//     as the XMP dates;
//   - the print flag (/F 4) on every link annotation;
//   - no transparency group on the pages: fpdf gives every page one as soon
//     as the file is PDF 1.4, though the renderer draws nothing
//     transparent (PDF/A-2 would allow it; an archive is simpler without);
//   - a trailer /Info that refers to the Info dictionary (fpdf v0.12.0
//     points it at the object before the catalog, which is the ICC profile
//     once there is an output intent);
//   - the instance id (and, without an article id, the document id) in the
//     XMP, derived from the file's bytes;
//   - the trailer /ID, the same two ids as bytes.
//
// It rebuilds the cross-reference table, so edits may change lengths.
type Archive struct {
	Created, Modified time.Time // as written into Info, in UTC
	DocumentID        *UUID     // nil: the instance id serves
}

// Placeholders in the XMP packet for the identifiers that depend on the
// finished file; the pass puts the real ones in. They are as long as a
// "uuid:…" URN so that the replacement keeps every offset.
const (
	DocumentMark = "uuid:printd-document-id-placeholder-00000"
	InstanceMark = "uuid:printd-instance-id-placeholder-00000"
)

// apply edits f into PDF/A-2b.
func (p *Archive) apply(f *pdfFile) error {
	f.header = archivalHeader(f.header)
	if err := f.addOutputIntent(); err != nil {
		return err
	}

	info, err := f.info()
	if err != nil {
		return err
	}
	if info.value, err = zonedDates(info.value, p.Created, p.Modified); err != nil {
		return fmt.Errorf("info: %w", err)
	}
	for _, o := range f.objects {
		if o.value, err = printableLinks(o.value); err != nil {
			return fmt.Errorf("object %d: %w", o.num, err)
		}
		if o.value, err = withoutPageGroup(o.value); err != nil {
			return fmt.Errorf("object %d: %w", o.num, err)
		}
	}

	if id, err := dictLookup(f.trailer, "/ID"); err != nil || id != nil {
		return fmt.Errorf("%w: trailer already has an /ID", errSyntax)
	}
	root, err := f.ref(f.trailer, "/Root")
	if err != nil || root == nil {
		return fmt.Errorf("%w: no catalog (%v)", errSyntax, err)
	}
	meta, err := f.ref(root.value, "/Metadata")
	if err != nil || meta == nil || !meta.isStream() {
		return fmt.Errorf("%w: no metadata stream (%v)", errSyntax, err)
	}

	// The ids come from everything else in the file; the placeholders
	// they replace are part of what is hashed.
	h := sha256.New()
	f.writeTo(h)
	instance := sumUUID([32]byte(h.Sum(nil)))
	document := instance
	if p.DocumentID != nil {
		document = *p.DocumentID
	} else if meta.rest, err = replaceOnce(meta.rest, "<xmpMM:DocumentID>"+DocumentMark+"<", "<xmpMM:DocumentID>"+document.URN()+"<"); err != nil {
		return err
	}
	if meta.rest, err = replaceOnce(meta.rest, "<xmpMM:InstanceID>"+InstanceMark+"<", "<xmpMM:InstanceID>"+instance.URN()+"<"); err != nil {
		return err
	}
	end := bytes.LastIndex(f.trailer, []byte(">>"))
	f.trailer = fmt.Appendf(bytes.Clone(f.trailer[:end]), "/ID [<%x> <%x>]\n>>", document[:], instance[:])
	return nil
}

// info returns the document information dictionary, making the trailer
// refer to it when it does not.
func (f *pdfFile) info() (*pdfObject, error) {
	isInfo := func(o *pdfObject) bool {
		if o == nil || o.isStream() {
			return false
		}
		typ, err1 := dictLookup(o.value, "/Type")
		date, err2 := dictLookup(o.value, "/CreationDate")
		prod, err3 := dictLookup(o.value, "/Producer")
		return err1 == nil && err2 == nil && err3 == nil && typ == nil && date != nil && prod != nil
	}
	o, err := f.ref(f.trailer, "/Info")
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	if isInfo(o) {
		return o, nil
	}
	var found []*pdfObject
	for _, o := range f.objects {
		if isInfo(o) {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("%w: %d candidates for the Info dictionary", errSyntax, len(found))
	}
	entries, _, err := walkDict(f.trailer, 0, nil)
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	for _, e := range entries {
		if e.key == "/Info" {
			f.trailer = slices.Concat(f.trailer[:e.start:e.start], fmt.Appendf(nil, "%d 0 R", found[0].num), f.trailer[e.end:])
			return found[0], nil
		}
	}
	return nil, fmt.Errorf("%w: trailer has no /Info", errSyntax)
}

// archivalHeader returns header with the version raised to 1.4 when lower
// and a binary comment line after the first line when there is none.
func archivalHeader(header []byte) []byte {
	h := bytes.Clone(header)
	if v := h[len("%PDF-1.")]; v >= '0' && v < '4' {
		h[len("%PDF-1.")] = '4'
	}
	eol := bytes.IndexAny(h, "\r\n")
	if eol < 0 {
		return h
	}
	first := eol + 1
	if h[eol] == '\r' && first < len(h) && h[first] == '\n' {
		first++
	}
	line := h[first:]
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	high := 0
	for _, c := range line {
		if c > 127 {
			high++
		}
	}
	if bytes.HasPrefix(line, []byte("%")) && high >= 4 {
		return h
	}
	return slices.Insert(h, first, []byte("%\xE2\xE3\xCF\xD3\n")...)
}

// zonedDates rewrites the CreationDate and ModDate of the Info dictionary
// info, which fpdf writes without a time zone, as UTC dates. It checks that
// they are the expected instants, in UTC.
func zonedDates(info []byte, created, modified time.Time) ([]byte, error) {
	entries, _, err := walkDict(info, skipSpace(info, 0), nil)
	if err != nil {
		return nil, err
	}
	want := map[string]time.Time{"/CreationDate": created, "/ModDate": modified}
	out := make([]byte, 0, len(info)+2)
	prev := 0
	for _, e := range entries { // in file order
		t, ok := want[e.key]
		if !ok {
			continue
		}
		local := "(D:" + t.UTC().Format("20060102150405") + ")"
		if string(info[e.start:e.end]) != local {
			return nil, fmt.Errorf("%s is %s, want %s", e.key, info[e.start:e.end], local)
		}
		out = append(out, info[prev:e.start]...)
		out = append(out, "("+InfoDate(t)+")"...)
		prev = e.end
		delete(want, e.key)
	}
	if len(want) > 0 {
		return nil, fmt.Errorf("%d of the dates missing", len(want))
	}
	return append(out, info[prev:]...), nil
}

// printableLinks adds /F 4 (print) to every link annotation dictionary in
// the value v that has no /F.
func printableLinks(v []byte) ([]byte, error) {
	if !bytes.Contains(v, []byte("/Link")) {
		return v, nil
	}
	var at []int
	_, err := walkValue(v, 0, func(start int, entries []dictEntry) {
		link, flagged := false, false
		for _, e := range entries {
			switch e.key {
			case "/Subtype":
				link = string(v[e.start:e.end]) == "/Link"
			case "/F":
				flagged = true
			}
		}
		if link && !flagged {
			at = append(at, start+len("<<"))
		}
	})
	if err != nil || len(at) == 0 {
		return v, err
	}
	out := make([]byte, 0, len(v)+len(at)*len("/F 4 "))
	prev := 0
	slices.Sort(at) // inner dictionaries are visited first
	for _, i := range at {
		out = append(out, v[prev:i]...)
		out = append(out, "/F 4 "...)
		prev = i
	}
	return append(out, v[prev:]...), nil
}

// withoutPageGroup removes the transparency group from the page
// dictionary v; other values are returned as they are.
func withoutPageGroup(v []byte) ([]byte, error) {
	if !bytes.Contains(v, []byte("/Group")) || !bytes.HasPrefix(v, []byte("<<")) {
		return v, nil
	}
	entries, _, err := walkDict(v, 0, nil)
	if err != nil {
		return nil, err
	}
	page := false
	var group *dictEntry
	for i, e := range entries {
		switch e.key {
		case "/Type":
			page = string(v[e.start:e.end]) == "/Page"
		case "/Group":
			group = &entries[i]
		}
	}
	if !page || group == nil {
		return v, nil
	}
	if s, err := dictLookup(v[group.start:group.end], "/S"); err != nil || string(s) != "/Transparency" {
		return v, err
	}
	from := group.keyAt
	for from > 0 && isPDFSpace(v[from-1]) {
		from--
	}
	return slices.Concat(v[:from], v[group.end:]), nil
}

// replaceOnce replaces old in b by new, which must be as long, and fails
// unless old occurs exactly once.
func replaceOnce(b []byte, old, new string) ([]byte, error) {
	if n := bytes.Count(b, []byte(old)); n != 1 {
		return nil, fmt.Errorf("%w: %d occurrences of %q in the metadata", errSyntax, n, old)
	}
	if len(old) != len(new) {
		return nil, fmt.Errorf("replacement of %q changes the stream length", old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1), nil
}
