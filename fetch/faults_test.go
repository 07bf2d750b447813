package fetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
	"golang.org/x/net/dns/dnsmessage"
)

// faultFetcher allows plain http to the loopback test servers, with short
// timeouts and no retries.
func faultFetcher(timeout time.Duration) *Fetcher {
	return New(Config{
		AllowHTTP:      true,
		AllowHosts:     []string{"127.0.0.1"},
		ConnectTimeout: timeout,
		Timeout:        timeout,
		Retry:          Retry{Attempts: -1}, // one attempt: these tests watch it alone
	})
}

// rawServer accepts TCP connections on 127.0.0.1 and hands each to handle
// in its own goroutine. Close stops accepting, closes every connection and
// waits for the handlers.
type rawServer struct {
	ln      net.Listener
	accepts atomic.Int64
	mu      sync.Mutex
	conns   []net.Conn
	wg      sync.WaitGroup
}

func newRawServer(t *testing.T, handle func(net.Conn)) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.accepts.Add(1)
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				handle(c)
			}()
		}
	}()
	t.Cleanup(s.Close)
	return s
}

func (s *rawServer) URL() string { return "http://" + s.ln.Addr().String() }

func (s *rawServer) Close() {
	s.ln.Close()
	s.mu.Lock()
	for _, c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// readRequest reads the request head from c, so that the client has
// finished writing before the server misbehaves.
func readRequest(c net.Conn) bool {
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := http.ReadRequest(bufio.NewReader(c))
	return err == nil
}

// reset closes c with an RST instead of a FIN.
func reset(c net.Conn) {
	c.(*net.TCPConn).SetLinger(0)
	c.Close()
}

// TestFetchSilentServerTimesOut: a server that accepts and never answers is
// cut by the whole-fetch Timeout, and the fetch leaves no goroutine behind.
func TestFetchSilentServerTimesOut(t *testing.T) {
	srv := newRawServer(t, func(c net.Conn) {
		// Read whatever comes and never answer, until the client hangs up.
		buf := make([]byte, 4096)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	})
	leaks := goleak.IgnoreCurrent()
	const timeout = time.Second
	f := faultFetcher(timeout)
	src := srv.URL() + "/silent.jpg"

	start := time.Now()
	data, err := f.Fetch(context.Background(), src)
	took := time.Since(start)

	if err == nil || data != nil {
		t.Fatalf("Fetch = %d bytes, %v; want an error", len(data), err)
	}
	if !errors.Is(err, ErrFetch) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want ErrFetch wrapping DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "timed out") || !strings.Contains(err.Error(), src) {
		t.Errorf("error %q should say it timed out and name %s", err, src)
	}
	if took < timeout/2 || took > timeout+5*time.Second {
		t.Errorf("took %v with a %v timeout", took, timeout)
	}
	if srv.accepts.Load() != 1 {
		t.Errorf("server accepted %d connections, want 1", srv.accepts.Load())
	}
	f.client.CloseIdleConnections()
	srv.Close()
	goleak.VerifyNone(t, leaks)
}

// TestFetchDripFedBodyTimesOut: headers arrive at once, then the body
// trickles in a byte a second; the whole-fetch Timeout cuts it and no
// partial image is returned.
func TestFetchDripFedBodyTimesOut(t *testing.T) {
	var sent atomic.Int64
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Header().Set("Content-Length", strconv.Itoa(1<<20))
		w.WriteHeader(http.StatusOK)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if _, err := w.Write([]byte{0xFF}); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			sent.Add(1)
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
			}
		}
	})
	const timeout = 1500 * time.Millisecond
	f := faultFetcher(timeout)
	start := time.Now()
	data, err := f.Fetch(context.Background(), srv.URL+"/drip.jpg")
	took := time.Since(start)
	if err == nil || data != nil {
		t.Fatalf("Fetch = %d bytes, %v; want an error and no bytes", len(data), err)
	}
	if !errors.Is(err, ErrFetch) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("error = %v, want a timed-out ErrFetch", err)
	}
	if took < timeout/2 || took > timeout+5*time.Second {
		t.Errorf("took %v with a %v timeout", took, timeout)
	}
	if sent.Load() == 0 {
		t.Error("the server never sent a byte: the test did not exercise a slow body")
	}
}

