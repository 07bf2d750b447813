//go:build !cloud

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchCloudOutputNeedsTag: in a build without -tags cloud, an s3://
// or gs:// output is a usage error that says how to get one.
func TestBatchCloudOutputNeedsTag(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.ndjson")
	writeLines(t, in, []string{batchArticle("c-1")})
	for _, out := range []string{"s3://bucket?region=eu-west-1", "gs://bucket"} {
		code, _, errs := runCLI(t, "batch", in, "--out", out, "--progress-interval", "0")
		if code != 2 || !strings.Contains(errs, "built without cloud sinks") || !strings.Contains(errs, "-tags cloud") {
			t.Errorf("--out %s: exit %d\n%s", out, code, errs)
		}
	}
}
