package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// photoHost serves /p/N.jpg, a distinct small JPEG per N. A path given
// failures answers with them first, in order: a status code, or 0 for a
// connection reset.
type photoHost struct {
	*httptest.Server
	mu       sync.Mutex
	failures map[string][]int
	hits     atomic.Int64
}

func newPhotoHost(t *testing.T, failures map[string][]int) *photoHost {
	t.Helper()
	h := &photoHost{failures: failures}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.hits.Add(1)
		h.mu.Lock()
		var fail, ok = 0, false
		if f := h.failures[r.URL.Path]; len(f) > 0 {
			fail, ok = f[0], true
			h.failures[r.URL.Path] = f[1:]
		}
		h.mu.Unlock()
		if ok {
			if fail == 0 {
				c, _, err := w.(http.Hijacker).Hijack()
				if err == nil {
					c.(*net.TCPConn).SetLinger(0)
					c.Close()
				}
				return
			}
			if fail == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "1")
			}
			w.WriteHeader(fail)
			return
		}
		var n int
		fmt.Sscanf(r.URL.Path, "/p/%d.jpg", &n)
		img := image.NewRGBA(image.Rect(0, 0, 48, 32))
		for i := range img.Pix {
			img.Pix[i] = byte(n*37 + i%251)
		}
		img.Set(0, 0, color.RGBA{byte(n), 0, 0, 255})
		w.Header().Set("Content-Type", "image/jpeg")
		jpeg.Encode(w, img, &jpeg.Options{Quality: 90})
	}))
	t.Cleanup(h.Close)
	return h
}

// heal makes every later request succeed.
func (h *photoHost) heal() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failures = nil
}

// photoArticle is an article whose lead photo is /p/first.jpg on host and
// whose body holds one image for each further number up to last.
func photoArticle(id, host string, first, last int) string {
	body := []map[string]string{}
	for n := first + 1; n <= last; n++ {
		body = append(body, map[string]string{"type": "paragraph", "html": fmt.Sprintf("Paragraph %d.", n)},
			map[string]string{"type": "image", "src": fmt.Sprintf("%s/p/%d.jpg", host, n), "caption": fmt.Sprintf("Photo %d", n), "alt": fmt.Sprintf("Photo %d", n)})
	}
	b, _ := json.Marshal(map[string]any{
		"id":       id,
		"headline": "Photos of " + id,
		"lang":     "en",
		"photo":    map[string]string{"src": fmt.Sprintf("%s/p/%d.jpg", host, first), "caption": "Lead", "alt": "Lead"},
		"body":     body,
	})
	return string(b)
}

// imagesIn counts the image objects of a PDF.
func imagesIn(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(data, []byte("/Subtype /Image"))
}

// TestBatchPhotosRetriedUntilAllPresent: an archive batch of an article
// with 56 photos, six of which fail transiently (503, 500, 502, 429 with
// Retry-After, a reset, two 503s in a row), writes the article with every
// photo and no warning.
func TestBatchPhotosRetriedUntilAllPresent(t *testing.T) {
	host := newPhotoHost(t, map[string][]int{
		"/p/3.jpg":  {503},
		"/p/11.jpg": {500},
		"/p/20.jpg": {502},
		"/p/31.jpg": {429},
		"/p/42.jpg": {0},
		"/p/55.jpg": {503, 503},
	})
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ndjson")
	writeLines(t, in, []string{photoArticle("many", host.URL, 1, 56)})
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "batch", in, "--out", out, "--allow-http", "--allow-hosts", "127.0.0.1", "--progress-interval", "0")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errs)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := manifestRows(t, data)
	if len(rows) < 1 || rows[0].Status != "ok" {
		t.Fatalf("rows %+v", rows)
	}
	for _, w := range rows[0].Warnings {
		if strings.Contains(w, "left out") || strings.Contains(w, "HTTP") {
			t.Errorf("warning %q", w)
		}
	}
	if n := imagesIn(t, filepath.Join(out, "many.pdf")); n != 56 {
		t.Errorf("the PDF holds %d images, want 56", n)
	}
	if n := host.hits.Load(); n != 56+7 {
		t.Errorf("%d requests, want 56 and 7 retries", n)
	}
}

