package photo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"net"
	"net/http"
	"net/netip"
	"runtime"
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
// timeouts.
func faultFetcher(timeout time.Duration) *Fetcher {
	return NewFetcher(Config{
		AllowHTTP:      true,
		AllowHosts:     []string{"127.0.0.1"},
		ConnectTimeout: timeout,
		Timeout:        timeout,
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
			if !strings.Contains(err.Error(), fmt.Sprintf("photo %q", src)) {
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
		var se *StatusError
		if data != nil || !errors.Is(err, ErrFetch) || !errors.As(err, &se) || se.StatusCode != code {
			t.Errorf("HTTP %d: Fetch = %d bytes, %v; want a StatusError", code, len(data), err)
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

// manyFrameGIF is a w×h GIF whose first frame is red all over (up to
// 64×64), followed by frames-1 small green frames in the middle of the
// screen. image/gif encodes the first two frames; the second frame's bytes
// are then repeated, which is much faster than encoding 10,000 frames.
func manyFrameGIF(tb testing.TB, w, h, frames int) []byte {
	tb.Helper()
	pal := color.Palette{red, color.RGBA{0, 255, 0, 255}}
	first := image.NewPaletted(image.Rect(0, 0, min(w, 64), min(h, 64)), pal) // all red (index 0)
	cx, cy := min(w, 64)/2, min(h, 64)/2
	small := image.NewPaletted(image.Rect(cx-2, cy-2, cx+2, cy+2), pal)
	for i := range small.Pix {
		small.Pix[i] = 1
	}
	encode := func(imgs ...*image.Paletted) []byte {
		var buf bytes.Buffer
		err := gif.EncodeAll(&buf, &gif.GIF{
			Image:     imgs,
			Delay:     make([]int, len(imgs)),
			LoopCount: -1, // no application extension, so one frame is a prefix of two
			Config:    image.Config{ColorModel: pal, Width: w, Height: h},
		})
		if err != nil {
			tb.Fatal(err)
		}
		return buf.Bytes()
	}
	one, two := encode(first), encode(first, small)
	head := one[:len(one)-1] // without the trailer
	if !bytes.HasPrefix(two, head) || two[len(two)-1] != 0x3B {
		tb.Fatal("unexpected GIF layout")
	}
	frame := two[len(head) : len(two)-1]
	out := make([]byte, 0, len(head)+(frames-1)*len(frame)+1)
	out = append(out, head...)
	for range frames - 1 {
		out = append(out, frame...)
	}
	return append(out, 0x3B)
}

// TestGIFManyFramesDecodesOnlyTheFirst: a 10,000-frame GIF is inspected and
// prepared from its first frame alone, quickly and within a small
// allocation budget; the same frames on a huge logical screen are refused
// by the pixel cap.
func TestGIFManyFramesDecodesOnlyTheFirst(t *testing.T) {
	const frames = 10_000
	data := manyFrameGIF(t, 64, 48, frames)
	if len(data) > 512<<10 {
		t.Fatalf("fixture is %d bytes", len(data))
	}
	// The construction is checked on a short version: every frame decodes.
	if all, err := gif.DecodeAll(bytes.NewReader(manyFrameGIF(t, 64, 48, 5))); err != nil || len(all.Image) != 5 {
		t.Fatalf("fixture: %v", err)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	info, err := Inspect(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(data, info, Target{Quality: 90})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	// Decoding every frame costs at least one allocation per frame.
	if n := after.Mallocs - before.Mallocs; n > frames/2 {
		t.Errorf("%d allocations: more than the first frame was decoded", n)
	}
	if took > 5*time.Second {
		t.Errorf("took %v", took)
	}
	if info != (Info{Width: 64, Height: 48, Format: FormatGIF, Orientation: 1}) || p.Width != 64 || p.Height != 48 {
		t.Fatalf("info %+v, prepared %d×%d", info, p.Width, p.Height)
	}
	out := decodeJPEG(t, p.Data)
	if b := out.Bounds(); b.Dx() != 64 || b.Dy() != 48 {
		t.Fatalf("JPEG is %v", b)
	}
	for _, pt := range []image.Point{{32, 24}, {4, 4}, {60, 44}} {
		if !near(out.At(pt.X, pt.Y), red, 30) {
			t.Errorf("%v = %v, want the first frame's red", pt, out.At(pt.X, pt.Y))
		}
	}

	huge := manyFrameGIF(t, 65535, 65535, frames)
	start = time.Now()
	if _, err := Inspect(huge, 0); !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("65535×65535 screen: error = %v, want ErrTooManyPixels", err)
	}
	if _, err := Inspect(manyFrameGIF(t, 2000, 2000, 2), 1_000_000); !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("2000×2000 screen over a 1 M pixel cap: error = %v, want ErrTooManyPixels", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusal took %v", d)
	}
}
