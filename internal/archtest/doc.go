// Package archtest holds the test that pins printd's package structure:
// which package may import which (data flows article → layout → render →
// engine → transports; shared leaves under internal/), which packages
// alone may use fpdf, gin, prometheus and imaging, and that layout stays
// pure (no file system, network or process). Every package must have a
// rule: a new package fails the test until it is given one in rules.go.
package archtest
