package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"printd/article"
)

func TestPDFCacheIsBoundedInBytes(t *testing.T) {
	pdf := func(n int) *rendered { return &rendered{pdf: make([]byte, n)} }
	c := newPDFCache(10_000, time.Now)
	c.add("a", pdf(2000))
	c.add("b", pdf(2000))
	c.add("c", pdf(2000))
	if _, ok := c.get("a"); !ok { // a is now the most recently used
		t.Fatal("a not cached")
	}
	c.add("d", pdf(2000))
	c.add("e", pdf(2000)) // over budget: b, the least recently used, goes
	if _, ok := c.get("b"); ok {
		t.Error("b survived eviction")
	}
	for _, k := range []string{"a", "c", "d", "e"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s evicted", k)
		}
	}
	n, used := c.usage()
	if used > 10_000 || n != 4 {
		t.Errorf("%d entries, %d bytes", n, used)
	}
	c.add("huge", pdf(3000)) // more than a quarter of the budget
	if _, ok := c.get("huge"); ok {
		t.Error("an entry over a quarter of the budget was cached")
	}
	c.add("a", pdf(100)) // replacing an entry recounts it
	if _, used2 := c.usage(); used2 != used-2000+100 {
		t.Errorf("after replacing: %d bytes, want %d", used2, used-2000+100)
	}
	off := newPDFCache(0, time.Now)
	off.add("x", pdf(1))
	if _, ok := off.get("x"); ok {
		t.Error("a disabled cache cached")
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(1, 1, time.Hour)
	release, _, err := l.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, _, err := l.acquire(context.Background())
		if err == nil {
			r()
		}
		got <- err
	}()
	for {
		if _, w := l.load(); w == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, why, err := l.acquire(context.Background()); !errors.Is(err, errOverloaded) || why != "queue_full" {
		t.Errorf("third caller: %v %q", err, why)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	release()
	if err := <-got; err != nil {
		t.Errorf("queued caller: %v", err)
	}
	if r, w := l.load(); r != 0 || w != 0 {
		t.Errorf("load %d running %d waiting", r, w)
	}
	// A cancelled caller in the queue leaves it.
	release, _, _ = l.acquire(context.Background())
	defer release()
	if _, _, err := l.acquire(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: %v", err)
	}
}

func TestParseQuery(t *testing.T) {
	q, probs := parseQuery(url.Values{"preset": {"Proof"}, "paper": {"letter"}, "columns": {"3"},
		"grayscale": {""}, "bleed": {"5"}, "strict": {"off"}, "pages": {"2"}, "utm_source": {"x"}, "allow-missing-photos": {"1"}})
	if len(probs) != 0 {
		t.Fatalf("problems %v", probs)
	}
	if ov := q.over(); !ov.AllowMissingPhotos || ov.From != article.FromQuery {
		t.Errorf("over %+v", ov)
	}
	o := q.over().Options
	if o.Preset != "proof" || o.Paper != "Letter" || o.Columns != 3 || o.Grayscale == nil || !*o.Grayscale ||
		o.Bleed == nil || *o.Bleed != 5 || o.Strict == nil || *o.Strict || o.Pages != 2 {
		t.Errorf("applied %+v", o)
	}
	// Options the query does not name are not given (the article's or the
	// profile's apply).
	q, _ = parseQuery(url.Values{"columns": {"1"}})
	if q.over().AllowMissingPhotos {
		t.Error("missing photos allowed though the query does not say so")
	}
	if _, probs := parseQuery(url.Values{"allow-missing-photos": {"maybe"}}); len(probs) != 1 || probs[0].Path != "query.allow-missing-photos" {
		t.Errorf("problems %v", probs)
	}
	if o = q.over().Options; o.Paper != "" || o.Columns != 1 || o.Preset != "" || o.Grayscale != nil {
		t.Errorf("over %+v", o)
	}
}

func TestETag(t *testing.T) {
	s := &Server{}
	body := []byte(`{"headline": "h", "body": "<p>x</p>"}`)
	a := s.etagOf(body, queryOptions{})
	if !etagRE.MatchString(a) {
		t.Fatalf("ETag %q", a)
	}
	same := s.etagOf([]byte("\ufeff{\n\"headline\":\"h\",\n \"body\":\"<p>x</p>\"}\n"), queryOptions{})
	if same != a {
		t.Error("white space or a BOM changed the ETag")
	}
	gray := true
	for name, other := range map[string]string{
		"options": s.etagOf(body, queryOptions{opts: article.Options{Grayscale: &gray}}),
		"preset":  s.etagOf(body, queryOptions{opts: article.Options{Preset: "proof"}}),
		"missing": s.etagOf(body, queryOptions{allowMissing: true}),
		"body":    s.etagOf([]byte(`{"headline": "h2", "body": "<p>x</p>"}`), queryOptions{}),
		"profile": (&Server{profileTag: "x"}).etagOf(body, queryOptions{}),
		"fonts":   (&Server{fontTag: "x"}).etagOf(body, queryOptions{}),
	} {
		if other == a {
			t.Errorf("%s does not change the ETag", name)
		}
	}
}

func TestWriteCompactMatchesJSONCompact(t *testing.T) {
	docs := [][]byte{
		fixture(t, "seed-article.json"),
		fixture(t, "ru-article.json"),
		fixture(t, "html-body-article.json"),
		[]byte("{ \"a\" : \"x \\\" y\\\\\" ,\n\t\"b\": [ 1 , true, null, \"\\u0020 \\n\" ] }\r\n"),
	}
	for i, doc := range docs {
		var want, got bytes.Buffer
		if err := json.Compact(&want, doc); err != nil {
			t.Fatal(err)
		}
		writeCompact(&got, doc)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("doc %d:\n got %s\nwant %s", i, got.Bytes(), want.Bytes())
		}
	}
}

