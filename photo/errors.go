package photo

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors; every error returned by this package that falls into one
// of these classes matches it with errors.Is.
var (
	// ErrTooLarge reports a photo whose encoded size exceeds Config.MaxBytes.
	ErrTooLarge = errors.New("photo too large")
	// ErrTooManyPixels reports a photo whose header declares more pixels
	// than allowed.
	ErrTooManyPixels = errors.New("photo has too many pixels")
	// ErrForbiddenAddress reports a fetch refused by the private-address
	// (SSRF) guard.
	ErrForbiddenAddress = errors.New("forbidden network address")
	// ErrUnsupported reports bytes that are not a supported image (HTML, an
	// unknown format, a corrupt or truncated image, a malformed data: URI).
	ErrUnsupported = errors.New("unsupported or corrupt image")
	// ErrScheme reports a source whose scheme is not allowed (plain http
	// without AllowHTTP, file paths without AllowFiles, https downgraded to
	// http by a redirect, any other scheme).
	ErrScheme = errors.New("photo source scheme not allowed")
	// ErrFetch reports a failed transfer: non-2xx status, timeout, reset,
	// too many redirects.
	ErrFetch = errors.New("photo fetch failed")
)

// StatusError is the error for a non-2xx HTTP response. It matches ErrFetch
// with errors.Is.
type StatusError struct {
	URL        string
	StatusCode int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s: GET %s: HTTP %d %s", ErrFetch, e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}

// Unwrap makes StatusError match ErrFetch.
func (e *StatusError) Unwrap() error { return ErrFetch }
