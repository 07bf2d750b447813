package sfnt

import (
	"errors"
	"io"
	"slices"
)

// Hiding is a reader over a font file whose table directories list the
// given tables under another tag, so that a parser reading the file
// through it (go-text's, which copies every table it knows) skips them.
// printd shapes CJK text with go-text and embeds the outlines itself: the
// 15–21 MB CFF table of a Noto CJK face need not be copied into the heap
// for shaping, which takes advances from hmtx and positions by GPOS, nor
// the vertical metrics (vhea, vmtx, VORG) of a shaper that sets horizontal
// text only.
type Hiding struct {
	data []byte
	head []byte // data's start up to the last directory, with tags renamed
	off  int64
}

// Hide returns a reader over data (a font or a collection) with the tables
// tags hidden in every face's directory.
func Hide(data []byte, tags ...string) (*Hiding, error) {
	if len(data) < 12 {
		return nil, errors.New("file too short for a font header")
	}
	dirs := []int{0}
	if be.Uint32(data) == 0x74746366 { // 'ttcf'
		n := int(be.Uint32(data[8:]))
		if 12+4*n > len(data) {
			return nil, errors.New("collection header truncated")
		}
		dirs = dirs[:0]
		for i := range n {
			dirs = append(dirs, int(be.Uint32(data[12+4*i:])))
		}
	}
	end := 0
	for _, off := range dirs {
		if off < 0 || off+12 > len(data) {
			return nil, errors.New("table directory past the end of the file")
		}
		end = max(end, off+12+16*int(be.Uint16(data[off+4:])))
	}
	if end > len(data) {
		return nil, errors.New("table directory truncated")
	}
	head := slices.Clone(data[:end])
	for _, off := range dirs {
		for i := range int(be.Uint16(head[off+4:])) {
			rec := head[off+12+16*i:]
			if slices.Contains(tags, string(rec[:4])) {
				rec[0] ^= 0x20 // "CFF " reads "cFF ", "vmtx" "Vmtx": tags no reader knows
			}
		}
	}
	return &Hiding{data: data, head: head}, nil
}

// ReadAt implements io.ReaderAt.
func (h *Hiding) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("sfnt: negative offset")
	}
	if off >= int64(len(h.data)) {
		return 0, io.EOF
	}
	n := copy(p, h.data[off:])
	if off < int64(len(h.head)) {
		copy(p, h.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Read implements io.Reader.
func (h *Hiding) Read(p []byte) (int, error) {
	n, err := h.ReadAt(p, h.off)
	h.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

// Seek implements io.Seeker.
func (h *Hiding) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += h.off
	case io.SeekEnd:
		offset += int64(len(h.data))
	default:
		return 0, errors.New("sfnt: bad whence")
	}
	if offset < 0 {
		return 0, errors.New("sfnt: negative position")
	}
	h.off = offset
	return offset, nil
}