// TestFetchConnectionReset: a reset before the response head or in the
// middle of the body is a clean ErrFetch naming the photo, never a partial
// image.
func TestFetchConnectionReset(t *testing.T) {
	tests := []struct {
		name   string
		handle func(net.Conn)
	}{
		{"before headers", func(c net.Conn) {
			if readRequest(c) {
				reset(c)
			}
		}},
		{"mid-body", func(c net.Conn) {
			if !readRequest(c) {
				return
			}
			fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n", 100_000)
			c.Write(bytes.Repeat([]byte{0xFF}, 10_000))
			time.Sleep(100 * time.Millisecond) // let the client start reading the body
			reset(c)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRawServer(t, tt.handle)
			f := faultFetcher(5 * time.Second)
			src := srv.URL() + "/reset.jpg"
			start := time.Now()
			data, err := f.Fetch(context.Background(), src)
			if err == nil || data != nil {
				t.Fatalf("Fetch = %d bytes, %v; want an error and no bytes", len(data), err)
			}
			if !errors.Is(err, ErrFetch) {
				t.Errorf("error = %v, want ErrFetch", err)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error = %v: a reset must not wait for the timeout", err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("fetch %q", src)) {
				t.Errorf("error %q does not name the photo", err)
			}
			if d := time.Since(start); d > 4*time.Second {
				t.Errorf("took %v", d)
			}
			if srv.accepts.Load() == 0 {
				t.Error("the server was never reached")
			}
		})
	}
}

// TestFetchErrorStatus: non-2xx answers are errors naming the status code
// and the photo.
func TestFetchErrorStatus(t *testing.T) {
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Content-Type", "image/jpeg")
		w.WriteHeader(code)
		w.Write([]byte("not the photo"))
	})
	f := faultFetcher(5 * time.Second)
	for _, code := range []int{http.StatusInternalServerError, http.StatusNotFound, http.StatusServiceUnavailable} {
		src := srv.URL + "/" + strconv.Itoa(code)
		data, err := f.Fetch(context.Background(), src)
		var fe *Error
		if data != nil || !errors.Is(err, ErrFetch) || !errors.As(err, &fe) || fe.Status != code || fe.Reason != ReasonStatus || fe.Src != src {
			t.Errorf("HTTP %d: Fetch = %d bytes, %v; want an *Error with the status", code, len(data), err)
			continue
		}
		msg := err.Error()
		want := fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))
		if !strings.Contains(msg, want) || !strings.Contains(msg, src) {
			t.Errorf("error %q should name %q and %s", msg, want, src)
		}
	}
}

// dnsServer answers A queries on 127.0.0.1 from a script: the n-th A query
// (from 1) gets answer(n). AAAA queries get no records.
type dnsServer struct {
	pc       net.PacketConn
	answer   func(n int) []netip.Addr
	aQueries atomic.Int64
	done     chan struct{}
}

func newDNSServer(t *testing.T, answer func(n int) []netip.Addr) *dnsServer {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &dnsServer{pc: pc, answer: answer, done: make(chan struct{})}
	go s.serve()
	t.Cleanup(func() {
		pc.Close()
		<-s.done
	})
	return s
}

func (s *dnsServer) serve() {
	defer close(s.done)
	buf := make([]byte, 1500)
	for {
		n, from, err := s.pc.ReadFrom(buf)
		if err != nil {
			return
		}
		if resp, ok := s.respond(buf[:n]); ok {
			s.pc.WriteTo(resp, from)
		}
	}
}

func (s *dnsServer) respond(query []byte) ([]byte, bool) {
	var p dnsmessage.Parser
	h, err := p.Start(query)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired, RecursionAvailable: true})
	b.EnableCompression()
	if b.StartQuestions() != nil || b.Question(q) != nil || b.StartAnswers() != nil {
		return nil, false
	}
	if q.Type == dnsmessage.TypeA {
		for _, ip := range s.answer(int(s.aQueries.Add(1))) {
			rh := dnsmessage.ResourceHeader{Name: q.Name, Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET, TTL: 0}
			if b.AResource(rh, dnsmessage.AResource{A: ip.As4()}) != nil {
				return nil, false
			}
		}
	}
	msg, err := b.Finish()
	return msg, err == nil
}

// errNotDialled stands in for a connection to a public address: the test
// never lets a connection leave the machine.
var errNotDialled = errors.New("public address not dialled in tests")

// guardWatch wraps the guarded dialer's own Control hook: it records which
// addresses the guard let through and which it refused, and lets only
// loopback connections proceed.
type guardWatch struct {
	mu      sync.Mutex
	passed  []netip.Addr
	refused []netip.Addr
}

