package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"printd/adapt"
	"printd/article"
	"printd/batch"
	"printd/engine"
	"printd/fonts"
	"printd/photo"
	"printd/profile"
)

const batchUsage = `Usage: printd batch [flags] articles.ndjson|- --out DIR|out.zip|-|URL

Renders every article of an NDJSON file (one article per line) or of a JSON
array to <name>.pdf, where name comes from the article's id, else its
headline, else its line; a name already taken gets -2, -3… in input order.
The output also holds a manifest with one row per non-empty input line:
line, id, file, status (ok, failed or skipped), pages, bytes, sha256,
warnings and, for failures, the error.

Photos given as paths are read relative to the input file (not from
standard input). A photo whose fetch fails for a transient cause is tried
again (--photo-attempts, --photo-retry-budget); in the archive preset, the
default, an article whose photo still could not be had is failed with the
cause in the manifest, so that --resume tries it again, unless
--allow-missing-photos is given.

--out (required) is a directory, a file ending in .zip, - for a zip on
standard output, or a bucket URL: s3://bucket?region=…, gs://bucket or
file:///dir?create_dir=1&metadata=skip, with prefix=dir/ among the query
parameters to write under a prefix. s3:// and gs:// need a printd built
with -tags cloud (the Docker image is); a plain build says so.

--resume reads the manifest (or what a killed run wrote of it) and keeps
every PDF that is still there with the recorded SHA-256 for the same
input line and options; the rest is rendered again. Not for zip output.

--shard i/n renders only shard i (0-based) of n: an article with an id
belongs to shard fnv1a64(id) mod n, so it stays there when lines move; one
without an id belongs to shard (line mod n). Names are given over the whole
input, so shards may share an output; each writes manifest-shard-I-of-N.ndjson.

Exit status: 0 when every article was written (or kept by --resume), 1 when
some failed, 2 for bad usage or when the input or output failed.

Flags (each also read from PRINTD_<NAME>):
`

