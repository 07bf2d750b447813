package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"printd/layout"
	"printd/render/internal/pdfpatch"
)

// Meta is the document information written into the PDF.
type Meta struct {
	Title, Author, Subject, Keywords, Lang string
	Creator                                string
	Created, Modified                      time.Time // zero: the Unix epoch, never the clock

	// For PDF/A output (see Options.PDFA and Meta.archival):
	Description string   // a summary; dc:description, and the Info Subject when set
	Authors     []string // the authors one by one (dc:creator); Author is their display form
	ID          string   // the article's id: dc:identifier and the seed of the XMP document id
}

// Options are the renderer's switches.
type Options struct {
	Grayscale bool // draw every colour as its luminance
	// PDFA makes the output PDF/A-2b: XMP metadata, an sRGB output intent,
	// printable links, a trailer /ID (see pdfpatch.Archive).
	PDFA bool
}

// ImageSource returns the prepared (JPEG) bytes of a placed image, or false
// when it is unavailable, in which case the image is skipped.
type ImageSource func(im layout.Image) ([]byte, bool)

// ErrRender wraps failures of the PDF writer.
var ErrRender = errors.New("render")

// Render draws doc and writes the finished PDF to w. Nothing is written
// unless the whole document succeeded. ctx is checked between pages. An
// empty *bytes.Buffer as w takes the file over without a copy.
func Render(ctx context.Context, doc *layout.Document, book Book, images ImageSource, meta Meta, opt Options, w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: pdf writer panicked: %v", ErrRender, r)
		}
	}()
	if len(doc.Pages) == 0 {
		return fmt.Errorf("%w: no pages", ErrRender)
	}
	first := doc.Pages[0]
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: first.Width, Ht: first.Height}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(false) // finishPDF compresses the page contents
	pdf.SetCatalogSort(true)
	if meta.Lang == "" {
		meta.Lang = doc.Lang
	}
	if opt.PDFA {
		meta = meta.archival()
	} else {
		meta = meta.normalized()
	}
	writeMeta(pdf, meta)
	var archive *pdfpatch.Archive
	if opt.PDFA {
		archive = setupArchive(pdf, meta)
	} else if len(doc.Tags) > 0 {
		setupAccessible(pdf, meta)
	}

	r := &drawer{pdf: pdf, book: book, images: images, opt: opt, fonts: map[layout.FontKey]bool{}, imgs: map[string]bool{}}
	if len(doc.Tags) > 0 {
		r.tag = newTagger(doc.Tags, pdf.RawWriteStr)
	}
	marks := bookmarksByPage(doc)
	for i := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := &doc.Pages[i]
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
		r.pageH = p.Height
		r.pageBoxes(p)
		r.boxes(p)
		for _, b := range marks[i] {
			pdf.Bookmark(b.Title, b.Level, b.Y)
		}
		r.page(p)
		r.tag.endPage()
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("%w: page %d: %v", ErrRender, i+1, err)
		}
	}
	var raw sliceWriter
	if err := pdf.Output(&raw); err != nil {
		return fmt.Errorf("%w: %v", ErrRender, err)
	}
	cids, err := r.cids.finish()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrRender, err)
	}
	add := &pdfpatch.Additions{Fonts: cids, RightToLeft: doc.RTL, DisplayDocTitle: meta.Title != ""}
	if r.tag != nil {
		add.Structure = r.tag.structure(linkURLs(doc))
	}
	out, err := pdfpatch.FinishWith(raw.b, &r.subs, archive, add)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrRender, err)
	}
	if b, ok := w.(*bytes.Buffer); ok && b.Len() == 0 {
		*b = *bytes.NewBuffer(out) // the caller's empty buffer takes the file without a copy
		return nil
	}
	_, err = w.Write(out)
	return err
}

func writeMeta(pdf *fpdf.Fpdf, m Meta) {
	if m.Title != "" {
		pdf.SetTitle(m.Title, true)
	}
	if m.Author != "" {
		pdf.SetAuthor(m.Author, true)
	}
	if m.Subject != "" {
		pdf.SetSubject(m.Subject, true)
	}
	if m.Keywords != "" {
		pdf.SetKeywords(m.Keywords, true)
	}
	if m.Lang != "" {
		pdf.SetLang(m.Lang)
	}
	creator := m.Creator
	if creator == "" {
		creator = defaultCreator
	}
	pdf.SetCreator(creator, true)
	pdf.SetProducer(producer, true)
	created := m.Created
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	modified := m.Modified
	if modified.IsZero() {
		modified = created
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(modified)
}

func bookmarksByPage(doc *layout.Document) map[int][]layout.Bookmark {
	m := map[int][]layout.Bookmark{}
	for _, b := range doc.Bookmarks {
		m[b.Page] = append(m[b.Page], b)
	}
	return m
}

// drawer holds the per-document drawing state.
type drawer struct {
	pdf    *fpdf.Fpdf
	book   Book
	images ImageSource
	opt    Options
	fonts  map[layout.FontKey]bool // page fonts registered, by fpdf family and style
	imgs   map[string]bool
	subs   pdfpatch.Streams // the real font programs and photos behind fpdf's placeholders
	tag    *tagger          // marked content and structure (tags.go); nil: untagged
	text   docFonts         // the faces the text is set in and their pages (fonts.go)
	cids   cidFonts         // the Type0 fonts of shaped text (cidfont.go)
	span   bool             // an /ActualText span is open: drawing opens none (extract.go)
	pageH  float64          // the current page's height
	cur    struct {
		font  layout.FontKey
		size  float64
		color layout.Color
		set   bool
	}
}

var styleStr = [4]string{"", "B", "I", "BI"}

// useFont selects page i of face ff at size, registering the page's font
// with the PDF writer on its first use in the document.
func (d *drawer) useFont(ff *faceFonts, i int, size float64) {
	k := ff.key(i)
	if d.cur.set && d.cur.font == k && d.cur.size == size {
		return
	}
	if !d.fonts[k] {
		pf, err := ff.pages.Page(i).Font()
		if err != nil {
			d.pdf.SetError(err)
			return
		}
		d.pdf.AddFontFromBytes(k.Family, styleStr[k.Style&3], pf.Def, d.subs.Marker(pf.Program))
		d.fonts[k] = true
	}
	d.pdf.SetFont(k.Family, styleStr[k.Style&3], size)
	d.cur.font, d.cur.size, d.cur.set = k, size, true
}

func (d *drawer) color(c layout.Color) (int, int, int) {
	if d.opt.Grayscale {
		y := int(0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) + 0.5)
		return y, y, y
	}
	return int(c.R), int(c.G), int(c.B)
}

