// Package layout owns typesetting: it turns an article, a page specification
// and font metrics into pages of positioned boxes in points (text runs,
// images, rules, link areas). It is pure — no PDF writer, no network, no file
// system — so every decision it makes can be tested without a PDF.
//
// The pipeline: compose.go turns the article into flow units (flowunit.go:
// a line, a figure, a rule), setting paragraphs into lines on the way
// (set.go, para.go, runs.go; total-fit line breaking in layout/linebreak,
// hyphenation in layout/hyphen); flow.go places the units into columns and
// pages under the keep rules; layout.go drives it and finishes the
// document: the last page balanced, running footers, page numbers and
// printer's marks. document.go holds the result.
package layout