// cmdBatch is `printd batch`.
func cmdBatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "output directory, .zip file, - (zip to standard output) or bucket URL")
	workers := fs.Int("workers", 0, "articles rendered at once (default GOMAXPROCS)")
	format := fs.String("format", "auto", "input format of every article: auto, printd, wordpress, ans or jsonld")
	preset := fs.String("preset", batch.DefaultPreset, "preset of articles that name none: web, archive or proof")
	paper := fs.String("paper", "", "paper of every article: A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm")
	columns := fs.Int("columns", 0, "body columns of every article, 1–4")
	var fetchOpts fetchFlags
	fetchOpts.define(fs)
	profiles := fs.String("profiles", "", "directory of publication profiles (YAML or JSON) besides the embedded default")
	fontDirs := fs.String("fonts", "", fontsUsage)
	resume := fs.Bool("resume", false, "keep the PDFs an earlier run left in the output when the manifest's hash still matches")
	shardFlag := fs.String("shard", "", "render only shard i of n (i/n, 0-based)")
	interval := fs.Duration("progress-interval", 10*time.Second, "time between progress lines when standard error is not a terminal (0: none)")
	fs.Usage = func() {
		fmt.Fprint(stderr, batchUsage)
		fs.PrintDefaults()
	}
	pos, code, ok := parseCommand(fs, args, 1, stderr)
	if !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "printd batch: --out is required")
		fs.Usage()
		return 2
	}
	if !checkBatchFlags(fs, *preset, *paper, *columns, stderr) || !fetchOpts.check(stderr) {
		return 2
	}
	shard, err := batch.ParseShard(*shardFlag)
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 2
	}
	if *resume && isZipOutput(*out) {
		fmt.Fprintln(stderr, "printd: --resume needs a directory or bucket output, not a zip")
		return 2
	}
	lib := fonts.Configured(*fontDirs)
	profs, err := profile.Load(*profiles, lib)
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 2
	}

	in := pos[0]
	var input io.Reader = stdin
	size := int64(-1)
	pc := photo.DefaultConfig()
	if in != "-" {
		f, err := os.Open(in)
		if err != nil {
			fmt.Fprintf(stderr, "printd: %v\n", err)
			return 2
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		input = f
		pc.Fetch.AllowFiles = true
		pc.Fetch.BaseDir = filepath.Dir(in)
	}
	fetchOpts.apply(&pc.Fetch)
	printer, err := engine.New(engine.Config{Profiles: profs, Photos: photo.NewStore(pc), Fonts: lib})
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 2
	}

	if _, err := adapt.ParseFormat(*format); err != nil {
		fmt.Fprintf(stderr, "printd: --format: %v\n", err)
		return 2
	}
	ptag, err := profile.Fingerprint(*profiles)
	if err != nil {
		fmt.Fprintf(stderr, "printd: profiles: %v\n", err)
		return 2
	}
	// what else shapes every PDF, in every row's input hash
	setup := batch.SetupTag(ptag, lib.Fingerprint())
	opts := batch.Options{
		Decode: func(data []byte) (*article.Article, []string, error) {
			art, _, warns, err := adapt.Decode(data, *format)
			return art, warns, err
		},
		Print: func(ctx context.Context, art *article.Article, over article.Over, w io.Writer) (batch.Rendered, error) {
			pl, err := printer.Plan(art, over)
			if err != nil {
				return batch.Rendered{}, err
			}
			res, err := printer.Render(ctx, pl, w)
			return batch.Rendered{Pages: res.Pages, Warnings: res.Warnings, Lost: batch.LostPhotos(res.Lost)}, err
		},
		Workers:            *workers,
		Preset:             *preset,
		Over:               article.Options{Paper: *paper, Columns: *columns},
		From:               article.FromFlag,
		Decoder:            *format,
		Setup:              setup,
		Shard:              shard,
		Resume:             *resume,
		AllowMissingPhotos: fetchOpts.allowMissingPhotos,
		Engine:             "printd " + engine.Version,
	}
	if err := opts.Validate(); err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	manifest := batch.ManifestName(shard)
	sink, where, err := openSink(ctx, *out, manifest, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 2
	}
	prog := newProgress(stderr, size, *interval)
	opts.OnRow = prog.row
	sum, err := batch.Run(ctx, input, sink, opts)
	prog.stop()
	if err != nil && !errors.Is(err, batch.ErrInput) {
		if aerr := sink.Abort(); aerr != nil {
			fmt.Fprintf(stderr, "printd: %v\n", aerr)
		}
		switch {
		case ctx.Err() != nil:
			fmt.Fprintf(stderr, "printd: interrupted after %s", plural(sum.Rows, "article"))
			if !isZipOutput(*out) {
				fmt.Fprint(stderr, "; run again with --resume to go on")
			}
			fmt.Fprintln(stderr)
		default:
			fmt.Fprintf(stderr, "printd: %v\n", err)
		}
		return 2
	}
	// Input that broke off still leaves a complete manifest of what was read.
	if cerr := sink.Close(ctx); cerr != nil {
		fmt.Fprintf(stderr, "printd: %v\n", cerr)
		return 2
	}
	lost := ""
	if sum.LostPhotos > 0 { // each named in its row's lost_photos
		lost = ", " + plural(sum.LostPhotos, "photo") + " left out"
	}
	fmt.Fprintf(stderr, "printd: %s: %d ok, %d failed, %d skipped%s, %s in %s (%.1f articles/s); manifest %s in %s\n",
		plural(sum.Rows, "article"), sum.OK, sum.Failed, sum.Skipped, lost, plural(sum.Pages, "page"), sum.Elapsed.Round(time.Millisecond), rate(sum.Rows, sum.Elapsed), manifest, where)
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 2
	}
	if sum.Failed > 0 {
		return 1
	}
	return 0
}

// isZipOutput reports whether --out names a zip archive.
func isZipOutput(out string) bool {
	return out == "-" || !strings.Contains(out, "://") && strings.EqualFold(filepath.Ext(out), ".zip")
}

