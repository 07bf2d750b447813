package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"printd/article"
	"printd/fetch"
	"printd/internal/describe"
	"printd/layout"
	"printd/photo"
)

// Images are had in two phases: inspectImages reads every source's size
// before layout (fetching it once), prepareImages then scales each placed
// image to the pixels layout chose for it.

// imageKey names one placed image's prepared bytes: its source at the
// pixel size layout chose for it. The same source placed at two sizes is
// prepared twice.
type imageKey struct {
	src  string
	w, h int
}

func keyOf(im layout.Image) imageKey { return imageKey{im.Src, im.PixelsW, im.PixelsH} }

// imageRef is one image source of a render and the JSON path of the first
// field that names it.
type imageRef struct {
	src, path string
}

// images lists the distinct image sources of a planned article, lead photo
// first, then the body's, then the profile's masthead logo.
func images(pl *Plan) []imageRef {
	var out []imageRef
	seen := map[string]bool{}
	add := func(src, path string) {
		if src != "" && !seen[src] {
			seen[src] = true
			out = append(out, imageRef{src, path})
		}
	}
	art := &pl.art
	if art.Photo != nil {
		add(art.Photo.Src, "photo.src")
	}
	for i, b := range art.Body {
		if b.Type == article.ImageBlock && b.Image != nil {
			add(b.Image.Src, fmt.Sprintf("body[%d].src", i))
		}
	}
	add(pl.Spec.MastheadLogo, "masthead.logo")
	return out
}

// inspectImages reads every image's size (fetching it once) in parallel.
// An image that cannot be had is an error in a strict plan or one that
// requires its photos, and otherwise listed in lost.
func (p *Printer) inspectImages(ctx context.Context, pl *Plan) (map[string]layout.ImageInfo, []*PhotoError, error) {
	refs := images(pl)
	infos := make(map[string]layout.ImageInfo, len(refs))
	if len(refs) == 0 || p.photos == nil {
		return infos, nil, nil
	}
	type result struct {
		info photo.Info
		err  error
	}
	results := make([]result, len(refs))
	var wg sync.WaitGroup
	for i, ref := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i].info, results[i].err = p.photos.Inspect(ctx, ref.src)
		}()
	}
	wg.Wait()
	var lost []*PhotoError
	for i, ref := range refs {
		if err := results[i].err; err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			pe := &PhotoError{Path: ref.path, Src: ref.src, Reason: photoReason(err), Err: err}
			if pl.Strict || pl.RequirePhotos {
				return nil, nil, pe
			}
			lost = append(lost, pe)
			continue
		}
		infos[ref.src] = layout.ImageInfo{Width: results[i].info.Width, Height: results[i].info.Height}
	}
	return infos, lost, nil
}

// photoReason is the short, client-safe reason a photo was left out: the
// fetch's cause ("HTTP 503 after 3 attempts", "timed out", "address not
// allowed") or what inspection found.
func photoReason(err error) string {
	var fe *fetch.Error
	switch {
	case errors.As(err, &fe):
		return fe.Cause()
	case errors.Is(err, photo.ErrTooManyPixels):
		return "too many pixels"
	case errors.Is(err, photo.ErrUnsupported):
		return "not a supported image"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	}
	return "unavailable"
}

// prepareImages prepares each placed image at its target size. An image
// that cannot be prepared is an error in a strict plan or one that
// requires its photos, and otherwise a warning and listed in lost.
func (p *Printer) prepareImages(ctx context.Context, doc *layout.Document, pl *Plan) (map[imageKey][]byte, []string, []*PhotoError, error) {
	out := map[imageKey][]byte{}
	var paths map[string]string // made on the first failure
	var warns []string
	var lost []*PhotoError
	for _, pg := range doc.Pages {
		for _, im := range pg.Images {
			k := keyOf(im)
			if _, ok := out[k]; ok {
				continue
			}
			prep, err := p.photos.Prepared(ctx, im.Src, photo.Target{MaxW: im.PixelsW, MaxH: im.PixelsH, Quality: 85, Gray: pl.Spec.Grayscale})
			if err != nil {
				if ctx.Err() != nil {
					return nil, nil, nil, ctx.Err()
				}
				if paths == nil {
					paths = map[string]string{}
					for _, ref := range images(pl) {
						paths[ref.src] = ref.path
					}
				}
				pe := &PhotoError{Path: paths[im.Src], Src: im.Src, Reason: photoReason(err), Err: err}
				if pl.Strict || pl.RequirePhotos {
					return nil, nil, nil, pe
				}
				warns = append(warns, fmt.Sprintf("photo %s left out: %v", describe.Source(im.Src), err))
				lost = append(lost, pe)
				continue
			}
			out[k] = prep.Data
		}
	}
	return out, warns, lost, nil
}
