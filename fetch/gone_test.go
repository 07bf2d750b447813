package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestGone: a fetch error says the source does not exist (Gone) for HTTP
// 404 and 410 and for a missing file, and for nothing that may pass or
// that is refused.
func TestGone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/404":
			w.WriteHeader(http.StatusNotFound)
		case "/410":
			w.WriteHeader(http.StatusGone)
		case "/403":
			w.WriteHeader(http.StatusForbidden)
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	t.Cleanup(srv.Close)
	cfg := DefaultConfig()
	cfg.AllowHTTP, cfg.Retry.Attempts, cfg.AllowFiles, cfg.BaseDir = true, 1, true, t.TempDir()
	cfg.AllowHosts = []string{srv.Listener.Addr().String()}
	f := New(cfg)
	for src, want := range map[string]bool{
		srv.URL + "/404": true, srv.URL + "/410": true, "missing.jpg": true,
		srv.URL + "/503": false, srv.URL + "/403": false, "https://10.0.0.1/x.jpg": false,
	} {
		_, err := f.Fetch(context.Background(), src)
		var fe *Error
		if !errors.As(err, &fe) {
			t.Fatalf("%s: error %v, want a *fetch.Error", src, err)
		}
		if fe.Gone() != want {
			t.Errorf("%s (%s): Gone %v, want %v", src, fe.Cause(), fe.Gone(), want)
		}
	}
}
