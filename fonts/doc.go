// Package fonts owns the typefaces printd sets articles in: the embedded
// Noto families (serif, sans, mono), subset to Latin, Greek and Cyrillic,
// parsed into faces with their coverage and the metrics layout measures
// text with (advances, ascent, descent, cap and x heights, underline).
//
// How a face is embedded in a PDF is not its concern: the renderer's font
// package derives that from a face and keeps it with the face (see
// Face.Derived). Table reading is shared with it in internal/sfnt.
//
// Faces are parsed once and are immutable afterwards; every value in this
// package is safe for concurrent use.
package fonts
