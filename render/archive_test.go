package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"printd/article"
	"printd/layout"
	"printd/render/internal/pdfpatch"
)

// seedMeta is the document information of the seed article, as the
// service fills it in.
func seedMeta(t testing.TB) Meta {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return Meta{
		Title:       a.Headline,
		Author:      strings.Join(a.Authors, ", "),
		Authors:     a.Authors,
		Subject:     a.Subheadline,
		Description: a.Subheadline,
		Keywords:    a.Section + ", " + a.Rubric,
		Lang:        a.Lang,
		Created:     a.Published,
		Modified:    a.Updated,
		ID:          a.ID,
	}
}

// archiveDoc is the seed document with the seed photo placed on its first
// page, and the image source that serves it.
func archiveDoc(t testing.TB) (*layout.Document, Book, ImageSource) {
	t.Helper()
	doc, book := seedDoc(t)
	photo, err := os.ReadFile(filepath.Join("..", "testdata", "seed-photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	doc.Pages[0].Images = append(doc.Pages[0].Images, layout.Image{
		Rect: layout.Rect{X: 40, Y: 500, W: 240, H: 160}, Src: "seed-photo.jpg", PixelsW: 2400, PixelsH: 1600, Block: -1,
	})
	return doc, book, func(layout.Image) ([]byte, bool) { return photo, true }
}

func renderBytes(t testing.TB, doc *layout.Document, book Book, images ImageSource, meta Meta, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(context.Background(), doc, book, images, meta, opt, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestArchiveIsPDFA renders the seed article for the archive and checks
// the PDF/A-2b requirements on what qpdf reads back.
func TestArchiveIsPDFA(t *testing.T) {
	base := seedMeta(t)
	tests := []struct {
		name string
		meta func(m Meta) Meta
	}{
		{"seed article", func(m Meta) Meta { return m }},
		{"two authors, updated", func(m Meta) Meta {
			m.Authors = []string{"Anna Ivanova", "Boris O’Brien"}
			m.Author = "Anna Ivanova, Boris O’Brien"
			m.Description = `A summary with <markup> & "quotes"`
			m.Modified = m.Created.Add(90 * time.Minute)
			return m
		}},
		{"one author, no id, no language, local time", func(m Meta) Meta {
			m.Authors, m.Author = nil, "Anna Ivanova"
			m.ID, m.Lang, m.Description = "", "", ""
			m.Created = time.Date(2025, 11, 19, 17, 5, 0, 0, time.FixedZone("MSK", 3*3600))
			return m
		}},
		{"bare", func(Meta) Meta { return Meta{} }},
	}
	doc, book, images := archiveDoc(t) // Render only reads it
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			meta := tt.meta(base)
			pdf := renderBytes(t, doc, book, images, meta, Options{PDFA: true})
			qpdfCheck(t, pdf)
			v := readPDF(t, pdf)
			for _, p := range v.pdfaProblems() {
				t.Error(p)
			}
			var want []string
			for _, b := range doc.Bookmarks {
				want = append(want, b.Title)
			}
			if got := v.outlineTitles(); len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("outline titles %q, want %q", got, want)
			}

			// The checks had something to check.
			counts := map[string]int{}
			v.walk(func(_ string, d map[string]any) {
				switch {
				case d["/Type"] == "/Font" && d["/FontDescriptor"] != nil:
					counts["font"]++
				case d["/Subtype"] == "/Image" || d["/Subtype"] == "/Link":
					counts[d["/Subtype"].(string)]++
				}
			})
			if counts["font"] < 2 || counts["/Image"] != 1 || counts["/Link"] != 3 {
				t.Errorf("found %v, want fonts, the photo and the footer's three links", counts)
			}

			// What the XMP says is what was asked for.
			root := v.dict(v.trailer["/Root"])
			data, _ := v.stream(root["/Metadata"])
			x, err := parseXMP(data)
			if err != nil {
				t.Fatal(err)
			}
			n := meta.normalized()
			if got := x.alt(nsDC, "title")["x-default"]; got != n.Title {
				t.Errorf("dc:title %q, want %q", got, n.Title)
			}
			if n.Lang != "" && x.alt(nsDC, "title")[n.Lang] != n.Title {
				t.Errorf("dc:title has no %s entry: %v", n.Lang, x.alt(nsDC, "title"))
			}
			if got, want := x.list(nsDC, "creator"), n.creators(); !slices.Equal(got, want) {
				t.Errorf("dc:creator %q, want %q", got, want)
			}
			if got := x.simple(nsDC, "identifier"); got != n.ID {
				t.Errorf("dc:identifier %q, want %q", got, n.ID)
			}
			created := n.Created
			if created.IsZero() {
				created = time.Unix(0, 0)
			}
			if got, err := time.Parse(time.RFC3339, x.simple(nsXMP, "CreateDate")); err != nil || !got.Equal(created) {
				t.Errorf("xmp:CreateDate %q, want %v", x.simple(nsXMP, "CreateDate"), created)
			}
			// The trailer /ID is the XMP's two ids.
			id := v.array(v.trailer["/ID"])
			for i, p := range []string{"DocumentID", "InstanceID"} {
				s, _ := text(id[i])
				if want := strings.ReplaceAll(strings.TrimPrefix(x.simple(nsXMPMM, p), "uuid:"), "-", ""); len(id) != 2 || hexOf(s) != want {
					t.Errorf("trailer /ID[%d] %x, xmpMM:%s %s", i, s, p, want)
				}
			}
		})
	}
}

func hexOf(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteByte(digits[c>>4])
		b.WriteByte(digits[c&15])
	}
	return b.String()
}

