package bytecache

import (
	"fmt"
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	c := New[string](100, 0)
	c.Add("a", "A", 40)
	c.Add("b", "B", 40)
	if _, ok := c.Get("a"); !ok { // a becomes most recent
		t.Fatal("a missing")
	}
	c.Add("c", "C", 40) // evicts b, the least recently used
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(k); !ok {
			t.Fatalf("%s evicted", k)
		}
	}
	if n, used := c.Usage(); n != 2 || used != 80 {
		t.Fatalf("usage = %d entries, %d bytes; want 2, 80", n, used)
	}

	c.Add("a", "A2", 10) // replacing releases the old cost
	if v, _ := c.Get("a"); v != "A2" {
		t.Fatalf("a = %q", v)
	}
	if _, used := c.Usage(); used != 50 {
		t.Fatalf("used after replace = %d, want 50", used)
	}

	c.Add("huge", "H", 101) // larger than the whole budget: not kept
	if _, ok := c.Get("huge"); ok {
		t.Fatal("oversized entry was cached")
	}
	if n, _ := c.Usage(); n != 2 {
		t.Fatalf("oversized entry evicted others: %d entries", n)
	}

	c.Remove("a") // removing releases its cost
	if _, ok := c.Get("a"); ok {
		t.Fatal("a still cached after Remove")
	}
	if n, used := c.Usage(); n != 1 || used != 40 {
		t.Fatalf("usage after Remove = %d entries, %d bytes; want 1, 40", n, used)
	}
	c.Remove("absent")
}

func TestCacheConcurrent(t *testing.T) {
	c := New[int](1000, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := fmt.Sprint(g, "/", i%50)
				c.Add(k, i, int64(i%30+1))
				c.Get(k)
			}
		}()
	}
	wg.Wait()
	if _, used := c.Usage(); used > 1000 || used <= 0 {
		t.Fatalf("used = %d", used)
	}
}

func TestCacheLimits(t *testing.T) {
	c := New[string](100, 25) // no entry above a quarter of the budget
	c.Add("small", "s", 25)
	c.Add("big", "b", 26)
	if _, ok := c.Get("small"); !ok {
		t.Fatal("an entry at the limit was not kept")
	}
	if _, ok := c.Get("big"); ok {
		t.Fatal("an entry above the limit was kept")
	}
	off := New[string](0, 0)
	off.Add("a", "A", 1)
	if _, ok := off.Get("a"); ok {
		t.Fatal("a cache without a budget kept an entry")
	}
}
