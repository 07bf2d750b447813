package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
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
		if !o.isStream() {
			continue
		}
		m := bareStream.FindSubmatch(o.value)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(string(m[1]))
		rest := o.rest
		start := bytes.Index(rest, []byte("stream"))
		if start < 0 {
			return fmt.Errorf("%w: object %d: no stream", errSyntax, o.num)
		}
		start += len("stream")
		if start < len(rest) && rest[start] == '\r' {
			start++
		}
		if start < len(rest) && rest[start] == '\n' {
			start++
		}
		if start+n > len(rest) {
			return fmt.Errorf("%w: object %d: stream shorter than its length", errSyntax, o.num)
		}
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