var instanceIDPattern = regexp.MustCompile(`<xmpMM:InstanceID>([^<]*)<`)
var documentIDPattern = regexp.MustCompile(`<xmpMM:DocumentID>([^<]*)<`)

// TestArchiveIsDeterministic renders the same input twice and expects the
// same bytes; ids follow the article and the content, not the clock.
func TestArchiveIsDeterministic(t *testing.T) {
	doc, book, images := archiveDoc(t)
	meta := seedMeta(t)
	a := renderBytes(t, doc, book, images, meta, Options{PDFA: true})
	b := renderBytes(t, doc, book, images, meta, Options{PDFA: true})
	if sha256.Sum256(a) != sha256.Sum256(b) {
		t.Fatal("the same archive render twice gives different bytes")
	}

	later := meta
	later.Modified = meta.Created.Add(time.Hour)
	c := renderBytes(t, doc, book, images, later, Options{PDFA: true})
	ids := func(pdf []byte) (doc, inst string) {
		return string(documentIDPattern.FindSubmatch(pdf)[1]), string(instanceIDPattern.FindSubmatch(pdf)[1])
	}
	docA, instA := ids(a)
	docC, instC := ids(c)
	if docA != docC {
		t.Errorf("document id changed with the modification date: %s, %s", docA, docC)
	}
	if instA == instC {
		t.Errorf("instance id %s did not change with the content", instA)
	}
	if want := articleUUID(meta.ID).URN(); docA != want {
		t.Errorf("document id %s, want %s (from the article id)", docA, want)
	}

	noID := meta
	noID.ID = ""
	d := renderBytes(t, doc, book, images, noID, Options{PDFA: true})
	if docD, instD := ids(d); docD != instD || docD == docA {
		t.Errorf("without an article id: document id %s, instance id %s", docD, instD)
	}
}

// TestPlainOutputIsNotArchival checks that the archive parts appear only
// when asked for, and that the checker does see what they fix.
func TestPlainOutputIsNotArchival(t *testing.T) {
	doc, book, images := archiveDoc(t)
	pdf := renderBytes(t, doc, book, images, seedMeta(t), Options{})
	for _, s := range []string{"/OutputIntents", "/ID [", "/F 4", "pdfaid:"} {
		if bytes.Contains(pdf, []byte(s)) {
			t.Errorf("plain output contains %q", s)
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n")) { // tagged: PDF/UA-1 is PDF 1.7
		t.Errorf("plain output header %q", pdf[:9])
	}
	qpdfCheck(t, pdf)
	v := readPDF(t, pdf)
	problems := strings.Join(v.pdfaProblems(), "\n")
	for _, want := range []string{"trailer: /ID", "metadata: pdfaid:part", "output intent: none", "flags /F"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the checker does not report %q on plain output; it reports:\n%s", want, problems)
		}
	}
	if got := v.outlineTitles(); len(got) != 1 || got[0] != doc.Bookmarks[0].Title {
		t.Errorf("plain output outline titles %q, want %q", got, doc.Bookmarks[0].Title)
	}
}

// TestArchiveCheckerCatches feeds the checker archive output spoiled in
// ways the checks exist for.
func TestArchiveCheckerCatches(t *testing.T) {
	doc, book, images := archiveDoc(t)
	good := renderBytes(t, doc, book, images, seedMeta(t), Options{PDFA: true})
	tests := []struct {
		name, old, new, want string
	}{
		{"part", "<pdfaid:part>2<", "<pdfaid:part>1<", "pdfaid:part"},
		{"date", "<xmp:CreateDate>2025-11-19T14:05:00Z<", "<xmp:CreateDate>2025-11-19T14:05:01Z<", "/CreationDate"},
		{"link flag", "/F 4 /Type /Annot", "/F 6 /Type /Annot", "flags /F"},
		{"binary comment", "%PDF-1.7\n%\xc2\xb5\xc2\xb6\n", "%PDF-1.7\n%abcd\n", "header"},
		{"javascript", "/S /URI", "/S /JavaScript /JS (x)", "/JS"},
		{"font not embedded", "/FontFile2", "/FontFileX", "not embedded"},
		{"cmyk image", "/ColorSpace /DeviceRGB", "/ColorSpace /DeviceCMYK", "DeviceCMYK"},
		{"transparency group", "/Contents ", "/Group <</S /Transparency>> /Contents ", "transparency group"},
		{"constant alpha", "/Contents ", "/CA 0.5 /Contents ", "/CA 0.5"},
		{"profile components", "<< /N 3 /Alternate", "<< /N 4 /Alternate", "profile /N"},
		{"symbolic font", "/Flags 32 ", "/Flags 4 ", "symbolic TrueType font with an /Encoding"},
		{"info author", "/Keywords (", "/Author (Someone) /Keywords (", "/Author"},
		{"metadata filter", "/Subtype /XML", "/Subtype /XML /Filter /Foo", "filtered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !bytes.Contains(good, []byte(tt.old)) {
				t.Fatalf("archive output lacks %q", tt.old)
			}
			bad, err := spoil(good, tt.old, tt.new)
			if err != nil {
				t.Fatal(err)
			}
			problems := strings.Join(checkPDFA(t, bad), "\n")
			if !strings.Contains(problems, tt.want) {
				t.Errorf("no problem mentioning %q; got:\n%s", tt.want, problems)
			}
		})
	}
}

// spoil replaces old by new in the first object (or header) holding it
// and rebuilds the cross-reference table.
func spoil(pdf []byte, old, new string) ([]byte, error) {
	return pdfpatch.Replace(pdf, old, new)
}
