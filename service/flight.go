package service

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
)

// flight runs one render for all concurrent requests with the same key.
// Unlike a plain singleflight, the shared work is detached from the caller
// that started it and cancelled only when every caller waiting for it has
// gone: one impatient client does not fail the others, and when all of them
// leave the render stops.
type flight struct {
	mu    sync.Mutex
	calls map[string]*call
}

type call struct {
	done    chan struct{}
	val     *rendered
	err     error
	waiters int
	cancel  context.CancelFunc
}

func newFlight() *flight { return &flight{calls: map[string]*call{}} }

// do returns fn's result for key, running fn unless a call for key is
// already under way; shared reports that it was. fn's context carries the
// values of the first caller's ctx but not its cancellation.
func (f *flight) do(ctx context.Context, key string, fn func(context.Context) (*rendered, error)) (val *rendered, shared bool, err error) {
	f.mu.Lock()
	c, shared := f.calls[key]
	if shared {
		c.waiters++
		f.mu.Unlock()
	} else {
		runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c = &call{done: make(chan struct{}), waiters: 1, cancel: cancel}
		f.calls[key] = c
		f.mu.Unlock()
		go f.run(runCtx, key, c, fn)
	}
	select {
	case <-c.done:
		return c.val, shared, c.err
	case <-ctx.Done():
		f.mu.Lock()
		c.waiters--
		if c.waiters == 0 {
			c.cancel()
			// A request arriving now starts afresh instead of joining a
			// call that is being cancelled.
			if f.calls[key] == c {
				delete(f.calls, key)
			}
		}
		f.mu.Unlock()
		return nil, shared, ctx.Err()
	}
}

func (f *flight) run(ctx context.Context, key string, c *call, fn func(context.Context) (*rendered, error)) {
	defer close(c.done)
	defer func() {
		f.mu.Lock()
		if f.calls[key] == c {
			delete(f.calls, key)
		}
		f.mu.Unlock()
		c.cancel()
	}()
	defer func() {
		if v := recover(); v != nil {
			c.val, c.err = nil, fmt.Errorf("render panicked: %v\n%s", v, debug.Stack())
		}
	}()
	c.val, c.err = fn(ctx)
}
