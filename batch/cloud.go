//go:build cloud

package batch

// The cloud buckets OpenBlob understands in a build with -tags cloud; they
// bring some 400 packages of cloud SDKs, which a plain build leaves out.
import (
	_ "gocloud.dev/blob/gcsblob"
	_ "gocloud.dev/blob/s3blob"
)

// cloudSinks reports whether s3:// and gs:// buckets are built in.
const cloudSinks = true
