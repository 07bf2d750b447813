// Command load is a load generator for a running printd: it POSTs an
// article to /v1/pdf from 1, 8 and 32 concurrent clients (by default) for
// a fixed time each and prints requests per second and latency
// percentiles. It starts nothing itself; bench/load.sh starts a server and
// runs it.
package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"printd/bench/internal/loadgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	url      string
	article  string
	photo    string
	photoURL string
	clients  []int
	duration time.Duration
	unique   bool
	query    string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "printd base URL")
	fs.StringVar(&o.article, "article", "testdata/seed-article.json", "article JSON to send")
	fs.StringVar(&o.photo, "photo", "testdata/seed-photo.jpg", "image file sent as the lead photo's data: URI (empty: none)")
	fs.StringVar(&o.photoURL, "photo-url", "", "lead photo URL instead of -photo (the server must be allowed to fetch it)")
	clients := fs.String("clients", "1,8,32", "comma-separated concurrency levels")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "time spent at each level")
	fs.BoolVar(&o.unique, "unique", false, "give every request its own article id, so that the PDF cache never hits")
	fs.StringVar(&o.query, "query", "", "query string added to every request (e.g. preset=web&columns=2)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for _, c := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "load: bad -clients %q\n", *clients)
			return 2
		}
		o.clients = append(o.clients, n)
	}
	body, err := buildBody(o)
	if err != nil {
		fmt.Fprintf(stderr, "load: %v\n", err)
		return 1
	}
	target := loadgen.PDFURL(o.url, o.query)
	client := loadgen.NewClient(time.Minute, 256, nil)
	// One request first: the server is up and the article is valid.
	if r := body.send(context.Background(), client, target, 0); !r.OK() {
		fmt.Fprintf(stderr, "load: first request: %s\n", r)
		return 1
	}

	mode := "same article (PDF cache hits)"
	if o.unique {
		mode = "unique ids (every request renders)"
	}
	fmt.Fprintf(stdout, "printd load: %s, %d-byte body, %s per level, %s\n", target, body.size(), o.duration, mode)
	const row = "%7v %9v %7v %5v %6v %8v %8v %8v %8v\n"
	fmt.Fprintf(stdout, row, "clients", "requests", "ok", "503", "other", "req/s", "p50 ms", "p99 ms", "max ms")
	var seq atomic.Int64
	for _, n := range o.clients {
		st := level(client, target, body, n, o.duration, o.unique, &seq)
		fmt.Fprintf(stdout, row, n, st.requests, st.ok, st.busy, st.other,
			fmt.Sprintf("%.1f", float64(st.requests)/st.elapsed.Seconds()),
			fmt.Sprintf("%.1f", loadgen.Millis(st.pct(50))), fmt.Sprintf("%.1f", loadgen.Millis(st.pct(99))), fmt.Sprintf("%.1f", loadgen.Millis(st.pct(100))))
		if st.firstErr != "" {
			fmt.Fprintf(stderr, "load: %d clients: first failure: %s\n", n, st.firstErr)
		}
	}
	return 0
}

// body is the request body, split around the article id so that -unique
// can change it without re-encoding a large photo.
type body struct {
	loadgen.Payload
	unique bool
}

func (b body) size() int { return b.Size(b.ID) }

func buildBody(o options) (body, error) {
	art, err := loadgen.ReadArticle(o.article)
	if err != nil {
		return body{}, err
	}
	switch {
	case o.photoURL != "":
		setPhoto(art, o.photoURL)
	case o.photo != "":
		img, err := os.ReadFile(o.photo)
		if err != nil {
			return body{}, err
		}
		setPhoto(art, "data:"+http.DetectContentType(img)+";base64,"+base64.StdEncoding.EncodeToString(img))
	default:
		delete(art, "photo")
	}
	p, err := loadgen.NewPayload(art, "load")
	if err != nil {
		return body{}, err
	}
	return body{Payload: p, unique: o.unique}, nil
}

func setPhoto(art map[string]any, src string) {
	p, _ := art["photo"].(map[string]any)
	if p == nil {
		p = map[string]any{}
		art["photo"] = p
	}
	p["src"] = src
}

// send posts the body, with id number n when the body is unique.
func (b body) send(ctx context.Context, client *http.Client, target string, n int64) loadgen.Result {
	id := b.ID
	if b.unique {
		id += "-" + strconv.FormatInt(n, 10)
	}
	return b.Post(ctx, client, target, id)
}

type stats struct {
	requests, ok, busy, other int
	elapsed                   time.Duration
	latencies                 []time.Duration
	firstErr                  string
}

func (s *stats) pct(p float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	i := int(float64(len(s.latencies)-1) * p / 100)
	return s.latencies[i]
}

// level runs n clients for d and collects every request's outcome.
func level(client *http.Client, target string, b body, n int, d time.Duration, unique bool, seq *atomic.Int64) stats {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var (
		mu  sync.Mutex
		st  stats
		wg  sync.WaitGroup
		now = time.Now()
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				r := b.send(context.Background(), client, target, seq.Add(1))
				mu.Lock()
				st.requests++
				st.latencies = append(st.latencies, r.Latency)
				switch {
				case r.OK():
					st.ok++
				case r.Status == http.StatusServiceUnavailable:
					st.busy++
				default:
					st.other++
					if st.firstErr == "" {
						st.firstErr = r.String()
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	st.elapsed = time.Since(now)
	slices.Sort(st.latencies)
	return st
}
