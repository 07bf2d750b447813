package batch

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"printd/internal/outfile"

	// The schemes OpenBlob understands in every build; s3:// and gs://
	// only with -tags cloud (cloud.go).
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/memblob"
)

// ErrNoCloudSinks is the error of an s3:// or gs:// output in a printd
// built without cloud sinks.
var ErrNoCloudSinks = errors.New("this printd was built without cloud sinks (s3://, gs://); build it with -tags cloud, as the Docker image is")

// cloudScheme reports whether url names a bucket only a build with -tags
// cloud can open.
func cloudScheme(url string) bool {
	scheme, _, ok := strings.Cut(url, "://")
	return ok && (strings.EqualFold(scheme, "s3") || strings.EqualFold(scheme, "gs"))
}

// DefaultJournalInterval is how long a BlobSink lets a manifest row wait
// before it writes it to a journal chunk.
const DefaultJournalInterval = time.Second

// maxChunkBytes of waiting rows are journaled at once, whatever the time.
const maxChunkBytes = 1 << 20

// BlobSink writes into a gocloud.dev bucket (s3://, gs://, file://,
// mem://…). Objects appear whole or not at all, so PDFs need no temporary
// names. Objects cannot be appended to, so manifest rows go to journal
// objects (.NAME.journal/RUN-SEQ.ndjson, one per chunk of rows, at most
// JournalInterval apart) besides a local spool; Close writes the manifest
// object from the spool and deletes the journals. After a kill, the rows
// of the last JournalInterval may be missing: a resumed run renders those
// articles again. A write that fails (a full disk under file://, a quota)
// is cancelled, so no partial PDF, journal chunk or manifest is left under
// its name; if the manifest cannot be written, Close fails and the
// journals stay for a resumed run.
type BlobSink struct {
	bucket   *blob.Bucket
	own      bool // close the bucket with the sink
	manifest string
	journal  string // key prefix of journal chunks
	run      string
	// local is the directory a file:// bucket writes into, where only
	// regular files may be replaced (outfile.Plain).
	local string

	// JournalInterval is the longest a row waits before it is journaled;
	// set it before the run starts.
	JournalInterval time.Duration

	mu      sync.Mutex
	spool   *os.File
	pending bytes.Buffer
	seq     int
	last    time.Time
	timer   *time.Timer
	err     error // of a journal write made by the timer
	done    bool
}

var _ Resumer = (*BlobSink)(nil)

// OpenBlob opens the bucket at url (with ?prefix=dir/ to write under a
// prefix) for a sink that closes it.
func OpenBlob(ctx context.Context, url, manifest string) (*BlobSink, error) {
	if !cloudSinks && cloudScheme(url) {
		return nil, fmt.Errorf("open %s: %w", url, ErrNoCloudSinks)
	}
	b, err := blob.OpenBucket(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", url, err)
	}
	s, err := NewBlob(b, manifest)
	if err != nil {
		b.Close()
		return nil, err
	}
	s.own = true
	if u, err := neturl.Parse(url); err == nil && u.Scheme == "file" {
		s.local = filepath.Join(filepath.FromSlash(u.Path), filepath.FromSlash(u.Query().Get("prefix")))
		if err := s.replaceable(s.manifest); err != nil {
			s.release()
			return nil, fmt.Errorf("manifest: %w", err)
		}
	}
	return s, nil
}

// NewBlob writes into an open bucket, which the caller closes.
func NewBlob(b *blob.Bucket, manifest string) (*BlobSink, error) {
	if !plainName(manifest) {
		return nil, fmt.Errorf("manifest name %q: not a plain file name", manifest)
	}
	spool, err := os.CreateTemp("", "printd-manifest-*.ndjson")
	if err != nil {
		return nil, fmt.Errorf("manifest spool: %w", err)
	}
	var rnd [4]byte
	rand.Read(rnd[:])
	return &BlobSink{
		bucket:          b,
		manifest:        manifest,
		journal:         "." + strings.TrimSuffix(manifest, ".ndjson") + ".journal/",
		run:             time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(rnd[:]),
		JournalInterval: DefaultJournalInterval,
		spool:           spool,
	}, nil
}

// Put writes one PDF object.
func (s *BlobSink) Put(ctx context.Context, name string, pdf []byte) error {
	if !plainName(name) {
		return fmt.Errorf("object name %q: not a plain file name", name)
	}
	return s.write(ctx, name, "application/pdf", pdf, nil)
}