// TestArchiveBatchFailsAPhotoLostForGood: a photo that still fails after
// every attempt fails its article in the archive preset, with the cause in
// the manifest; --resume renders it again once the photo is back, and
// keeps the rest. With --allow-missing-photos the article is written
// without it, with a warning naming the cause.
func TestArchiveBatchFailsAPhotoLostForGood(t *testing.T) {
	always := []int{503, 503, 503, 503, 503, 503}
	host := newPhotoHost(t, map[string][]int{"/p/1.jpg": always})
	dir := t.TempDir()
	in := filepath.Join(dir, "in.ndjson")
	writeLines(t, in, []string{photoArticle("lost", host.URL, 1, 2), photoArticle("fine", host.URL, 10, 11)})
	out := filepath.Join(dir, "out")
	args := []string{"batch", in, "--out", out, "--allow-http", "--allow-hosts", "127.0.0.1", "--progress-interval", "0", "--photo-attempts", "2"}

	code, _, errs := runCLI(t, args...)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, errs)
	}
	rows := readRows(t, out)
	if rows["lost"].Status != "failed" || rows["fine"].Status != "ok" {
		t.Fatalf("rows %+v", rows)
	}
	if e := rows["lost"].Error; !strings.Contains(e, "photo.src") || !strings.Contains(e, "HTTP 503 after 2 attempts") {
		t.Errorf("error %q does not name the field and the cause", e)
	}
	if _, err := os.Stat(filepath.Join(out, "lost.pdf")); err == nil {
		t.Error("a PDF was written for the failed article")
	}

	host.heal()
	code, _, errs = runCLI(t, append(args, "--resume")...)
	if code != 0 {
		t.Fatalf("resume: exit %d:\n%s", code, errs)
	}
	rows = readRows(t, out)
	if rows["lost"].Status != "ok" || rows["fine"].Status != "skipped" {
		t.Fatalf("after resume: rows %+v", rows)
	}
	if n := imagesIn(t, filepath.Join(out, "lost.pdf")); n != 2 {
		t.Errorf("the resumed PDF holds %d images, want 2", n)
	}

	host.mu.Lock()
	host.failures = map[string][]int{"/p/1.jpg": always}
	host.mu.Unlock()
	out2 := filepath.Join(dir, "out2")
	args[3] = out2
	code, _, errs = runCLI(t, append(args, "--allow-missing-photos")...)
	if code != 0 {
		t.Fatalf("allow-missing-photos: exit %d:\n%s", code, errs)
	}
	rows = readRows(t, out2)
	if r := rows["lost"]; r.Status != "ok" || !strings.Contains(strings.Join(r.Warnings, "\n"), "HTTP 503 after 2 attempts") {
		t.Errorf("allow-missing-photos: row %+v", r)
	}
	// The report names the article and the photo, and counts it.
	if !strings.Contains(errs, "2 ok, 0 failed, 0 skipped, 1 photo left out, ") {
		t.Errorf("summary does not count the photo left out:\n%s", errs)
	}
	m, err := os.ReadFile(filepath.Join(out2, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range manifestRows(t, m) {
		want := 0
		if r.ID == "lost" {
			want = 1
		}
		if len(r.Lost) != want {
			t.Fatalf("row %s names %d lost photos, want %d: %+v", r.ID, len(r.Lost), want, r)
		}
		if want == 1 && (r.Lost[0].Path != "photo.src" || !strings.HasSuffix(r.Lost[0].Src, "/p/1.jpg") || r.Lost[0].Reason != "HTTP 503 after 2 attempts" || r.Lost[0].Gone) {
			t.Errorf("lost photo %+v", r.Lost[0])
		}
	}
	// A PDF written without a photo that may be had now is rendered again
	// by --resume (it was kept for good), the others kept.
	host.heal()
	code, _, errs = runCLI(t, append(args, "--allow-missing-photos", "--resume")...)
	if code != 0 {
		t.Fatalf("allow-missing-photos, resumed: exit %d:\n%s", code, errs)
	}
	rows = readRows(t, out2)
	if rows["lost"].Status != "ok" || rows["fine"].Status != "skipped" {
		t.Fatalf("after resume: rows %+v", rows)
	}
	if n := imagesIn(t, filepath.Join(out2, "lost.pdf")); n != 2 {
		t.Errorf("the resumed PDF holds %d images, want 2", n)
	}
}

func readRows(t *testing.T, out string) map[string]struct {
	Status   string
	Error    string
	Warnings []string
} {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "manifest.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]struct {
		Status   string
		Error    string
		Warnings []string
	}{}
	for _, r := range manifestRows(t, data) {
		if r.ID != "" {
			rows[r.ID] = struct {
				Status   string
				Error    string
				Warnings []string
			}{string(r.Status), r.Error, r.Warnings}
		}
	}
	return rows
}

// TestRenderArchiveRequiresItsPhotos: render --preset archive fails on a
// photo that cannot be had, naming the field and the cause, and writes
// nothing; --allow-missing-photos writes the PDF with a warning; the web
// preset leaves the photo out with a warning.
func TestRenderArchiveRequiresItsPhotos(t *testing.T) {
	host := newPhotoHost(t, map[string][]int{"/p/1.jpg": {404}})
	dir := t.TempDir()
	in := filepath.Join(dir, "a.json")
	if err := os.WriteFile(in, []byte(photoArticle("a", host.URL, 1, 2)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "a.pdf")
	base := []string{"render", in, "-o", out, "--allow-http", "--allow-hosts", "127.0.0.1"}
	code, _, errs := runCLI(t, append(base, "--preset", "archive")...)
	if code != 1 || !strings.Contains(errs, "photo.src") || !strings.Contains(errs, "HTTP 404") {
		t.Errorf("archive: exit %d:\n%s", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("archive: a PDF was written")
	}
	for _, extra := range [][]string{{"--preset", "archive", "--allow-missing-photos"}, {"--preset", "web"}} {
		host.mu.Lock()
		host.failures = map[string][]int{"/p/1.jpg": {404}}
		host.mu.Unlock()
		code, _, errs := runCLI(t, append(base, extra...)...)
		if code != 0 || !strings.Contains(errs, "warning") || !strings.Contains(errs, "HTTP 404") {
			t.Errorf("%v: exit %d:\n%s", extra, code, errs)
		}
		if imagesIn(t, out) != 1 {
			t.Errorf("%v: want the body photo alone", extra)
		}
	}
}
