// Package fonts owns the typefaces printd sets articles in: the embedded
// Noto families (serif, sans, mono), subset to Latin, Greek and Cyrillic,
// and the metrics layout needs to measure text exactly as the PDF writer
// (fpdf) does.
//
// Faces are parsed once and are immutable afterwards; every value in this
// package is safe for concurrent use.
package fonts
