package service

// Faults of clients and of load: a client that goes away in the middle of
// a large answer, before its render starts or while it waits for a render
// slot, and a burst of twice what the render slots and the queue can take.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"printd/engine"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// bigPDFPrint makes the renders of articles whose id starts with "big-"
// write a PDF-shaped body of about n bytes (a header, comment lines and
// %%EOF) instead of a real PDF: an answer far larger than the socket
// buffers. Other articles are rendered as usual.
func bigPDFPrint(s *Server, n int) {
	onRender(s, func(ctx context.Context, pl engine.Plan, w io.Writer, inner renderFunc) (engine.Result, error) {
		if !strings.HasPrefix(pl.Article().ID, "big-") {
			return inner(ctx, pl, w)
		}
		line := "%" + strings.Repeat("x", 78) + "\n"
		bw := bufio.NewWriter(w)
		written, _ := bw.WriteString("%PDF-1.7\n")
		for written < n {
			k, _ := bw.WriteString(line)
			written += k
		}
		_, _ = bw.WriteString("%%EOF\n")
		return engine.Result{Pages: 1}, bw.Flush()
	})
}

// smallSendBuffers shrinks the kernel send buffer of every connection it
// accepts, so that the server cannot park a large answer in the kernel
// and finish before its client has read it.
type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(32 << 10)
	}
	return c, err
}

// rawPost opens a connection of its own to addr (host:port) with a small
// receive buffer and sends POST /v1/pdf with body on it.
func rawPost(t *testing.T, addr string, body []byte) *net.TCPConn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	conn := c.(*net.TCPConn)
	_ = conn.SetReadBuffer(16 << 10)
	fmt.Fprintf(conn, "POST /v1/pdf HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, len(body))
	if _, err := conn.Write(body); err != nil {
		t.Fatal(err)
	}
	return conn
}

