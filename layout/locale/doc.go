// Package locale owns what printd prints in the article's language that is
// not the article's own text: the long date, digits, the list of authors,
// quotation marks and the labels of the page furniture ("Photo", "Updated",
// "page 2 of 5").
//
// Dates, month and era names, digits, list patterns and quotation marks are
// Unicode CLDR data, generated into cldr_data.go by gen.go (see the file's
// header for the CLDR release; licence in LICENSE-UNICODE.txt). The labels
// have no CLDR equivalent and are translated in labels.go. A locale is
// chosen by BCP 47 tag with script and region fallbacks (For).
//
// The package is pure and its data read-only: a *Locale may be shared by
// any number of goroutines.
package locale
