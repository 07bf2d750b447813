package batch

import (
	"context"
	"io"
)

// Sink stores a run's output. Run calls Put from many goroutines at once
// and AppendManifest from one; the caller that made the sink ends it with
// Close (the run finished: the manifest is complete and in place) or Abort
// (the run stopped: what is durable stays for a later resumed run).
//
// A write the output cannot take (a full disk: the error wraps
// syscall.ENOSPC) fails the call at hand and leaves nothing partial under
// a final name: no PDF cut short, no manifest row cut short, so that a
// resumed run finds only rows whose PDFs are whole.
type Sink interface {
	// Put stores one complete PDF under name, all or nothing, replacing
	// any earlier one. It must not keep pdf after it returns.
	Put(ctx context.Context, name string, pdf []byte) error
	// AppendManifest adds complete manifest rows (NDJSON) in order.
	AppendManifest(ctx context.Context, rows []byte) error
	// Close completes the output.
	Close(ctx context.Context) error
	// Abort drops temporary state but keeps the rows appended so far
	// where a Resumer finds them.
	Abort() error
}

// Resumer is a Sink that can show what earlier runs left in its output.
type Resumer interface {
	Sink
	// PriorManifests calls fn with each manifest an earlier run wrote,
	// finished or not; an unfinished one may end in a partial row.
	PriorManifests(ctx context.Context, fn func(io.Reader) error) error
	// Sum returns the hex SHA-256 of the stored file name, or an error
	// (fs.ErrNotExist or another) when it cannot be read.
	Sum(ctx context.Context, name string) (string, error)
}
