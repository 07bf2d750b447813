// Package zstream writes the zlib streams of the fonts the PDF writer
// embeds (font programs and ToUnicode CMaps), deflated at best
// compression. The deflate writers come from a sync.Pool, because each
// new one allocates some 600 KB of tables; a render borrows one for its
// document's fonts and gives it back. The zlib framing (header and
// Adler-32) is written here rather than by compress/zlib, so that a stream
// can be spliced from parts deflated at different times; the bytes are
// those compress/zlib writes at that level.
//
// A Deflater is for one goroutine at a time; the pool is safe for
// concurrent use, so renders stay parallel.
package zstream

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"io"
	"sync"
)

// Header opens a zlib stream: deflate, 32 KB window, best compression
// (the two bytes compress/zlib writes at that level).
const Header = "\x78\xda"

// writers holds idle deflate writers at best compression. A pool rather
// than a writer per document or per face: the writer's tables are the
// cost, and a pool lets parallel renders each hold one without a lock.
var writers = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestCompression)
	return fw
}}

// Deflater holds one pooled deflate writer, taken on first use. The zero
// value is ready; Release gives the writer back.
type Deflater struct {
	fw *flate.Writer
}

// Writer returns the deflate writer, reset to write raw deflate data to w.
func (d *Deflater) Writer(w io.Writer) *flate.Writer {
	if d.fw == nil {
		d.fw = writers.Get().(*flate.Writer)
	}
	d.fw.Reset(w)
	return d.fw
}

// Release gives the writer back to the pool; the Deflater may be used
// again afterwards (it takes another).
func (d *Deflater) Release() {
	if d.fw != nil {
		d.fw.Reset(io.Discard)
		writers.Put(d.fw)
		d.fw = nil
	}
}

// Zlib returns b as a zlib stream.
func (d *Deflater) Zlib(b []byte) []byte {
	buf := bytes.NewBuffer(make([]byte, 0, len(b)/2+64))
	buf.WriteString(Header)
	fw := d.Writer(buf)
	fw.Write(b)
	fw.Close()
	return binary.BigEndian.AppendUint32(buf.Bytes(), adler32.Checksum(b))
}

// Zlib returns b as a zlib stream, deflated with a writer borrowed from the
// pool for the call.
func Zlib(b []byte) []byte {
	var d Deflater
	defer d.Release()
	return d.Zlib(b)
}
