package service

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// limiter hands out a fixed number of render slots; up to queue callers
// wait for one, each for at most wait.
type limiter struct {
	slots chan struct{}
	wait  time.Duration

	mu      sync.Mutex
	queue   int // capacity
	waiting int
}

func newLimiter(slots, queue int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, slots), queue: queue, wait: wait}
}

// rejection says why acquire refused: "queue_full" or "queue_timeout".
type rejection string

// acquire takes a slot, waiting in the queue if there is room. The
// returned release must be called once. It fails with errOverloaded (the
// rejection names why) or with ctx's error; a caller whose ctx has ended
// never holds a slot, not even for a moment.
func (l *limiter) acquire(ctx context.Context) (release func(), why rejection, err error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	select {
	case l.slots <- struct{}{}:
		return l.release, "", nil
	default:
	}
	l.mu.Lock()
	if l.waiting >= l.queue {
		l.mu.Unlock()
		return nil, "queue_full", fmt.Errorf("%w: all %d render slots busy and %d waiting", errOverloaded, cap(l.slots), l.queue)
	}
	l.waiting++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.waiting--
		l.mu.Unlock()
	}()
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		if err := ctx.Err(); err != nil {
			// The slot came free as the caller left: it goes to the next.
			l.release()
			return nil, "", err
		}
		return l.release, "", nil
	case <-t.C:
		return nil, "queue_timeout", fmt.Errorf("%w: no render slot within %s", errOverloaded, l.wait)
	case <-ctx.Done():
		return nil, "", ctx.Err()
	}
}

func (l *limiter) release() { <-l.slots }

// load is the number of renders running and waiting.
func (l *limiter) load() (running, waiting int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.slots), l.waiting
}
