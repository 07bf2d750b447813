package pdfpatch

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestParsePDFKeepsEveryByte takes fpdf's output, and the finished file,
// apart and puts them back together: the cross-reference table written
// anew must be the one in the file.
func TestParsePDFKeepsEveryByte(t *testing.T) {
	for _, archive := range []bool{false, true} {
		raw, _, _ := fpdfOutput(t, archive)
		for _, pdf := range [][]byte{raw, finished(t, archive)} {
			f, err := parsePDF(pdf)
			if err != nil {
				t.Fatalf("archive %v: %v", archive, err)
			}
			if got := f.bytes(); !bytes.Equal(got, pdf) {
				t.Errorf("archive %v: parse and write changes the file (%d → %d bytes)", archive, len(pdf), len(got))
			}
		}
	}
}

// TestArchivePassRebuildsXref edits objects so that lengths change and
// checks every offset of the new table.
func TestArchivePassRebuildsXref(t *testing.T) {
	pdf := finished(t, true)
	f, err := parsePDF(pdf) // parsePDF checks that each entry points at "n 0 obj"
	if err != nil {
		t.Fatal(err)
	}
	if len(f.objects) < 10 {
		t.Fatalf("only %d objects", len(f.objects))
	}
	// The pass added "/F 4 " to links and an output intent: objects moved.
	if plain := finished(t, false); len(pdf) <= len(plain) {
		t.Fatal("archive output is not longer than plain output")
	}
	startxref := string(pdf[bytes.LastIndex(pdf, []byte("startxref")):])
	var at int
	if _, err := fmt.Sscanf(startxref, "startxref\n%d\n%%%%EOF\n", &at); err != nil || !bytes.HasPrefix(pdf[at:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %q does not point at the table", startxref)
	}
	if !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Error("file does not end with the end-of-file marker and one line end")
	}
	qpdfCheck(t, pdf)
}

func TestParsePDFRefuses(t *testing.T) {
	good := finished(t, false)
	xref := bytes.LastIndex(good, []byte("\nxref\n")) + 1
	first := regexp.MustCompile(`\n(\d{10}) 00000 n`).FindSubmatch(good[xref:])[1]
	next, _ := strconv.Atoi(string(first))
	tests := []struct {
		name string
		pdf  []byte
	}{
		{"empty", nil},
		{"no startxref", bytes.ReplaceAll(good, []byte("startxref"), []byte("startxrex"))},
		{"truncated", good[:len(good)/2]},
		{"startxref off", bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", xref)), []byte(fmt.Sprintf("startxref\n%d", xref-1)), 1)},
		{"offset off", bytes.Replace(good, append(first, " 00000 n"...), fmt.Appendf(nil, "%010d 00000 n", next+1), 1)},
		{"shifted object", bytes.Replace(good, []byte("3 0 obj"), []byte(" 3 0 obj"), 1)},
		{"generation", bytes.Replace(good, []byte(" 00000 n \n"), []byte(" 00001 n \n"), 1)},
		{"object stream", append(bytes.Clone(good[:xref]), []byte("1 0 obj\n<</Type /XRef>>\nstream\n\nendstream\nendobj\nstartxref\n"+fmt.Sprint(xref)+"\n%%EOF\n")...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.pdf) > 0 && bytes.Equal(tt.pdf, good) {
				t.Fatal("the spoiling changed nothing")
			}
			if _, err := parsePDF(tt.pdf); err == nil {
				t.Error("parsed")
			}
		})
	}
	if _, err := Finish(good, nil, &Archive{}); err == nil {
		t.Error("archive pass accepted a file without metadata")
	}
	for _, tt := range tests[1:] {
		if _, err := Finish(tt.pdf, nil, nil); err == nil && bytes.Contains(tt.pdf, []byte("/Outlines")) {
			t.Errorf("Finish accepted %s", tt.name)
		}
	}
}

