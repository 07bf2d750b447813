package pdfpatch

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

var testCreated = time.Date(2025, 11, 19, 14, 5, 0, 0, time.UTC)

// fpdfOutput is a file as the renderer hands it to Finish: fpdf's output,
// uncompressed, of two pages with text, a link, bookmarks and a photo
// behind a placeholder, and, for an archive, XMP metadata holding the id
// placeholders. It returns the streams and the archive pass (nil unless
// archive) to finish it with.
func fpdfOutput(t testing.TB, archive bool) ([]byte, *Streams, *Archive) {
	t.Helper()
	photo, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "seed-photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	pdf.SetTitle("A title", true)
	pdf.SetProducer("printd", true)
	pdf.SetCreationDate(testCreated)
	pdf.SetModificationDate(testCreated.Add(time.Hour))
	var pass *Archive
	if archive {
		pass = &Archive{Created: testCreated, Modified: testCreated.Add(time.Hour)}
		pdf.SetXmpMetadata([]byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
			`<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><xmpMM:DocumentID>` + DocumentMark + `</xmpMM:DocumentID><xmpMM:InstanceID>` + InstanceMark + `</xmpMM:InstanceID></rdf:Description>` +
			`</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`))
	}
	var streams Streams
	for page := range 2 {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 11)
		pdf.Bookmark("Section ‘quoted’", 0, 0)
		pdf.Text(40, 60, "Page text")
		pdf.LinkString(40, 50, 60, 12, "https://example.org/")
		if page == 0 {
			ph, ok := streams.JPEG(photo)
			if !ok {
				t.Fatal("no placeholder for the seed photo")
			}
			opts := fpdf.ImageOptions{ImageType: "JPG"}
			pdf.RegisterImageOptionsReader("photo", opts, bytes.NewReader(ph))
			pdf.ImageOptions("photo", 40, 100, 240, 160, false, opts, 0, "")
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), &streams, pass
}

// finished is fpdfOutput passed through Finish.
func finished(t testing.TB, archive bool) []byte {
	t.Helper()
	out, err := Finish(fpdfOutput(t, archive))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// qpdfCheck runs qpdf --check, which must find nothing wrong.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatal("qpdf not found")
		}
		t.Skip("qpdf not found")
	}
	f := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf, "--check", f).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}
