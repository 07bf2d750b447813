// Package fonts owns the typefaces printd sets articles in: the embedded
// Noto families (serif, sans, mono), subset to Latin, Greek and Cyrillic,
// and the metrics layout needs to measure text exactly as the PDF writer
// (fpdf) does.
//
// It also splits each face into single-byte "page" fonts (Face.Pages) that
// a PDF embeds as simple TrueType fonts: the Windows code pages cp1252,
// cp1250, cp1251, cp1253, cp1257 and cp1254, then further pages for every
// other character the face has. Each page's font program (a subset holding
// only that page's glyphs) and its definition are built once per process,
// on first use, so that a document only copies them into the file: no
// font is parsed or subset per document.
//
// Faces are parsed once and are immutable afterwards; every value in this
// package is safe for concurrent use.
package fonts
