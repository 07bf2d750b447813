package render

import (
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"printd/render/internal/pdfpatch"
)

// producer is the Info Producer and the XMP pdf:Producer.
const producer = "printd"

// defaultCreator is the Info Creator and xmp:CreatorTool when Meta names
// none.
const defaultCreator = "printd"

// normalized returns m with every text cleaned to what both the PDF text
// strings and XML can carry (see metaText), and a language tag that is not
// well formed dropped.
func (m Meta) normalized() Meta {
	for _, s := range []*string{&m.Title, &m.Author, &m.Subject, &m.Keywords, &m.Creator, &m.Description, &m.ID} {
		*s = metaText(*s)
	}
	if len(m.Authors) > 0 {
		authors := make([]string, 0, len(m.Authors))
		for _, a := range m.Authors {
			if a = metaText(a); a != "" {
				authors = append(authors, a)
			}
		}
		m.Authors = authors
	}
	if !wellFormedLang(m.Lang) {
		m.Lang = ""
	}
	return m
}

// archival returns the normalized m arranged so that its document
// information dictionary and its XMP metadata can say the same thing, as
// PDF/A requires:
//   - the dates are in UTC, the creation date defaulting to the Unix epoch
//     and the modification date to the creation date;
//   - the Subject is the Description when there is one;
//   - the Author is the only author, or empty when there are several
//     (PDF/A matches Info Author with a dc:creator of exactly one entry;
//     the XMP lists them all);
//   - the Creator defaults to printd.
func (m Meta) archival() Meta {
	m = m.normalized()
	if m.Created.IsZero() {
		m.Created = time.Unix(0, 0)
	}
	if m.Modified.IsZero() {
		m.Modified = m.Created
	}
	// Whole seconds: both date syntaxes stop there.
	m.Created = m.Created.UTC().Truncate(time.Second)
	m.Modified = m.Modified.UTC().Truncate(time.Second)
	if m.Description != "" {
		m.Subject = m.Description
	}
	creators := m.creators()
	m.Author = ""
	if len(creators) == 1 {
		m.Author = creators[0]
	}
	if m.Creator == "" {
		m.Creator = defaultCreator
	}
	return m
}

// creators lists the authors for dc:creator: Authors, or else Author.
func (m Meta) creators() []string {
	if len(m.Authors) > 0 {
		return m.Authors
	}
	if m.Author != "" {
		return []string{m.Author}
	}
	return nil
}

// setupArchive prepares pdf for PDF/A-2b output: it sets the XMP metadata
// (the archive pass adds the sRGB output intent). m must come from Meta.archival. The returned
// pass finishes the written file.
func setupArchive(pdf *fpdf.Fpdf, m Meta) *pdfpatch.Archive {
	pass := &pdfpatch.Archive{Created: m.Created, Modified: m.Modified}
	docID := pdfpatch.DocumentMark
	if m.ID != "" {
		id := articleUUID(m.ID)
		pass.DocumentID = &id
		docID = id.URN()
	}
	x := m.xmp()
	x.Archive = true
	x.Created, x.Modified = m.Created, m.Modified
	x.DocumentID, x.InstanceID = docID, pdfpatch.InstanceMark
	pdf.SetXmpMetadata(x.packet())
	return pass
}

// xmp is the XMP metadata every preset's file carries: title,
// description, authors, language, identifier, keywords and tools.
func (m Meta) xmp() xmpInfo {
	return xmpInfo{
		Title:       m.Title,
		Description: m.Subject,
		Creators:    m.creators(),
		Lang:        m.Lang,
		Identifier:  m.ID,
		Keywords:    m.Keywords,
		Producer:    producer,
		CreatorTool: m.Creator,
	}
}

// articleUUID is the document id of every rendition of one article.
func articleUUID(articleID string) pdfpatch.UUID {
	return pdfpatch.HashUUID("printd document\x00" + articleID)
}

// metaText cleans s for the document information: invalid UTF-8 becomes
// U+FFFD, characters outside the Basic Multilingual Plane (which the PDF
// writer cannot encode) are dropped, control characters become spaces,
// and surrounding space is trimmed.
func metaText(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || r < 0x20 || r == 0x7F || r == 0xFFFE || r == 0xFFFF {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r > 0xFFFF || r == 0xFFFE || r == 0xFFFF:
		case r < 0x20 || r == 0x7F:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// wellFormedLang reports whether tag has the shape of a BCP 47 language
// tag: letters, then hyphen-separated groups of up to eight letters or
// digits. The PDF writer puts it in the catalog unescaped.
func wellFormedLang(tag string) bool {
	if tag == "" {
		return false
	}
	for i, part := range strings.Split(tag, "-") {
		if len(part) == 0 || len(part) > 8 {
			return false
		}
		for _, c := range []byte(part) {
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			digit := c >= '0' && c <= '9'
			if !alpha && (i == 0 || !digit) {
				return false
			}
		}
	}
	return true
}

// setupAccessible gives pdf the XMP metadata of a PDF/UA-1 file: its
// title, language, authors, description and tools, and pdfuaid:part 1.
func setupAccessible(pdf *fpdf.Fpdf, m Meta) {
	x := m.xmp()
	x.UA = true
	if x.CreatorTool == "" {
		x.CreatorTool = defaultCreator
	}
	pdf.SetXmpMetadata(x.packet())
}
