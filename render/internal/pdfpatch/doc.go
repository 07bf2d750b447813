// Package pdfpatch takes the PDF file fpdf wrote apart, edits it and puts it
// back together with a correct cross-reference table. It owns everything
// the renderer does to fpdf's output after fpdf is done: the stream
// placeholders (font programs and photos written once, straight into the
// finished file), the compression of page contents, UTF-16 bookmark titles
// and the PDF/A-2b edits (output intent, dates, link flags, ids).
//
// It reads only the subset of PDF syntax fpdf writes — one classic
// cross-reference section, no object or cross-reference streams, no
// incremental updates — and refuses anything else. It keeps no state
// between files and is safe for concurrent use.
package pdfpatch
