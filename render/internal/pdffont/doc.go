// Package pdffont turns a face of package fonts into the fonts the PDF
// writer (fpdf) embeds, in fpdf's font-definition format: single-byte
// TrueType "page" fonts. Each face is split into pages of up to 224
// characters (For): the Windows code pages cp1252, cp1250, cp1251, cp1253,
// cp1257 and cp1254, then further pages for every other character the face
// has. Each page's font program (a subset holding only that page's glyphs)
// and its definition are built once per process, on first use, and kept
// with the face, so that a document only copies them into the file: no
// font is parsed or subset per document.
//
// Every value in this package is safe for concurrent use.
package pdffont
