package render

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"printd/render/internal/pdfpatch"
)

// A PDF/A-2b checker for the tests. No validator is at hand, so this one
// reads a PDF back through qpdf's JSON dump (an independent parser, which
// also decodes the streams) and tests the requirements of ISO 19005-2 that
// matter for what the renderer writes. It is not a full validator: see
// pdfaUnchecked.

// pdfaUnchecked lists the PDF/A-2b requirements checkPDFA does not verify.
var pdfaUnchecked = []string{
	"font programs: glyph widths match the Widths/W arrays, every shown glyph exists (no .notdef), the cmap maps what the encoding needs, the program is legally embeddable (fsType)",
	"Differences glyph names are in the Adobe Glyph List (only .notdef and empty names are refused)",
	"the ICC profile is valid beyond its header",
	"XMP property value types beyond the ones compared with Info, and extension schemas",
	"content streams: operators and operands other than CMYK colour operators, implementation limits",
	"JPEG image data validity",
}

// pdfView is a PDF as qpdf reports it.
type pdfView struct {
	raw      []byte
	objects  map[string]qpdfObject // by reference, "12 0 R"
	trailer  map[string]any
	outlines []qpdfOutline
}

type qpdfObject struct {
	Value  any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
		Data string         `json:"data"`
	} `json:"stream"`
}

type qpdfOutline struct {
	Title string        `json:"title"`
	Kids  []qpdfOutline `json:"kids"`
}

// readPDF dumps pdf with qpdf, streams decoded.
func readPDF(t *testing.T, pdf []byte) *pdfView {
	t.Helper()
	qpdf := tool(t, "qpdf")
	f := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf, "--json=2", "--json-stream-data=inline", "--decode-level=generalized", f).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var dump struct {
		Outlines []qpdfOutline                 `json:"outlines"`
		QPDF     [2]map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &dump); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	v := &pdfView{raw: pdf, objects: map[string]qpdfObject{}, outlines: dump.Outlines}
	for k, raw := range dump.QPDF[1] {
		var o qpdfObject
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatalf("qpdf json %s: %v", k, err)
		}
		if k == "trailer" {
			v.trailer, _ = o.Value.(map[string]any)
			continue
		}
		v.objects[strings.TrimPrefix(k, "obj:")] = o
	}
	if v.trailer == nil {
		t.Fatal("qpdf json: no trailer")
	}
	return v
}

// qpdfCheck runs qpdf --check, which must find nothing wrong.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	qpdf := tool(t, "qpdf")
	f := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf, "--check", f).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

var refPattern = regexp.MustCompile(`^\d+ \d+ R$`)

// get resolves an indirect reference; a stream resolves to its dictionary.
func (v *pdfView) get(x any) any {
	s, ok := x.(string)
	if !ok || !refPattern.MatchString(s) {
		return x
	}
	o, ok := v.objects[s]
	if !ok {
		return nil
	}
	if o.Stream != nil {
		return o.Stream.Dict
	}
	return o.Value
}

func (v *pdfView) dict(x any) map[string]any {
	d, _ := v.get(x).(map[string]any)
	return d
}

func (v *pdfView) array(x any) []any {
	a, _ := v.get(x).([]any)
	return a
}

// stream returns the decoded data of the stream x refers to.
func (v *pdfView) stream(x any) ([]byte, bool) {
	s, _ := x.(string)
	o, ok := v.objects[s]
	if !ok || o.Stream == nil {
		return nil, false
	}
	data, err := base64.StdEncoding.DecodeString(o.Stream.Data)
	return data, err == nil
}

// text is a qpdf string ("u:…" text, "b:…" hex bytes) as Go text.
func text(x any) (string, bool) {
	s, ok := x.(string)
	switch {
	case !ok:
		return "", false
	case strings.HasPrefix(s, "u:"):
		return s[2:], true
	case strings.HasPrefix(s, "b:"):
		b, err := hex.DecodeString(s[2:])
		return string(b), err == nil
	}
	return "", false
}

func number(x any) (float64, bool) {
	f, ok := x.(float64)
	return f, ok
}

