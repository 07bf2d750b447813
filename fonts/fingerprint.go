package fonts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
		var lines []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil // unreadable parts are skipped, as the scan skips them
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".ttf", ".otf", ".ttc", ".otc":
			default:
				return nil
			}
			st, err := os.Stat(p) // through links, as the scan reads them
			if err != nil {
				return nil
			}
			lines = append(lines, fmt.Sprintf("%s\x00%d\x00%d\x00", p, st.Size(), st.ModTime().UnixNano()))
			return nil
		})
		sort.Strings(lines)
		for _, s := range lines {
			h.Write([]byte(s))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
