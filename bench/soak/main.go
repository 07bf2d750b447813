// Command soak drives a running printd at a fixed request rate for a long
// time and watches its memory and goroutines. It POSTs an article to
// /v1/pdf open-loop (requests leave on schedule whether or not earlier ones
// have been answered, up to a cap on requests outstanding), and every
// interval it scrapes /metrics and prints one line: requests sent and
// their outcomes, latency percentiles of the interval, the server's
// resident memory, goroutines and render gauges. At the end it prints a
// summary, including whether memory and goroutines stayed flat.
//
// With -probe it instead runs closed-loop clients for that long and prints
// the rate of PDFs they got ("max_rate N"), an estimate of the highest
// rate the server sustains.
//
// It starts nothing itself; bench/soak.sh starts a server and runs it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
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
	url         string
	article     string
	query       string
	rate        float64
	duration    time.Duration
	interval    time.Duration
	warmup      time.Duration
	concurrency int
	timeout     time.Duration
	unique      bool
	probe       time.Duration
	clients     int
	tolerance   float64
	label       string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "printd base URL")
	fs.StringVar(&o.article, "article", "testdata/seed-article.json", "article JSON to send as it is (photo paths resolve in the server's --photo-dir)")
	fs.StringVar(&o.query, "query", "", "query string added to every request (e.g. preset=web)")
	fs.Float64Var(&o.rate, "rate", 100, "requests per second, sent on schedule")
	fs.DurationVar(&o.duration, "duration", 10*time.Minute, "how long to send")
	fs.DurationVar(&o.interval, "interval", 10*time.Second, "time between report lines and /metrics samples")
	fs.DurationVar(&o.warmup, "warmup", 0, "samples before this are left out of the flatness verdict (default: a fifth of -duration, at most 1m)")
	fs.IntVar(&o.concurrency, "concurrency", 256, "most requests outstanding at once; a request due while all are out is skipped and counted")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of one request")
	fs.BoolVar(&o.unique, "unique", false, "give every request its own article id, so that the PDF cache never answers")
	fs.DurationVar(&o.probe, "probe", 0, "instead of a fixed rate, run -clients closed-loop clients this long and print the rate of PDFs (max_rate)")
	fs.IntVar(&o.clients, "clients", 8, "closed-loop clients of -probe")
	fs.Float64Var(&o.tolerance, "flat-tolerance", 0.10, "growth of the last quarter's maximum over the first quarter's still called flat (fraction)")
	fs.StringVar(&o.label, "label", "", "name of the run in the summary")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "soak: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if o.probe <= 0 && (o.rate <= 0 || math.IsInf(o.rate, 0) || math.IsNaN(o.rate)) {
		fmt.Fprintln(stderr, "soak: -rate must be positive")
		return 2
	}
	if o.duration <= 0 || o.interval <= 0 || o.concurrency < 1 || o.clients < 1 || o.timeout <= 0 {
		fmt.Fprintln(stderr, "soak: -duration, -interval, -timeout, -concurrency and -clients must be positive")
		return 2
	}
	if o.warmup == 0 {
		o.warmup = min(o.duration/5, time.Minute)
	}
	b, err := loadBody(o.article)
	if err != nil {
		fmt.Fprintf(stderr, "soak: %v\n", err)
		return 1
	}
	base := strings.TrimSuffix(o.url, "/")
	target := loadgen.PDFURL(base, o.query)
	var conns atomic.Int64
	client := loadgen.NewClient(o.timeout, o.concurrency, countingDialer(&conns))
	defer client.CloseIdleConnections()
	var seq atomic.Int64
	// One request first: the server is up and the article is valid.
	if r := b.send(client, target, seq.Add(1), o.unique); !r.OK() {
		fmt.Fprintf(stderr, "soak: first request: %s\n", r)
		return 1
	}
	if o.probe > 0 {
		return probe(stdout, client, target, b, o, &seq)
	}
	return soak(stdout, stderr, client, &conns, base, target, b, o, &seq)
}

// countingDialer dials TCP and keeps *open up to date with the number of
// connections open: every keep-alive connection costs the server a
// goroutine, which soak tells apart from goroutines that pile up.
func countingDialer(open *atomic.Int64) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		open.Add(1)
		return &countedConn{Conn: c, open: open}, nil
	}
}

type countedConn struct {
	net.Conn
	open *atomic.Int64
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.open.Add(-1) })
	return c.Conn.Close()
}

