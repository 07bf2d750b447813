// Package batch owns batch exports: it reads many articles (NDJSON or a
// JSON array), renders them with a bounded pool of workers, writes one PDF
// per article to a Sink (a directory, a zip stream or a blob bucket) and
// records every input record in a manifest, in input order, so that an
// interrupted run can be resumed without rendering again what is already
// there.
//
// The engine is Run; it knows nothing of HTTP or of the command line, and
// renders through a PrintFunc so that callers choose the printer.
package batch