func (d *drawer) page(p *layout.Page) {
	pdf := d.pdf
	for _, im := range p.Images {
		d.image(im)
	}
	for _, r := range p.Rules {
		d.tag.to(ruleArtifact(p, r))
		pdf.SetDrawColor(d.color(r.Color))
		pdf.SetLineWidth(r.Thickness)
		pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
	}
	lastColor := layout.Color{}
	colorSet := false
	d.planFonts(p.Texts)
	spanEnd, endSpan := -1, ""
	for k, t := range p.Texts {
		if k > spanEnd && endSpan != "" {
			pdf.RawWriteStr(endSpan)
			endSpan, d.span = "", false
		}
		if t.Text == "" {
			continue
		}
		tag := d.tag.textTag(&t)
		if !d.span {
			d.tag.to(tag)
			if end := joinedWords(p.Texts, k); end > k {
				endSpan, spanEnd = d.beginJoined(p.Texts[k:end+1]), end
			}
		}
		d.tag.words(tag, t.Text, t.Space)
		if t.Glyphs != nil {
			if sf := d.book.shapedFace(t.Font); sf != nil {
				d.drawShapedTagged(sf, t)
			} else {
				pdf.SetError(fmt.Errorf("font %s unavailable", t.Font.Family))
			}
			continue
		}
		ff := d.text.faceFor(d.book, t.Font)
		if ff == nil {
			pdf.SetError(fmt.Errorf("font %s/%d unavailable", t.Font.Family, t.Font.Style))
			continue
		}
		if !colorSet || t.Color != lastColor {
			// The fill colour is the text's too: fpdf then draws the
			// text as it is, without saving the graphics state around
			// each run to set its colour.
			pdf.SetTextColor(d.color(t.Color))
			pdf.SetFillColor(d.color(t.Color))
			lastColor, colorSet = t.Color, true
		}
		if !d.mirroredText(ff, t, tag) {
			d.drawTagged(ff, t, tag)
		}
		if k == spanEnd && endSpan != "" {
			// the word space after a joined span, drawn after it
			pdf.RawWriteStr(endSpan)
			endSpan, d.span = "", false
			if d.tag != nil && t.Space && !strings.HasSuffix(t.Text, " ") {
				d.tag.to(tag)
				sp := t
				sp.Text, sp.X, sp.Tracking, sp.Space = " ", t.X+t.Width, 0, false
				d.drawText(ff, sp, false)
			}
		}
	}
	if endSpan != "" {
		pdf.RawWriteStr(endSpan)
		d.span = false
	}
	d.tag.to(artNone)
	for _, l := range p.Links {
		pdf.LinkString(l.X, l.Y, l.W, l.H, l.URL)
		d.tag.link(l.Tag)
	}
}

// safeText drops characters outside the Basic Multilingual Plane, which the
// PDF writer cannot encode; layout never hands it any, this is the last
// line of defence.
func safeText(s string) string {
	for _, r := range s {
		if r > 0xFFFF {
			out := make([]rune, 0, len(s))
			for _, r := range s {
				if r <= 0xFFFF {
					out = append(out, r)
				}
			}
			return string(out)
		}
	}
	return s
}

func (d *drawer) image(im layout.Image) {
	if d.images == nil {
		return
	}
	data, ok := d.images(im)
	if !ok {
		return
	}
	if d.tag != nil {
		if im.Tag > 0 && int(im.Tag) < len(d.tag.tags) {
			d.tag.to(int32(im.Tag))
		} else {
			d.tag.to(artLayout)
		}
	}
	name := im.Src + "@" + strconv.Itoa(im.PixelsW) + "x" + strconv.Itoa(im.PixelsH)
	opts := fpdf.ImageOptions{ImageType: "JPG"}
	if !d.imgs[name] {
		if p, ok := d.subs.JPEG(data); ok {
			data = p
		}
		d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(data))
		d.imgs[name] = true
	}
	full := im.Full
	if full.W == 0 {
		full = im.Rect
	}
	cropped := full != im.Rect
	if cropped {
		d.pdf.ClipRect(im.X, im.Y, im.W, im.H, false)
	}
	d.pdf.ImageOptions(name, full.X, full.Y, full.W, full.H, false, opts, 0, "")
	if cropped {
		d.pdf.ClipEnd()
	}
}

// sliceWriter keeps the one slice fpdf's Output writes (its whole buffer,
// in a single Write) instead of copying it. The PDF writer is not used
// again afterwards, so nothing else refers to those bytes.
type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) {
	if w.b == nil {
		w.b = p
	} else {
		w.b = append(w.b, p...)
	}
	return len(p), nil
}
