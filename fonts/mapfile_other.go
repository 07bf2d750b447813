//go:build !unix

package fonts

import "os"

// mapFile reads a font file whole where files cannot be mapped.
func mapFile(path string) ([]byte, bool, error) {
	b, err := os.ReadFile(path)
	return b, false, err
}

func releaseMapped([]byte) {}
