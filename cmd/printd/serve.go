package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"printd/service"
)

// cmdServe is `printd serve`.
func cmdServe(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, allowHosts := serveFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: printd serve [flags]\n\nFlags (each also read from PRINTD_<NAME>, e.g. PRINTD_MAX_BODY):\n")
		fs.PrintDefaults()
	}
	if _, code, ok := parseCommand(fs, args, 0, stderr); !ok {
		return code
	}
	cfg.AllowHosts = splitList(*allowHosts)

	srv, err := service.New(*cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "printd serve: %v\n", err)
		return 1
	}
	if cfg.MemoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once
	}()
	if err := srv.ListenAndServe(ctx); err != nil {
		fmt.Fprintf(stderr, "printd serve: %v\n", err)
		return 1
	}
	return 0
}

// serveFlags defines the flags of `printd serve` on fs over a Config with
// the defaults.
func serveFlags(fs *flag.FlagSet) (*service.Config, *string) {
	d := service.DefaultConfig()
	cfg := d
	fs.StringVar(&cfg.Addr, "addr", d.Addr, "listen address")
	fs.Var(byteSize{&cfg.MaxBody}, "max-body", "largest article, request body or article-source answer (a `size`: bytes, or 8Mi, 8MB…)")
	fs.DurationVar(&cfg.RenderTimeout, "render-timeout", d.RenderTimeout, "deadline of one render, photos included (504 past it)")
	fs.IntVar(&cfg.Concurrency, "concurrency", 0, "renders at once (default 2×GOMAXPROCS)")
	fs.IntVar(&cfg.Queue, "queue", d.Queue, "renders that may wait for a slot; more get 503 at once")
	fs.DurationVar(&cfg.QueueWait, "queue-wait", d.QueueWait, "longest wait for a render slot before 503")
	fs.Var(byteSize{&cfg.CacheBytes}, "cache-bytes", "memory for rendered PDFs, a `size` (0 disables the cache)")
	fs.StringVar(&cfg.CacheControl, "cache-control", d.CacheControl, "Cache-Control of PDF responses (empty: none)")
	fs.DurationVar(&cfg.PartialCacheTTL, "partial-cache-ttl", d.PartialCacheTTL, "how long a PDF that left out a photo whose source says it does not exist (404, 410, no such file) is cached and may be kept (0: never)")
	fs.StringVar(&cfg.ArticleSource, "article-source", "", "URL template for GET /v1/articles/{id}.pdf, e.g. https://cms.example.org/print/{id}.json (default off)")
	allowHosts := fs.String("allow-hosts", "", "comma-separated hosts, IPs or CIDRs that photos and the article source may use even when private")
	fs.Var(byteSize{&cfg.BatchMaxBody}, "batch-max-body", "largest POST /v1/batch body (a `size`; each article in it is bounded by max-body)")
	fs.StringVar(&cfg.ArticleFormat, "article-format", "auto", "shape of the article source's answers: auto, printd, wordpress, ans or jsonld")
	fs.StringVar(&cfg.PhotoDir, "photo-dir", "", "directory photo paths in articles may point into (default: none, only https: and data:)")
	fs.BoolVar(&cfg.AllowHTTP, "allow-http", false, "allow plain http:// photo and article-source URLs")
	fs.Var(byteSize{&cfg.PhotoMaxBytes}, "photo-max-bytes", "largest encoded photo, a `size`")
	fs.Int64Var(&cfg.PhotoMaxPixels, "photo-max-pixels", d.PhotoMaxPixels, "largest photo in width×height pixels, checked before decoding")
	fs.DurationVar(&cfg.PhotoTimeout, "photo-timeout", d.PhotoTimeout, "deadline of one attempt at a photo or article-source fetch")
	fs.IntVar(&cfg.PhotoAttempts, "photo-attempts", d.PhotoAttempts, "attempts at a fetch that fails for a transient cause (time-out, reset, 5xx, 408, 429); 1: no retry")
	fs.DurationVar(&cfg.PhotoRetryBudget, "photo-retry-budget", d.PhotoRetryBudget, "longest time one photo or article-source fetch may take, every attempt and wait included")
	fs.Var(byteSize{&cfg.PhotoCacheBytes}, "photo-cache-bytes", "memory for prepared photos, a `size`")
	fs.Var(byteSize{&cfg.MemoryLimit}, "memory-limit", "soft limit of the Go heap and runtime, a `size` (0: none; GOMEMLIMIT, when set, wins)")
	fs.StringVar(&cfg.Profiles, "profiles", "", "directory of publication profiles (YAML or JSON) besides the embedded default")
	fs.StringVar(&cfg.Fonts, "fonts", "", fontsUsage)
	fs.BoolVar(&cfg.Pprof, "pprof", false, "serve /debug/pprof/")
	fs.BoolVar(&cfg.Desk, "desk", false, "serve the proof desk page at /desk (meant to sit behind the newsroom's authenticating proxy)")
	fs.StringVar(&cfg.DeskAuth, "desk-auth", "", "`file` of credentials the desk asks for: one per line, user:password (basic) or a bearer token")
	fs.DurationVar(&cfg.ShutdownGrace, "shutdown-grace", d.ShutdownGrace, "time in-flight requests get to finish on SIGTERM")
	fs.DurationVar(&cfg.DrainDelay, "drain-delay", 0, "time to keep accepting with /readyz at 503 before closing the listener")
	fs.StringVar(&cfg.LogLevel, "log-level", d.LogLevel, "debug, info, warn or error")
	fs.StringVar(&cfg.LogFormat, "log-format", d.LogFormat, "json or text")
	return &cfg, allowHosts
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// byteSize is a flag holding a number of bytes: a plain number, or one
// with a unit: Ki, Mi, Gi (also KiB, MiB, GiB) count in 1024s; k, M, G
// (also kB, MB, GB) in 1000s.
type byteSize struct{ p *int64 }

func (b byteSize) String() string {
	if b.p == nil {
		return "0"
	}
	return formatBytes(*b.p)
}

func (b byteSize) Set(s string) error {
	n, err := parseBytes(s)
	if err != nil {
		return err
	}
	*b.p = n
	return nil
}

var byteUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
	{"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9},
	{"B", 1},
}

func parseBytes(orig string) (int64, error) {
	s := strings.TrimSpace(orig)
	mult := int64(1)
	for _, u := range byteUnits {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(num), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size in bytes (like 8388608, 8Mi or 8MB)", orig)
	}
	if n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is too large", orig)
	}
	return n * mult, nil
}

// formatBytes writes n with the largest binary unit that divides it.
func formatBytes(n int64) string {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"Gi", 1 << 30}, {"Mi", 1 << 20}, {"Ki", 1 << 10}} {
		if n != 0 && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}
