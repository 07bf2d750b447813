package desk_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"printd/service"
)

// chromium finds Debian's chromium (or another Chromium) and skips the
// test without one, unless PRINTD_REQUIRE_TOOLS=1.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("PRINTD_REQUIRE_TOOLS") == "1" {
		t.Fatal("chromium not found (apt-get install chromium)")
	}
	t.Skip("chromium not found (apt-get install chromium)")
	return ""
}

// testServer serves printd with the desk on, photos from testdata and no
// PDF cache (so a download is compared with a render of its own).
func testServer(t *testing.T, edit func(*service.Config)) *httptest.Server {
	t.Helper()
	c := service.DefaultConfig()
	c.Concurrency = 4
	c.LogLevel = "error"
	c.CacheBytes = 0
	c.Desk = true
	// the race detector makes a full-resolution archive render take
	// seconds on a busy two-core machine: these tests are about the page,
	// not the deadline
	c.RenderTimeout = 2 * time.Minute
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	c.PhotoDir = dir
	if edit != nil {
		edit(&c)
	}
	s, err := service.New(c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// lowResArticle is an article whose lead photo is a 48×32 JPEG in a
// data: URI, far too coarse for print: the preflight marks it an error.
func lowResArticle(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 48, 32))
	for y := range 32 {
		for x := range 48 {
			img.Set(x, y, color.RGBA{200, 20, 20, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	art := map[string]any{
		"headline": "A coarse photo",
		"lang":     "en",
		"photo":    map[string]any{"src": "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), "caption": "Too few pixels."},
		"body":     []any{map[string]any{"type": "paragraph", "html": strings.Repeat("A paragraph of body text to fill the column. ", 20)}},
	}
	b, err := json.Marshal(art)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDeskInBrowser drives the desk in one headless Chromium: the page
// loads without console errors, the seed article's pages are drawn, the
// proof preset outlines trim and bleed, a coarse photo is an error whose
// place is highlighted over the photo, and the download is the bytes of
// POST /v1/pdf.
func TestDeskInBrowser(t *testing.T) {
	exe := chromium(t)
	seed, err := os.ReadFile("../testdata/seed-article.json")
	if err != nil {
		t.Fatal(err)
	}
	// a CMS that has the seed article as post 4711
	cms := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/posts/4711" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(seed)
	}))
	defer cms.Close()
	ts := testServer(t, func(c *service.Config) {
		c.ArticleSource = cms.URL + "/posts/{id}"
		c.AllowHTTP = true
		c.AllowHosts = []string{strings.TrimPrefix(cms.URL, "http://")}
	})
	downloads := t.TempDir()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	// start the browser, then collect what the page writes to its console
	if err := chromedp.Do(bctx); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var console []string
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.Type == chromedp.ConsoleException {
				mu.Lock()
				console = append(console, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, m.URL))
				mu.Unlock()
			}
		}
	}()
	done := make(chan string, 4)
	if err := chromedp.ListenBrowser(bctx, func(ev any) {
		if ev, ok := ev.(*browser.EventDownloadProgress); ok && ev.State == browser.DownloadProgressStateCompleted {
			done <- ev.GUID
		}
	}); err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := chromedp.CallBrowser(bctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &yes}); err != nil {
		t.Fatal(err)
	}
	noConsoleErrors := func(t *testing.T) {
		t.Helper()
		mu.Lock()
		defer mu.Unlock()
		if len(console) > 0 {
			t.Errorf("console:\n%s", strings.Join(console, "\n"))
			console = nil
		}
	}
	run := func(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(t *testing.T, expr string, out any) {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[json.RawMessage](expr))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(v, out); err != nil {
			t.Fatalf("%s: %v", v, err)
		}
	}
	text := func(t *testing.T, sel string) string {
		t.Helper()
		wctx, cancel := context.WithTimeout(bctx, 10*time.Second)
		defer cancel()
		v, err := chromedp.Run(wctx, chromedp.Poll[string](fmt.Sprintf(`document.querySelector(%q)?.textContent`, sel)))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// act runs the steps and waits until a render they started has drawn
	// the given number of pages.
	act := func(t *testing.T, pages int, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		var before float64 // Date.now() of the last render shown, 0 on a new page
		eval(t, `Number(document.body.dataset.rendered || 0)`, &before)
		run(t, steps...)
		wctx, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		js := fmt.Sprintf(`Number(document.body.dataset.rendered || 0) > %f && !document.querySelector("#preview.busy") && document.querySelectorAll(".page canvas").length === %d`, before, pages)
		if _, err := chromedp.Run(wctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			t.Fatalf("no %d page(s) drawn: %v (status %q)", pages, err, text(t, "#status"))
		}
	}
	setSelect := func(id, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event("change", {bubbles: true})); })()`, id, value))
	}
	paste := func(text string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(chromedp.SetValue(chromedp.CSS("#paste"), text), chromedp.Click(chromedp.CSS("#load-paste")))
	}
	pagesOf := func(t *testing.T, body, query string) (int, []byte) {
		t.Helper()
		res, err := http.Post(ts.URL+"/v1/pdf"+query, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		pdf, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("POST /v1/pdf%s: %d %s", query, res.StatusCode, pdf)
		}
		var n int
		fmt.Sscan(res.Header.Get("X-Printd-Pages"), &n)
		return n, pdf
	}

	t.Run("loads without console errors", func(t *testing.T) {
		run(t, chromedp.EmulateViewport(1440, 900), chromedp.Navigate(ts.URL+"/desk"), chromedp.WaitVisible(chromedp.CSS("#paste")),
			chromedp.Poll[chromedp.Void](`document.getElementById("preset").options.length > 1`))
		label := text(t, "label[for=paste]")
		if !strings.Contains(label, "Paste") {
			t.Errorf("label %q", label)
		}
		noConsoleErrors(t)
	})

	t.Run("seed article shows its pages", func(t *testing.T) {
		want, _ := pagesOf(t, string(seed), "")
		if want != 2 {
			t.Logf("the seed article has %d page(s) in the web preset", want)
		}
		act(t, want, paste(string(seed)))
		// each canvas has ink: more than 2% of its pixels are not white
		var inked []float64
		eval(t, `[...document.querySelectorAll(".page canvas")].map(c => {
			const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
			let n = 0;
			for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200) n++;
			return n / (d.length / 4);
		})`, &inked)
		for i, f := range inked {
			if f < 0.02 {
				t.Errorf("page %d: %.4f of its pixels inked: blank", i+1, f)
			}
		}
		noConsoleErrors(t)
	})

	t.Run("proof shows trim and bleed", func(t *testing.T) {
		want, _ := pagesOf(t, string(seed), "?preset=proof")
		act(t, want, setSelect("preset", "proof"))
		var trims, bleeds int
		var width float64
		eval(t, `document.querySelectorAll(".page .trim-box").length`, &trims)
		eval(t, `document.querySelectorAll(".page .bleed-box").length`, &bleeds)
		eval(t, `(() => { const p = document.querySelector(".page"), t = p.querySelector(".trim-box"); return t.getBoundingClientRect().width / p.getBoundingClientRect().width; })()`, &width)
		if trims != want || bleeds != want {
			t.Errorf("%d trim and %d bleed outlines on %d pages", trims, bleeds, want)
		}
		if width >= 0.99 || width < 0.8 {
			t.Errorf("the trim is %.3f of the page's width; want the page larger than its trim", width)
		}
		run(t, setSelect("preset", ""))
		noConsoleErrors(t)
	})

	lowres := lowResArticle(t)
	t.Run("coarse photo is a warning highlighted over it", func(t *testing.T) {
		want, _ := pagesOf(t, lowres, "")
		act(t, want, paste(lowres))
		label := text(t, ".pf-list button.pf-item.warning")
		if !strings.Contains(label, "96 ppi") || !strings.Contains(label, "narrower than its column") {
			t.Fatalf("first warning %q, want the photo at its 96 ppi size", label)
		}
		run(t, chromedp.Evaluate[chromedp.Void](`document.querySelector(".pf-list button.pf-item.warning").click()`),
			chromedp.Poll[chromedp.Void](`document.querySelector(".page .highlight")`))
		// the highlight lies over the photo: the canvas is the photo's red
		// at the highlight's centre and at points near its corners
		var reds []bool
		eval(t, `(() => {
			const h = document.querySelector(".page .highlight"), p = h.parentElement, c = p.querySelector("canvas");
			const hr = h.getBoundingClientRect(), pr = p.getBoundingClientRect(), k = c.width / pr.width;
			const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
			return [[.5, .5], [.08, .08], [.92, .08], [.08, .92], [.92, .92]].map(([fx, fy]) => {
				const x = Math.round((hr.left - pr.left + fx * hr.width) * k), y = Math.round((hr.top - pr.top + fy * hr.height) * k);
				const i = 4 * (y * c.width + x), r = d[i], g = d[i+1], b = d[i+2];
				return r > 150 && g < 90 && b < 90;
			});
		})()`, &reds)
		for i, red := range reds {
			if !red {
				t.Errorf("sample %d inside the highlight is not the photo's red: %v", i, reds)
			}
		}
		noConsoleErrors(t)
	})

	t.Run("zoom 200% draws at twice screen resolution", func(t *testing.T) {
		run(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=zoom][value='2']").click()`))
		// 1 pt is 4/3 CSS px at 100%: the canvas is 8/3 px per point
		if _, err := chromedp.Run(bctx, chromedp.Poll[chromedp.Void](`(() => {
			const c = document.querySelector(".page canvas"), h = document.querySelector(".page .highlight");
			return c && h && Math.abs(Number(c.parentElement.dataset.scale) - 8 / 3) < 1e-9 &&
				Math.abs(c.getBoundingClientRect().width - c.width / devicePixelRatio) < 1;
		})()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatal(err)
		}
		run(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=zoom][value=fit]").click()`))
		noConsoleErrors(t)
	})

	t.Run("download is POST /v1/pdf's bytes", func(t *testing.T) {
		_, want := pagesOf(t, lowres, "")
		run(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("download").click()`))
		var guid string
		select {
		case guid = <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("no download")
		}
		got, err := os.ReadFile(filepath.Join(downloads, guid))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("download is %d bytes, POST /v1/pdf %d, and they differ", len(got), len(want))
		}
		noConsoleErrors(t)
	})

	t.Run("every fixture in every preset", func(t *testing.T) {
		// (the seed's web and proof pages were drawn above)
		for _, fx := range []struct {
			name    string
			presets []string
		}{
			{"seed-article.json", []string{"archive"}},
			{"ru-article.json", []string{"web", "archive", "proof"}},
			{"html-body-article.json", []string{"web", "archive", "proof"}},
		} {
			name := fx.name
			art, err := os.ReadFile("../testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			for i, preset := range fx.presets {
				want, _ := pagesOf(t, string(art), "?preset="+preset)
				if i == 0 {
					// the paste's render is overtaken by the preset's
					act(t, want, paste(string(art)), setSelect("preset", preset))
				} else {
					act(t, want, setSelect("preset", preset))
				}
				var status string
				eval(t, `document.getElementById("pf-status").textContent`, &status)
				if status != "ok" && status != "warning" {
					t.Errorf("%s, %s: preflight %q", name, preset, status)
				}
				t.Logf("%s, %s: %s", name, preset, text(t, "#status"))
			}
		}
		noConsoleErrors(t)
	})

	t.Run("the page's URL restores article and options", func(t *testing.T) {
		var url string
		eval(t, `location.href`, &url)
		if !strings.Contains(url, "preset=proof") || !strings.Contains(url, "#doc=") {
			t.Fatalf("URL %q", url)
		}
		art, _ := os.ReadFile("../testdata/html-body-article.json")
		want, _ := pagesOf(t, string(art), "?preset=proof")
		act(t, want, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
		var preset, title string
		eval(t, `document.getElementById("preset").value`, &preset)
		eval(t, `document.getElementById("article-title").textContent`, &title)
		if preset != "proof" || title == "" || title == "shared" {
			t.Errorf("restored preset %q, title %q", preset, title)
		}
		noConsoleErrors(t)
	})

	t.Run("an article by its CMS URL", func(t *testing.T) {
		want, _ := pagesOf(t, string(seed), "?preset=proof")
		act(t, want, chromedp.SetValue(chromedp.CSS("#ref"), cms.URL+"/posts/4711"), chromedp.Click(chromedp.CSS("#by-id button")))
		var ref, url string
		eval(t, `document.getElementById("ref").value`, &ref)
		eval(t, `location.href`, &url)
		if ref != "4711" || !strings.Contains(url, "id=4711") || strings.Contains(url, "#doc=") {
			t.Errorf("id field %q, URL %q", ref, url)
		}
		// the link of an article from the source names its id
		act(t, want, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
		eval(t, `document.getElementById("ref").value`, &ref)
		if ref != "4711" {
			t.Errorf("restored id %q", ref)
		}
		noConsoleErrors(t)
	})

	if out := os.Getenv("PRINTD_DESK_SCREENSHOT"); out != "" {
		t.Run("screenshot", func(t *testing.T) {
			run(t, chromedp.EmulateViewport(1366, 768))
			n, _ := pagesOf(t, string(seed), "?preset=proof")
			act(t, n, paste(string(seed)), setSelect("preset", "proof"))
			run(t, chromedp.Evaluate[chromedp.Void](`document.querySelector(".pf-list button.pf-item").click()`), chromedp.Sleep(800*time.Millisecond))
			png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}
