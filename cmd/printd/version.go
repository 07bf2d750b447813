package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"printd/engine"
)

func versionString() string {
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	return fmt.Sprintf("printd %s%s %s/%s", engine.Version, rev, runtime.GOOS, runtime.GOARCH)
}