// openSink opens the output --out names and says where it is.
func openSink(ctx context.Context, out, manifest string, stdout io.Writer) (batch.Sink, string, error) {
	switch {
	case out == "-":
		s, err := batch.NewZip(stdout, manifest)
		return s, "the zip on standard output", err
	case strings.Contains(out, "://"):
		s, err := batch.OpenBlob(ctx, out, manifest)
		return s, out, err
	case isZipOutput(out):
		s, err := batch.CreateZip(out, manifest)
		return s, out, err
	}
	s, err := batch.OpenDir(out, manifest)
	return s, out, err
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// progress reports a batch as it runs: a bar with count, rate and time
// left on a terminal, a line every interval otherwise. Failures are
// printed as they come either way.
type progress struct {
	w     io.Writer
	start time.Time
	bar   *progressbar.ProgressBar
	size  int64 // input bytes, or -1 when unknown

	quit chan struct{}
	wg   sync.WaitGroup

	mu                    sync.Mutex // guards the counts and writes to w
	done, failed, skipped int
	described             time.Time
}

func newProgress(w io.Writer, size int64, interval time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), size: size, quit: make(chan struct{})}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(200 * time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetDescription("batch"),
		}
		if size < 0 { // no size, no fraction: count articles instead
			opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"))
		}
		p.bar = progressbar.NewOptions64(max(size, -1), opts...)
		return p
	}
	if interval > 0 {
		p.wg.Add(1)
		go p.log(interval)
	}
	return p
}

// row takes one finished row; Run calls it from one goroutine.
func (p *progress) row(r batch.Row) {
	p.mu.Lock() // also serialises writes to w with the log lines
	defer p.mu.Unlock()
	p.done++
	switch r.Status {
	case batch.StatusFailed:
		p.failed++
	case batch.StatusSkipped:
		p.skipped++
	}
	if r.Status == batch.StatusFailed {
		if p.bar != nil {
			p.bar.Clear()
		}
		fmt.Fprintf(p.w, "printd: %s\n", r.Error)
	}
	if p.bar == nil {
		return
	}
	if r.Status == batch.StatusFailed || time.Since(p.described) > 250*time.Millisecond {
		p.described = time.Now()
		p.bar.Describe(p.lineLocked())
	}
	if p.size >= 0 {
		p.bar.Set64(min(r.Offset, p.size))
	} else {
		p.bar.Add(1)
	}
}

// lineLocked is the state in words.
func (p *progress) lineLocked() string {
	return fmt.Sprintf("%d done, %d failed, %d skipped, %.1f articles/s", p.done, p.failed, p.skipped, rate(p.done, time.Since(p.start)))
}

// log prints a progress line every interval until stop.
func (p *progress) log(interval time.Duration) {
	defer p.wg.Done()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.mu.Lock()
			fmt.Fprintf(p.w, "printd: %s\n", p.lineLocked())
			p.mu.Unlock()
		case <-p.quit:
			return
		}
	}
}

// stop ends the bar or the log lines.
func (p *progress) stop() {
	close(p.quit)
	p.wg.Wait()
	if p.bar != nil {
		p.bar.Finish()
	}
}

// checkBatchFlags checks the batch's option flags with the one validation
// of every entry point, printing every problem.
func checkBatchFlags(fs *flag.FlagSet, preset, paper string, columns int, stderr io.Writer) bool {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	o := article.Options{Preset: preset, Paper: paper, Columns: columns}
	if given["preset"] && preset == "" {
		o.Preset = " "
	}
	if given["paper"] && paper == "" {
		o.Paper = " "
	}
	if given["columns"] && columns == 0 {
		o.Columns = -1 // zero means "not given" in Options; given, it is out of range
	}
	errs := o.Check(article.Origin{Source: article.FromFlag})
	for _, e := range errs {
		fmt.Fprintf(stderr, "printd batch: %v\n", e)
	}
	return len(errs) == 0
}
