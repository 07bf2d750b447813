package batch

import "os"

// SetDirWrite makes d write its PDFs and journal through write.
func SetDirWrite(d *DirSink, write func(f *os.File, b []byte) (int, error)) { d.write = write }

// SetZipWrite makes z write its archive through write; z must come from
// CreateZip.
func SetZipWrite(z *ZipSink, write func(f *os.File, b []byte) (int, error)) { z.out.write = write }