// write stores one object, from data or else from r, whole or not at all.
// A failed write is cancelled before the writer is closed: closing it
// normally would commit what it took (fileblob renames its partial
// temporary file into place when the disk fills up, and
// blob.Bucket.WriteAll and Upload close it so), cancelling makes every
// driver drop it.
func (s *BlobSink) write(ctx context.Context, key, contentType string, data []byte, r io.Reader) error {
	if err := s.replaceable(key); err != nil {
		return err
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts := &blob.WriterOptions{ContentType: contentType}
	if r == nil {
		sum := md5.Sum(data) // as WriteAll does: the storage service checks it
		opts.ContentMD5 = sum[:]
	}
	w, err := s.bucket.NewWriter(wctx, key, opts)
	if err != nil {
		return err
	}
	if r == nil {
		_, err = w.Write(data)
	} else {
		_, err = io.Copy(w, r)
	}
	if err != nil {
		cancel()
		w.Close()
		return err
	}
	return w.Close()
}

// replaceable refuses, in a file:// bucket, a key whose file is a link or
// a special file: the driver would rename over it.
func (s *BlobSink) replaceable(key string) error {
	if s.local == "" {
		return nil
	}
	return outfile.Replaceable(filepath.Join(s.local, filepath.FromSlash(key)))
}

// AppendManifest spools rows and journals them when enough are waiting or
// the last journal chunk is old enough; a timer journals the rest.
func (s *BlobSink) AppendManifest(ctx context.Context, rows []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errors.New("sink already closed")
	}
	if s.err != nil {
		return s.err
	}
	if _, err := s.spool.Write(rows); err != nil {
		return fmt.Errorf("manifest spool: %w", err)
	}
	s.pending.Write(rows)
	if s.pending.Len() >= maxChunkBytes || time.Since(s.last) >= s.JournalInterval {
		return s.flushLocked(ctx)
	}
	if s.timer == nil {
		s.timer = time.AfterFunc(s.JournalInterval, s.flushLater)
	}
	return nil
}

// flushLater is the timer's journal write.
func (s *BlobSink) flushLater() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timer = nil
	if !s.done && s.err == nil {
		s.err = s.flushLocked(context.Background())
	}
}

// flushLocked writes the waiting rows as the next journal chunk.
func (s *BlobSink) flushLocked(ctx context.Context) error {
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if s.pending.Len() == 0 {
		return nil
	}
	s.seq++
	key := fmt.Sprintf("%s%s-%06d.ndjson", s.journal, s.run, s.seq)
	if err := s.write(ctx, key, "application/x-ndjson", s.pending.Bytes(), nil); err != nil {
		return fmt.Errorf("manifest journal: %w", err)
	}
	s.pending.Reset()
	s.last = time.Now()
	return nil
}

// Close writes the manifest object and deletes every journal chunk.
func (s *BlobSink) Close(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	if s.timer != nil {
		s.timer.Stop()
	}
	defer s.release()
	if _, err := s.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("manifest spool: %w", err)
	}
	if err := s.write(ctx, s.manifest, "application/x-ndjson", nil, s.spool); err != nil {
		// The journals stay for a resumed run; journal the rows still
		// waiting too, if there is room for them.
		return errors.Join(fmt.Errorf("manifest: %w", err), s.flushLocked(ctx))
	}
	keys, err := s.journalKeys(ctx)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := s.bucket.Delete(ctx, k); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return fmt.Errorf("remove journal: %w", err)
		}
	}
	return nil
}

// Abort journals the rows still waiting and lets go of the bucket.
func (s *BlobSink) Abort() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	defer s.release()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return s.flushLocked(ctx)
}

func (s *BlobSink) release() {
	s.spool.Close()
	os.Remove(s.spool.Name())
	if s.own {
		s.bucket.Close()
	}
}

// journalKeys lists the journal chunks of every run.
func (s *BlobSink) journalKeys(ctx context.Context) ([]string, error) {
	var keys []string
	it := s.bucket.List(&blob.ListOptions{Prefix: s.journal})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return keys, nil
		}
		if err != nil {
			return nil, fmt.Errorf("list journals: %w", err)
		}
		if !obj.IsDir {
			keys = append(keys, obj.Key)
		}
	}
}

// PriorManifests reads the manifest of the last completed run and the
// journals of runs stopped since.
func (s *BlobSink) PriorManifests(ctx context.Context, fn func(io.Reader) error) error {
	keys, err := s.journalKeys(ctx)
	if err != nil {
		return err
	}
	keys = append(keys, s.manifest)
	for _, k := range keys {
		r, err := s.bucket.NewReader(ctx, k, nil)
		if gcerrors.Code(err) == gcerrors.NotFound {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		err = fn(r)
		r.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// Sum hashes the object name.
func (s *BlobSink) Sum(ctx context.Context, name string) (string, error) {
	r, err := s.bucket.NewReader(ctx, name, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return "", fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	if err != nil {
		return "", err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
