package service

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
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
