package service

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// checkContentType accepts application/json, in UTF-8 if a charset is
// named.
func checkContentType(ct string) error {
	if ct == "" {
		return fmt.Errorf("%w: Content-Type application/json is required", errMediaType)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return fmt.Errorf("%w: %q is not application/json", errMediaType, ct)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return fmt.Errorf("%w: charset %q; articles are UTF-8", errMediaType, cs)
	}
	return nil
}

// readBody reads the request body, refusing one longer than limit without
// ever holding more than limit+1 bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds the %d-byte limit", errTooLarge, r.ContentLength, limit)
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	data, err := readLimited(body, r.ContentLength, limit)
	if err != nil {
		return nil, bodyError(r, err, limit)
	}
	return data, nil
}

// bodyError is the problem of a body that could not be read: too large
// (over limit), the client gone, or another read error.
func bodyError(r *http.Request, err error, limit int64) error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), errors.Is(err, errTooLarge):
		return fmt.Errorf("%w: the body exceeds the %d-byte limit", errTooLarge, limit)
	case r.Context().Err() != nil:
		return fmt.Errorf("%w: %w", errClientGone, r.Context().Err())
	}
	return fmt.Errorf("%w: %w", errBodyRead, err)
}

// readLimited reads r to the end into a buffer that grows to at most
// limit+1 bytes; more than limit bytes is errTooLarge. hint (a
// Content-Length, or -1) sizes the buffer up front.
func readLimited(r io.Reader, hint, limit int64) ([]byte, error) {
	size := int64(4 << 10)
	if hint >= 0 {
		size = hint + 1 // room to see the end without growing
	}
	buf := make([]byte, 0, min(size, limit+1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return nil, errTooLarge
			}
			grown := make([]byte, len(buf), min(max(2*int64(cap(buf)), 4<<10), limit+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