func TestConfigDefaultsAndValidation(t *testing.T) {
	d := DefaultConfig()
	if err := d.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if d.Addr != ":8080" || d.MaxBody != 8<<20 || d.RenderTimeout != 10*time.Second || d.CacheBytes != 32<<20 ||
		d.ShutdownGrace != 20*time.Second || d.MemoryLimit != 112<<20 || d.Pprof || d.ArticleSource != "" || d.LogFormat != "json" {
		t.Errorf("defaults %+v", d)
	}
	if got, want := d.concurrency(), 2*runtime.GOMAXPROCS(0); got != want {
		t.Errorf("concurrency %d, want %d", got, want)
	}
	for name, edit := range map[string]func(*Config){
		"max-body":       func(c *Config) { c.MaxBody = 0 },
		"render-timeout": func(c *Config) { c.RenderTimeout = 0 },
		"queue":          func(c *Config) { c.Queue = -1 },
		"cache-control":  func(c *Config) { c.CacheControl = "x\r\nSet-Cookie: y" },
		"log-level":      func(c *Config) { c.LogLevel = "loud" },
		"log-format":     func(c *Config) { c.LogFormat = "xml" },
		"allow-hosts":    func(c *Config) { c.AllowHosts = []string{"cms.internal", "not a host/"} },
		"article-source": func(c *Config) { c.ArticleSource = "ftp://x/{id}" },
		"photo-attempts": func(c *Config) { c.PhotoAttempts = 0 }, // as the CLI's render and batch: 1–10
	} {
		c := DefaultConfig()
		edit(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := New(c, nil); err == nil {
			t.Errorf("%s: New accepted it", name)
		}
	}
	c := DefaultConfig()
	c.AllowHosts = []string{"cms.internal", "10.0.0.0/8", "127.0.0.1:8443"}
	if err := c.Validate(); err != nil {
		t.Errorf("good allow-hosts: %v", err)
	}
}