func TestPrintableLinks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<</Type /Page /Annots [<</Subtype /Link /Rect [0 0 1 1]>>]>>", "<</Type /Page /Annots [<</F 4 /Subtype /Link /Rect [0 0 1 1]>>]>>"},
		{"<</Annots [<</Subtype /Link>><</Subtype/Link>>]>>", "<</Annots [<</F 4 /Subtype /Link>><</F 4 /Subtype/Link>>]>>"},
		{"<</Subtype /Link /F 2>>", "<</Subtype /Link /F 2>>"},
		{"<</Subtype /Text>>", "<</Subtype /Text>>"},
		{"<</Title (/Subtype /Link) /A <</S /URI /URI (x\\) >>)>>>>", "<</Title (/Subtype /Link) /A <</S /URI /URI (x\\) >>)>>>>"},
		{"<</Subtype /LinkX>>", "<</Subtype /LinkX>>"},
		{"<</Annots [<</Subtype /Link /A <</S /URI /URI (a(b)c)>>>> 5 0 R]>>", "<</Annots [<</F 4 /Subtype /Link /A <</S /URI /URI (a(b)c)>>>> 5 0 R]>>"},
	}
	for _, tt := range tests {
		got, err := printableLinks([]byte(tt.in))
		if err != nil || string(got) != tt.want {
			t.Errorf("printableLinks(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := printableLinks([]byte("<</Subtype /Link (unterminated>>")); err == nil {
		t.Error("no error on a broken dictionary")
	}
}

func TestWithoutPageGroup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<</Type /Page\n/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>\n/Contents 4 0 R>>", "<</Type /Page\n/Contents 4 0 R>>"},
		{"<</Type /Pages /Group <</S /Transparency>>>>", "<</Type /Pages /Group <</S /Transparency>>>>"},
		{"<</Type /XObject /Subtype /Form /Group <</S /Transparency>>>>", "<</Type /XObject /Subtype /Form /Group <</S /Transparency>>>>"},
		{"<</Type /Page /Group <</S /Other>>>>", "<</Type /Page /Group <</S /Other>>>>"},
		{"<</Type /Page /Title (/Group)>>", "<</Type /Page /Title (/Group)>>"},
	}
	for _, tt := range tests {
		got, err := withoutPageGroup([]byte(tt.in))
		if err != nil || string(got) != tt.want {
			t.Errorf("withoutPageGroup(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestZonedDates(t *testing.T) {
	c := time.Date(2025, 11, 19, 14, 5, 0, 0, time.UTC)
	m := c.Add(time.Hour)
	tests := []struct {
		name, in, want string
		fails          bool
	}{
		{"both", "<<\n/Title (a\\)b)\n/CreationDate (D:20251119140500)\n/ModDate (D:20251119150500)\n>>",
			"<<\n/Title (a\\)b)\n/CreationDate (D:20251119140500Z)\n/ModDate (D:20251119150500Z)\n>>", false},
		{"other date", "<</CreationDate (D:20251119140501) /ModDate (D:20251119150500)>>", "", true},
		{"missing", "<</CreationDate (D:20251119140500)>>", "", true},
		{"zoned already", "<</CreationDate (D:20251119140500Z) /ModDate (D:20251119150500)>>", "", true},
	}
	for _, tt := range tests {
		got, err := zonedDates([]byte(tt.in), c, m)
		if tt.fails {
			if err == nil {
				t.Errorf("%s: no error", tt.name)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestArchivalHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"%PDF-1.3\n%\xc2\xb5\xc2\xb6\n", "%PDF-1.4\n%\xc2\xb5\xc2\xb6\n"},
		{"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"},
		{"%PDF-1.4\n", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"},
		{"%PDF-1.3\r\n%abc\r\n", "%PDF-1.4\r\n%\xe2\xe3\xcf\xd3\n%abc\r\n"},
		{"%PDF-1.5\n%\xb5\xb6\n", "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n%\xb5\xb6\n"},
	}
	for _, tt := range tests {
		if got := string(archivalHeader([]byte(tt.in))); got != tt.want {
			t.Errorf("archivalHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWalkValue(t *testing.T) {
	tests := []struct {
		in   string
		end  int // -1: error
		keys string
	}{
		{"<</A 1 /B (x) /C <0a> /D [1 2 R] /E 5 0 R /F <</G /H>>>>", 56, "/G;/A,/B,/C,/D,/E,/F"},
		{"<</A (nested (paren) \\( ok)>> rest", 29, "/A"},
		{"<< % comment >>\n/A 1 >>", 23, "/A"},
		{"[1 0 R (a) /N]", 14, ""},
		{"<</A 1", -1, ""},
		{"<<1 2>>", -1, ""},
		{"(never closed", -1, ""},
		{"<abc", -1, ""},
		{">>", -1, ""},
	}
	for _, tt := range tests {
		var dicts []string
		end, err := walkValue([]byte(tt.in), 0, func(_ int, es []dictEntry) {
			var ks []string
			for _, e := range es {
				ks = append(ks, e.key)
			}
			dicts = append(dicts, strings.Join(ks, ","))
		})
		if tt.end < 0 {
			if err == nil || !errors.Is(err, errSyntax) {
				t.Errorf("walkValue(%q): err %v, want a syntax error", tt.in, err)
			}
			continue
		}
		if err != nil || end != tt.end || strings.Join(dicts, ";") != tt.keys {
			t.Errorf("walkValue(%q) = %d %q %v; want %d %q", tt.in, end, dicts, err, tt.end, tt.keys)
		}
	}
}

func TestRefNumber(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		isOK bool
	}{
		{"12 0 R", 12, true},
		{" 3\n0 R ", 3, true},
		{"12 1 R", 0, false},
		{"12 0", 0, false},
		{"/Name", 0, false},
		{"99999999999 0 R", 0, false},
	}
	for _, tt := range tests {
		if n, ok := refNumber([]byte(tt.in)); n != tt.n || ok != tt.isOK {
			t.Errorf("refNumber(%q) = %d, %v", tt.in, n, ok)
		}
	}
}

func TestReplaceOnce(t *testing.T) {
	if got, err := replaceOnce([]byte("a<X>b"), "<X>", "<Y>"); err != nil || string(got) != "a<Y>b" {
		t.Errorf("replaceOnce = %q, %v", got, err)
	}
	for _, in := range []string{"ab", "<X><X>"} {
		if _, err := replaceOnce([]byte(in), "<X>", "<Y>"); err == nil {
			t.Errorf("replaceOnce(%q): no error", in)
		}
	}
	if _, err := replaceOnce([]byte("<X>"), "<X>", "<YY>"); err == nil {
		t.Error("replaceOnce accepted a longer replacement")
	}
}

func TestLiteralBytes(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"(plain)", "plain", true},
		{`(a\(b\)c\\d)`, `a(b)c\d`, true},
		{`(\n\r\t\b\f)`, "\n\r\t\b\f", true},
		{`(\101\0621\7)`, "A21\a", true},
		{"(line\\\ncontinued)", "linecontinued", true},
		{"(cr\r\nlf)", "cr\nlf", true},
		{"(\xe2\x80\x98q\xe2\x80\x99)", "\xe2\x80\x98q\xe2\x80\x99", true},
		{`(trailing\)`, "", false},
		{"<41>", "", false},
	}
	for _, tt := range tests {
		got, ok := literalBytes([]byte(tt.in))
		if ok != tt.ok || (ok && string(got) != tt.want) {
			t.Errorf("literalBytes(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestUnicodeTitles(t *testing.T) {
	obj := func(n int, value string) string { return fmt.Sprintf("%d 0 obj\n%s\nendobj\n", n, value) }
	build := func(objs ...string) []byte {
		var b bytes.Buffer
		b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
		var offs []int
		for _, o := range objs {
			offs = append(offs, b.Len())
			b.WriteString(o)
		}
		x := b.Len()
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
		for _, o := range offs {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
		fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root 1 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
		return b.Bytes()
	}
	in := build(
		obj(1, "<</Type /Catalog /Outlines 2 0 R /Title (‘not’ an item)>>"),
		obj(2, "<</Type /Outlines /First 3 0 R /Last 5 0 R>>"),
		obj(3, "<</Title (‘quoted’ \\(x\\))\n/Parent 2 0 R /Next 4 0 R>>"),
		obj(4, "<</Title (ASCII only)\n/Parent 2 0 R /Next 5 0 R>>"),
		obj(5, "<</Title (\xfe\xff\x00A)\n/Parent 2 0 R>>"),
	)
	out, err := Finish(in, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parsePDF(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		1: "<</Type /Catalog /Outlines 2 0 R /Title (‘not’ an item)>>",
		3: "<</Title <FEFF2018" + "00710075006F00740065006420190020002800780029" + ">\n/Parent 2 0 R /Next 4 0 R>>",
		4: "<</Title (ASCII only)\n/Parent 2 0 R /Next 5 0 R>>",
		5: "<</Title (\xfe\xff\x00A)\n/Parent 2 0 R>>",
	}
	for n, w := range want {
		if got := string(f.byNum[n].value); !strings.EqualFold(got, w) {
			t.Errorf("object %d: %q, want %q", n, got, w)
		}
	}
	// Nothing to do: the same bytes come back.
	plain := build(obj(1, "<</Type /Catalog /Outlines 2 0 R>>"), obj(2, "<</Title (ASCII) /Parent 1 0 R>>"))
	if got, err := Finish(plain, nil, nil); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("Finish changed a file that needed nothing (%v)", err)
	}
}
