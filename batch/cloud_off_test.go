//go:build !cloud

package batch_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"printd/batch"
)

// TestCloudSinksLeftOut: a build without -tags cloud refuses s3:// and
// gs:// outputs with an error that says how to get them.
func TestCloudSinksLeftOut(t *testing.T) {
	for _, u := range []string{"s3://bucket?region=eu-west-1", "gs://bucket", "S3://bucket"} {
		_, err := batch.OpenBlob(context.Background(), u, "manifest.ndjson")
		if !errors.Is(err, batch.ErrNoCloudSinks) || !strings.Contains(err.Error(), "build it with -tags cloud") {
			t.Errorf("%s: %v", u, err)
		}
	}
}
