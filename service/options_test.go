package service

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"printd/article"
	"printd/engine"
)

// countingPrinter counts the plans of the server's printer.
type countingPrinter struct {
	printer
	plans atomic.Int64
}

func (p *countingPrinter) Plan(art *article.Article, over article.Over) (engine.Plan, error) {
	p.plans.Add(1)
	return p.printer.Plan(art, over)
}

// One request is planned once, whether it is rendered or checked.
func TestPlannedOncePerRequest(t *testing.T) {
	s := newTestServer(t, nil)
	cp := &countingPrinter{printer: s.printer}
	s.printer = cp
	wantPDF(t, post(t, s, "columns=3", seed(t, "")))
	if n := cp.plans.Load(); n != 1 {
		t.Errorf("PDF request planned %d times", n)
	}
	cp.plans.Store(0)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/v1/preflight", bytes.NewReader(seed(t, "")))
	req.Header.Set("Content-Type", "application/json")
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || cp.plans.Load() != 1 {
		t.Errorf("preflight: %d, planned %d times", rec.Code, cp.plans.Load())
	}
}

// A CMS-shaped body with a bad query option hears of the query's problem
// only: the body is converted first and has none.
func TestCMSBodyWithBadQueryReportsOnlyTheQuery(t *testing.T) {
	s := newTestServer(t, nil)
	for _, fx := range []string{"wordpress-plain.json", "ans-story.json", "jsonld-article.json"} {
		body, err := os.ReadFile(filepath.Join("..", "adapt", "testdata", fx))
		if err != nil {
			t.Fatal(err)
		}
		p := problemOf(t, post(t, s, "preset=nope", body), http.StatusUnprocessableEntity)
		if got := paths(p); len(got) != 1 || got[0] != "query.preset" {
			t.Errorf("%s: paths %q, want only query.preset", fx, got)
		}
	}
}

// A failing body image is reported at its own path even when the lead
// photo is also a PNG data: URI (their short forms are the same).
func TestBodyImagePathWithTwoPNGDataURIs(t *testing.T) {
	s := newTestServer(t, nil)
	lead := dataURI("image/png", pngBytes(t, 600, 400))
	body := seed(t, lead, func(m map[string]any) {
		blocks := m["body"].([]any)
		m["body"] = append(blocks[:2:2], map[string]any{"type": "image", "src": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==", "caption": "c"})
	})
	p := problemOf(t, post(t, s, "strict=true", body), http.StatusUnprocessableEntity)
	if got := paths(p); len(got) != 1 || got[0] != "body[2].src" {
		t.Errorf("paths %q, want body[2].src", got)
	}
}

// A3 and Legal are papers of the one table, over the query as everywhere.
func TestQueryAcceptsEveryPaper(t *testing.T) {
	s := newTestServer(t, nil)
	for _, paper := range []string{"A3", "legal", "A4", "Letter", "Tabloid", "Berliner", "200x300mm"} {
		wantPDF(t, post(t, s, "paper="+paper, seed(t, "")))
	}
	p := problemOf(t, post(t, s, "paper=A0&columns=0&pages=50000&bleed=-1", seed(t, "")), http.StatusUnprocessableEntity)
	want := map[string]string{
		"query.paper":   "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm",
		"query.columns": "must be 1–4",
		"query.pages":   "must be between 0 and 1000",
		"query.bleed":   "must be between 0 and 25 mm",
	}
	for _, e := range p.Errors {
		if want[e.Path] != e.Message {
			t.Errorf("%s: %q, want %q", e.Path, e.Message, want[e.Path])
		}
		delete(want, e.Path)
	}
	if len(want) > 0 {
		t.Errorf("missing problems %v", want)
	}
}

// Overset text under pages=N is a warning in X-Printd-Warnings, and a 422
// under strict=true and in the proof preset.
func TestOversetOverHTTP(t *testing.T) {
	s := newTestServer(t, nil)
	rec := post(t, s, "pages=1&paper=148x210mm", seed(t, ""))
	wantPDF(t, rec)
	if w := rec.Header().Get("X-Printd-Warnings"); !strings.Contains(w, "overset") {
		t.Errorf("warnings %q", w)
	}
	for _, q := range []string{"pages=1&paper=148x210mm&strict=true", "pages=1&preset=proof&paper=148x210mm"} {
		p := problemOf(t, post(t, s, q, seed(t, "")), http.StatusUnprocessableEntity)
		if !strings.HasSuffix(p.Type, "overset") {
			t.Errorf("%s: %+v", q, p)
		}
	}
}

// HEAD answers like GET without a body.
func TestHeadAnswersLikeGet(t *testing.T) {
	s := newTestServer(t, nil)
	for _, target := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json"} {
		get := httptest.NewRecorder()
		s.Handler().ServeHTTP(get, httptest.NewRequest(http.MethodGet, target, nil))
		head := httptest.NewRecorder()
		s.Handler().ServeHTTP(head, httptest.NewRequest(http.MethodHead, target, nil))
		if head.Code != get.Code || head.Body.Len() != 0 || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s: %d (%d body bytes, %q), GET %d", target, head.Code, head.Body.Len(), head.Header().Get("Content-Type"), get.Code)
		}
	}
}

// An HTTP batch's articles that name no preset get the batch default,
// archive, as on the command line.
func TestHTTPBatchDefaultPresetIsArchive(t *testing.T) {
	s := newTestServer(t, nil)
	var line bytes.Buffer
	if err := json.Compact(&line, seed(t, "")); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/v1/batch", bytes.NewReader(append(line.Bytes(), '\n')))
	req.Header.Set("Content-Type", "application/x-ndjson")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req.WithContext(context.Background()))
	if rec.Code != http.StatusOK {
		t.Fatalf("batch: %d %s", rec.Code, rec.Body.String())
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".pdf") {
			continue
		}
		rc, _ := f.Open()
		pdf, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Contains(pdf, []byte("pdfaid:part")) {
			t.Errorf("%s is not the archive preset's PDF/A", f.Name)
		}
		return
	}
	t.Fatal("no PDF in the batch")
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
