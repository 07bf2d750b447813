package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// readLimited reads at most limit bytes from r; one byte more is
// ErrTooLarge. sizeHint (a Content-Length, or -1) presizes the buffer.
func readLimited(r io.Reader, sizeHint, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + 1)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return buf.Bytes(), nil
}

func (f *Fetcher) readFile(src string, isURL bool) ([]byte, error) {
	p := src
	if isURL {
		u, err := url.Parse(src)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrScheme, err)
		}
		if u.Host != "" && u.Host != "localhost" {
			return nil, fmt.Errorf("%w: file URL with remote host %q", ErrScheme, u.Host)
		}
		p = filepath.FromSlash(u.Path)
	}
	p = filepath.Clean(p)
	var file *os.File
	var err error
	if f.cfg.Confine {
		if filepath.IsAbs(p) || f.cfg.BaseDir == "" {
			return nil, fmt.Errorf("%w: only paths inside the photo directory", ErrScheme)
		}
		root, rerr := os.OpenRoot(f.cfg.BaseDir)
		if rerr != nil {
			return nil, fmt.Errorf("%w: %w", ErrFetch, rerr)
		}
		defer root.Close()
		file, err = root.Open(p) // refuses escapes, symbolic links included
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%w: %w", ErrScheme, err)
		}
	} else {
		if !filepath.IsAbs(p) && f.cfg.BaseDir != "" {
			p = filepath.Join(f.cfg.BaseDir, p)
		}
		file, err = os.Open(p)
	}
	if err != nil {
		if errors.Is(err, ErrScheme) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrFetch, p)
	}
	if st.Size() > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: file is %d bytes, limit %d", ErrTooLarge, st.Size(), f.cfg.MaxBytes)
	}
	data, err := readLimited(file, st.Size(), f.cfg.MaxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	return data, nil
}
