package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"printd/engine"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// serving runs s on a loopback listener until the returned cancel is
// called; wait returns Serve's error.
func serving(t *testing.T, s *Server) (base string, cancel func(), wait func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return servingOn(t, s, ln)
}

// servingOn is serving on a listener of the caller's.
func servingOn(t *testing.T, s *Server, ln net.Listener) (base string, cancel func(), wait func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, ln) }()
	var once bool
	var serr error
	wait = func() error {
		if !once {
			once = true
			select {
			case serr = <-errc:
			case <-time.After(10 * time.Second):
				t.Fatal("Serve did not return")
			}
		}
		return serr
	}
	t.Cleanup(func() { cancel(); _ = wait() })
	return "http://" + ln.Addr().String(), cancel, wait
}

func testClient(t *testing.T) *http.Client {
	tr := &http.Transport{Proxy: nil}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func TestGracefulShutdown(t *testing.T) {
	s := newTestServer(t, func(c *Config) {
		c.DrainDelay = 300 * time.Millisecond
		c.ShutdownGrace = 5 * time.Second
	})
	h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 1)}
	hookPrint(s, h)
	base, cancel, wait := serving(t, s)
	client := testClient(t)

	type answer struct {
		code int
		body []byte
		err  error
	}
	inflight := make(chan answer, 1)
	go func() {
		resp, err := client.Post(base+"/v1/pdf", "application/json", bytes.NewReader(seed(t, "")))
		if err != nil {
			inflight <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		inflight <- answer{resp.StatusCode, b, err}
	}()
	<-h.started

	cancel() // as SIGTERM does
	deadline := time.Now().Add(2 * time.Second)
	for {
		resp, err := client.Get(base + "/readyz")
		if err != nil {
			t.Fatalf("/readyz during the drain delay: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not turn 503")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(400 * time.Millisecond) // past the drain delay: the listener closes
	if _, err := client.Get(base + "/healthz"); err == nil {
		t.Error("new requests still accepted after the drain delay")
	}
	close(h.hold)
	a := <-inflight
	if a.err != nil || a.code != http.StatusOK || !bytes.HasPrefix(a.body, []byte("%PDF-")) {
		t.Fatalf("in-flight request: %d, %v, %d bytes", a.code, a.err, len(a.body))
	}
	if err := wait(); err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func TestShutdownGraceCutsSlowRenders(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.ShutdownGrace = 100 * time.Millisecond })
	h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 1)}
	defer close(h.hold)
	hookPrint(s, h)
	base, cancel, wait := serving(t, s)
	client := testClient(t)
	errc := make(chan error, 1)
	go func() {
		resp, err := client.Post(base+"/v1/pdf", "application/json", bytes.NewReader(seed(t, "")))
		if err == nil {
			resp.Body.Close()
			err = errors.New(resp.Status)
		}
		errc <- err
	}()
	<-h.started
	start := time.Now()
	cancel()
	if err := wait(); err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Serve returned %v, want the grace deadline", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("shutdown took %v with a 100ms grace", el)
	}
	<-errc // the client saw its connection closed (or a status); either way it returned
	// The abandoned render was cancelled.
	for len(h.results()) == 0 {
		if time.Since(start) > 2*time.Second {
			t.Fatal("render not cancelled after the grace period")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !errors.Is(h.results()[0], context.Canceled) {
		t.Errorf("render returned %v", h.results()[0])
	}
}

// completePDF reports what is missing from a PDF that must be whole: the
// header, the trailer's startxref and %%EOF, and a cross-reference section
// where startxref points.
func completePDF(pdf []byte) error {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return errors.New("no %PDF- header")
	}
	tail := pdf[max(0, len(pdf)-64):]
	if !bytes.HasSuffix(bytes.TrimRight(tail, "\r\n"), []byte("%%EOF")) {
		return errors.New("does not end with %%EOF")
	}
	i := bytes.LastIndex(pdf, []byte("startxref"))
	if i < 0 {
		return errors.New("no startxref")
	}
	fields := bytes.Fields(pdf[i+len("startxref"):])
	if len(fields) < 2 {
		return errors.New("startxref without an offset")
	}
	off, err := strconv.Atoi(string(fields[0]))
	if err != nil || off <= 0 || off >= i {
		return fmt.Errorf("startxref offset %q", fields[0])
	}
	if !bytes.HasPrefix(pdf[off:], []byte("xref")) && !bytes.Contains(pdf[off:min(off+32, len(pdf))], []byte(" obj")) {
		return fmt.Errorf("startxref %d points at %q", off, truncate(string(pdf[off:min(off+16, len(pdf))])))
	}
	return nil
}

