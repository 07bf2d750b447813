package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/skip2/go-qrcode"

	"printd/article"
	"printd/fonts"
	"printd/layout"
	"printd/photo"
	"printd/profile"
	"printd/render"
)

// Version is the engine version; it is part of every ETag and proof slug.
const Version = "0.1.0"

// Result describes a finished render.
type Result struct {
	Pages    int
	Bytes    int64
	Warnings []string
	// Missing lists characters no font could draw.
	Missing []layout.MissingGlyph
	// Preflight is the print check of this render.
	Preflight Report
	// Lost are those photos, each with its field, source, reason and
	// cause, for the transport's log.
	Lost []*PhotoError
}

// Config is what a Printer is made of.
type Config struct {
	Profiles *profile.Profiles // nil: the embedded default profile only
	Photos   *photo.Store
	// Now stamps proof slugs; nil means time.Now. Archive output never
	// reads it: its dates come from the article.
	Now func() time.Time
	// Fonts finds faces for the scripts the embedded families lack; nil
	// means the system's font directories (fonts.System).
	Fonts *fonts.Library
}

// Printer turns articles into PDFs. It is safe for concurrent use: fonts
// are parsed once and shared, photos are fetched and prepared once per
// source and size.
type Printer struct {
	profiles *profile.Profiles
	photos   *photo.Store
	now      func() time.Time
	qrs      *lru.Cache[string, [][]bool] // QR codes by address; read-only bitmaps
	fonts    *fonts.Library
}

// New makes a printer from its configuration. It plans every preset of
// every profile first and refuses a profile whose sheets layout cannot
// honour, listing every problem.
func New(c Config) (*Printer, error) {
	qrs, _ := lru.New[string, [][]bool](1024)
	p := &Printer{profiles: c.Profiles, photos: c.Photos, now: c.Now, qrs: qrs, fonts: c.Fonts}
	if p.fonts == nil {
		p.fonts = fonts.System()
	}
	if p.profiles == nil {
		p.profiles = profile.Default()
	}
	if p.now == nil {
		p.now = time.Now
	}
	if err := p.checkProfiles(); err != nil {
		return nil, err
	}
	return p, nil
}

// Print plans art with no transport options and renders it (Plan, then
// Render).
func (p *Printer) Print(ctx context.Context, art *article.Article, w io.Writer) (Result, error) {
	pl, err := p.Plan(art, article.Over{})
	if err != nil {
		return Result{}, err
	}
	return p.Render(ctx, pl, w)
}

// Preflight plans art with no transport options and checks it (Plan, then
// Check).
func (p *Printer) Preflight(ctx context.Context, art *article.Article) (Report, error) {
	pl, err := p.Plan(art, article.Over{})
	if err != nil {
		return Report{}, err
	}
	return p.Check(ctx, pl)
}

// Render renders a planned article and writes the complete PDF to w only
// when the render succeeded. Text that does not fit a fixed page count is
// a warning, or an *OversetError when the plan is strict.
func (p *Printer) Render(ctx context.Context, pl Plan, w io.Writer) (Result, error) {
	var buf bytes.Buffer
	c, res, err := p.compose(ctx, &pl)
	if err != nil {
		return res, err
	}
	if err := c.gate(); err != nil {
		return res, err
	}
	prepared, warns, lost, err := p.prepareImages(ctx, c.doc, &c.plan)
	if err != nil {
		return res, err
	}
	res.Warnings = append(res.Warnings, warns...)
	res.Lost = append(res.Lost, lost...)
	if err := p.draw(ctx, c.doc, c, prepared, meta(&c.plan.art), &buf); err != nil {
		return res, err
	}
	res.Bytes = int64(buf.Len())
	if _, err := w.Write(buf.Bytes()); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	return res, nil
}

// Check lays a planned article out as Render would and reports what a
// print editor must know, without writing a PDF.
func (p *Printer) Check(ctx context.Context, pl Plan) (Report, error) {
	_, res, err := p.compose(ctx, &pl)
	return res.Preflight, err
}

// composed is an article laid out and checked, ready to be drawn.
type composed struct {
	plan Plan
	doc  *layout.Document
	book render.Book
}

// draw renders a laid-out document with its prepared photos.
func (p *Printer) draw(ctx context.Context, doc *layout.Document, c *composed, prepared map[imageKey][]byte, m render.Meta, out *bytes.Buffer) error {
	lookup := func(im layout.Image) ([]byte, bool) {
		b, ok := prepared[keyOf(im)]
		return b, ok
	}
	ropt := render.Options{Grayscale: c.plan.Spec.Grayscale, PDFA: c.plan.PDFA}
	return render.Render(ctx, doc, c.book, lookup, m, ropt, out)
}

