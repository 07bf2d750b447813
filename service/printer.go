// Package service owns printd's transports over the engine: the gin-free
// Printer (article → PDF, photos fetched and cached), the HTTP API with its
// limits, caches and metrics. cmd/printd wires configuration to it.
package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"

	"printd/article"
	"printd/fonts"
	"printd/layout"
	"printd/photo"
	"printd/render"
)

// Version is the engine version; it is part of every ETag and proof slug.
const Version = "0.1.0"

// ErrPhoto marks a photo that could not be had while the strict option was
// set (otherwise a missing photo is only a warning).
var ErrPhoto = errors.New("photo unavailable")

// ErrOptions marks options that cannot be honoured (bad paper, columns…).
var ErrOptions = errors.New("invalid options")

// Result describes a finished render.
type Result struct {
	Pages    int
	Bytes    int64
	Warnings []string
	// Missing lists characters no font could draw.
	Missing []layout.MissingGlyph
}

// Printer turns articles into PDFs. It is safe for concurrent use: fonts
// are parsed once and shared, photos are fetched and prepared once per
// source and size.
type Printer struct {
	fonts  *fonts.Set
	photos *photo.Store
}

// NewPrinter makes a printer over a font set and a photo store.
func NewPrinter(fs *fonts.Set, photos *photo.Store) *Printer {
	return &Printer{fonts: fs, photos: photos}
}

// Spec resolves an article's options into a page specification.
func Spec(art *article.Article) (layout.Spec, error) {
	o := art.Options
	paperName := o.Paper
	if paperName == "" {
		paperName = "A4"
	}
	paper, err := layout.ParsePaper(paperName)
	if err != nil {
		return layout.Spec{}, fmt.Errorf("%w: paper: %v", ErrOptions, err)
	}
	cols := o.Columns
	if cols == 0 {
		cols = 2
	}
	spec := layout.DefaultSpec(paper, cols)
	if o.Grayscale != nil && *o.Grayscale {
		spec.Grayscale = true
	}
	spec.Publication = publicationName(art)
	if o.Pages > 0 {
		spec.Pages = o.Pages
	}
	if err := spec.Validate(); err != nil {
		return spec, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	return spec, nil
}

// publicationName is what the running footer prints until publication
// profiles name the masthead: the article's publication, else its site.
func publicationName(art *article.Article) string {
	if art.Publication != "" && art.Publication != "default" {
		return art.Publication
	}
	if u, err := url.Parse(art.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

// Print renders art (its Options already merged from the transport) and
// writes the complete PDF to w only when the render succeeded.
func (p *Printer) Print(ctx context.Context, art *article.Article, w io.Writer) (Result, error) {
	var res Result
	spec, err := Spec(art)
	if err != nil {
		return res, err
	}
	strict := art.Options.Strict != nil && *art.Options.Strict
	infos, warns, err := p.inspectImages(ctx, art, strict)
	if err != nil {
		return res, err
	}
	res.Warnings = append(res.Warnings, warns...)
	doc, err := layout.Layout(&layout.Input{Article: art, Spec: spec, Fonts: render.Book{Set: p.fonts}, Images: infos})
	if err != nil {
		return res, fmt.Errorf("layout: %w", err)
	}
	res.Warnings = append(res.Warnings, doc.Warnings...)
	res.Missing = doc.Missing
	prepared, warns, err := p.prepareImages(ctx, doc, strict)
	if err != nil {
		return res, err
	}
	res.Warnings = append(res.Warnings, warns...)
	var buf bytes.Buffer
	lookup := func(im layout.Image) ([]byte, bool) {
		b, ok := prepared[imageKey(im)]
		return b, ok
	}
	if err := render.Render(ctx, doc, render.Book{Set: p.fonts}, lookup, meta(art), render.Options{Grayscale: spec.Grayscale}, &buf); err != nil {
		return res, err
	}
	res.Pages = len(doc.Pages)
	res.Bytes = int64(buf.Len())
	if _, err := w.Write(buf.Bytes()); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	return res, nil
}

func imageKey(im layout.Image) string {
	return fmt.Sprintf("%s@%dx%d", im.Src, im.PixelsW, im.PixelsH)
}

// images lists the distinct image sources of an article, lead photo first.
func images(art *article.Article) []string {
	var out []string
	seen := map[string]bool{}
	add := func(im *article.Image) {
		if im != nil && im.Src != "" && !seen[im.Src] {
			seen[im.Src] = true
			out = append(out, im.Src)
		}
	}
	add(art.Photo)
	for _, b := range art.Body {
		if b.Type == article.ImageBlock {
			add(b.Image)
		}
	}
	return out
}

// inspectImages reads every image's size (fetching it once) in parallel.
func (p *Printer) inspectImages(ctx context.Context, art *article.Article, strict bool) (map[string]layout.ImageInfo, []string, error) {
	srcs := images(art)
	infos := make(map[string]layout.ImageInfo, len(srcs))
	if len(srcs) == 0 || p.photos == nil {
		return infos, nil, nil
	}
	type result struct {
		info photo.Info
		err  error
	}
	results := make([]result, len(srcs))
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i].info, results[i].err = p.photos.Inspect(ctx, src)
		}()
	}
	wg.Wait()
	var warns []string
	for i, src := range srcs {
		if err := results[i].err; err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if strict {
				return nil, nil, fmt.Errorf("%w: %s: %v", ErrPhoto, shortSrc(src), err)
			}
			warns = append(warns, fmt.Sprintf("photo %s left out: %v", shortSrc(src), err))
			continue
		}
		infos[src] = layout.ImageInfo{Width: results[i].info.Width, Height: results[i].info.Height}
	}
	return infos, warns, nil
}

// prepareImages prepares each placed image at its target size.
func (p *Printer) prepareImages(ctx context.Context, doc *layout.Document, strict bool) (map[string][]byte, []string, error) {
	out := map[string][]byte{}
	var warns []string
	for _, pg := range doc.Pages {
		for _, im := range pg.Images {
			k := imageKey(im)
			if _, ok := out[k]; ok {
				continue
			}
			prep, err := p.photos.Prepared(ctx, im.Src, im.PixelsW, im.PixelsH, 85)
			if err != nil {
				if ctx.Err() != nil {
					return nil, nil, ctx.Err()
				}
				if strict {
					return nil, nil, fmt.Errorf("%w: %s: %v", ErrPhoto, shortSrc(im.Src), err)
				}
				warns = append(warns, fmt.Sprintf("photo %s left out: %v", shortSrc(im.Src), err))
				continue
			}
			out[k] = prep.Data
		}
	}
	return out, warns, nil
}

// shortSrc keeps data: URIs out of messages.
func shortSrc(src string) string {
	if strings.HasPrefix(src, "data:") {
		if i := strings.IndexByte(src, ','); i > 0 && i < 64 {
			return src[:i] + ",…"
		}
		return "data:…"
	}
	if len(src) > 200 {
		return src[:200] + "…"
	}
	return src
}

// meta is the PDF's document information, from the article only (never the
// clock).
func meta(art *article.Article) render.Meta {
	m := render.Meta{
		Title:    art.Headline,
		Author:   strings.Join(art.Authors, ", "),
		Subject:  art.Subheadline,
		Lang:     art.Lang,
		Created:  art.Published,
		Modified: art.Updated,
	}
	var kw []string
	for _, k := range []string{art.Section, art.Rubric} {
		if k != "" {
			kw = append(kw, k)
		}
	}
	m.Keywords = strings.Join(kw, ", ")
	return m
}
