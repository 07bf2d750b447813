// Package engine turns one article into a PDF, with no transport: it owns
// the Printer (article → plan → photos inspected → layout → photos prepared
// at their placed size → render), the Plan (an article's options resolved
// against its publication's profile and preset), the preflight report and
// the version stamped on every output. cmd/printd and service both call it;
// it imports no HTTP or CLI package.
package engine
