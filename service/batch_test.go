package service

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"printd/article"
	"printd/engine"
)

// fastPrinter is the server's printer with planning and rendering replaced
// by a few lines of PDF naming the article, so that a test can send a thousand
// articles through the HTTP path in little time.
type fastPrinter struct{ printer }

func (fastPrinter) Plan(art *article.Article, _ article.Over) (engine.Plan, error) {
	return engine.Plan{Preset: art.ID}, nil // the ID, for Render
}

func (fastPrinter) Render(_ context.Context, pl engine.Plan, w io.Writer) (engine.Result, error) {
	// 5 KiB, more than the server buffers: its first PDF sends the head
	_, err := fmt.Fprintf(w, "%%PDF-1.4 %s\n%%%s\n%%%%EOF\n", pl.Preset, strings.Repeat("x", 5<<10))
	return engine.Result{Pages: 1}, err
}

// batchBody is n seed articles (4.5 KiB each, photo dropped) as NDJSON,
// with ids b-1 … b-n.
func batchBody(t *testing.T, n int) []byte {
	t.Helper()
	one := seed(t, "", withID("b-0"))
	var in bytes.Buffer
	for i := 1; i <= n; i++ {
		in.Write(bytes.Replace(one, []byte(`"b-0"`), []byte(fmt.Sprintf(`"b-%d"`, i)), 1))
		in.WriteByte('\n')
	}
	return in.Bytes()
}

// batchAnswer is a batch ZIP read back: its PDFs by name, its manifest rows
// and its trailer.
type batchAnswer struct {
	pdfs    map[string][]byte
	rows    []map[string]any
	trailer map[string]any
}

func readBatchZip(t *testing.T, body []byte) batchAnswer {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a whole zip (%d bytes): %v", len(body), err)
	}
	a := batchAnswer{pdfs: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name != "manifest.ndjson" {
			a.pdfs[f.Name] = data
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			var row map[string]any
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatalf("manifest row %q: %v", sc.Text(), err)
			}
			if row["trailer"] == true {
				if a.trailer != nil {
					t.Fatalf("two trailers")
				}
				a.trailer = row
				continue
			}
			if a.trailer != nil {
				t.Fatalf("a row after the trailer: %v", row)
			}
			a.rows = append(a.rows, row)
		}
	}
	return a
}

// wantWhole fails unless the answer has n PDFs named b-1.pdf … b-n.pdf, n
// ok rows and a trailer saying the batch is complete with n records.
func (a batchAnswer) wantWhole(t *testing.T, n int) {
	t.Helper()
	if len(a.pdfs) != n || len(a.rows) != n {
		t.Fatalf("%d PDFs and %d manifest rows for %d articles", len(a.pdfs), len(a.rows), n)
	}
	for i := 1; i <= n; i++ {
		if !bytes.HasPrefix(a.pdfs[fmt.Sprintf("b-%d.pdf", i)], []byte("%PDF-")) {
			t.Fatalf("no PDF for article %d", i)
		}
		if r := a.rows[i-1]; r["status"] != "ok" || r["line"] != float64(i) {
			t.Fatalf("row %d: %v", i, r)
		}
	}
	tr := a.trailer
	if tr == nil {
		t.Fatal("no trailer row")
	}
	if tr["complete"] != true || tr["records"] != float64(n) || tr["ok"] != float64(n) || tr["failed"] != float64(0) {
		t.Fatalf("trailer %v, want complete with %d records, all ok", tr, n)
	}
}

// TestBatchWholeOverTCP: POST /v1/batch over a real connection answers
// every article of bodies of every size, the sizes where the server used to
// drop the unread rest of the body (64–320 KiB: 16 to 70 seed articles)
// among them.
func TestBatchWholeOverTCP(t *testing.T) {
	s := newTestServer(t, nil)
	s.printer = fastPrinter{s.printer}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, n := range []int{1, 15, 16, 50, 70, 100, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			resp, err := http.Post(ts.URL+"/v1/batch", "application/x-ndjson", bytes.NewReader(batchBody(t, n)))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatalf("reading the answer: %v", err)
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, truncate(string(body)))
			}
			readBatchZip(t, body).wantWhole(t, n)
		})
	}
}

