package loadgen

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPDFURL(t *testing.T) {
	for _, c := range []struct{ base, query, want string }{
		{"http://127.0.0.1:8080", "", "http://127.0.0.1:8080/v1/pdf"},
		{"http://127.0.0.1:8080/", "", "http://127.0.0.1:8080/v1/pdf"},
		{"http://h:1", "preset=web&columns=2", "http://h:1/v1/pdf?preset=web&columns=2"},
	} {
		if got := PDFURL(c.base, c.query); got != c.want {
			t.Errorf("PDFURL(%q, %q) = %q, want %q", c.base, c.query, got, c.want)
		}
	}
}

func TestPost(t *testing.T) {
	long := strings.Repeat("x", 3*maxDetail)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/v1/pdf" || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "bad request line: "+r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type"), http.StatusBadRequest)
			return
		}
		data, err := io.ReadAll(r.Body)
		if err != nil || int64(len(data)) != r.ContentLength {
			http.Error(w, "body does not match Content-Length", http.StatusBadRequest)
			return
		}
		var art struct{ ID string }
		if err := json.Unmarshal(data, &art); err != nil {
			http.Error(w, "not JSON", http.StatusBadRequest)
			return
		}
		switch {
		case strings.HasPrefix(art.ID, "ok"):
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4 " + art.ID + " " + long))
		case strings.HasPrefix(art.ID, "busy"):
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(long))
		case strings.HasPrefix(art.ID, "short"):
			// A 200 whose body ends before its Content-Length.
			conn, buf, err := http.NewResponseController(w).Hijack()
			if err == nil {
				buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100\r\n\r\n%PDF-1.4")
				buf.Flush()
				conn.Close()
			}
		case strings.HasPrefix(art.ID, "drop"):
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
		default:
			http.Error(w, "unexpected id "+art.ID, http.StatusBadRequest)
		}
	}))
	defer srv.Close()
	client := NewClient(20*time.Second, 4, nil)
	defer client.CloseIdleConnections()
	p, err := NewPayload(map[string]any{"id": "seed", "headline": "h"}, "x")
	if err != nil {
		t.Fatal(err)
	}
	target := PDFURL(srv.URL, "")
	post := func(id string) Result {
		t.Helper()
		before := hits.Load()
		r := p.Post(context.Background(), client, target, id)
		if n := hits.Load() - before; n != 1 {
			t.Errorf("%s: the server saw %d requests, want 1", id, n)
		}
		if r.Latency <= 0 {
			t.Errorf("%s: latency %v, want > 0", id, r.Latency)
		}
		return r
	}

	// Twice each, so that the later requests go over a reused connection.
	for _, id := range []string{"ok-1", "ok-2"} {
		r := post(id)
		if !r.OK() || r.Status != http.StatusOK || r.Err != nil || r.Detail != "" {
			t.Errorf("%s: %+v, want a clean 200 without detail", id, r)
		}
	}
	for _, id := range []string{"busy-1", "busy-2"} {
		r := post(id)
		if r.OK() || r.Status != http.StatusServiceUnavailable || r.Err != nil {
			t.Errorf("%s: %+v, want a clean 503", id, r)
		}
		if r.Detail != long[:maxDetail] {
			t.Errorf("%s: detail has %d bytes, want the first %d of the answer", id, len(r.Detail), maxDetail)
		}
		if want := "status 503, <nil> " + long[:maxDetail]; r.String() != want {
			t.Errorf("%s: String() = %.40q…, want %.40q…", id, r.String(), want)
		}
	}
	r := post("drop-1")
	if r.OK() || r.Status != 0 || r.Err == nil || r.Detail != "" {
		t.Errorf("closed connection: %+v, want status 0 and an error", r)
	}
	if s := r.String(); !strings.HasPrefix(s, "status 0, ") || !strings.Contains(s, r.Err.Error()) {
		t.Errorf("closed connection: String() = %q", s)
	}
	r = post("short-1")
	if r.OK() || r.Status != http.StatusOK || r.Err == nil {
		t.Errorf("truncated 200: %+v, want status 200 with an error, not OK", r)
	}
	// The client recovers on a new connection.
	if r := post("ok-3"); !r.OK() {
		t.Errorf("after a closed connection: %+v, want 200", r)
	}
}

func TestPostCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("a request with a cancelled context reached the server")
	}))
	defer srv.Close()
	p, err := NewPayload(map[string]any{"id": "c"}, "x")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := p.Post(ctx, NewClient(20*time.Second, 1, nil), PDFURL(srv.URL, ""), "c")
	if r.OK() || r.Status != 0 || r.Err == nil {
		t.Errorf("cancelled: %+v, want status 0 and an error", r)
	}
}

func TestMillis(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want float64
	}{
		{0, 0},
		{1500 * time.Microsecond, 1.5},
		{2*time.Second + 345*time.Microsecond + 999, 2000.345},
	} {
		if got := Millis(c.d); got != c.want {
			t.Errorf("Millis(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}
