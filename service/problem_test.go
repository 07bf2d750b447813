package service

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"printd/engine"
)

func TestMalformedJSONIs400WithPosition(t *testing.T) {
	s := newTestServer(t, nil)
	for _, tc := range []struct {
		name      string
		body      string
		line, col int
	}{
		{"missing value", "{\n  \"headline\": \"x\",\n  \"body\": ]\n}", 3, 11},
		{"trailing comma", "{\"headline\": \"x\",}", 1, 18},
		{"empty", "", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := problemOf(t, post(t, s, "", []byte(tc.body)), http.StatusBadRequest)
			if p.Type != problemBase+"malformed-json" {
				t.Errorf("type %q", p.Type)
			}
			if p.Line != tc.line || p.Column != tc.col {
				t.Errorf("at %d:%d, want %d:%d (%s)", p.Line, p.Column, tc.line, tc.col, p.Detail)
			}
			if p.RequestID == "" || p.Instance != "/v1/pdf" {
				t.Errorf("request_id %q instance %q", p.RequestID, p.Instance)
			}
		})
	}
}

func TestBodyLimitIs413(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody = 2 << 10 })
	h := &printHook{}
	hookPrint(s, h)
	big := seed(t, "")
	if len(big) <= 2<<10 {
		t.Fatalf("fixture only %d bytes", len(big))
	}
	t.Run("content-length", func(t *testing.T) {
		p := problemOf(t, post(t, s, "", big), http.StatusRequestEntityTooLarge)
		if !strings.Contains(p.Detail, "2048") {
			t.Errorf("detail %q does not name the limit", p.Detail)
		}
	})
	t.Run("chunked", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/v1/pdf", io.MultiReader(bytes.NewReader(big)))
		req.ContentLength = -1 // unknown length: the limit is found while reading
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		problemOf(t, rec, http.StatusRequestEntityTooLarge)
	})
	t.Run("just under", func(t *testing.T) {
		small := []byte(`{"headline":"h","body":[{"type":"paragraph","html":"` + strings.Repeat("a ", 950) + `"}]}`)
		wantPDF(t, post(t, s, "", small))
	})
	if h.calls.Load() != 1 {
		t.Errorf("%d renders, want 1", h.calls.Load())
	}
}

