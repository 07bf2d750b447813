// Command printdwarm is printd's warm row in bench/compare.sh: one process
// prints the same article N times with the service's printer (embedded
// fonts, photo prepared once and cached, as BenchmarkPrintSeed does) and
// reports what a document costs, measured the same way as the warm browser
// rows: wall and CPU time (getrusage of the process) over the N documents
// after one untimed warm-up, and the process's peak resident set.
//
//	printdwarm -n N [-o out.pdf] article.json
//
// It prints one line: wall_ms_per_doc cpu_ms_per_doc peak_rss_mb pdf_bytes.
// Photos are read from files beside the article.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"printd/article"
	"printd/engine"
	"printd/fonts"
	"printd/photo"
)

func main() {
	n := flag.Int("n", 200, "timed documents")
	out := flag.String("o", "", "write one rendition to this file")
	flag.Parse()
	if flag.NArg() != 1 || *n <= 0 {
		fmt.Fprintf(os.Stderr, "Usage: printdwarm -n N [-o out.pdf] article.json\n")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *n, *out); err != nil {
		fmt.Fprintf(os.Stderr, "printdwarm: %v\n", err)
		os.Exit(1)
	}
}

func run(in string, n int, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	a, err := article.Decode(data)
	if err != nil {
		return err
	}
	if _, err := fonts.Embedded(); err != nil {
		return err
	}
	cfg := photo.DefaultConfig()
	cfg.Fetch.AllowFiles = true
	cfg.Fetch.BaseDir = filepath.Dir(in)
	p, err := engine.New(engine.Config{Photos: photo.NewStore(cfg)})
	if err != nil {
		return err
	}
	ctx := context.Background()

	var first bytes.Buffer
	if _, err := p.Print(ctx, a, &first); err != nil {
		return err
	}
	if out != "" {
		if err := os.WriteFile(out, first.Bytes(), 0o644); err != nil {
			return err
		}
	}
	cpu0 := cpuTime()
	t0 := time.Now()
	for range n {
		if _, err := p.Print(ctx, a, io.Discard); err != nil {
			return err
		}
	}
	wall := time.Since(t0)
	cpu := cpuTime() - cpu0
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) / float64(n) }
	fmt.Printf("%.2f %.2f %.0f %d\n", ms(wall), ms(cpu), float64(ru.Maxrss)/1024, first.Len())
	return nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
