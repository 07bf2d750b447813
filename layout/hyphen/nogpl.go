//go:build nogpl

package hyphen

import "embed"

// Built with the tag nogpl: no GPL-only pattern sets (see gpl.go).
var gplFiles embed.FS

var gplSets []string
