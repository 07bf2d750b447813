package service

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkServeCached is the PDF button's common case: the same article
// posted again and answered from the rendered-PDF cache, through the whole
// HTTP handler (body read, ETag, cache lookup, headers, 20 KB+ of PDF
// written).
func BenchmarkServeCached(b *testing.B) {
	benchServe(b, false)
}

// BenchmarkServeUnique posts a new article every time (its id changes), so
// every request is laid out and rendered; the photo is prepared once and
// cached, as for a newsroom's photo server.
func BenchmarkServeUnique(b *testing.B) {
	benchServe(b, true)
}

func benchServe(b *testing.B, unique bool) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-article.json"))
	if err != nil {
		b.Fatal(err)
	}
	c := testConfig()
	c.PhotoDir = filepath.Join("..", "testdata")
	c.Concurrency = 1
	s, err := New(c, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	marker := []byte(`"id": "`)
	at := bytes.Index(data, marker)
	if at < 0 {
		b.Fatal("the seed article has no id")
	}
	at += len(marker)
	do := func(i int) {
		body := data
		if unique {
			body = bytes.Clone(data)
			// Overwrite the id's first characters with the request number.
			n := []byte{byte('a' + i%26), byte('a' + i/26%26), byte('a' + i/676%26), byte('a' + i/17576%26)}
			copy(body[at:], n)
		}
		req := httptest.NewRequest(http.MethodPost, "/v1/pdf", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.Bytes())
		}
	}
	do(-1 + 26*26*26*26) // warm: fonts, photo, cache
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		do(i)
		i++
	}
}