// body is the article, split around its id so that -unique can change it
// cheaply.
type body struct{ loadgen.Payload }

func loadBody(path string) (body, error) {
	art, err := loadgen.ReadArticle(path)
	if err != nil {
		return body{}, err
	}
	p, err := loadgen.NewPayload(art, "soak")
	if err != nil {
		return body{}, err
	}
	return body{p}, nil
}

// send posts the article, with its own id number n when unique.
func (b body) send(client *http.Client, target string, n int64, unique bool) loadgen.Result {
	id := b.ID
	if unique {
		id += "-soak-" + strconv.FormatInt(n, 10)
	}
	return b.Post(context.Background(), client, target, id)
}

// tally counts outcomes; soak keeps one for the interval and one for the
// whole run.
type tally struct {
	sent, ok, busy, other, skipped int
	okLat, busyLat                 []time.Duration
	firstErr                       string
}

func (t *tally) add(r loadgen.Result) {
	switch {
	case r.OK():
		t.ok++
		t.okLat = append(t.okLat, r.Latency)
	case r.Err == nil && r.Status == http.StatusServiceUnavailable:
		t.busy++
		t.busyLat = append(t.busyLat, r.Latency)
	default:
		t.other++
		if t.firstErr == "" {
			r.Detail = strings.TrimSpace(r.Detail)
			t.firstErr = r.String()
		}
	}
}

// pct is the p-th percentile of sorted latencies in milliseconds, "-"
// when there are none.
func pct(sorted []time.Duration, p float64) string {
	if len(sorted) == 0 {
		return "-"
	}
	i := int(math.Ceil(float64(len(sorted))*p/100)) - 1
	i = min(max(i, 0), len(sorted)-1)
	return strconv.FormatFloat(loadgen.Millis(sorted[i]), 'f', 1, 64)
}

// sample is one scrape of the server's /metrics.
type sample struct {
	at                   time.Duration
	ok                   bool
	tail                 bool    // taken after the last interval, once every answer was in
	conns                float64 // the driver's connections open at the scrape
	rssMB                float64
	goroutines           float64
	running, queued      float64
	inFlight, heapMB     float64
	renderSlots, cacheMB float64
}

var wanted = map[string]func(*sample, float64){
	"process_resident_memory_bytes":  func(s *sample, v float64) { s.rssMB = v / (1 << 20) },
	"go_goroutines":                  func(s *sample, v float64) { s.goroutines = v },
	"go_memstats_heap_inuse_bytes":   func(s *sample, v float64) { s.heapMB = v / (1 << 20) },
	"printd_renders_running":         func(s *sample, v float64) { s.running = v },
	"printd_renders_queued":          func(s *sample, v float64) { s.queued = v },
	"printd_render_slots":            func(s *sample, v float64) { s.renderSlots = v },
	"printd_http_requests_in_flight": func(s *sample, v float64) { s.inFlight = v },
	"printd_pdf_cache_bytes":         func(s *sample, v float64) { s.cacheMB = v / (1 << 20) },
}

// scrape reads the unlabelled series soak reports from /metrics.
func scrape(client *http.Client, base string) (sample, error) {
	var s sample
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("/metrics: %s", resp.Status)
	}
	found := 0
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		set := wanted[name]
		if set == nil {
			continue
		}
		v, err := strconv.ParseFloat(strings.Fields(value)[0], 64)
		if err != nil {
			continue
		}
		set(&s, v)
		found++
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	if found == 0 {
		return s, errors.New("/metrics has none of the expected series")
	}
	s.ok = true
	return s, nil
}

const lineFormat = "%8s %8s %8s %6s %6s %6s %8s %8s %8s %7s %6s %5s %6s\n"