// TestGracefulShutdownUnderLoad stops a server (as SIGTERM does) with 16
// requests inside it, two rendering and fourteen queued: every one of them
// is answered with a whole PDF, connections opened after the stop are
// refused (or, in the instant before the listener closes, see /readyz
// answer 503), and Serve returns well within the grace period.
func TestGracefulShutdownUnderLoad(t *testing.T) {
	const n, slots = 16, 2
	const grace = 15 * time.Second
	s := newTestServer(t, func(c *Config) {
		c.Concurrency, c.Queue, c.QueueWait = slots, n, 30*time.Second
		c.ShutdownGrace = grace
	})
	// Renders wait for hold, then take at least 50ms more: the queue
	// drains while the server shuts down.
	hold := make(chan struct{})
	var renders atomic.Int64
	onRender(s, func(ctx context.Context, pl engine.Plan, w io.Writer, inner renderFunc) (engine.Result, error) {
		select {
		case <-hold:
		case <-ctx.Done():
			return engine.Result{}, ctx.Err()
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return engine.Result{}, ctx.Err()
		}
		renders.Add(1)
		return inner(ctx, pl, w)
	})
	base, cancel, wait := serving(t, s)
	client := testClient(t)

	type answer struct {
		id     string
		code   int
		length int64
		body   []byte
		err    error
	}
	answers := make(chan answer, n)
	for i := range n {
		id := fmt.Sprintf("drain-%d", i)
		go func() {
			resp, err := client.Post(base+"/v1/pdf", "application/json", bytes.NewReader(seed(t, "", withID(id))))
			if err != nil {
				answers <- answer{id: id, err: err}
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			answers <- answer{id, resp.StatusCode, resp.ContentLength, b, err}
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if r, w := s.limiter.load(); r == slots && w == n-slots {
			break
		}
		if time.Now().After(deadline) {
			r, w := s.limiter.load()
			t.Fatalf("only %d rendering and %d queued of %d", r, w, n)
		}
		time.Sleep(5 * time.Millisecond)
	}

	start := time.Now()
	cancel() // as SIGTERM does
	for s.ready() {
		if time.Since(start) > 5*time.Second {
			t.Fatal("still ready 5s after the stop")
		}
		time.Sleep(time.Millisecond)
	}
	// From now on a new connection is refused, or sees /readyz say 503
	// if it got in before the listener closed.
	probe := &http.Transport{Proxy: nil, DisableKeepAlives: true}
	defer probe.CloseIdleConnections()
	pc := &http.Client{Transport: probe, Timeout: 5 * time.Second}
	for refused := false; !refused; {
		resp, err := pc.Get(base + "/readyz")
		switch {
		case err != nil:
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Fatalf("new connection during shutdown: %v, want connection refused", err)
			}
			refused = true
		default:
			resp.Body.Close()
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("/readyz during shutdown: %d", resp.StatusCode)
			}
			if time.Since(start) > 5*time.Second {
				t.Fatal("listener still open 5s after the stop (no drain delay)")
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	if _, err := pc.Post(base+"/v1/pdf", "application/json", bytes.NewReader(seed(t, ""))); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("new article during shutdown: %v, want connection refused", err)
	}

	close(hold)
	for range n {
		a := <-answers
		if a.err != nil || a.code != http.StatusOK {
			t.Errorf("%s: status %d, %v: %s", a.id, a.code, a.err, truncate(string(a.body)))
			continue
		}
		if int64(len(a.body)) != a.length {
			t.Errorf("%s: %d bytes of %d", a.id, len(a.body), a.length)
		}
		if err := completePDF(a.body); err != nil {
			t.Errorf("%s: %v", a.id, err)
		}
	}
	if err := wait(); err != nil {
		t.Errorf("Serve: %v", err)
	}
	if el := time.Since(start); el >= grace {
		t.Errorf("shutdown took %v, grace %v", el, grace)
	}
	if got := renders.Load(); got != n {
		t.Errorf("%d renders, want %d", got, n)
	}
	if r, w := s.limiter.load(); r != 0 || w != 0 {
		t.Errorf("after shutdown: %d rendering, %d queued", r, w)
	}
}
