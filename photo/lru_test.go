package photo

import (
	"fmt"
	"sync"
	"testing"
)

func TestByteLRU(t *testing.T) {
	c := newByteLRU[string](100)
	c.add("a", "A", 40)
	c.add("b", "B", 40)
	if _, ok := c.get("a"); !ok { // a becomes most recent
		t.Fatal("a missing")
	}
	c.add("c", "C", 40) // evicts b, the least recently used
	if _, ok := c.get("b"); ok {
		t.Fatal("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k); !ok {
			t.Fatalf("%s evicted", k)
		}
	}
	if n, used := c.usage(); n != 2 || used != 80 {
		t.Fatalf("usage = %d entries, %d bytes; want 2, 80", n, used)
	}

	c.add("a", "A2", 10) // replacing releases the old cost
	if v, _ := c.get("a"); v != "A2" {
		t.Fatalf("a = %q", v)
	}
	if _, used := c.usage(); used != 50 {
		t.Fatalf("used after replace = %d, want 50", used)
	}

	c.add("huge", "H", 101) // larger than the whole budget: not kept
	if _, ok := c.get("huge"); ok {
		t.Fatal("oversized entry was cached")
	}
	if n, _ := c.usage(); n != 2 {
		t.Fatalf("oversized entry evicted others: %d entries", n)
	}
}

func TestByteLRUConcurrent(t *testing.T) {
	c := newByteLRU[int](1000)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := fmt.Sprint(g, "/", i%50)
				c.add(k, i, int64(i%30+1))
				c.get(k)
			}
		}()
	}
	wg.Wait()
	if _, used := c.usage(); used > 1000 || used <= 0 {
		t.Fatalf("used = %d", used)
	}
}