// logLines decodes the JSON log lines written so far.
func logLines(t *testing.T, logs *syncBuffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range bytes.Split(logs.Bytes(), []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// requestLogs are the "request" lines of POST /v1/pdf, the ones the
// server writes when a handler has returned.
func requestLogs(t *testing.T, logs *syncBuffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range logLines(t, logs) {
		if m["msg"] == "request" && m["path"] == "/v1/pdf" {
			out = append(out, m)
		}
	}
	return out
}

// waitFor polls cond every few milliseconds for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestClientGoneMidResponse: clients that read the first 8 KB of an 8 MB
// PDF and hang up. The handler returns (its request line is logged, with
// fewer bytes than the PDF has), the server does not panic or log an
// error, no render slot or request stays counted, and the next request is
// served in full. The status line had been sent, so such a request is
// counted under 200; 499 is for clients gone before the answer began (see
// TestClientGoneWhileQueued).
func TestClientGoneMidResponse(t *testing.T) {
	const size = 8 << 20
	logs := &syncBuffer{}
	s := newTestServerLog(t, func(c *Config) { c.LogLevel = "info" }, logs)
	bigPDFPrint(s, size)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base, _, _ := servingOn(t, s, smallSendBuffers{ln})
	addr := ln.Addr().String()

	const hangups = 3
	for i := range hangups {
		conn := rawPost(t, addr, seed(t, "", withID(fmt.Sprintf("big-%d", i))))
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 4<<10), nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || resp.ContentLength < size {
			t.Fatalf("status %d, Content-Length %d", resp.StatusCode, resp.ContentLength)
		}
		head := make([]byte, 8<<10)
		if _, err := io.ReadFull(resp.Body, head); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(head, []byte("%PDF-")) {
			t.Fatalf("body starts %q", head[:16])
		}
		conn.Close() // unread data: the kernel resets the connection

		waitFor(t, 10*time.Second, "the handler of the abandoned answer returned", func() bool {
			return len(requestLogs(t, logs)) == i+1
		})
		line := requestLogs(t, logs)[i]
		if line["status"] != float64(http.StatusOK) {
			t.Errorf("hang-up %d logged with status %v", i, line["status"])
		}
		if b, _ := line["bytes"].(float64); b <= 0 || b >= float64(resp.ContentLength) {
			t.Errorf("hang-up %d logged %v bytes of %d: the cut is not visible", i, line["bytes"], resp.ContentLength)
		}
	}
	waitFor(t, 5*time.Second, "no request in flight", func() bool {
		// the scrape counts itself
		return metricValue(metricsText(t, s), "printd_http_requests_in_flight") == "1"
	})
	if r, w := s.limiter.load(); r != 0 || w != 0 {
		t.Errorf("%d render slots held, %d queued after the hang-ups", r, w)
	}

	// The next request gets its whole PDF.
	client := testClient(t)
	resp, err := client.Post(base+"/v1/pdf", "application/json", bytes.NewReader(seed(t, "", withID("after"))))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || int64(len(body)) != resp.ContentLength {
		t.Fatalf("next request: %d, %v, %d of %d bytes", resp.StatusCode, err, len(body), resp.ContentLength)
	}
	if err := completePDF(body); err != nil {
		t.Fatalf("next request: %v", err)
	}

	// The server counts a request after its answer has gone out.
	waitFor(t, 5*time.Second, "the next request logged", func() bool { return len(requestLogs(t, logs)) == hangups+1 })
	m := metricsText(t, s)
	if v := metricValue(m, `printd_http_requests_total{method="POST",route="/v1/pdf",status="200"}`); v != strconv.Itoa(hangups+1) {
		t.Errorf("POST /v1/pdf 200 counted %q times, want %d", v, hangups+1)
	}
	if v := metricValue(m, `printd_renders_total{outcome="ok"}`); v != strconv.Itoa(hangups+1) {
		t.Errorf("renders ok %q", v)
	}
	for _, l := range logLines(t, logs) {
		if lv := l["level"]; lv == "ERROR" || lv == "WARN" {
			t.Errorf("logged %v", l)
		}
	}
}

// TestClientGoneWhileQueued: a client that hangs up while its request waits
// for the only render slot leaves the queue at once, is logged and counted
// as 499, and never renders: when the slot comes free the next request
// gets it.
func TestClientGoneWhileQueued(t *testing.T) {
	logs := &syncBuffer{}
	s := newTestServerLog(t, func(c *Config) {
		c.Concurrency, c.Queue, c.QueueWait = 1, 4, 30*time.Second
		c.LogLevel = "info"
	}, logs)
	h := &printHook{hold: make(chan struct{}), started: make(chan struct{}, 4)}
	hookPrint(s, h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base, _, _ := servingOn(t, s, ln)
	client := testClient(t)
	type answer struct {
		code int
		body []byte
		err  error
	}
	postAsync := func(id string) <-chan answer {
		ch := make(chan answer, 1)
		go func() {
			resp, err := client.Post(base+"/v1/pdf", "application/json", bytes.NewReader(seed(t, "", withID(id))))
			if err != nil {
				ch <- answer{err: err}
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			ch <- answer{resp.StatusCode, b, err}
		}()
		return ch
	}

	first := postAsync("first")
	<-h.started // the slot is taken
	conn := rawPost(t, ln.Addr().String(), seed(t, "", withID("gone")))
	waitFor(t, 5*time.Second, "the request queued", func() bool { _, w := s.limiter.load(); return w == 1 })
	conn.Close()
	waitFor(t, 5*time.Second, "the gone client left the queue", func() bool { _, w := s.limiter.load(); return w == 0 })
	waitFor(t, 5*time.Second, "the gone client's request logged", func() bool { return len(requestLogs(t, logs)) == 1 })
	if st := requestLogs(t, logs)[0]["status"]; st != float64(statusClientClosed) {
		t.Errorf("gone client logged with status %v", st)
	}

	third := postAsync("third")
	waitFor(t, 5*time.Second, "the third request queued", func() bool { _, w := s.limiter.load(); return w == 1 })
	close(h.hold)
	for name, ch := range map[string]<-chan answer{"first": first, "third": third} {
		a := <-ch
		if a.err != nil || a.code != http.StatusOK {
			t.Fatalf("%s: %d %v", name, a.code, a.err)
		}
		if err := completePDF(a.body); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := h.calls.Load(); n != 2 {
		t.Errorf("%d renders, want 2 (the gone client's never runs)", n)
	}
	m := metricsText(t, s)
	if v := metricValue(m, `printd_http_requests_total{method="POST",route="/v1/pdf",status="499"}`); v != "1" {
		t.Errorf("499 counted %q times", v)
	}
	if v := metricValue(m, `printd_renders_total{outcome="canceled"}`); v != "0" {
		t.Errorf("canceled renders %q", v)
	}
	for _, reason := range []string{"queue_full", "queue_timeout"} {
		if v := metricValue(m, `printd_render_rejections_total{reason="`+reason+`"}`); v != "0" {
			t.Errorf("rejections{%s} = %q", reason, v)
		}
	}
}

// TestClientGoneBeforeItsRender: a request whose client went away after
// its body was read, before its render began, never takes a free slot
// and never renders.
func TestClientGoneBeforeItsRender(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Concurrency = 1 })
	h := &printHook{}
	hookPrint(s, h)
	before := goleak.IgnoreCurrent()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rec := postCtx(t, ctx, s, "", seed(t, "", withID("gone"))); rec.Code != statusClientClosed {
		t.Fatalf("status %d, want %d", rec.Code, statusClientClosed)
	}
	// The detached render goroutine has finished once no goroutine is left
	// that was not there before.
	goleak.VerifyNone(t, before)
	if n := h.calls.Load(); n != 0 {
		t.Errorf("%d renders for a client already gone", n)
	}
	if v := metricValue(metricsText(t, s), `printd_renders_total{outcome="canceled"}`); v != "0" {
		t.Errorf("canceled renders %q", v)
	}
	wantPDF(t, post(t, s, "", seed(t, "", withID("next"))))
}

// TestLimiterNeverGivesASlotToAGoneCaller: a caller whose context has
// ended gets its error, never a slot — neither a free one nor one that
// comes free as it leaves the queue.
func TestLimiterNeverGivesASlotToAGoneCaller(t *testing.T) {
	l := newLimiter(1, 1, time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if release, _, err := l.acquire(ctx); !errors.Is(err, context.Canceled) {
		if err == nil {
			release()
		}
		t.Fatalf("free slot, ended context: %v", err)
	}
	if r, w := l.load(); r != 0 || w != 0 {
		t.Fatalf("load %d/%d", r, w)
	}
	for i := range 200 {
		hold, _, err := l.acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		got := make(chan error, 1)
		go func() {
			release, _, err := l.acquire(ctx)
			if err == nil {
				release()
			}
			got <- err
		}()
		if i%2 == 0 {
			for _, w := l.load(); w == 0; _, w = l.load() {
				runtime.Gosched()
			}
		}
		cancel() // before the slot comes free: the caller has gone
		hold()
		if err := <-got; !errors.Is(err, context.Canceled) {
			t.Fatalf("round %d: a caller that had gone got %v", i, err)
		}
	}
	if r, w := l.load(); r != 0 || w != 0 {
		t.Errorf("load %d/%d", r, w)
	}
}

// TestBurstOfTwiceTheCapacity offers at once twice the requests that two
// render slots and a queue of two can take while a render lasts 2s. The
// excess is refused with 503, Retry-After and a problem document well
// before a render could finish; the accepted ones are all rendered, the
// queued ones after the running ones; renders in slots and in the queue
// never exceed their bounds; and afterwards the heap is back near where it
// was and a new request is rendered at once.
func TestBurstOfTwiceTheCapacity(t *testing.T) {
	const slots, queue = 2, 2
	const offered = 2 * (slots + queue)
	const renderTime = 2 * time.Second
	s := newTestServer(t, func(c *Config) {
		c.Concurrency, c.Queue, c.QueueWait = slots, queue, 20*time.Second
		c.CacheBytes = 1 << 20
	})
	var printing, maxPrinting atomic.Int64
	onRender(s, func(ctx context.Context, pl engine.Plan, w io.Writer, inner renderFunc) (engine.Result, error) {
		if strings.HasPrefix(pl.Article().ID, "burst-") {
			n := printing.Add(1)
			defer printing.Add(-1)
			for m := maxPrinting.Load(); n > m && !maxPrinting.CompareAndSwap(m, n); m = maxPrinting.Load() {
			}
			select {
			case <-time.After(renderTime):
			case <-ctx.Done():
				return engine.Result{}, ctx.Err()
			}
		}
		return inner(ctx, pl, w)
	})
	wantPDF(t, post(t, s, "", seed(t, "", withID("warm-up"))))
	heapBefore := heapInUse()

	// Watch the limiter for the whole burst.
	stop := make(chan struct{})
	var maxHeld, maxRunning int
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			r, w := s.limiter.load()
			maxHeld, maxRunning = max(maxHeld, r+w), max(maxRunning, r)
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()

	type answer struct {
		rec     *httptest.ResponseRecorder
		latency time.Duration
	}
	answers := make([]answer, offered)
	var wg sync.WaitGroup
	for i := range offered {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			rec := post(t, s, "", seed(t, "", withID(fmt.Sprintf("burst-%d", i))))
			answers[i] = answer{rec, time.Since(start)}
		}()
	}
	wg.Wait()
	close(stop)
	<-watched

	var ok []time.Duration
	refused := 0
	for i, a := range answers {
		switch a.rec.Code {
		case http.StatusOK:
			wantPDF(t, a.rec)
			ok = append(ok, a.latency)
		case http.StatusServiceUnavailable:
			refused++
			p := problemOf(t, a.rec, http.StatusServiceUnavailable)
			if p.Type != problemBase+"overloaded" {
				t.Errorf("request %d: problem type %q", i, p.Type)
			}
			if ra, err := strconv.Atoi(a.rec.Header().Get("Retry-After")); err != nil || ra < 1 {
				t.Errorf("request %d: Retry-After %q", i, a.rec.Header().Get("Retry-After"))
			}
			if a.latency >= renderTime/2 {
				t.Errorf("request %d refused after %v; a render takes %v", i, a.latency, renderTime)
			}
		default:
			t.Errorf("request %d: status %d: %s", i, a.rec.Code, truncate(a.rec.Body.String()))
		}
	}
	if len(ok) != slots+queue || refused != offered-slots-queue {
		t.Fatalf("%d rendered and %d refused of %d, want %d and %d", len(ok), refused, offered, slots+queue, offered-slots-queue)
	}
	// The first two ran at once, the other two waited for them.
	slices.Sort(ok)
	for i, l := range ok {
		want := renderTime
		if i >= slots {
			want = renderTime * 3 / 2
		}
		if l < want {
			t.Errorf("accepted request %d answered after %v, want at least %v", i, l, want)
		}
	}
	if maxHeld > slots+queue || maxRunning > slots || maxPrinting.Load() > slots {
		t.Errorf("held %d (bound %d), running %d and printing %d (bound %d)", maxHeld, slots+queue, maxRunning, maxPrinting.Load(), slots)
	}
	if maxHeld != slots+queue {
		t.Errorf("the watcher saw at most %d renders held, want %d", maxHeld, slots+queue)
	}
	m := metricsText(t, s)
	if v := metricValue(m, `printd_render_rejections_total{reason="queue_full"}`); v != strconv.Itoa(offered-slots-queue) {
		t.Errorf("queue_full rejections %q", v)
	}

	// Recovery: the next request is rendered at once.
	start := time.Now()
	rec := post(t, s, "", seed(t, "", withID("after")))
	wantPDF(t, rec)
	if el := time.Since(start); el >= renderTime {
		t.Errorf("the request after the burst took %v", el)
	}
	if got := rec.Header().Get("X-Printd-Cache"); got != "miss" {
		t.Errorf("X-Printd-Cache %q", got)
	}

	answers, rec = nil, nil
	heapAfter := heapInUse()
	t.Logf("heap in use: %d KiB before the burst, %d KiB after", heapBefore>>10, heapAfter>>10)
	if heapAfter > heapBefore+16<<20 {
		t.Errorf("heap in use grew from %d to %d KiB over the burst", heapBefore>>10, heapAfter>>10)
	}
	if r, w := s.limiter.load(); r != 0 || w != 0 {
		t.Errorf("after the burst: %d rendering, %d queued", r, w)
	}
}

// heapInUse is HeapInuse after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
