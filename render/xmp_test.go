package render

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"printd/render/internal/pdfpatch"
)

func TestXMPPacket(t *testing.T) {
	c := time.Date(2025, 11, 19, 17, 5, 9, 0, time.FixedZone("MSK", 3*3600))
	tests := []struct {
		name string
		in   xmpInfo
	}{
		{"full", xmpInfo{
			Archive: true,
			Title:   `Tom & Jerry <"live">`, Description: "a ‘b’ c", Creators: []string{"A <a>", "B & b"},
			Lang: "en-GB", Identifier: "id&1", Keywords: "k1, k2", Producer: "printd", CreatorTool: "tool",
			Created: c, Modified: c.Add(time.Hour), DocumentID: pdfpatch.DocumentMark, InstanceID: pdfpatch.InstanceMark,
		}},
		{"empty", xmpInfo{Archive: true, DocumentID: pdfpatch.DocumentMark, InstanceID: pdfpatch.InstanceMark}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.in.packet()
			if !bytes.HasPrefix(p, []byte("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")) ||
				!bytes.HasSuffix(p, []byte(`<?xpacket end="w"?>`)) {
				t.Errorf("packet wrapper wrong:\n%s", p)
			}
			if !bytes.Equal(p, tt.in.packet()) {
				t.Error("packet differs between two calls")
			}
			x, err := parseXMP(p)
			if err != nil {
				t.Fatal(err)
			}
			in := tt.in
			check := func(what, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("dc:title", x.alt(nsDC, "title")["x-default"], in.Title)
			check("dc:description", x.alt(nsDC, "description")["x-default"], in.Description)
			if in.Lang != "" {
				check("dc:title lang", x.alt(nsDC, "title")[in.Lang], in.Title)
				check("dc:language", strings.Join(x.list(nsDC, "language"), ","), in.Lang)
			} else if len(x.alt(nsDC, "title")) > 0 || x.list(nsDC, "language") != nil {
				t.Error("language entries without a language")
			}
			if got := x.list(nsDC, "creator"); !slices.Equal(got, in.Creators) {
				t.Errorf("dc:creator = %q, want %q", got, in.Creators)
			}
			check("dc:identifier", x.simple(nsDC, "identifier"), in.Identifier)
			check("dc:format", x.simple(nsDC, "format"), "application/pdf")
			check("pdf:Keywords", x.simple(nsPDF, "Keywords"), in.Keywords)
			check("pdf:Producer", x.simple(nsPDF, "Producer"), in.Producer)
			check("xmp:CreatorTool", x.simple(nsXMP, "CreatorTool"), in.CreatorTool)
			check("xmp:CreateDate", x.simple(nsXMP, "CreateDate"), in.Created.UTC().Format(time.RFC3339))
			check("xmp:ModifyDate", x.simple(nsXMP, "ModifyDate"), in.Modified.UTC().Format(time.RFC3339))
			check("xmp:MetadataDate", x.simple(nsXMP, "MetadataDate"), in.Modified.UTC().Format(time.RFC3339))
			check("xmpMM:DocumentID", x.simple(nsXMPMM, "DocumentID"), in.DocumentID)
			check("xmpMM:InstanceID", x.simple(nsXMPMM, "InstanceID"), in.InstanceID)
			check("pdfaid:part", x.simple(nsPDFAID, "part"), "2")
			check("pdfaid:conformance", x.simple(nsPDFAID, "conformance"), "B")
		})
	}
}

// TestDatesAgree: the Info and XMP forms of a date name the same second.
func TestDatesAgree(t *testing.T) {
	for _, tm := range []time.Time{
		time.Unix(0, 0),
		time.Date(2025, 11, 19, 14, 5, 0, 0, time.UTC),
		time.Date(2025, 11, 19, 23, 59, 59, 0, time.FixedZone("", -5*3600)),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.FixedZone("", 5*3600+1800)),
	} {
		it, err := parsePDFDate(pdfpatch.InfoDate(tm))
		if err != nil {
			t.Fatal(err)
		}
		xt, err := time.Parse(time.RFC3339, xmpDate(tm))
		if err != nil || !it.Equal(xt) || !it.Equal(tm) {
			t.Errorf("%v: Info %s, XMP %s", tm, pdfpatch.InfoDate(tm), xmpDate(tm))
		}
	}
}

