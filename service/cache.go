package service

import "printd/internal/bytecache"

// rendered is a finished PDF with what the response says about it.
type rendered struct {
	pdf         []byte
	pages       int
	warnings    []string
	preflight   string // one-line preflight summary
	disposition string // Content-Disposition
	// partial: a photo was left out (a fetch that may succeed next time),
	// so the PDF is not kept in the cache
	partial bool
}

// cost is what a cached PDF is charged against the budget: its bytes and a
// little bookkeeping.
func (r *rendered) cost() int64 {
	n := int64(len(r.pdf)) + int64(len(r.preflight)) + int64(len(r.disposition)) + 256
	for _, w := range r.warnings {
		n += int64(len(w)) + 16
	}
	return n
}

// pdfCache holds rendered PDFs by ETag, bounded in bytes; no PDF may take
// more than a quarter of the budget. Cached values are shared and never
// modified.
type pdfCache struct {
	c *bytecache.Cache[*rendered]
}

func newPDFCache(budget int64) *pdfCache {
	return &pdfCache{c: bytecache.New[*rendered](budget, budget/4)}
}

func (c *pdfCache) get(key string) (*rendered, bool) { return c.c.Get(key) }

// add caches r, evicting the least recently used PDFs to make room.
func (c *pdfCache) add(key string, r *rendered) { c.c.Add(key, r, r.cost()) }

// usage is the number of PDFs and bytes cached.
func (c *pdfCache) usage() (entries int, bytes int64) { return c.c.Usage() }