// walk calls fn for every dictionary in every object, and in the trailer.
func (v *pdfView) walk(fn func(ref string, d map[string]any)) {
	var visit func(ref string, x any)
	visit = func(ref string, x any) {
		switch x := x.(type) {
		case map[string]any:
			fn(ref, x)
			for _, k := range slices.Sorted(mapKeys(x)) {
				visit(ref, x[k])
			}
		case []any:
			for _, e := range x {
				visit(ref, e)
			}
		}
	}
	for _, ref := range slices.Sorted(mapKeys(v.objects)) {
		o := v.objects[ref]
		if o.Stream != nil {
			visit(ref, o.Stream.Dict)
		} else {
			visit(ref, o.Value)
		}
	}
	visit("trailer", v.trailer)
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// checkPDFA returns every PDF/A-2b violation found in pdf, as far as
// these checks go.
func checkPDFA(t *testing.T, pdf []byte) []string {
	t.Helper()
	return readPDF(t, pdf).pdfaProblems()
}

// pdfaProblems returns every PDF/A-2b violation found, as far as these
// checks go.
func (v *pdfView) pdfaProblems() []string {
	pdf := v.raw
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }

	checkHeader(pdf, fail)
	checkTrailer(v, fail)
	root := v.dict(v.trailer["/Root"])
	if root == nil {
		fail("no catalog")
		return bad
	}
	checkMetadata(v, root, fail)
	checkOutputIntent(v, root, fail)
	checkObjects(v, fail)
	checkPages(v, fail)
	return bad
}

// 6.1.2: "%PDF-1.n", an EOL, then a comment of at least four bytes > 127.
func checkHeader(pdf []byte, fail func(string, ...any)) {
	m := regexp.MustCompile(`^%PDF-1\.[0-7](?:\r\n|\r|\n)%([^\r\n]*)(?:\r\n|\r|\n)`).FindSubmatch(pdf)
	if m == nil {
		fail("header: not %%PDF-1.n followed by a comment line")
		return
	}
	high := 0
	for _, c := range m[1] {
		if c > 127 {
			high++
		}
	}
	if high < 4 {
		fail("header: the comment after the version has %d bytes above 127, want 4", high)
	}
}

// 6.1.3: a trailer /ID, no encryption.
func checkTrailer(v *pdfView, fail func(string, ...any)) {
	id := v.array(v.trailer["/ID"])
	if len(id) != 2 {
		fail("trailer: /ID is %v, want two strings", v.trailer["/ID"])
	} else {
		for i, x := range id {
			if s, ok := text(x); !ok || len(s) == 0 {
				fail("trailer: /ID element %d is %v", i, x)
			}
		}
	}
	if _, ok := v.trailer["/Encrypt"]; ok {
		fail("trailer: /Encrypt")
	}
}

