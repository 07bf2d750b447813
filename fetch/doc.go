// Package fetch owns every outbound read of a source printd is given: the
// photos of an article and the articles of the article source. It reads
// https URLs (and http when allowed) through a dialer whose SSRF guard
// judges every address actually connected to, data: URIs, and local files
// when allowed; it bounds every source in bytes and time, follows a few
// redirects under the same rules, retries transient failures with
// exponential back-off and jitter within a total time budget, and reports
// every failure as an *Error carrying the source, the cause and a short
// reason.
package fetch
