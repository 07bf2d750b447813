package batch

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"printd/internal/outfile"
)

// ZipSink streams a zip archive: one entry per PDF as it comes, then the
// manifest as the last entry on Close. Until then manifest rows wait in a
// temporary file, so memory stays flat however long the run. Checksums
// are computed by the calling worker, in parallel; only the copy into the
// archive is serialised.
//
// A zip cannot be resumed: a killed run leaves a temporary file only. A
// write that fails (the disk is full) makes the archive unusable: that Put
// and every later one, and Close, return the error, and the temporary file
// of CreateZip is removed (by Close or Abort), so nothing, not even a
// truncated archive, appears under the final name; an earlier archive there
// stays as it was. The run must be made again in full.
//
// CreateZip's path is written as outfile.Named says: through a symbolic
// link to its target, directly into a character device or FIFO
// (/dev/null, a named pipe), never over anything that is not a regular
// file.
type ZipSink struct {
	manifest string

	mu    sync.Mutex
	zw    *zip.Writer
	spool *os.File
	file  *outfile.File // CreateZip's output, committed on Close
	out   *fileWriter   // file, as the archive's writer
	err   error         // of the first failed write to the archive
	done  bool
}

// fileWriter writes the archive to its file; write, when set, replaces
// (*os.File).Write so that tests can run out of space.
type fileWriter struct {
	f     *os.File
	write func(f *os.File, b []byte) (int, error)
}

func (w *fileWriter) Write(b []byte) (int, error) {
	if w.write != nil {
		return w.write(w.f, b)
	}
	return w.f.Write(b)
}

// NewZip streams an archive to w, which the caller closes after Close.
func NewZip(w io.Writer, manifest string) (*ZipSink, error) {
	if !plainName(manifest) {
		return nil, fmt.Errorf("manifest name %q: not a plain file name", manifest)
	}
	spool, err := os.CreateTemp("", "printd-manifest-*.ndjson")
	if err != nil {
		return nil, fmt.Errorf("manifest spool: %w", err)
	}
	return &ZipSink{manifest: manifest, zw: zip.NewWriter(w), spool: spool}, nil
}

// CreateZip writes an archive to a temporary file next to path, renamed
// to path on Close (or straight into path when it is a device or FIFO).
// Temporary files a killed run left for the same path are removed first.
func CreateZip(path, manifest string) (*ZipSink, error) {
	if !plainName(manifest) {
		return nil, fmt.Errorf("manifest name %q: not a plain file name", manifest)
	}
	target, direct, err := outfile.Resolve(path, outfile.Named)
	if err != nil {
		return nil, fmt.Errorf("zip output: %w", err)
	}
	if !direct {
		dir, base := filepath.Split(target)
		if dir == "" {
			dir = "."
		}
		if entries, err := os.ReadDir(dir); err == nil {
			for _, e := range entries {
				if e.Type().IsRegular() && strings.HasPrefix(e.Name(), "."+base+".") && strings.HasSuffix(e.Name(), ".tmp") {
					os.Remove(filepath.Join(dir, e.Name()))
				}
			}
		}
	}
	f, err := outfile.Create(path, outfile.Named)
	if err != nil {
		return nil, fmt.Errorf("zip output: %w", err)
	}
	out := &fileWriter{f: f.File}
	z, err := NewZip(out, manifest)
	if err != nil {
		f.Abort()
		return nil, err
	}
	z.file, z.out = f, out
	return z, nil
}

// Put adds one PDF entry, stored: PDF streams are compressed already, and
// deflating whole files again gains a few per cent at best (nothing when
// they hold photos) for much CPU time.
func (z *ZipSink) Put(_ context.Context, name string, pdf []byte) error {
	if !plainName(name) {
		return fmt.Errorf("file name %q: not a plain file name", name)
	}
	hdr := rawHeader(name, time.Now())
	hdr.CRC32 = crc32.ChecksumIEEE(pdf) // outside the lock
	hdr.UncompressedSize64 = uint64(len(pdf))
	hdr.CompressedSize64 = uint64(len(pdf))

	z.mu.Lock()
	defer z.mu.Unlock()
	if z.done {
		return errors.New("sink already closed")
	}
	if z.err != nil {
		return fmt.Errorf("zip output unusable after a failed write: %w", z.err)
	}
	w, err := z.zw.CreateRaw(hdr)
	if err == nil {
		_, err = w.Write(pdf)
	}
	if err != nil {
		z.err = err
	}
	return err
}

// AppendManifest spools rows until Close.
func (z *ZipSink) AppendManifest(_ context.Context, rows []byte) error {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.done {
		return errors.New("sink already closed")
	}
	_, err := z.spool.Write(rows)
	return err
}

// Close adds the manifest entry and finishes the archive (and, for
// CreateZip, syncs it and renames it into place).
func (z *ZipSink) Close(context.Context) error {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.done {
		return nil
	}
	z.done = true
	defer z.dropSpool()
	err := z.err
	if err == nil {
		err = z.finish()
	}
	if z.file != nil {
		if err == nil {
			err = z.file.Commit()
		}
		z.file.Abort() // after a failure: the temporary file goes
	}
	if err != nil {
		return fmt.Errorf("zip output: %w", err)
	}
	return nil
}

func (z *ZipSink) finish() error {
	if _, err := z.spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	hdr := &zip.FileHeader{Name: z.manifest, Method: zip.Deflate, Modified: time.Now()}
	hdr.SetMode(0o644)
	w, err := z.zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, z.spool); err != nil {
		return err
	}
	return z.zw.Close()
}

// Abort drops the spool and, for CreateZip, the temporary file. A stream
// given to NewZip is left unfinished.
func (z *ZipSink) Abort() error {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.done {
		return nil
	}
	z.done = true
	z.dropSpool()
	if z.file != nil {
		z.file.Abort()
	}
	return nil
}

func (z *ZipSink) dropSpool() {
	z.spool.Close()
	os.Remove(z.spool.Name())
}

// rawHeader is the header CreateHeader would make, for CreateRaw, which
// leaves the name's encoding flag, versions and times to its caller.
func rawHeader(name string, mod time.Time) *zip.FileHeader {
	hdr := &zip.FileHeader{Name: name, Method: zip.Store}
	hdr.SetMode(0o644)
	hdr.CreatorVersion = hdr.CreatorVersion&0xff00 | 20
	hdr.ReaderVersion = 20
	for _, r := range name {
		if r >= utf8.RuneSelf {
			hdr.Flags |= 0x800 // the name is UTF-8
			break
		}
	}
	mod = mod.UTC()
	hdr.ModifiedDate = uint16(mod.Day() | int(mod.Month())<<5 | max(mod.Year()-1980, 0)<<9)
	hdr.ModifiedTime = uint16(mod.Second()/2 | mod.Minute()<<5 | mod.Hour()<<11)
	return hdr
}
