// Package loadgen holds what the printd load generators (bench/load and
// bench/soak) share: the article payload whose id can change from one
// request to the next without re-encoding the article, the HTTP client
// they drive the server with, and one POST to /v1/pdf with its outcome.
package loadgen
