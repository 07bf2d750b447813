// Package render draws laid-out pages with fpdf. It is the only package that
// imports the PDF writer; it places every item where layout put it and
// decides nothing about the page.
//
// Its rooms: render itself drives fpdf (text runs, rules, images, links,
// bookmarks, document information and XMP); internal/pdffont turns a face
// into the fonts fpdf embeds (single-byte code-page fonts, built once per
// process); internal/pdfpatch takes fpdf's output apart and finishes it
// (stream placeholders, compression, UTF-16 bookmark titles, PDF/A-2b).
package render