func TestUUIDs(t *testing.T) {
	pattern := regexp.MustCompile(`^uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := articleUUID("nge-1"), articleUUID("nge-2")
	if a == b || a != articleUUID("nge-1") {
		t.Error("article ids do not map to distinct, stable uuids")
	}
	for _, u := range []pdfpatch.UUID{a, b, pdfpatch.HashUUID("")} {
		if s := u.URN(); !pattern.MatchString(s) {
			t.Errorf("%s is not a version 8 uuid", s)
		}
	}
	// The placeholders are replaced in place: they must be as long.
	for _, m := range []string{pdfpatch.DocumentMark, pdfpatch.InstanceMark} {
		if len(m) != len(a.URN()) {
			t.Errorf("placeholder %q is %d bytes, a uuid %d", m, len(m), len(a.URN()))
		}
	}
}

func TestMetaText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain title", "Plain title"},
		{"  padded\t", "padded"},
		{"line\nbreak", "line break"},
		{"emoji 🎉 gone", "emoji  gone"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"Кириллица ‘quotes’", "Кириллица ‘quotes’"},
		{"nul\x00del\x7f", "nul del"},
	}
	for _, tt := range tests {
		if got := metaText(tt.in); got != tt.want {
			t.Errorf("metaText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWellFormedLang(t *testing.T) {
	for tag, want := range map[string]bool{
		"en": true, "en-GB": true, "zh-Hant-TW": true, "es-419": true, "sr-Latn": true,
		"": false, "e n": false, "en-": false, "-en": false, "en)": false, "419": false, "toolongtag": false,
	} {
		if got := wellFormedLang(tag); got != want {
			t.Errorf("wellFormedLang(%q) = %v", tag, got)
		}
	}
}

func TestArchivalMeta(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	created := time.Date(2025, 11, 19, 17, 5, 0, 500, msk)
	tests := []struct {
		name                      string
		in                        Meta
		author, subject, creator  string
		creators                  []string
		wantCreated, wantModified time.Time
	}{
		{"authors", Meta{Authors: []string{"A", " ", "B"}, Author: "A, B", Subject: "s", Created: created},
			"", "s", "printd", []string{"A", "B"},
			time.Date(2025, 11, 19, 14, 5, 0, 0, time.UTC), time.Date(2025, 11, 19, 14, 5, 0, 0, time.UTC)},
		{"one author", Meta{Authors: []string{"A"}, Author: "A (ed.)", Description: "d", Subject: "s", Creator: "cms"},
			"A", "d", "cms", []string{"A"}, time.Unix(0, 0).UTC(), time.Unix(0, 0).UTC()},
		{"author only", Meta{Author: "A, B", Modified: created.Add(time.Hour)},
			"A, B", "", "printd", []string{"A, B"}, time.Unix(0, 0).UTC(), time.Date(2025, 11, 19, 15, 5, 0, 0, time.UTC)},
		{"nobody", Meta{}, "", "", "printd", nil, time.Unix(0, 0).UTC(), time.Unix(0, 0).UTC()},
	}
	for _, tt := range tests {
		m := tt.in.archival()
		if m.Author != tt.author || m.Subject != tt.subject || m.Creator != tt.creator || !slices.Equal(m.creators(), tt.creators) {
			t.Errorf("%s: author %q subject %q creator %q creators %q", tt.name, m.Author, m.Subject, m.Creator, m.creators())
		}
		if !m.Created.Equal(tt.wantCreated) || !m.Modified.Equal(tt.wantModified) || m.Created.Location() != time.UTC || m.Modified.Nanosecond() != 0 {
			t.Errorf("%s: dates %v, %v; want %v, %v", tt.name, m.Created, m.Modified, tt.wantCreated, tt.wantModified)
		}
	}
}

// TestXMPAccessible: the packet of a PDF/UA file claims PDF/UA-1 and not
// PDF/A, and names the title in the document's language.
func TestXMPAccessible(t *testing.T) {
	p := xmpInfo{UA: true, Title: "T & t", Lang: "de", Producer: "printd"}.packet()
	x, err := parseXMP(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.simple(nsPDFUAID, "part"); got != "1" {
		t.Errorf("pdfuaid:part = %q, want 1", got)
	}
	if got := x.simple(nsPDFAID, "part"); got != "" {
		t.Errorf("pdfaid:part = %q in a file that is not PDF/A", got)
	}
	if got := x.alt(nsDC, "title")["de"]; got != "T & t" {
		t.Errorf("dc:title[de] = %q", got)
	}
}
