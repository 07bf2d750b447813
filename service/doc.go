// Package service is printd's HTTP transport over the engine: routes,
// request decoding (query options, CMS shapes, the article source), render
// slots and queue, the PDF cache and in-flight coalescing, ETags, problem
// answers, batch over HTTP and metrics. It renders through engine.Printer
// and holds no rendering logic of its own.
package service
