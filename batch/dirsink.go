package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"printd/internal/outfile"
)

// DirSink writes into a directory: each PDF under a temporary name, then
// renamed into place; manifest rows appended and synced to a journal file
// as they come, so that every complete row survives a kill; on Close the
// journal is renamed to the manifest. A killed run leaves only temporary
// PDFs (removed by the next OpenDir) and its journal (read by a resumed run,
// removed when a later run completes).
//
// A full disk (or any failed write) fails the Put or AppendManifest at hand
// and leaves no partial file: a PDF's temporary file is removed, and a row
// the journal could not take whole is cut off again, so the journal holds
// complete rows only, each naming a complete PDF.
//
// Only regular files are ever replaced (outfile.Plain): a symbolic link,
// device or FIFO under an article's name fails that Put with an error
// matching outfile.ErrRefused, and one under the manifest's name fails
// OpenDir. Files are created with mode 0644 less the umask.
type DirSink struct {
	dir      string
	manifest string
	tag      string // the manifest's name without .ndjson; marks our temporary files

	// write, when set, replaces (*os.File).Write for PDFs and the journal,
	// so that tests can run out of space.
	write func(f *os.File, b []byte) (int, error)

	// unsynced is set when a PDF has been renamed into place since the
	// last filesystem sync (groupSync).
	unsynced atomic.Bool

	mu      sync.Mutex
	journal *os.File
	size    int64 // of the journal's complete rows
	broken  error // the journal could not be cut back after a failed append
	done    bool
}

var _ Resumer = (*DirSink)(nil)

// OpenDir makes dir if needed, removes temporary PDFs a killed run with
// the same manifest name left there, and starts a journal.
func OpenDir(dir, manifest string) (*DirSink, error) {
	if !plainName(manifest) {
		return nil, fmt.Errorf("manifest name %q: not a plain file name", manifest)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	d := &DirSink{dir: dir, manifest: manifest, tag: strings.TrimSuffix(manifest, ".ndjson")}
	if err := outfile.Replaceable(d.ManifestPath()); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if err := d.removeMatching(d.tempPattern(), ""); err != nil {
		return nil, err
	}
	j, err := outfile.CreateTemp(dir, "."+d.tag+".*.journal")
	if err != nil {
		return nil, fmt.Errorf("manifest journal: %w", err)
	}
	d.journal = j
	return d, nil
}

// ManifestPath is where the manifest is once the sink is closed.
func (d *DirSink) ManifestPath() string { return filepath.Join(d.dir, d.manifest) }

func (d *DirSink) tempPattern() string    { return ".*~" + d.tag + ".*.tmp" }
func (d *DirSink) journalPattern() string { return "." + d.tag + ".*.journal" }

// removeMatching removes the directory's entries whose names match
// pattern, except keep.
func (d *DirSink) removeMatching(pattern, keep string) error {
	names, err := d.matching(pattern)
	if err != nil {
		return err
	}
	for _, n := range names {
		if n == keep {
			continue
		}
		if err := os.Remove(filepath.Join(d.dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove leftover: %w", err)
		}
	}
	return nil
}

// matching lists the directory's entries whose names match pattern.
func (d *DirSink) matching(pattern string) ([]string, error) {
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	var out []string
	for _, e := range entries {
		if ok, _ := filepath.Match(pattern, e.Name()); ok && e.Type().IsRegular() {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// Put writes pdf to a temporary file and renames it to name. The file is
// durable before any manifest row is: synced here, or, with groupSync, by
// the filesystem sync that precedes the next AppendManifest.
func (d *DirSink) Put(_ context.Context, name string, pdf []byte) error {
	if !plainName(name) {
		return fmt.Errorf("file name %q: not a plain file name", name)
	}
	target := filepath.Join(d.dir, name)
	if err := outfile.Replaceable(target); err != nil {
		return err
	}
	f, err := outfile.CreateTemp(d.dir, "."+name+"~"+d.tag+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = d.writeFile(f, pdf)
	if err == nil && !groupSync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = outfile.Replaceable(target) // again: nothing else is renamed over
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	d.unsynced.Store(true)
	return nil
}

// syncPuts makes the PDFs renamed into place so far durable (groupSync).
func (d *DirSink) syncPuts() error {
	if !groupSync || !d.unsynced.Swap(false) {
		return nil
	}
	if err := syncFS(d.journal); err != nil {
		d.unsynced.Store(true)
		return fmt.Errorf("sync output directory: %w", err)
	}
	return nil
}

// writeFile writes b to f.
func (d *DirSink) writeFile(f *os.File, b []byte) (int, error) {
	if d.write != nil {
		return d.write(f, b)
	}
	return f.Write(b)
}

// AppendManifest appends rows to the journal and syncs it. If either
// fails (the disk is full), the journal is cut back to the rows before, so
// that none of these is half there or, unsynced, taken for durable.
func (d *DirSink) AppendManifest(_ context.Context, rows []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return errors.New("sink already closed")
	}
	if d.broken != nil {
		return d.broken
	}
	if err := d.syncPuts(); err != nil {
		return err
	}
	_, err := d.writeFile(d.journal, rows)
	if err == nil {
		err = d.journal.Sync()
	}
	if err != nil {
		terr := d.journal.Truncate(d.size)
		if terr == nil {
			_, terr = d.journal.Seek(d.size, io.SeekStart)
		}
		if terr != nil {
			// A resumed run ignores a partial last row; nothing may follow it.
			d.broken = errors.Join(err, fmt.Errorf("manifest journal: %w", terr))
			return d.broken
		}
		return err
	}
	d.size += int64(len(rows))
	return nil
}

// Close renames the journal to the manifest and removes older journals.
func (d *DirSink) Close(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return nil
	}
	d.done = true
	j := d.journal
	if d.broken != nil {
		j.Close()
		return fmt.Errorf("manifest: %w", d.broken)
	}
	err := d.syncPuts()
	if err == nil {
		err = j.Sync()
	}
	if cerr := j.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = outfile.Replaceable(d.ManifestPath())
	}
	if err == nil {
		err = os.Rename(j.Name(), d.ManifestPath())
	}
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if err := d.removeMatching(d.journalPattern(), ""); err != nil {
		return err
	}
	return outfile.SyncDir(d.dir)
}

// Abort closes the journal, keeping it for a resumed run unless it is empty.
func (d *DirSink) Abort() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return nil
	}
	d.done = true
	st, err := d.journal.Stat()
	cerr := d.journal.Close()
	if err == nil && st.Size() == 0 {
		return os.Remove(d.journal.Name())
	}
	return errors.Join(err, cerr)
}

// PriorManifests reads the manifest of the last completed run and the
// journals of runs killed since.
func (d *DirSink) PriorManifests(_ context.Context, fn func(io.Reader) error) error {
	names, err := d.matching(d.journalPattern())
	if err != nil {
		return err
	}
	names = append(names, d.manifest)
	for _, n := range names {
		if n == filepath.Base(d.journal.Name()) {
			continue
		}
		f, err := os.Open(filepath.Join(d.dir, n))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		err = fn(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
	}
	return nil
}

// Sum hashes the file name.
func (d *DirSink) Sum(_ context.Context, name string) (string, error) {
	if !plainName(name) {
		return "", fmt.Errorf("file name %q: %w", name, os.ErrNotExist)
	}
	f, err := os.Open(filepath.Join(d.dir, name))
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// plainName reports whether name is one file name that is not hidden and
// goes nowhere else.
func plainName(name string) bool {
	return name != "" && len(name) <= 255 && name[0] != '.' && !strings.ContainsAny(name, "/\\\x00")
}