// postBatchTCP posts body to /v1/batch?query on ts with Go's client and
// returns the status and the answer.
func postBatchTCP(t *testing.T, ts *httptest.Server, query string, body io.Reader) (int, []byte) {
	t.Helper()
	resp, err := http.Post(ts.URL+"/v1/batch"+query, "application/x-ndjson", body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	return resp.StatusCode, data
}

// TestBatchWholeRealEngine: 50 seed articles (225 KiB, where the server
// used to drop the rest of the body) through the real engine: 50 PDFs,
// each a whole PDF of one page or more.
func TestBatchWholeRealEngine(t *testing.T) {
	s := newTestServer(t, nil)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	status, body := postBatchTCP(t, ts, "", bytes.NewReader(batchBody(t, 50)))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, truncate(string(body)))
	}
	a := readBatchZip(t, body)
	a.wantWhole(t, 50)
	for name, pdf := range a.pdfs {
		if !bytes.Contains(pdf[max(0, len(pdf)-64):], []byte("%%EOF")) {
			t.Errorf("%s: not a whole PDF", name)
		}
	}
	if a.trailer["pages"].(float64) < 50 || a.trailer["input_bytes"] != float64(len(batchBody(t, 50))) {
		t.Errorf("trailer %v", a.trailer)
	}
}

// trickle hands out its data a few bytes at a time, pausing between
// reads, as a slow client sends.
type trickle struct {
	data  []byte
	chunk int
	pause time.Duration
}

func (r *trickle) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	time.Sleep(r.pause)
	n := copy(p[:min(len(p), r.chunk)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestBatchSlowClient: a body that trickles in (chunked, no length) is
// answered whole, both when it fits the read-ahead and when it is longer
// and streams in full duplex.
func TestBatchSlowClient(t *testing.T) {
	for _, tc := range []struct {
		name    string
		maxBody int64
	}{{"read ahead", DefaultMaxBody}, {"full duplex", 16 << 10}} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, func(c *Config) { c.MaxBody = tc.maxBody })
			s.printer = fastPrinter{s.printer}
			ts := httptest.NewServer(s.Handler())
			t.Cleanup(ts.Close)
			const n = 40
			status, body := postBatchTCP(t, ts, "", &trickle{data: batchBody(t, n), chunk: 3000, pause: time.Millisecond})
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, truncate(string(body)))
			}
			readBatchZip(t, body).wantWhole(t, n)
		})
	}
}

// sendAllThenRead sends a POST /v1/batch over its own connection, the
// whole body before it reads a byte of the answer, as some clients do.
func sendAllThenRead(t *testing.T, ts *httptest.Server, body []byte) (int, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n", len(body))
	if _, err := conn.Write(body); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	return resp.StatusCode, data
}

// TestBatchSendAllThenRead: a client that sends its whole body before it
// reads a byte of the answer gets every article.
func TestBatchSendAllThenRead(t *testing.T) {
	s := newTestServer(t, nil)
	s.printer = fastPrinter{s.printer}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, n := range []int{16, 70} {
		status, body := sendAllThenRead(t, ts, batchBody(t, n))
		if status != http.StatusOK {
			t.Fatalf("%d articles: status %d: %s", n, status, truncate(string(body)))
		}
		readBatchZip(t, body).wantWhole(t, n)
	}
}

// TestBatchBodyOverLimit: a body without a length that grows past
// batch-max-body while the answer streams ends the batch with a trailer
// that says it is not complete, and why, after a row for every record
// read.
func TestBatchBodyOverLimit(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody, c.BatchMaxBody = 16<<10, 100<<10 })
	s.printer = fastPrinter{s.printer}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	in := batchBody(t, 50)
	status, body := postBatchTCP(t, ts, "", &trickle{data: in, chunk: 8 << 10})
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, truncate(string(body)))
	}
	a := readBatchZip(t, body)
	tr := a.trailer
	if tr == nil || tr["complete"] != false || tr["records"] != float64(len(a.rows)) || tr["input_bytes"] != float64(100<<10) {
		t.Fatalf("trailer %v after %d rows", tr, len(a.rows))
	}
	if msg, _ := tr["error"].(string); !strings.Contains(msg, "too large") {
		t.Errorf("trailer error %q", msg)
	}
	if whole := bytes.Count(in[:100<<10], []byte("\n")); len(a.rows) != whole {
		t.Errorf("%d rows for the %d whole lines read", len(a.rows), whole)
	}
}