func (g *guardWatch) wrap(t *testing.T, d *net.Dialer) {
	t.Helper()
	orig := d.Control
	if orig == nil {
		t.Fatal("the guarded dialer has no Control hook")
	}
	d.Control = func(network, address string, c syscall.RawConn) error {
		ap, perr := netip.ParseAddrPort(address)
		err := orig(network, address, c)
		g.mu.Lock()
		defer g.mu.Unlock()
		if err != nil {
			g.refused = append(g.refused, ap.Addr())
			return err
		}
		g.passed = append(g.passed, ap.Addr())
		if perr != nil || !ap.Addr().Unmap().IsLoopback() {
			return errNotDialled
		}
		return nil
	}
}

func (g *guardWatch) seen() (passed, refused []netip.Addr) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.passed), slices.Clone(g.refused)
}

// rebindFetcher is a Fetcher whose guarded dialer resolves names through
// dns and whose guard is watched. The loopback IP is on the allow list: a
// name that resolves to it must still go through the guard.
func rebindFetcher(t *testing.T, dns *dnsServer) (*Fetcher, *guardWatch) {
	t.Helper()
	f := faultFetcher(5 * time.Second)
	f.dialer.guarded.Resolver = &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "udp", dns.pc.LocalAddr().String())
		},
	}
	w := &guardWatch{}
	w.wrap(t, &f.dialer.guarded)
	return f, w
}

// TestFetchDNSRebinding: the guard judges the address actually dialled. A
// name that first resolves to a public address and afterwards to a private
// one, or that resolves to both at once, never reaches the private address.
func TestFetchDNSRebinding(t *testing.T) {
	target := newCountingServer(t, serveBytes([]byte("internal"), "image/jpeg"))
	port := strings.TrimPrefix(target.hostport(t), "127.0.0.1:")
	public := netip.MustParseAddr("93.184.216.34")
	src := "http://photos.rebind.test:" + port + "/p.jpg"

	for _, private := range []string{"127.0.0.1", "10.0.0.5", "169.254.169.254"} {
		priv := netip.MustParseAddr(private)

		t.Run("public then "+private, func(t *testing.T) {
			dns := newDNSServer(t, func(n int) []netip.Addr {
				if n == 1 {
					return []netip.Addr{public}
				}
				return []netip.Addr{priv}
			})
			f, watch := rebindFetcher(t, dns)

			// First fetch: however many lookups it makes, only the public
			// address may pass the guard.
			if _, err := f.Fetch(context.Background(), src); err == nil {
				t.Fatal("first fetch succeeded: a private address was reached")
			}
			passed, _ := watch.seen()
			for _, a := range passed {
				if a != public {
					t.Errorf("guard let %v through", a)
				}
			}
			// Later fetches see only the private address and are refused.
			for range 2 {
				_, err := f.Fetch(context.Background(), src)
				if !errors.Is(err, ErrForbiddenAddress) {
					t.Errorf("after rebinding: error = %v, want ErrForbiddenAddress", err)
				}
			}
			passed, refused := watch.seen()
			if slices.ContainsFunc(passed, func(a netip.Addr) bool { return a != public }) {
				t.Errorf("guard let through %v", passed)
			}
			if !slices.Contains(refused, priv) {
				t.Errorf("guard refused %v, want %v among them", refused, priv)
			}
			if dns.aQueries.Load() < 2 {
				t.Errorf("%d A queries: the test resolver was not used", dns.aQueries.Load())
			}
		})

		t.Run("public and "+private, func(t *testing.T) {
			dns := newDNSServer(t, func(int) []netip.Addr { return []netip.Addr{public, priv} })
			f, watch := rebindFetcher(t, dns)
			if _, err := f.Fetch(context.Background(), src); err == nil {
				t.Fatal("fetch succeeded: a private address was reached")
			}
			passed, refused := watch.seen()
			if !slices.Equal(passed, []netip.Addr{public}) {
				t.Errorf("guard let through %v, want only %v", passed, public)
			}
			if !slices.Equal(refused, []netip.Addr{priv}) {
				t.Errorf("guard refused %v, want %v", refused, priv)
			}
		})
	}
	if n := target.hits.Load(); n != 0 {
		t.Fatalf("the loopback server was reached %d times", n)
	}
}
