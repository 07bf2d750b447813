package zstream

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"
)

// TestZlibIsCompressZlibs checks that the stream is the one compress/zlib
// writes at best compression, byte for byte, and that it inflates to the
// input, with a fresh writer and with one taken back from the pool.
func TestZlibIsCompressZlibs(t *testing.T) {
	in := bytes.Repeat([]byte("printd font program \x00\x01\x02 "), 500)
	var want bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&want, zlib.BestCompression)
	zw.Write(in)
	zw.Close()
	var d Deflater
	for i := range 3 {
		got := d.Zlib(in)
		if i == 2 {
			got = Zlib(in)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("run %d: %d bytes that differ from compress/zlib's %d", i, len(got), want.Len())
		}
		zr, err := zlib.NewReader(bytes.NewReader(got))
		if err != nil {
			t.Fatal(err)
		}
		if out, err := io.ReadAll(zr); err != nil || !bytes.Equal(out, in) {
			t.Fatalf("run %d: inflates to %d bytes (%v), want the %d in", i, len(out), err, len(in))
		}
		d.Release()
	}
}
