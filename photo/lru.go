package photo

import (
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// byteLRU is a least-recently-used cache bounded by the summed cost (bytes)
// of its entries rather than by their count. It is safe for concurrent use.
type byteLRU[V any] struct {
	mu     sync.Mutex
	budget int64
	used   int64
	items  *simplelru.LRU[string, costed[V]]
}

type costed[V any] struct {
	val  V
	cost int64
}

func newByteLRU[V any](budget int64) *byteLRU[V] {
	c := &byteLRU[V]{budget: budget}
	// The count bound is never the binding one; eviction is by cost below.
	items, err := simplelru.NewLRU(math.MaxInt32, func(_ string, e costed[V]) { c.used -= e.cost })
	if err != nil {
		panic(err) // only for a non-positive size, which cannot happen
	}
	c.items = items
	return c
}

// get returns the value for key and marks it recently used.
func (c *byteLRU[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items.Get(key)
	return e.val, ok
}

// add stores val under key, evicting the least recently used entries until
// the budget holds. A value costing more than the whole budget is not kept.
func (c *byteLRU[V]) add(key string, val V, cost int64) {
	if cost > c.budget {
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

// usage returns the number of entries and their summed cost.
func (c *byteLRU[V]) usage() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items.Len(), c.used
}
