//go:build !cloud

package batch

// cloudSinks reports whether s3:// and gs:// buckets are built in: not in
// a build without -tags cloud.
const cloudSinks = false
