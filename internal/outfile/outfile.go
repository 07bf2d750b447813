// Package outfile owns how printd writes an output file without destroying
// what was there before.
//
// A regular file, or a name where nothing is yet, is written under a
// temporary name in the same directory and renamed into place by Commit,
// so that a failed or killed run never leaves a partial file; new files
// get mode 0644 less the process umask. What else may be at the name
// depends on who chose it:
//
//   - Named (a path the user gave: render -o, --preflight, a zip output):
//     a symbolic link is followed and its target written as above, the link
//     kept; a character device or FIFO (/dev/null, /dev/stdout, a named
//     pipe) is written directly, as the shell's > would; a directory, block
//     device, socket or anything else is refused.
//   - Plain (a name printd chose inside an output directory: a PDF, the
//     manifest): only a regular file is replaced; a symbolic link or special
//     file there is refused, so that nobody can steer printd's writes
//     elsewhere by planting a link in the output.
//
// The check is made when the file is created and again just before the
// rename, and nothing that is not a regular file is ever renamed over.
package outfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Policy says what may be at the name besides a regular file.
type Policy int

const (
	// Named follows symbolic links and writes character devices and FIFOs
	// directly.
	Named Policy = iota
	// Plain refuses anything but a regular file.
	Plain
)

// ErrRefused matches every error for a name that holds something outfile
// will neither replace nor write.
var ErrRefused = errors.New("not replaced")

// refusal says what is at a name and why it is left alone.
type refusal struct {
	path string
	what string
	why  string
}

func (e *refusal) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.path, e.what, e.why)
}

func (e *refusal) Unwrap() error { return ErrRefused }

// Perm is the mode new files are created with, before the umask.
const Perm = 0o644

// maxLinks bounds a chain of symbolic links, as the kernel does.
const maxLinks = 40

// File is an output file being written.
type File struct {
	*os.File
	target string // the name renamed over on Commit; "" when direct
	direct bool   // the target itself is open (a device or FIFO)
	done   bool
}

// Create starts writing path under policy p.
func Create(path string, p Policy) (*File, error) {
	target, direct, err := Resolve(path, p)
	if err != nil {
		return nil, err
	}
	if direct {
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &File{File: f, direct: true}, nil
	}
	f, err := CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{File: f, target: target}, nil
}

// WriteFile writes b to path under policy p, all or nothing.
func WriteFile(path string, b []byte, p Policy) error {
	f, err := Create(path, p)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(b); err != nil {
		return err
	}
	return f.Commit()
}

// Direct reports whether the file is written in place (a device or FIFO).
func (f *File) Direct() bool { return f.direct }

// Commit finishes the file: a direct one is closed; a temporary one is
// synced, closed and renamed over the target, if the target is still
// nothing or a regular file.
func (f *File) Commit() error {
	if f.done {
		return errors.New("outfile: already committed")
	}
	if f.direct {
		f.done = true
		return f.Close()
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := Replaceable(f.target); err != nil {
		os.Remove(f.Name())
		f.done = true
		return err
	}
	if err := os.Rename(f.Name(), f.target); err != nil {
		os.Remove(f.Name())
		f.done = true
		return err
	}
	f.done = true
	return SyncDir(filepath.Dir(f.target))
}

// Abort drops the temporary file unless Commit succeeded; a direct file is
// closed.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	if !f.direct {
		os.Remove(f.Name())
	}
}

// Resolve says where a write of path under policy p goes: the name a
// temporary file is renamed over (direct false), or the device or FIFO to
// open and write (direct true). It refuses, with an error matching
// ErrRefused, what the policy does not allow.
func Resolve(path string, p Policy) (target string, direct bool, err error) {
	if p == Plain {
		return path, false, Replaceable(path)
	}
	// Stat follows every link, /proc's magic links to open files included,
	// to what a write would reach.
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Nothing there, or a link to nothing: write where the links lead.
	case err != nil:
		return "", false, err
	case st.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		return path, true, nil
	case !st.Mode().IsRegular():
		return "", false, &refusal{path: path, what: describe(st.Mode()), why: "printd writes only regular files, character devices and FIFOs"}
	}
	target, err = followLinks(path)
	if err != nil {
		return "", false, err
	}
	if st != nil {
		// A regular file through the links: it must be the one renamed over.
		lst, err := os.Lstat(target)
		if err != nil || !os.SameFile(st, lst) {
			return "", false, &refusal{path: path, what: "a link to a file outfile cannot name", why: "write to its target instead"}
		}
	}
	return target, false, nil
}

// followLinks follows the chain of symbolic links at path to the name at
// its end (which may not exist yet).
func followLinks(path string) (string, error) {
	for range maxLinks {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", &refusal{path: path, what: "a chain of symbolic links", why: fmt.Sprintf("longer than %d", maxLinks)}
}

// Replaceable reports, with an error matching ErrRefused, a name that holds
// something other than a regular file (a link is not followed).
func Replaceable(path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Mode().IsRegular() {
		return nil
	}
	return &refusal{path: path, what: describe(st.Mode()), why: "printd replaces only regular files"}
}

// describe names a file type.
func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// CreateTemp is os.CreateTemp with mode Perm less the umask instead of
// 0600: pattern's last "*" is replaced by a random string.
func CreateTemp(dir, pattern string) (*os.File, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndexByte(pattern, '*'); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for range 10000 {
		var rnd [6]byte
		rand.Read(rnd[:])
		name := filepath.Join(dir, prefix+hex.EncodeToString(rnd[:])+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, Perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("create temporary file in %s: too many names taken", dir)
}

// SyncDir makes renames in dir durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