// 6.6: XMP metadata with the PDF/A identification, agreeing with the Info
// dictionary.
func checkMetadata(v *pdfView, root map[string]any, fail func(string, ...any)) {
	ref := root["/Metadata"]
	md := v.dict(ref)
	data, ok := v.stream(ref)
	if md == nil || !ok {
		fail("metadata: no /Metadata stream in the catalog")
		return
	}
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" {
		fail("metadata: stream is %v/%v, want /Metadata /XML", md["/Type"], md["/Subtype"])
	}
	if _, ok := md["/Filter"]; ok {
		fail("metadata: stream is filtered")
	}
	if pi := regexp.MustCompile(`<\?xpacket begin=[^?]*\?>`).Find(data); pi == nil {
		fail("metadata: no xpacket header")
	} else if bytes.Contains(pi, []byte("bytes=")) || bytes.Contains(pi, []byte("encoding=")) {
		fail("metadata: xpacket header has bytes or encoding: %s", pi)
	}
	x, err := parseXMP(data)
	if err != nil {
		fail("metadata: %v", err)
		return
	}
	if p := x.simple(nsPDFAID, "part"); p != "2" {
		fail("metadata: pdfaid:part is %q, want 2", p)
	}
	if c := x.simple(nsPDFAID, "conformance"); c != "B" {
		fail("metadata: pdfaid:conformance is %q, want B", c)
	}
	for _, p := range []string{"DocumentID", "InstanceID"} {
		if id := x.simple(nsXMPMM, p); !regexp.MustCompile(`^uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(id) {
			fail("metadata: xmpMM:%s is %q", p, id)
		}
	}

	info := v.dict(v.trailer["/Info"])
	if info == nil {
		return // PDF/A does not require an Info dictionary
	}
	same := func(key, xmpName, xmpValue string, present bool) {
		iv, ok := info[key]
		if !ok {
			return
		}
		s, _ := text(iv)
		if !present || s != xmpValue {
			fail("metadata: Info %s %q, XMP %s %q", key, s, xmpName, xmpValue)
		}
	}
	title, hasTitle := x.alt(nsDC, "title")["x-default"]
	same("/Title", "dc:title", title, hasTitle)
	desc, hasDesc := x.alt(nsDC, "description")["x-default"]
	same("/Subject", "dc:description", desc, hasDesc)
	creators := x.list(nsDC, "creator")
	if a, ok := info["/Author"]; ok {
		s, _ := text(a)
		if len(creators) != 1 || creators[0] != s {
			fail("metadata: Info /Author %q, dc:creator %q (want exactly that one entry)", s, creators)
		}
	}
	for _, p := range []struct{ key, ns, name string }{
		{"/Keywords", nsPDF, "Keywords"},
		{"/Producer", nsPDF, "Producer"},
		{"/Creator", nsXMP, "CreatorTool"},
	} {
		_, has := x.props[p.ns+p.name]
		same(p.key, p.name, x.simple(p.ns, p.name), has)
	}
	for _, d := range []struct{ key, name string }{{"/CreationDate", "CreateDate"}, {"/ModDate", "ModifyDate"}} {
		iv, ok := info[d.key]
		if !ok {
			continue
		}
		s, _ := text(iv)
		it, err := parsePDFDate(s)
		if err != nil {
			fail("metadata: Info %s: %v", d.key, err)
			continue
		}
		xs := x.simple(nsXMP, d.name)
		xt, err := time.Parse(time.RFC3339, xs)
		if err != nil || !xt.Equal(it) {
			fail("metadata: Info %s %s, xmp:%s %q", d.key, s, d.name, xs)
		}
	}
}

// parsePDFDate reads "D:YYYYMMDDHHmmSS" with a time zone (Z or ±HH'mm'),
// which the checks require so that the instant is unambiguous.
func parsePDFDate(s string) (time.Time, error) {
	m := regexp.MustCompile(`^D:(\d{14})(?:(Z)(?:00'?00'?)?|([+-])(\d\d)'?(\d\d)'?)$`).FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("date %q is not D:YYYYMMDDHHmmSS with a time zone", s)
	}
	t, err := time.Parse("20060102150405", m[1])
	if err != nil || m[2] == "Z" {
		return t, err
	}
	h, _ := strconv.Atoi(m[4])
	mm, _ := strconv.Atoi(m[5])
	off := (h*60 + mm) * 60
	if m[3] == "-" {
		off = -off
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.FixedZone("", off)), nil
}

// 6.2.3: an output intent with an embedded three-component ICC profile;
// all output intents share it.
func checkOutputIntent(v *pdfView, root map[string]any, fail func(string, ...any)) {
	intents := v.array(root["/OutputIntents"])
	if len(intents) == 0 {
		fail("output intent: none")
		return
	}
	var profile any
	for i, x := range intents {
		oi := v.dict(x)
		if oi["/S"] != "/GTS_PDFA1" {
			fail("output intent %d: /S is %v, want /GTS_PDFA1", i, oi["/S"])
		}
		if s, ok := text(oi["/OutputConditionIdentifier"]); !ok || s == "" {
			fail("output intent %d: no /OutputConditionIdentifier", i)
		}
		if i > 0 && oi["/DestOutputProfile"] != profile {
			fail("output intent %d: another profile", i)
		}
		profile = oi["/DestOutputProfile"]
	}
	d := v.dict(profile)
	icc, ok := v.stream(profile)
	if d == nil || !ok {
		fail("output intent: /DestOutputProfile is not an embedded stream")
		return
	}
	if n, _ := number(d["/N"]); n != 3 {
		fail("output intent: profile /N is %v, want 3", d["/N"])
	}
	if len(icc) < 128 || string(icc[36:40]) != "acsp" || string(icc[16:20]) != "RGB " {
		fail("output intent: the profile is not an RGB ICC profile")
	}
}

// Forbidden actions (6.5.1) and keys that would bring transparency,
// device-dependent colour or scripts.
var forbiddenActions = []string{"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}

func checkObjects(v *pdfView, fail func(string, ...any)) {
	v.walk(func(ref string, d map[string]any) {
		for _, k := range []string{"/JS", "/JavaScript", "/AA", "/OPI", "/Alternates", "/TR", "/OCProperties", "/XFA"} {
			if _, ok := d[k]; ok {
				fail("%s: has %s", ref, k)
			}
		}
		if s, ok := d["/S"].(string); ok && slices.Contains(forbiddenActions, s) {
			fail("%s: action %s", ref, s)
		}
		if g := v.dict(d["/Group"]); g != nil && g["/S"] == "/Transparency" {
			fail("%s: transparency group", ref)
		}
		if m, ok := d["/SMask"]; ok && m != "/None" {
			fail("%s: soft mask", ref)
		}
		for _, k := range []string{"/CA", "/ca"} {
			if a, ok := number(d[k]); ok && a < 1 {
				fail("%s: %s %v", ref, k, a)
			}
		}
		if bm, ok := d["/BM"]; ok && bm != "/Normal" && bm != "/Compatible" {
			fail("%s: blend mode %v", ref, bm)
		}
		if d["/Interpolate"] == true {
			fail("%s: /Interpolate true", ref)
		}
		if d["/Subtype"] == "/PS" || d["/Subtype2"] == "/PS" {
			fail("%s: PostScript XObject", ref)
		}
		for _, x := range d {
			if x == "/DeviceCMYK" {
				fail("%s: DeviceCMYK with an RGB output intent", ref)
			}
		}
		if names := v.array(v.dict(d["/EmbeddedFiles"])["/Names"]); len(names) > 0 {
			fail("%s: embedded files", ref)
		}
		if d["/Type"] == "/Font" {
			checkFont(v, ref, d, fail)
		}
	})
}

// 6.2.11.4: every font program embedded.
func checkFont(v *pdfView, ref string, font map[string]any, fail func(string, ...any)) {
	embedded := func(fd map[string]any, files ...string) bool {
		for _, f := range files {
			if _, ok := v.stream(fd[f]); ok {
				return true
			}
		}
		return false
	}
	switch font["/Subtype"] {
	case "/Type0":
		df := v.array(font["/DescendantFonts"])
		if len(df) != 1 || v.dict(df[0]) == nil {
			fail("%s: Type0 font without its CIDFont", ref)
		}
	case "/CIDFontType2":
		if !embedded(v.dict(font["/FontDescriptor"]), "/FontFile2") {
			fail("%s: CIDFontType2 %v not embedded (FontFile2)", ref, font["/BaseFont"])
		}
		if m := font["/CIDToGIDMap"]; m != "/Identity" {
			if _, ok := v.stream(m); !ok {
				fail("%s: CIDFontType2 without a CIDToGIDMap", ref)
			}
		}
	case "/CIDFontType0":
		if !embedded(v.dict(font["/FontDescriptor"]), "/FontFile3") {
			fail("%s: CIDFontType0 %v not embedded", ref, font["/BaseFont"])
		}
	case "/Type3":
	case "/TrueType":
		fd := v.dict(font["/FontDescriptor"])
		if !embedded(fd, "/FontFile2") {
			fail("%s: TrueType font %v not embedded (FontFile2)", ref, font["/BaseFont"])
			return
		}
		program, _ := v.stream(fd["/FontFile2"])
		checkTrueTypeEncoding(v, ref, font, fd, program, fail)
	default:
		if !embedded(v.dict(font["/FontDescriptor"]), "/FontFile", "/FontFile2", "/FontFile3") {
			fail("%s: font %v not embedded", ref, font["/BaseFont"])
		}
	}
}

// Font descriptor flags (ISO 32000-1, 9.8.2).
const (
	fontSymbolic    = 4
	fontNonsymbolic = 32
)

// 6.2.11.6: a non-symbolic TrueType font uses WinAnsi or MacRoman
// encoding, with Differences only when its program has a (3,1) cmap; a
// symbolic one has no Encoding and a cmap of one subtable or a (3,0) one.
func checkTrueTypeEncoding(v *pdfView, ref string, font, fd map[string]any, program []byte, fail func(string, ...any)) {
	flags, _ := number(fd["/Flags"])
	symbolic, nonsymbolic := int(flags)&fontSymbolic != 0, int(flags)&fontNonsymbolic != 0
	if symbolic == nonsymbolic {
		fail("%s: font flags %v: exactly one of symbolic and nonsymbolic must be set", ref, flags)
		return
	}
	cmaps, err := trueTypeCmaps(program)
	if err != nil {
		fail("%s: font program: %v", ref, err)
		return
	}
	if symbolic {
		if _, ok := font["/Encoding"]; ok {
			fail("%s: symbolic TrueType font with an /Encoding", ref)
		}
		if len(cmaps) != 1 && !slices.Contains(cmaps, [2]uint16{3, 0}) {
			fail("%s: symbolic TrueType font with cmap subtables %v", ref, cmaps)
		}
		return
	}
	enc := font["/Encoding"]
	base := enc
	var differences []any
	if d := v.dict(enc); d != nil {
		base = d["/BaseEncoding"]
		differences = v.array(d["/Differences"])
	}
	if base != "/WinAnsiEncoding" && base != "/MacRomanEncoding" {
		fail("%s: non-symbolic TrueType font with encoding %v", ref, base)
	}
	if len(differences) > 0 && !slices.Contains(cmaps, [2]uint16{3, 1}) {
		fail("%s: Differences without a (3,1) cmap in the font program (has %v)", ref, cmaps)
	}
	for _, d := range differences {
		if name, ok := d.(string); ok && (name == "/.notdef" || len(name) < 2) {
			fail("%s: Differences names %s", ref, name)
		}
	}
}

// trueTypeCmaps lists the (platform, encoding) pairs of a TrueType font
// program's cmap subtables.
func trueTypeCmaps(p []byte) ([][2]uint16, error) {
	u16 := func(i int) uint16 { return uint16(p[i])<<8 | uint16(p[i+1]) }
	u32 := func(i int) int { return int(p[i])<<24 | int(p[i+1])<<16 | int(p[i+2])<<8 | int(p[i+3]) }
	if len(p) < 12 {
		return nil, fmt.Errorf("%d bytes", len(p))
	}
	n := int(u16(4))
	if len(p) < 12+16*n {
		return nil, fmt.Errorf("truncated table directory")
	}
	for i := range n {
		rec := 12 + 16*i
		if string(p[rec:rec+4]) != "cmap" {
			continue
		}
		off := u32(rec + 8)
		if off+4 > len(p) {
			return nil, fmt.Errorf("cmap out of range")
		}
		count := int(u16(off + 2))
		if off+4+8*count > len(p) {
			return nil, fmt.Errorf("cmap truncated")
		}
		var pairs [][2]uint16
		for k := range count {
			pairs = append(pairs, [2]uint16{u16(off + 4 + 8*k), u16(off + 6 + 8*k)})
		}
		return pairs, nil
	}
	return nil, fmt.Errorf("no cmap table")
}

// Annotation flags (ISO 32000-1, 12.5.3).
const (
	annotInvisible    = 1
	annotHidden       = 2
	annotPrint        = 4
	annotNoView       = 32
	annotToggleNoView = 256
)

// 6.3 and 6.5: annotations printable and visible, with appearance
// streams except for links and popups, links acting only by URI or GoTo;
// page content free of DeviceCMYK colour operators.
func checkPages(v *pdfView, fail func(string, ...any)) {
	pages := 0
	v.walk(func(ref string, d map[string]any) {
		if d["/Type"] != "/Page" {
			return
		}
		pages++
		for i, a := range v.array(d["/Annots"]) {
			an := v.dict(a)
			where := fmt.Sprintf("%s annotation %d", ref, i)
			sub, _ := an["/Subtype"].(string)
			if slices.Contains([]string{"/3D", "/Sound", "/Movie", "/Screen", "/FileAttachment", "/TrapNet"}, sub) {
				fail("%s: subtype %s", where, sub)
			}
			f, _ := number(an["/F"])
			flags := int(f)
			if flags&annotPrint == 0 || flags&(annotInvisible|annotHidden|annotNoView|annotToggleNoView) != 0 {
				fail("%s (%s): flags /F %v, want print set and no hiding flag", where, sub, an["/F"])
			}
			if sub != "/Link" && sub != "/Popup" && v.dict(an["/AP"])["/N"] == nil {
				fail("%s (%s): no normal appearance", where, sub)
			}
			if act := v.dict(an["/A"]); act != nil && act["/S"] != "/URI" && act["/S"] != "/GoTo" {
				fail("%s: action %v", where, act["/S"])
			}
		}
		contents := []any{d["/Contents"]}
		if arr := v.array(d["/Contents"]); arr != nil {
			contents = arr
		}
		for _, c := range contents {
			data, ok := v.stream(c)
			if !ok {
				fail("%s: unreadable content stream %v", ref, c)
				continue
			}
			for _, op := range pdfpatch.Operators(data) {
				if op == "k" || op == "K" {
					fail("%s: DeviceCMYK colour operator %s", ref, op)
					break
				}
			}
		}
	})
	if pages == 0 {
		fail("no pages")
	}
}

// xmpProps is an XMP packet's properties by namespace URI + local name.
type xmpProps struct{ props map[string]xmpProp }

type xmpProp struct {
	text  string
	items []string          // rdf:Seq / rdf:Bag
	alt   map[string]string // rdf:Alt by xml:lang
}

func (x xmpProps) simple(ns, name string) string         { return x.props[ns+name].text }
func (x xmpProps) list(ns, name string) []string         { return x.props[ns+name].items }
func (x xmpProps) alt(ns, name string) map[string]string { return x.props[ns+name].alt }

const nsRDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

// parseXMP reads the properties of every rdf:Description, in element and
// attribute form.
func parseXMP(data []byte) (xmpProps, error) {
	type li struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Text string `xml:",chardata"`
	}
	type container struct {
		Items []li `xml:"li"`
	}
	type prop struct {
		XMLName xml.Name
		Text    string     `xml:",chardata"`
		Seq     *container `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# Seq"`
		Bag     *container `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# Bag"`
		Alt     *container `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# Alt"`
	}
	type description struct {
		Attrs []xml.Attr `xml:",any,attr"`
		Props []prop     `xml:",any"`
	}
	var doc struct {
		RDF struct {
			Descriptions []description `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# Description"`
		} `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# RDF"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return xmpProps{}, fmt.Errorf("XMP is not well-formed: %w", err)
	}
	if len(doc.RDF.Descriptions) == 0 {
		return xmpProps{}, fmt.Errorf("XMP has no rdf:Description")
	}
	x := xmpProps{props: map[string]xmpProp{}}
	for _, d := range doc.RDF.Descriptions {
		for _, a := range d.Attrs {
			if a.Name.Space != "" && a.Name.Space != nsRDF && a.Name.Space != "xmlns" {
				x.props[a.Name.Space+a.Name.Local] = xmpProp{text: a.Value}
			}
		}
		for _, p := range d.Props {
			var xp xmpProp
			switch {
			case p.Alt != nil:
				xp.alt = map[string]string{}
				for _, it := range p.Alt.Items {
					xp.alt[it.Lang] = it.Text
				}
			case p.Seq != nil:
				for _, it := range p.Seq.Items {
					xp.items = append(xp.items, it.Text)
				}
			case p.Bag != nil:
				for _, it := range p.Bag.Items {
					xp.items = append(xp.items, it.Text)
				}
			default:
				xp.text = p.Text
			}
			x.props[p.XMLName.Space+p.XMLName.Local] = xp
		}
	}
	return x, nil
}

// outlineTitles lists the bookmark titles depth first.
func (v *pdfView) outlineTitles() []string {
	var titles []string
	var walk func([]qpdfOutline)
	walk = func(os []qpdfOutline) {
		for _, o := range os {
			titles = append(titles, o.Title)
			walk(o.Kids)
		}
	}
	walk(v.outlines)
	return titles
}
