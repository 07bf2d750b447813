// Package bytecache is printd's one least-recently-used cache bounded by
// bytes: the photo store keeps fetched sources and prepared JPEGs in it,
// the service its rendered PDFs.
package bytecache

import (
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache is a least-recently-used cache bounded by the summed cost (bytes)
// of its entries rather than by their count. A Cache with a budget of zero
// or less keeps nothing. It is safe for concurrent use.
type Cache[V any] struct {
	mu     sync.Mutex
	budget int64
	max    int64 // the largest single entry kept
	used   int64
	items  *simplelru.LRU[string, costed[V]]
}

type costed[V any] struct {
	val  V
	cost int64
}

// New returns a Cache holding at most budget bytes, none of its entries
// costing more than maxEntry (budget when maxEntry is zero or less).
func New[V any](budget, maxEntry int64) *Cache[V] {
	if maxEntry <= 0 || maxEntry > budget {
		maxEntry = budget
	}
	c := &Cache[V]{budget: budget, max: maxEntry}
	// The count bound is never the binding one; eviction is by cost below.
	items, err := simplelru.NewLRU(math.MaxInt32, func(_ string, e costed[V]) { c.used -= e.cost })
	if err != nil {
		panic(err) // only for a non-positive size, which cannot happen
	}
	c.items = items
	return c
}

// Get returns the value for key and marks it recently used.
func (c *Cache[V]) Get(key string) (V, bool) {
	if c.budget <= 0 {
		var zero V
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items.Get(key)
	return e.val, ok
}

// Add stores val under key at the given cost, evicting the least recently
// used entries until the budget holds. A value costing more than the
// largest entry allowed is not kept.
func (c *Cache[V]) Add(key string, val V, cost int64) {
	if c.budget <= 0 || cost > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items.Remove(key) // replacing: the eviction callback releases the old cost
	c.items.Add(key, costed[V]{val: val, cost: cost})
	c.used += cost
	for c.used > c.budget {
		if _, _, ok := c.items.RemoveOldest(); !ok {
			break
		}
	}
}

// Remove drops the value for key, if any.
func (c *Cache[V]) Remove(key string) {
	if c.budget <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items.Remove(key) // the eviction callback releases its cost
}

// Usage returns the number of entries and their summed cost.
func (c *Cache[V]) Usage() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items.Len(), c.used
}