func soak(stdout, stderr io.Writer, client *http.Client, conns *atomic.Int64, base, target string, b body, o options, seq *atomic.Int64) int {
	mclient := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer mclient.CloseIdleConnections()
	mode := "the same article (PDF cache answers)"
	if o.unique {
		mode = "a new article id each request (every request renders)"
	}
	fmt.Fprintf(stdout, "printd soak: %s, %.1f req/s for %s, at most %d outstanding, %s\n", target, o.rate, o.duration, o.concurrency, mode)
	baseline, err := scrape(mclient, base)
	if err != nil {
		fmt.Fprintf(stderr, "soak: %v\n", err)
	} else {
		fmt.Fprintf(stdout, "before: RSS %.1f MB, heap %.1f MB, %d goroutines, %d render slots\n",
			baseline.rssMB, baseline.heapMB, int(baseline.goroutines), int(baseline.renderSlots))
	}
	fmt.Fprintf(stdout, lineFormat, "elapsed", "sent", "200", "503", "other", "skip", "p50 ms", "p99 ms", "RSS MB", "gorout", "conns", "run", "queue")

	var (
		mu       sync.Mutex
		interval tally
		total    tally
		wg       sync.WaitGroup
		sem      = make(chan struct{}, o.concurrency)
		samples  []sample
	)
	start := time.Now()
	end := start.Add(o.duration)
	report := func(now time.Time, tail bool) {
		s, err := scrape(mclient, base)
		s.at = now.Sub(start)
		s.conns = float64(conns.Load())
		s.tail = tail
		mu.Lock()
		iv := interval
		interval = tally{}
		mu.Unlock()
		slices.Sort(iv.okLat)
		rss, gor, running, queued, nconn := "-", "-", "-", "-", strconv.Itoa(int(s.conns))
		if err == nil {
			samples = append(samples, s)
			rss = strconv.FormatFloat(s.rssMB, 'f', 1, 64)
			gor = strconv.Itoa(int(s.goroutines))
			running, queued = strconv.Itoa(int(s.running)), strconv.Itoa(int(s.queued))
		} else {
			fmt.Fprintf(stderr, "soak: %v\n", err)
		}
		when := s.at.Round(time.Second).String()
		if tail {
			when = "tail" // answers that came after the last interval
		}
		fmt.Fprintf(stdout, lineFormat, when, strconv.Itoa(iv.sent), strconv.Itoa(iv.ok), strconv.Itoa(iv.busy),
			strconv.Itoa(iv.other), strconv.Itoa(iv.skipped), pct(iv.okLat, 50), pct(iv.okLat, 99), rss, gor, nconn, running, queued)
		if iv.firstErr != "" {
			fmt.Fprintf(stderr, "soak: first failure of the interval: %s\n", iv.firstErr)
		}
	}

	// The reporter samples on its own schedule, so that a slow scrape
	// never delays the requests.
	reported := make(chan struct{})
	go func() {
		defer close(reported)
		for k := 1; ; k++ {
			at := start.Add(time.Duration(k) * o.interval)
			if at.After(end) {
				return
			}
			time.Sleep(time.Until(at))
			report(time.Now(), false)
		}
	}()

	period := time.Duration(float64(time.Second) / o.rate)
	for i := int64(0); ; i++ {
		due := start.Add(time.Duration(i) * period)
		if !due.Before(end) {
			break
		}
		time.Sleep(time.Until(due))
		select {
		case sem <- struct{}{}:
		default:
			mu.Lock()
			interval.skipped++
			total.skipped++
			mu.Unlock()
			continue
		}
		mu.Lock()
		interval.sent++
		total.sent++
		mu.Unlock()
		n := seq.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := b.send(client, target, n, o.unique)
			<-sem
			mu.Lock()
			interval.add(r)
			total.add(r)
			mu.Unlock()
		}()
	}
	wg.Wait() // the last requests are answered (or time out)
	<-reported
	mu.Lock()
	left := interval.sent + interval.ok + interval.busy + interval.other + interval.skipped
	mu.Unlock()
	if left > 0 {
		report(time.Now(), true)
	}
	after, aerr := scrape(mclient, base)

	slices.Sort(total.okLat)
	slices.Sort(total.busyLat)
	elapsed := time.Since(start)
	label := o.label
	if label == "" {
		label = fmt.Sprintf("%.1f req/s", o.rate)
	}
	fmt.Fprintf(stdout, "summary (%s): %s offered at %.1f req/s, %s\n", label, o.duration, o.rate, mode)
	fmt.Fprintf(stdout, "  requests: sent %d, 200 %d, 503 %d, other %d, skipped at the client's cap %d; %.1f PDFs/s\n",
		total.sent, total.ok, total.busy, total.other, total.skipped, float64(total.ok)/elapsed.Seconds())
	fmt.Fprintf(stdout, "  latency ms: 200s p50 %s, p99 %s, max %s; 503s p50 %s, p99 %s\n",
		pct(total.okLat, 50), pct(total.okLat, 99), pct(total.okLat, 100), pct(total.busyLat, 50), pct(total.busyLat, 99))
	if total.firstErr != "" {
		fmt.Fprintf(stdout, "  first failure: %s\n", total.firstErr)
	}
	fmt.Fprintf(stdout, "  RSS MB: %s\n", trend(samples, o.warmup, o.tolerance, 8, func(s sample) float64 { return s.rssMB }))
	gmin, gmax := span(samples, func(s sample) float64 { return s.goroutines })
	fmt.Fprintf(stdout, "  goroutines: min %s, max %s (one more for each connection the driver holds open)\n", num(gmin), num(gmax))
	fmt.Fprintf(stdout, "  goroutines less the driver's open connections: %s\n",
		trend(samples, o.warmup, o.tolerance, 16, func(s sample) float64 { return s.goroutines - s.conns }))
	if aerr == nil {
		fmt.Fprintf(stdout, "  after the last answer: RSS %.1f MB, heap %.1f MB, %d goroutines, %d connections open, renders running %d, queued %d, %d requests in flight (the scrape included)\n",
			after.rssMB, after.heapMB, int(after.goroutines), conns.Load(), int(after.running), int(after.queued), int(after.inFlight))
	}
	// With the driver's connections closed the server's goroutines should
	// be back where they started.
	client.CloseIdleConnections()
	for wait := time.Now().Add(5 * time.Second); baseline.ok; time.Sleep(200 * time.Millisecond) {
		idle, err := scrape(mclient, base)
		if err != nil {
			break
		}
		if idle.goroutines <= baseline.goroutines || time.Now().After(wait) {
			verdict := "as before"
			if idle.goroutines > baseline.goroutines+2 {
				verdict = "MORE than before"
			}
			fmt.Fprintf(stdout, "  connections closed: %d goroutines (%d before the run): %s\n",
				int(idle.goroutines), int(baseline.goroutines), verdict)
			break
		}
	}
	return 0
}

