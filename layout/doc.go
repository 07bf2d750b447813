// Package layout owns typesetting: it turns an article, a page specification
// and font metrics into pages of positioned boxes in points (text runs,
// images, rules, link areas). It is pure — no PDF writer, no network, no file
// system — so every decision it makes can be tested without a PDF.
//
// The pipeline is compose (article → flow blocks), set (paragraphs → lines,
// with hyphenation and total-fit line breaking), flow (lines and figures →
// columns and pages, with keep rules) and finish (running footers, page
// numbers, column balancing).
package layout
