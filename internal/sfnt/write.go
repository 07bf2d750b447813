package sfnt

import "sort"

// Writing a TrueType file: the table directory and the checksums of the
// subsets the PDF writer embeds.

// Checksum is the sfnt table checksum: the sum of the data's big-endian
// uint32s, the data padded with zeros to a multiple of four bytes.
func Checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var tail [4]byte
		copy(tail[:], b)
		sum += be.Uint32(tail[:])
	}
	return sum
}

// TableRecord is one table's entry in a table directory: its tag, its
// checksum and where its data is in the file.
type TableRecord struct {
	Tag      string
	Checksum uint32
	Offset   int
	Length   int
}

// AppendSearchFields appends the three fields that let a reader
// binary-search n records of size bytes each (a table directory's, or a
// cmap format 4 subtable's segments of 2 bytes): searchRange, the size of
// the largest power of two of records not above n; entrySelector, that
// power's exponent; rangeShift, the size of the rest.
func AppendSearchFields(dst []byte, n, size int) []byte {
	sel := 0
	for 2<<sel <= n {
		sel++
	}
	searchRange := size << sel
	dst = be.AppendUint16(dst, uint16(searchRange))
	dst = be.AppendUint16(dst, uint16(sel))
	return be.AppendUint16(dst, uint16(size*n-searchRange))
}

// DirectorySize is the length of the offset table and the table directory
// of a file of n tables: where the tables' data may start.
func DirectorySize(n int) int { return 12 + 16*n }

// AppendDirectory appends to dst the offset table of a TrueType file
// (sfnt version 1.0) and its table directory, records, which must be
// sorted by tag.
func AppendDirectory(dst []byte, records []TableRecord) []byte {
	dst = be.AppendUint32(dst, 0x00010000)
	dst = be.AppendUint16(dst, uint16(len(records)))
	dst = AppendSearchFields(dst, len(records), 16)
	for _, r := range records {
		dst = append(dst, r.Tag...)
		dst = be.AppendUint32(dst, r.Checksum)
		dst = be.AppendUint32(dst, uint32(r.Offset))
		dst = be.AppendUint32(dst, uint32(r.Length))
	}
	return dst
}

// Assemble writes a TrueType file from its tables: the directory sorted by
// tag, the tables in that order, each 4-byte aligned and check-summed, and
// head's checkSumAdjustment set (head must hold 0 there).
func Assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	records := make([]TableRecord, len(tags))
	at := DirectorySize(len(tags))
	for i, tag := range tags {
		data := tables[tag]
		records[i] = TableRecord{Tag: tag, Checksum: Checksum(data), Offset: at, Length: len(data)}
		at += (len(data) + 3) &^ 3
	}
	out := AppendDirectory(make([]byte, 0, at), records)
	for _, tag := range tags {
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if t, ok := tables["head"]; ok && len(t) >= 12 {
		for _, r := range records {
			if r.Tag == "head" {
				be.PutUint32(out[r.Offset+8:], 0xB1B0AFBA-Checksum(out))
			}
		}
	}
	return out
}