// trend is the minimum and maximum of a series over the run, and whether
// it stayed flat: the maximum of the last quarter of the samples taken
// after warm-up (and before the run's end) is at most tolerance (a fraction) plus slack (in the
// series' unit) above the maximum of their first quarter.
func trend(samples []sample, warmup time.Duration, tolerance, slack float64, v func(sample) float64) string {
	if len(samples) == 0 {
		return "no samples"
	}
	lo, hi := span(samples, v)
	var steady []float64
	for _, s := range samples {
		if s.at >= warmup && !s.tail {
			steady = append(steady, v(s))
		}
	}
	out := fmt.Sprintf("min %s, max %s", num(lo), num(hi))
	if len(steady) < 4 {
		return out + fmt.Sprintf("; %d samples after warm-up, too few to tell whether flat", len(steady))
	}
	q := len(steady) / 4
	first, last := slices.Max(steady[:q]), slices.Max(steady[len(steady)-q:])
	verdict := "flat"
	if last > first*(1+tolerance)+slack {
		verdict = "GROWING"
	}
	return out + fmt.Sprintf("; first-quarter max %s, last-quarter max %s: %s", num(first), num(last), verdict)
}

// span is the minimum and maximum of a series.
func span(samples []sample, v func(sample) float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range samples {
		lo, hi = min(lo, v(s)), max(hi, v(s))
	}
	return lo, hi
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// probe runs o.clients closed-loop clients for o.probe and prints the rate
// of PDFs they got.
func probe(stdout io.Writer, client *http.Client, target string, b body, o options, seq *atomic.Int64) int {
	ctx, cancel := context.WithTimeout(context.Background(), o.probe)
	defer cancel()
	var (
		mu sync.Mutex
		t  tally
		wg sync.WaitGroup
	)
	start := time.Now()
	for range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				r := b.send(client, target, seq.Add(1), o.unique)
				mu.Lock()
				t.sent++
				t.add(r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(t.okLat)
	fmt.Fprintf(stdout, "probe: %d clients for %s: sent %d, 200 %d, 503 %d, other %d; p50 %s ms, p99 %s ms\n",
		o.clients, o.probe, t.sent, t.ok, t.busy, t.other, pct(t.okLat, 50), pct(t.okLat, 99))
	if t.firstErr != "" {
		fmt.Fprintf(stdout, "probe: first failure: %s\n", t.firstErr)
	}
	fmt.Fprintf(stdout, "max_rate %.1f\n", float64(t.ok)/elapsed.Seconds())
	return 0
}
