//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMeasureCountsOrphans(t *testing.T) {
	// The command exits at once and leaves a busy grandchild behind, adopted
	// by the test process: its CPU time must be counted, wall time not.
	script := `sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done' & exit 0`
	res, err := measure([]string{"sh", "-c", script}, 1, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.cpuMS < 20 {
		t.Errorf("CPU %.1f ms: the orphan's work was not counted", res.cpuMS)
	}
	if res.rssMB <= 0 {
		t.Errorf("peak RSS %.1f MB", res.rssMB)
	}
	if res.wallMS > 10*res.cpuMS+5000 {
		t.Errorf("wall %.0f ms for a command that exits at once", res.wallMS)
	}
}

func TestMeasureAverages(t *testing.T) {
	res, err := measure([]string{"sleep", "0.2"}, 3, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.wallMS < 190 || res.wallMS > 5000 {
		t.Errorf("wall %.0f ms a run, want about 200", res.wallMS)
	}
	if res.cpuMS > 150 {
		t.Errorf("CPU %.0f ms a run for sleep", res.cpuMS)
	}
}

func TestMeasureFailure(t *testing.T) {
	_, err := measure([]string{"sh", "-c", "echo boom >&2; exit 3"}, 1, 0, "")
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want exit status 3 with the command's stderr", err)
	}
}

func TestMeasureStdout(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.txt")
	if _, err := measure([]string{"echo", "hello"}, 2, 0, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || string(b) != "hello\n" {
		t.Fatalf("stdout file = %q, %v", b, err)
	}
}

func TestMeasureKillsStrays(t *testing.T) {
	if testing.Short() {
		t.Skip("waits 10 s for a stray process")
	}
	start := time.Now()
	r, err := runOnce([]string{"sh", "-c", "sleep 600 & exit 0"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.stray != 1 {
		t.Errorf("%d strays killed, want 1", r.stray)
	}
	if d := time.Since(start); d > 19*time.Second {
		t.Errorf("took %v", d)
	}
}