// failingReader gives its data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestBatchBodyReadErrorIsAProblem: a body that fails within the
// read-ahead is a 400 problem, before any byte of a ZIP.
func TestBatchBodyReadErrorIsAProblem(t *testing.T) {
	s := newTestServer(t, nil)
	s.printer = fastPrinter{s.printer}
	in := batchBody(t, 20)
	req := httptest.NewRequest(http.MethodPost, "/v1/batch", &failingReader{data: in[:len(in)/2], err: io.ErrUnexpectedEOF})
	req.Header.Set("Content-Type", "application/x-ndjson")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	p := problemOf(t, rec, http.StatusBadRequest)
	if !strings.Contains(p.Detail, "unexpected EOF") {
		t.Errorf("detail %q", p.Detail)
	}
}

// TestBatchMergedPDFReadsJSONArray: format=pdf reads a JSON array as the
// ZIP batch does (it was 422), names a bad element by its number, and a
// broken array is a problem, never a shorter PDF.
func TestBatchMergedPDFReadsJSONArray(t *testing.T) {
	s := newTestServer(t, nil)
	one := post(t, s, "", seed(t, "", withID("m-1")))
	pages, _ := strconv.Atoi(one.Header().Get("X-Printd-Pages"))
	arr := "[" + string(seed(t, "", withID("m-1"))) + ",\n{\"body\": []},\n" + string(seed(t, "", withID("m-2"))) + "]"
	for _, ct := range []string{"application/json", "application/x-ndjson"} {
		rec := postTo(t, s, "/v1/batch?format=pdf", ct, []byte(arr))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
			t.Fatalf("%s: status %d: %s", ct, rec.Code, truncate(rec.Body.String()))
		}
		if got := rec.Header().Get("X-Printd-Pages"); got != strconv.Itoa(2*pages) {
			t.Errorf("%s: %s pages, want %d", ct, got, 2*pages)
		}
		if f := rec.Header().Get("X-Printd-Failed"); !strings.HasPrefix(f, "element 2: ") {
			t.Errorf("%s: X-Printd-Failed %q", ct, f)
		}
	}
	broken := "[" + string(seed(t, "", withID("m-1"))) + ", {\"id\": }, " + string(seed(t, "", withID("m-2"))) + "]"
	p := problemOf(t, postTo(t, s, "/v1/batch?format=pdf", "application/json", []byte(broken)), http.StatusBadRequest)
	if !strings.Contains(p.Detail, "element 2") {
		t.Errorf("broken array: %q", p.Detail)
	}
}

// TestBatchMergedPDFOverTCP: format=pdf over a real connection with 16
// articles (where the ZIP batch lost articles) has every one of them.
func TestBatchMergedPDFOverTCP(t *testing.T) {
	s := newTestServer(t, nil)
	one := post(t, s, "", seed(t, "", withID("b-1")))
	pages, _ := strconv.Atoi(one.Header().Get("X-Printd-Pages"))
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	resp, err := http.Post(ts.URL+"/v1/batch?format=pdf", "application/x-ndjson", bytes.NewReader(batchBody(t, 16)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, %v: %s", resp.StatusCode, err, truncate(string(body)))
	}
	if got := resp.Header.Get("X-Printd-Pages"); got != strconv.Itoa(16*pages) || resp.Header.Get("X-Printd-Failed") != "" {
		t.Errorf("%s pages (want %d), failed %q", got, 16*pages, resp.Header.Get("X-Printd-Failed"))
	}
}

// TestBatchInputHashHasQueryOptions: a ZIP batch row's input hash covers
// every query option that changes the PDF (it covered the preset only, so
// a manifest said two different PDFs were made from the same input), and
// the same options, spelt otherwise, give the same hash.
func TestBatchInputHashHasQueryOptions(t *testing.T) {
	s := newTestServer(t, nil)
	body := batchBody(t, 1)
	hash := func(query string) string {
		t.Helper()
		rec := postTo(t, s, "/v1/batch?"+query, "application/x-ndjson", body)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", query, rec.Code, truncate(rec.Body.String()))
		}
		a := readBatchZip(t, rec.Body.Bytes())
		if len(a.rows) != 1 || a.rows[0]["status"] != "ok" {
			t.Fatalf("%s: rows %v", query, a.rows)
		}
		h, _ := a.rows[0]["input_sha256"].(string)
		if h == "" {
			t.Fatalf("%s: no input hash in %v", query, a.rows[0])
		}
		return h
	}
	base := hash("paper=A4&columns=2")
	if same := hash("columns=2&paper=a4&format=zip"); same != base {
		t.Errorf("the same options give another input hash")
	}
	for _, q := range []string{"paper=Letter&columns=2", "paper=A4&columns=3", "paper=A4&columns=2&grayscale=true",
		"paper=A4&columns=2&pages=1", "paper=A4&columns=2&fit=off",
		"paper=A4&columns=2&preset=proof", "paper=A4&columns=2&strict=false", "paper=A4&columns=2&allow-missing-photos=true",
		"paper=A4&columns=2&input=printd"} {
		if hash(q) == base {
			t.Errorf("%s: the same input hash as paper=A4&columns=2", q)
		}
	}
	if hash("preset=proof&bleed=3") == hash("preset=proof") {
		t.Errorf("bleed=3: the same input hash as without")
	}
}

