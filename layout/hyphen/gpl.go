//go:build !nogpl

package hyphen

import "embed"

// gplFiles holds the pattern sets whose only licence is the GNU GPL
// (Czech, Indonesian and Malay, Macedonian). Building with the tag nogpl
// leaves them out of the binary; those languages are then not hyphenated.
//
//go:embed patterns/gpl/*.txt
var gplFiles embed.FS

var gplSets = []string{"cs", "id", "mk"}
