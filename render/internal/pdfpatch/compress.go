package pdfpatch

import (
	"bytes"
	"compress/zlib"
	"regexp"
	"strconv"
	"sync"
)

// fpdf writes page content streams uncompressed here (compression off) and
// compressContents deflates them with writers kept in a pool: fpdf's own
// compression makes a new 1 MB compressor for every page of every
// document. Only bare streams — a dictionary of just /Length, which is what
// fpdf gives page contents — are touched; fonts, images, the ICC profile
// and XMP metadata keep their own encoding.
var bareStream = regexp.MustCompile(`^<<\s*/Length\s+(\d+)\s*>>\s*$`)

var zpool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

func (f *pdfFile) compressContents() error {
	var buf bytes.Buffer
	for _, o := range f.objects {
		if !o.isStream() || o.splice != nil {
			continue
		}
		m := bareStream.FindSubmatch(o.value)
		if m == nil {
			continue
		}
		start, n, err := o.streamData()
		if err != nil {
			return err
		}
		rest := o.rest
		data := rest[start : start+n]
		buf.Reset()
		zw := zpool.Get().(*zlib.Writer)
		zw.Reset(&buf)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			return err
		}
		zpool.Put(zw)
		tail := rest[start+n:]
		var nr bytes.Buffer
		nr.Grow(buf.Len() + len(tail) + 16)
		nr.Write(rest[:start])
		nr.Write(buf.Bytes())
		nr.Write(tail)
		o.value = []byte("<</Filter /FlateDecode /Length " + strconv.Itoa(buf.Len()) + ">>")
		o.rest = nr.Bytes()
	}
	return nil
}