// TestBatchLostPhotosCounted: a photo left out of an article of a ZIP
// batch or of a merged PDF is counted in printd_photo_failures_total as
// one left out of a single PDF is (they were not counted at all), the ZIP's
// manifest row names the photo and its trailer counts it, and the merged
// PDF's warnings name the article by its line (they said "article 1" for
// the second line when the first could not be read).
func TestBatchLostPhotosCounted(t *testing.T) {
	s := newTestServer(t, nil)
	bomb := dataURI("image/png", bombPNG(30000, 30000))
	failures := func() string { return metricValue(metricsText(t, s), "printd_photo_failures_total") }
	wantPDF(t, post(t, s, "preset=web", seed(t, bomb)))
	if v := failures(); v != "1" {
		t.Fatalf("a single PDF: photo failures %q, want 1", v)
	}
	body := []byte(`{"id": ` + "\n" + string(seed(t, bomb, withID("lost-1"))) + "\n")

	rec := postTo(t, s, "/v1/batch?preset=web", "application/x-ndjson", body)
	if rec.Code != http.StatusOK {
		t.Fatalf("zip: status %d: %s", rec.Code, truncate(rec.Body.String()))
	}
	a := readBatchZip(t, rec.Body.Bytes())
	if len(a.rows) != 2 || a.rows[1]["status"] != "ok" {
		t.Fatalf("rows %v", a.rows)
	}
	lost, _ := a.rows[1]["lost_photos"].([]any)
	if len(lost) != 1 {
		t.Fatalf("row 2 names %d lost photos: %v", len(lost), a.rows[1])
	}
	lp := lost[0].(map[string]any)
	if lp["path"] != "photo.src" || !strings.HasPrefix(lp["src"].(string), "data:image/png") || lp["reason"] != "too many pixels" {
		t.Errorf("lost photo %v", lp)
	}
	if a.trailer["lost_photos"] != float64(1) {
		t.Errorf("trailer %v, want lost_photos 1", a.trailer)
	}
	if v := failures(); v != "2" {
		t.Errorf("after the zip batch: photo failures %q, want 2", v)
	}

	rec = postTo(t, s, "/v1/batch?format=pdf&preset=web", "application/x-ndjson", body)
	if rec.Code != http.StatusOK {
		t.Fatalf("merged: status %d: %s", rec.Code, truncate(rec.Body.String()))
	}
	if w := rec.Header().Get("X-Printd-Warnings"); !strings.Contains(w, "line 2: photo.src: image") || strings.Contains(w, "article 1") {
		t.Errorf("merged warnings %q, want the photo named under line 2", w)
	}
	if p := rec.Header().Get("X-Printd-Partial"); p != "line 2 photo.src (too many pixels)" {
		t.Errorf("merged X-Printd-Partial %q", p)
	}
	if v := failures(); v != "3" {
		t.Errorf("after the merged PDF: photo failures %q, want 3", v)
	}
	// and each is a render in the metrics: the single PDF, the ZIP's
	// article, the merged PDF (they counted the first only)
	m := metricsText(t, s)
	if v := metricValue(m, `printd_renders_total{outcome="ok"}`); v != "3" {
		t.Errorf("renders ok %q, want 3", v)
	}
	if v := metricValue(m, `printd_pdf_pages_count`); v != "3" {
		t.Errorf("pages observed %q times, want 3", v)
	}
}
