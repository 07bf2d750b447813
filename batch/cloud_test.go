//go:build cloud

package batch_test

import (
	"context"
	"errors"
	"testing"

	"printd/batch"
)

// TestCloudSinksBuiltIn: a build with -tags cloud opens s3:// and gs://
// buckets (opening one makes no request; gs:// needs credentials).
func TestCloudSinksBuiltIn(t *testing.T) {
	s, err := batch.OpenBlob(context.Background(), "s3://bucket?region=eu-west-1", "manifest.ndjson")
	if err != nil {
		t.Fatalf("s3: %v", err)
	}
	s.Abort()
	if _, err := batch.OpenBlob(context.Background(), "gs://bucket", "manifest.ndjson"); errors.Is(err, batch.ErrNoCloudSinks) {
		t.Errorf("gs: %v", err)
	}
}
