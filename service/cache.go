package service

import (
	"strings"
	"time"

	"printd/engine"
	"printd/internal/bytecache"
)

// rendered is a finished PDF with what the response says about it.
type rendered struct {
	pdf         []byte
	pages       int
	warnings    []string
	preflight   string // one-line preflight summary
	disposition string // Content-Disposition
	// lost are the photos left out: the PDF is partial. It is cached
	// (until expires) only when every one of them is gone for good.
	lost []*engine.PhotoError
	// expires is when a cached partial PDF stops being served; zero for a
	// whole PDF, which never expires.
	expires time.Time
}

// partial reports whether a photo was left out.
func (r *rendered) partial() bool { return len(r.lost) > 0 }

// gone reports whether every photo left out is gone for good (HTTP 404 or
// 410, no such file): rendering again would leave them out again.
func (r *rendered) gone() bool {
	for _, pe := range r.lost {
		if !pe.Gone() {
			return false
		}
	}
	return len(r.lost) > 0
}

// partialHeader lists photos left out: each field (after its article, in
// a merged PDF) with its reason.
func partialHeader(lost []*engine.PhotoError) string {
	parts := make([]string, len(lost))
	for i, pe := range lost {
		parts[i] = pe.Path + " (" + pe.Reason + ")"
		if pe.Article != "" {
			parts[i] = pe.Article + " " + parts[i]
		}
	}
	return strings.Join(parts, "; ")
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
// modified. A partial PDF is served until it expires.
type pdfCache struct {
	c   *bytecache.Cache[*rendered]
	now func() time.Time
}

func newPDFCache(budget int64, now func() time.Time) *pdfCache {
	return &pdfCache{c: bytecache.New[*rendered](budget, budget/4), now: now}
}

// get returns the PDF cached under key, unless it has expired (it is then
// dropped, so that it holds no room while it waits for the next add).
func (c *pdfCache) get(key string) (*rendered, bool) {
	r, ok := c.c.Get(key)
	if ok && !r.expires.IsZero() && !c.now().Before(r.expires) {
		c.c.Remove(key)
		return nil, false
	}
	return r, ok
}

// add caches r, evicting the least recently used PDFs to make room.
func (c *pdfCache) add(key string, r *rendered) { c.c.Add(key, r, r.cost()) }

// usage is the number of PDFs and bytes cached.
func (c *pdfCache) usage() (entries int, bytes int64) { return c.c.Usage() }
