package photo

import "errors"

// Sentinel errors of inspection and preparation; every such error returned
// by this package matches one with errors.Is. A source that could not be
// fetched is a *fetch.Error.
var (
	// ErrTooManyPixels reports a photo whose header declares more pixels
	// than allowed.
	ErrTooManyPixels = errors.New("photo has too many pixels")
	// ErrUnsupported reports bytes that are not a supported image (HTML, an
	// unknown format, a corrupt or truncated image).
	ErrUnsupported = errors.New("unsupported or corrupt image")
)