func TestReadLimitedNeverHoldsMoreThanLimit(t *testing.T) {
	for _, tc := range []struct {
		size, hint, limit int64
		ok                bool
	}{
		{100, 100, 100, true},
		{100, -1, 100, true},
		{101, -1, 100, false},
		{1 << 20, -1, 10_000, false},
		{1 << 20, 5, 10_000, false}, // a lying Content-Length
		{0, 0, 10, true},
	} {
		r := &countingReader{r: io.LimitReader(zeros{}, tc.size)}
		data, err := readLimited(r, tc.hint, tc.limit)
		if tc.ok != (err == nil) {
			t.Errorf("%+v: err %v", tc, err)
		}
		if tc.ok && int64(len(data)) != tc.size {
			t.Errorf("%+v: read %d bytes", tc, len(data))
		}
		if r.n > tc.limit+1 {
			t.Errorf("%+v: consumed %d bytes past a %d-byte limit", tc, r.n, tc.limit)
		}
		if int64(cap(data)) > tc.limit+1 {
			t.Errorf("%+v: buffer of %d bytes", tc, cap(data))
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestContentTypeIs415(t *testing.T) {
	s := newTestServer(t, nil)
	body := seed(t, "")
	for _, tc := range []struct {
		ct   string
		want int
	}{
		{"", http.StatusUnsupportedMediaType},
		{"text/plain", http.StatusUnsupportedMediaType},
		{"application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"application/json; charset=latin1", http.StatusUnsupportedMediaType},
		{"application/json;;", http.StatusUnsupportedMediaType},
		{"application/json; charset=UTF-8", http.StatusOK},
		{"Application/JSON", http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodPost, "/v1/pdf", bytes.NewReader(body))
		if tc.ct != "" {
			req.Header.Set("Content-Type", tc.ct)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if tc.want == http.StatusOK {
			wantPDF(t, rec)
			continue
		}
		problemOf(t, rec, tc.want)
	}
}

func TestValidationIs422WithPaths(t *testing.T) {
	s := newTestServer(t, nil)
	h := &printHook{}
	hookPrint(s, h)
	for _, tc := range []struct {
		name, query, body string
		typ               string
		paths             []string
	}{
		{"article", "", `{"body":[{"type":"heading","level":7,"text":"x"}]}`, "invalid-article",
			[]string{"headline", "body[0].level"}},
		{"article and query", "columns=9", `{"body":[]}`, "invalid-article",
			[]string{"query.columns", "headline", "body"}},
		{"query", "columns=abc&grayscale=maybe&paper=B7&preset=print&bleed=x&pages=-1&strict=2", "", "invalid-article",
			[]string{"query.preset", "query.paper", "query.columns", "query.grayscale", "query.bleed", "query.strict", "query.pages"}},
		{"repeated", "columns=1&columns=2", "", "invalid-article", []string{"query.columns"}},
		{"bleed range", "bleed=99&preset=proof", "", "invalid-article", []string{"query.bleed"}},
		{"options in body", "", `{"headline":"h","body":"<p>x</p>","options":{"paper":"B7"}}`, "invalid-article",
			[]string{"options.paper"}},
		{"bleed needs proof (query)", "bleed=3", "", "invalid-options", []string{"query.bleed"}},
		{"bleed needs proof (body)", "", `{"headline":"h","body":"<p>x</p>","options":{"bleed":3}}`, "invalid-options",
			[]string{"options.bleed"}},
		{"unknown publication", "", `{"headline":"h","body":"<p>x</p>","publication":"nope"}`, "invalid-options",
			[]string{"publication"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(tc.body)
			if tc.body == "" {
				body = seed(t, "")
			}
			p := problemOf(t, post(t, s, tc.query, body), http.StatusUnprocessableEntity)
			if p.Type != problemBase+tc.typ {
				t.Errorf("type %q, want %s", p.Type, tc.typ)
			}
			got := paths(p)
			for _, want := range tc.paths {
				if !slices.Contains(got, want) {
					t.Errorf("paths %q lack %q", got, want)
				}
			}
			if len(got) != len(tc.paths) {
				t.Errorf("paths %q, want %q", got, tc.paths)
			}
			for _, e := range p.Errors {
				if e.Message == "" {
					t.Errorf("%s: empty message", e.Path)
				}
			}
		})
	}
	if n := h.calls.Load(); n != 0 {
		t.Errorf("invalid requests rendered %d times", n)
	}
}

func TestNotFoundAndMethod(t *testing.T) {
	s := newTestServer(t, nil)
	p := problemOf(t, get(t, s, "/v1/articles/abc.pdf"), http.StatusNotFound)
	if !strings.Contains(p.Detail, "no article source") {
		t.Errorf("detail %q", p.Detail)
	}
	problemOf(t, get(t, s, "/nope"), http.StatusNotFound)
	rec := get(t, s, "/v1/pdf")
	problemOf(t, rec, http.StatusMethodNotAllowed)
	if rec.Header().Get("Allow") != http.MethodPost {
		t.Errorf("Allow %q", rec.Header().Get("Allow"))
	}
}

func TestProblemTable(t *testing.T) {
	// Every status the table maps to has a title, and unknown errors are
	// 500 without their message.
	for _, k := range problemKinds {
		if k.title == "" || k.typ == "" || k.status < 400 {
			t.Errorf("incomplete row %+v", k)
		}
	}
	p := problemFor(io.ErrUnexpectedEOF)
	if p.Status != http.StatusInternalServerError || p.Detail != "" {
		t.Errorf("unknown error: %+v", p)
	}
}

// A picture without alternative text under strict accessibility is a 422
// naming each field.
func TestAccessibilityProblem(t *testing.T) {
	p := problemFor(fmt.Errorf("render: %w", &engine.AccessibilityError{Paths: []string{"photo.alt", "body[3].alt"}}))
	if p.Status != http.StatusUnprocessableEntity || len(p.Errors) != 2 || p.Errors[0].Path != "photo.alt" || p.Errors[1].Path != "body[3].alt" {
		t.Errorf("%+v", p)
	}
}
