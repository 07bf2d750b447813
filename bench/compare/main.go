//go:build linux

// Command compare runs a command several times and reports what one run
// costs: wall time, CPU time (user + system of the command and every
// descendant it waited for, from wait4's resource usage, in microseconds)
// and the peak resident set of the largest process. bench/compare.sh uses it
// to time one-process-per-document renderers.
//
//	compare [-n N] [-warmup W] [-stdout FILE] -- command [args…]
//
// It prints one line: wall_ms cpu_ms peak_rss_mb, the first two averaged
// over the N timed runs, the last the largest seen. The W warm-up runs
// (default 1) are not counted. A run that fails stops everything with the
// command's standard error. Linux only.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 1, "timed runs")
	warmup := flag.Int("warmup", 1, "untimed runs before the timed ones")
	stdout := flag.String("stdout", "", "file that receives the last run's standard output (default: discarded)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: compare [-n N] [-warmup W] [-stdout FILE] -- command [args…]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *n <= 0 || *warmup < 0 {
		flag.Usage()
		os.Exit(2)
	}
	res, err := measure(flag.Args(), *n, *warmup, *stdout)
	if err != nil {
		fmt.Fprintf(os.Stderr, "compare: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%.1f %.1f %.0f\n", res.wallMS, res.cpuMS, res.rssMB)
}

type result struct{ wallMS, cpuMS, rssMB float64 }

func measure(argv []string, n, warmup int, stdoutFile string) (result, error) {
	// Made the reaper of orphaned descendants, this process also collects
	// the resource usage of helpers whose parent exits without waiting for
	// them (a browser's renderers, say), which would otherwise go uncounted.
	if _, _, e := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); e != 0 {
		return result{}, fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %v", e)
	}
	var res result
	var wall, cpu time.Duration
	for i := 0; i < warmup+n; i++ {
		r, err := runOnce(argv, stdoutFile)
		if err != nil {
			return res, err
		}
		if r.stray > 0 {
			fmt.Fprintf(os.Stderr, "compare: %s left %d processes running; killed\n", argv[0], r.stray)
		}
		if i < warmup {
			continue
		}
		wall += r.wall
		cpu += r.cpu
		res.rssMB = max(res.rssMB, float64(r.maxRSSKB)/1024)
	}
	res.wallMS = float64(wall) / float64(time.Millisecond) / float64(n)
	res.cpuMS = float64(cpu) / float64(time.Millisecond) / float64(n)
	return res, nil
}

const prSetChildSubreaper = 36

type run struct {
	wall, cpu time.Duration
	maxRSSKB  int64
	stray     int // descendants still running 10 s after the command exited
}

// runOnce runs the command and reaps it and every descendant left to this
// process, adding up their resource usage. Wall time ends when the command
// itself exits.
func runOnce(argv []string, stdoutFile string) (run, error) {
	var r run
	out, err := os.Create(os.DevNull)
	if stdoutFile != "" {
		out, err = os.Create(stdoutFile)
	}
	if err != nil {
		return r, err
	}
	defer out.Close()
	errFile, err := os.CreateTemp("", "compare-stderr")
	if err != nil {
		return r, err
	}
	defer os.Remove(errFile.Name())
	defer errFile.Close()

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = out, errFile // files: no copying goroutines, no Wait needed
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	mainPid := cmd.Process.Pid
	var status syscall.WaitStatus
	mainDone := false
	var deadline time.Time
	for {
		var ws syscall.WaitStatus
		var ru syscall.Rusage
		opts := 0
		if mainDone {
			opts = syscall.WNOHANG
		}
		pid, err := syscall.Wait4(-1, &ws, opts, &ru)
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.ECHILD {
			break
		}
		if err != nil {
			return r, err
		}
		if pid == 0 { // descendants still running after the command exited
			if time.Now().After(deadline) {
				r.stray += killChildren()
				deadline = time.Now().Add(time.Hour)
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		r.cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.maxRSSKB = max(r.maxRSSKB, ru.Maxrss) // kilobytes on Linux
		if pid == mainPid {
			r.wall = time.Since(start)
			status, mainDone = ws, true
			deadline = time.Now().Add(10 * time.Second)
		}
	}
	if !status.Exited() || status.ExitStatus() != 0 {
		b, _ := os.ReadFile(errFile.Name())
		return r, fmt.Errorf("%s: %v\n%s", argv[0], describe(status), tail(b, 2000))
	}
	return r, nil
}

func describe(ws syscall.WaitStatus) string {
	if ws.Signaled() {
		return "killed by " + ws.Signal().String()
	}
	return fmt.Sprintf("exit status %d", ws.ExitStatus())
}

// killChildren kills this process's remaining children and says how many
// there were.
func killChildren() int {
	self := strconv.Itoa(os.Getpid())
	ents, _ := os.ReadDir("/proc")
	killed := 0
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 && f[1] == self && f[0] != "Z" {
			if syscall.Kill(pid, syscall.SIGKILL) == nil {
				killed++
			}
		}
	}
	return killed
}

func tail(b []byte, limit int) []byte {
	if len(b) > limit {
		return b[len(b)-limit:]
	}
	return b
}
