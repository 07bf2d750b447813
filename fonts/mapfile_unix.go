//go:build unix

package fonts

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// mapFile maps a font file read-only into memory for the life of the
// process. Its pages are read from the page cache as a glyph or table is
// used and count towards the process's memory only then: a 20 MB CJK
// collection of which a page uses a few hundred glyphs costs a few MB,
// not its size. (A font file rewritten in place while mapped would fault;
// packages replace font files, which leaves the mapping on the old file.)
func mapFile(path string) (data []byte, mapped bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	size := st.Size()
	if size > 0 && size == int64(int(size)) {
		if b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED); err == nil {
			return b, true, nil
		}
	}
	data, err = os.ReadFile(path) // empty, or a file system that cannot map
	return data, false, err
}

// releaseMapped drops the pages of a mapped file from the process's
// memory; they are read again from the page cache when next used. Never
// call it on bytes that are not a mapFile mapping.
func releaseMapped(b []byte) { unix.Madvise(b, unix.MADV_DONTNEED) }
