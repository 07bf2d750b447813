package engine

import (
	"errors"
	"fmt"
	"strings"

	"printd/fetch"
	"printd/internal/describe"
	"printd/layout"
)

// Errors of the engine. Option problems are article.OptionErrors, each
// naming its field and where its value came from.

// ErrPhoto marks a photo that could not be had while the strict option was
// set or in the archive preset (otherwise a missing photo is only a
// warning). Every *PhotoError is one.
var ErrPhoto = errors.New("photo unavailable")

// ErrOptions marks a request none of whose articles could be rendered.
var ErrOptions = errors.New("invalid options")

// PhotoError is a photo a strict render could not have: the JSON path of
// the article field that names it (photo.src, body[3].src, or the
// profile's masthead.logo), its source, the short client-safe reason and
// the cause.
type PhotoError struct {
	Path   string
	Src    string
	Reason string
	Err    error
	// Article names the article whose photo it is in a merged render
	// ("line 3"); "" otherwise.
	Article string
}

func (e *PhotoError) Error() string {
	var fe *fetch.Error
	if errors.As(e.Err, &fe) { // its message names the source again
		return fmt.Sprintf("%s: %s: %s: %s: %v", ErrPhoto, e.Path, describe.Source(e.Src), fe.Cause(), fe.Err)
	}
	return fmt.Sprintf("%s: %s: %s: %v", ErrPhoto, e.Path, describe.Source(e.Src), e.Err)
}

func (e *PhotoError) Unwrap() error { return e.Err }

// Gone reports whether the photo's source says it does not exist (HTTP
// 404 or 410, no such file), so that trying again would only find the
// same; a time-out, a 503 or a refused address may pass.
func (e *PhotoError) Gone() bool {
	var fe *fetch.Error
	return errors.As(e.Err, &fe) && fe.Gone()
}

// Is makes every PhotoError an ErrPhoto.
func (e *PhotoError) Is(target error) bool { return target == ErrPhoto }

// OversetError is text that does not fit the fixed page count of a strict
// render.
type OversetError struct {
	Pages int
}

func (e *OversetError) Error() string {
	return fmt.Sprintf("overset: the article does not fit %s; text was left out", plural(e.Pages, "page"))
}

// AccessibilityError is a picture without alternative text in a render
// whose publication profile asks for strict accessibility.
type AccessibilityError struct {
	Paths []string // the JSON paths of the missing alt texts: "photo.alt", "body[3].alt"
}

func (e *AccessibilityError) Error() string {
	return fmt.Sprintf("accessibility: %s: a picture without alternative text (the publication requires it)", strings.Join(e.Paths, ", "))
}

// MissingGlyphsError is text a strict render would leave out: characters
// no font has, one gap per script.
type MissingGlyphsError struct {
	Gaps []layout.MissingGap
}

func (e *MissingGlyphsError) Error() string {
	parts := make([]string, len(e.Gaps))
	for i, g := range e.Gaps {
		parts[i] = g.String()
	}
	return "missing glyphs: " + strings.Join(parts, "; ")
}

// plural writes n and a noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