// compose inspects a planned article's photos and lays it out.
func (p *Printer) compose(ctx context.Context, pl *Plan) (*composed, Result, error) {
	var res Result
	a := pl.art // layout keeps a pointer to it; the plan stays where it is
	infos, lost, err := p.inspectImages(ctx, pl)
	if err != nil {
		return nil, res, err
	}
	var failed map[string]string
	if len(lost) > 0 {
		failed = make(map[string]string, len(lost))
		for _, pe := range lost {
			failed[pe.Src] = pe.Reason
		}
	}
	res.Lost = lost
	book := render.Book{Set: pl.Profile.Set, Lib: p.fonts}
	in := &layout.Input{Article: &a, Spec: pl.Spec, Fonts: book, Images: infos, ImageErrors: failed}
	if pl.QR && pl.QRURL != "" {
		in.QR, in.QRURL = p.qrCode(pl.QRURL), pl.QRURL
	}
	if pl.Preset == PresetProof {
		// the article (its id, else its headline), the engine's version
		// and the proof's time; layout adds the page and PROOF
		in.Slug = strings.Join(nonEmpty(firstNonEmpty(a.ID, a.Headline), "printd "+Version, p.now().UTC().Format("2006-01-02 15:04 UTC")), " · ")
	}
	if err := ctx.Err(); err != nil {
		return nil, res, err
	}
	doc, err := layout.Layout(in)
	if err != nil {
		return nil, res, fmt.Errorf("layout: %w", err)
	}
	res.Warnings = append(res.Warnings, doc.Warnings...)
	res.Missing = doc.Missing
	res.Pages = len(doc.Pages)
	res.Preflight = preflight(pl, doc, infos, res.Warnings)
	if doc.Overset {
		res.Warnings = append(res.Warnings, (&OversetError{Pages: len(doc.Pages)}).Error())
	}
	return &composed{plan: *pl, doc: doc, book: book}, res, nil
}

// gate is what a strict plan refuses to print: text that does not fit a
// fixed page count, characters no font has, and (under the profile's
// strict accessibility) pictures without alternative text.
func (c *composed) gate() error {
	pl, doc := &c.plan, c.doc
	if doc.Overset && pl.Strict {
		return &OversetError{Pages: len(doc.Pages)}
	}
	if len(doc.NoAlt) > 0 && pl.strictAccessibility() {
		return &AccessibilityError{Paths: doc.NoAlt}
	}
	if len(doc.Missing) > 0 && pl.Strict {
		return &MissingGlyphsError{Gaps: layout.MissingGaps(doc.Missing)}
	}
	return nil
}

// PrintMerged renders several articles into one PDF, one after another,
// each starting on a new page with its headline as a top-level bookmark.
// The first article's preset and publication decide the fonts and the
// output kind; over lies over every article's options. An article that
// fails is left out and its error returned in failed (by index); the PDF
// holds the rest. labels name the articles in warnings and in the photos
// left out (PhotoError.Article), as the caller knows them ("line 3");
// nil names them "article 1", "article 2"….
func (p *Printer) PrintMerged(ctx context.Context, arts []*article.Article, labels []string, over article.Over, w io.Writer) (res Result, failed map[int]error, err error) {
	failed = map[int]error{}
	label := func(i int) string {
		if i < len(labels) && labels[i] != "" {
			return labels[i]
		}
		return fmt.Sprintf("article %d", i+1)
	}
	var first *composed
	merged := &layout.Document{}
	prepared := map[imageKey][]byte{}
	for i, art := range arts {
		if err := ctx.Err(); err != nil {
			return res, failed, err
		}
		var c *composed
		var r Result
		var lost []*PhotoError
		pl, err := p.Plan(art, over)
		if err == nil {
			c, r, err = p.compose(ctx, &pl)
			lost = r.Lost // the photos compose could not have
		}
		if err == nil {
			err = c.gate()
		}
		if err == nil {
			var pw []string
			var imgs map[imageKey][]byte
			var prepLost []*PhotoError
			imgs, pw, prepLost, err = p.prepareImages(ctx, c.doc, &c.plan)
			r.Warnings = append(r.Warnings, pw...)
			lost = append(lost, prepLost...)
			for k, v := range imgs {
				prepared[k] = v
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return res, failed, ctx.Err()
			}
			failed[i] = err // the article is left out whole: none of its photos is lost from the PDF
			continue
		}
		for _, pe := range lost {
			pe.Article = label(i)
			res.Lost = append(res.Lost, pe)
		}
		if first == nil {
			first = c
		}
		off := len(merged.Pages)
		merged.Pages = append(merged.Pages, c.doc.Pages...)
		for _, b := range c.doc.Bookmarks {
			b.Page += off
			merged.Bookmarks = append(merged.Bookmarks, b)
		}
		merged.Missing = append(merged.Missing, c.doc.Missing...)
		for _, wr := range r.Warnings {
			res.Warnings = append(res.Warnings, label(i)+": "+wr)
		}
	}
	if first == nil {
		return res, failed, fmt.Errorf("%w: no article could be rendered", ErrOptions)
	}
	var buf bytes.Buffer
	m := meta(&first.plan.art)
	m.Title = fmt.Sprintf("%d articles", len(arts)-len(failed))
	m.ID = ""
	if err := p.draw(ctx, merged, first, prepared, m, &buf); err != nil {
		return res, failed, err
	}
	res.Pages, res.Bytes, res.Missing = len(merged.Pages), int64(buf.Len()), merged.Missing
	if _, err := w.Write(buf.Bytes()); err != nil {
		return res, failed, fmt.Errorf("write pdf: %w", err)
	}
	return res, failed, nil
}

// qrCode is the QR code of an address, made once per address.
func (p *Printer) qrCode(addr string) [][]bool {
	if q, ok := p.qrs.Get(addr); ok {
		return q
	}
	q, err := qrcode.New(addr, qrcode.Medium)
	if err != nil {
		return nil
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	p.qrs.Add(addr, bm)
	return bm
}

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// meta is the PDF's document information, from the article only (never the
// clock).
func meta(art *article.Article) render.Meta {
	m := render.Meta{
		Title:       art.Headline,
		Author:      strings.Join(art.Authors, ", "),
		Authors:     art.Authors,
		ID:          art.ID,
		Description: art.Subheadline,
		Subject:     art.Subheadline,
		Lang:        art.Lang,
		Created:     art.Published,
		Modified:    art.Updated,
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
