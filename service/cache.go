package service

import (
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// rendered is a finished PDF with what the response says about it.
type rendered struct {
	pdf         []byte
	pages       int
	warnings    []string
	preflight   string // one-line preflight summary
	disposition string // Content-Disposition
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

// pdfCache is an LRU of rendered PDFs bounded in bytes, keyed by ETag.
// Safe for concurrent use; cached values are shared and never modified.
type pdfCache struct {
	budget int64

	mu    sync.Mutex
	used  int64
	items *simplelru.LRU[string, *rendered]
}

// maxCacheEntries only keeps the list finite; the byte budget is the real
// bound.
const maxCacheEntries = 1 << 20

func newPDFCache(budget int64) *pdfCache {
	c := &pdfCache{budget: budget}
	items, err := simplelru.NewLRU[string, *rendered](maxCacheEntries, func(_ string, r *rendered) {
		c.used -= r.cost() // runs under mu, from Add, Remove and RemoveOldest
	})
	if err != nil {
		panic(err) // only for a non-positive size
	}
	c.items = items
	return c
}

func (c *pdfCache) get(key string) (*rendered, bool) {
	if c.budget <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items.Get(key)
}

// add caches r unless it would take more than a quarter of the budget,
// evicting the least recently used PDFs to make room.
func (c *pdfCache) add(key string, r *rendered) {
	cost := r.cost()
	if c.budget <= 0 || cost > c.budget/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items.Remove(key)
	c.items.Add(key, r)
	c.used += cost
	for c.used > c.budget {
		if _, _, ok := c.items.RemoveOldest(); !ok {
			break
		}
	}
}

// usage is the number of PDFs and bytes cached.
func (c *pdfCache) usage() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items.Len(), c.used
}
