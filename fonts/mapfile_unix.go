//go:build unix

package fonts

import (
	"os"
	"syscall"
)

// mapFile maps a font file read-only into memory for the life of the
// process. Its pages are read from the page cache as a glyph or table is
// used and count towards the process's memory only then: a 20 MB CJK
// collection of which a page uses a few hundred glyphs costs a few MB,
// not its size. (A font file rewritten in place while mapped would fault;
// packages replace font files, which leaves the mapping on the old file.)
func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size == 0 || size != int64(int(size)) {
		return os.ReadFile(path)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return os.ReadFile(path) // a file system that cannot map
	}
	return b, nil
}
