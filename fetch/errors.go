package fetch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"

	"printd/internal/describe"
)

// Sentinel errors; every *Error matches the one of its class with
// errors.Is.
var (
	// ErrTooLarge is a source larger than Config.MaxBytes.
	ErrTooLarge = errors.New("source too large")
	// ErrForbiddenAddress is a connection refused by the private-address
	// (SSRF) guard.
	ErrForbiddenAddress = errors.New("forbidden network address")
	// ErrScheme is a source whose scheme is not allowed (plain http without
	// AllowHTTP, files without AllowFiles, https downgraded to http by a
	// redirect, any other scheme), or a file outside the confined directory.
	ErrScheme = errors.New("source scheme not allowed")
	// ErrMalformed is a data: URI that cannot be decoded.
	ErrMalformed = errors.New("malformed data URI")
	// ErrFetch is a failed transfer: an HTTP status other than 2xx, a
	// time-out, a reset connection, too many redirects, an unreachable
	// host, an unreadable file.
	ErrFetch = errors.New("fetch failed")
)

// Reason is the class of a fetch failure, short enough for a warning, a
// manifest row or a problem detail, and naming no address.
type Reason string

// The reasons a fetch fails.
const (
	ReasonTimeout     Reason = "timed out"
	ReasonReset       Reason = "connection reset"
	ReasonStatus      Reason = "HTTP status" // Error.Status has the code
	ReasonTooLarge    Reason = "too large"
	ReasonRefused     Reason = "address not allowed"
	ReasonScheme      Reason = "source not allowed"
	ReasonMalformed   Reason = "malformed data URI"
	ReasonRedirects   Reason = "too many redirects"
	ReasonUnreachable Reason = "unreachable"
	ReasonFile        Reason = "file unreadable"
	ReasonCanceled    Reason = "canceled"
)

// Error is a source that could not be had: the source as given, the HTTP
// status (for ReasonStatus), the reason, how many attempts were made (0
// for data: URIs and files) and the cause.
type Error struct {
	Src      string
	Status   int
	Reason   Reason
	Attempts int
	Err      error
}

// Cause is the short, client-safe account of the failure: "HTTP 503",
// "timed out", "address not allowed", with the attempts when there were
// more than one ("HTTP 503 after 3 attempts").
func (e *Error) Cause() string {
	s := string(e.Reason)
	if e.Reason == ReasonStatus {
		s = fmt.Sprintf("HTTP %d", e.Status)
	}
	if e.Attempts > 1 {
		s += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	return s
}

func (e *Error) Error() string {
	return fmt.Sprintf("fetch %q: %s: %v", describe.Source(e.Src), e.Cause(), e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches the sentinel of the error's class, and
// context.DeadlineExceeded for a time-out.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrTooLarge:
		return e.Reason == ReasonTooLarge
	case ErrForbiddenAddress:
		return e.Reason == ReasonRefused
	case ErrScheme:
		return e.Reason == ReasonScheme
	case ErrMalformed:
		return e.Reason == ReasonMalformed
	case ErrFetch:
		switch e.Reason {
		case ReasonTimeout, ReasonReset, ReasonStatus, ReasonRedirects, ReasonUnreachable, ReasonFile, ReasonCanceled:
			return true
		}
	case context.DeadlineExceeded:
		return e.Reason == ReasonTimeout
	}
	return false
}

// Transient reports whether another attempt might succeed: a time-out, a
// reset connection, a 5xx status other than 501, 408 or 429. A refused
// address, a refused scheme, a source too large and any other status are
// final.
func (e *Error) Transient() bool {
	switch e.Reason {
	case ReasonTimeout, ReasonReset:
		return true
	case ReasonStatus:
		return transientStatus(e.Status)
	}
	return false
}

// Gone reports whether the source says the thing is not there at all, as
// opposed to not now: HTTP 404 or 410, or a local file that does not
// exist. Another attempt would find the same until someone puts it there.
func (e *Error) Gone() bool {
	switch e.Reason {
	case ReasonStatus:
		return e.Status == http.StatusNotFound || e.Status == http.StatusGone
	case ReasonFile:
		return errors.Is(e.Err, fs.ErrNotExist)
	}
	return false
}

func transientStatus(code int) bool {
	switch {
	case code == http.StatusRequestTimeout, code == http.StatusTooManyRequests:
		return true
	case code >= 500 && code <= 599:
		return code != http.StatusNotImplemented
	}
	return false
}

// StatusError is the cause of a ReasonStatus failure: the URL that
// answered (after redirects) and its status.
type StatusError struct {
	URL        string
	StatusCode int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}
