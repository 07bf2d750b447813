//go:build !unix

package fonts

import "os"

// mapFile reads a font file whole where files cannot be mapped.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }
