package service

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"printd/engine"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testConfig is the defaults with small limits and quiet logs.
func testConfig() Config {
	c := DefaultConfig()
	c.Addr = "127.0.0.1:0"
	c.Concurrency = 2
	c.Queue = 8
	c.LogLevel = "error"
	// a full-resolution render under the race detector on a busy machine
	// takes seconds; tests of the deadline set their own
	c.RenderTimeout = time.Minute
	return c
}

// newTestServer makes a server from testConfig changed by edit (may be
// nil), logging to io.Discard.
func newTestServer(t *testing.T, edit func(*Config)) *Server {
	t.Helper()
	return newTestServerLog(t, edit, io.Discard)
}

func newTestServerLog(t *testing.T, edit func(*Config), logw io.Writer) *Server {
	t.Helper()
	c := testConfig()
	if edit != nil {
		edit(&c)
	}
	s, err := New(c, logw)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// printHook wraps a server's render to count and optionally hold renders.
type printHook struct {
	calls   atomic.Int64
	started chan struct{} // one send per render that begins, if not nil
	hold    chan struct{} // renders wait for it to close (or their ctx), if not nil

	mu   sync.Mutex
	errs []error // what each render returned
}

func hookPrint(s *Server, h *printHook) {
	onRender(s, func(ctx context.Context, pl engine.Plan, w io.Writer, inner renderFunc) (engine.Result, error) {
		h.calls.Add(1)
		if h.started != nil {
			h.started <- struct{}{}
		}
		if h.hold != nil {
			select {
			case <-h.hold:
			case <-ctx.Done():
				h.record(ctx.Err())
				return engine.Result{}, ctx.Err()
			}
		}
		res, err := inner(ctx, pl, w)
		h.record(err)
		return res, err
	})
}

func (h *printHook) record(err error) {
	h.mu.Lock()
	h.errs = append(h.errs, err)
	h.mu.Unlock()
}

func (h *printHook) results() []error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]error(nil), h.errs...)
}

// fixture reads a file of the repository's testdata.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// articleJSON is a fixture with edits applied to its decoded form; the
// fixtures' photo paths are files, which the service refuses, so callers
// set photo.src or drop it.
func articleJSON(t *testing.T, name string, edit func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(fixture(t, name), &m); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(m)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// setPhoto points the lead photo at src, or removes it when src is "".
func setPhoto(src string) func(map[string]any) {
	return func(m map[string]any) {
		if src == "" {
			delete(m, "photo")
			return
		}
		p, _ := m["photo"].(map[string]any)
		if p == nil {
			p = map[string]any{}
			m["photo"] = p
		}
		p["src"] = src
	}
}

// seed is the seed article with its photo as src ("" drops it) and more
// edits.
func seed(t *testing.T, src string, edits ...func(map[string]any)) []byte {
	t.Helper()
	return articleJSON(t, "seed-article.json", func(m map[string]any) {
		setPhoto(src)(m)
		for _, e := range edits {
			e(m)
		}
	})
}

func withID(id string) func(map[string]any) {
	return func(m map[string]any) { m["id"] = id }
}

// testJPEG is a small JPEG (w×h) with a gradient.
func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func dataURI(mime string, data []byte) string {
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// bombPNG is a PNG whose header declares w×h pixels and whose data is a
// few bytes: decoding it would fail, reading its header does not.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// photoServer serves a JPEG on 127.0.0.1 and counts requests. With hold
// set, requests wait for it to close (or for the client to go) before
// answering.
type photoServer struct {
	*httptest.Server
	hits atomic.Int64
}

func newPhotoServer(t *testing.T, img []byte, hold chan struct{}) *photoServer {
	t.Helper()
	ps := &photoServer{}
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps.hits.Add(1)
		if hold != nil {
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(img)
	}))
	t.Cleanup(ps.Close)
	return ps
}

// host is "127.0.0.1:port".
func (ps *photoServer) host(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(ps.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// post sends an article to POST /v1/pdf through the handler.
func post(t *testing.T, s *Server, query string, body []byte, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	return postCtx(t, context.Background(), s, query, body, hdr...)
}

func postCtx(t *testing.T, ctx context.Context, s *Server, query string, body []byte, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	target := "/v1/pdf"
	if query != "" {
		target += "?" + query
	}
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// get sends a GET through the handler.
func get(t *testing.T, s *Server, target string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// problemOf decodes a problem response, failing unless it is one with the
// wanted status.
func problemOf(t *testing.T, rec *httptest.ResponseRecorder, status int) Problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, truncate(rec.Body.String()))
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem body: %v: %s", err, rec.Body.String())
	}
	if p.Status != status || p.Title == "" || p.Type == "" {
		t.Fatalf("problem %+v does not match status %d", p, status)
	}
	return p
}

// wantPDF fails unless rec is a complete PDF response.
func wantPDF(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200; body %s", rec.Code, truncate(rec.Body.String()))
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("Content-Type %q", ct)
	}
	body := rec.Body.Bytes()
	if !bytes.HasPrefix(body, []byte("%PDF-")) || !bytes.Contains(body[max(0, len(body)-64):], []byte("%%EOF")) {
		t.Fatalf("not a complete PDF (%d bytes)", len(body))
	}
}

func paths(p Problem) []string {
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Path)
	}
	return out
}

func hasPath(p Problem, path string) bool {
	for _, e := range p.Errors {
		if e.Path == path {
			return true
		}
	}
	return false
}

func truncate(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// metricsText scrapes the server's /metrics.
func metricsText(t *testing.T, s *Server) string {
	t.Helper()
	rec := get(t, s, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	return rec.Body.String()
}

// metricLine finds the sample line of a series ("name{labels}") in a
// scrape and returns its value text, or "".
func metricValue(scrape, series string) string {
	for _, line := range strings.Split(scrape, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			return v
		}
	}
	return ""
}

// renderFunc renders a plan (the server's own printer, for onRender).
type renderFunc func(ctx context.Context, pl engine.Plan, w io.Writer) (engine.Result, error)

// hookedPrinter is the server's printer with its renders replaced.
type hookedPrinter struct {
	printer
	fn func(ctx context.Context, pl engine.Plan, w io.Writer, inner renderFunc) (engine.Result, error)
}

func (p *hookedPrinter) Render(ctx context.Context, pl engine.Plan, w io.Writer) (engine.Result, error) {
	return p.fn(ctx, pl, w, p.printer.Render)
}

// onRender replaces the server's renders with fn, which may call inner,
// the render it replaced.
func onRender(s *Server, fn func(ctx context.Context, pl engine.Plan, w io.Writer, inner renderFunc) (engine.Result, error)) {
	s.printer = &hookedPrinter{printer: s.printer, fn: fn}
}
