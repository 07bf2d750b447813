package fonts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
)

// Fingerprint is a short hash of the font files the library would scan:
// each directory in order and, under it, every font file's path, size and
// modification time (no file is read). Another set of fonts, a font
// installed or replaced, gives another fingerprint, so that outputs made
// with other fonts can be told apart (batch input hashes).
func (l *Library) Fingerprint() string {
	h := sha256.New()
	for i, dir := range l.dirs {
		fmt.Fprintf(h, "dir\x00%s\x00%t\x00", dir, i < l.user)
		for _, p := range fontPaths(dir) {
			st, err := os.Stat(p) // through links, as the scan reads them
			if err != nil {
				continue
			}
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, st.Size(), st.ModTime().UnixNano())
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
