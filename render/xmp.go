package render

import (
	"bytes"
	"encoding/xml"
	"time"
)

// xmpInfo is what the XMP metadata packet of a PDF says. Every field that
// has a document information dictionary counterpart must hold exactly the
// value written there (PDF/A-2, 6.6.2.3).
type xmpInfo struct {
	// Archive: the file is PDF/A-2b (dates, ids and pdfaid are written);
	// UA: it is PDF/UA-1 (pdfuaid:part). A PDF/A file carries only
	// properties of the schemas PDF/A predefines, which pdfuaid is not.
	Archive, UA bool

	Title       string   // dc:title; Info Title
	Description string   // dc:description; Info Subject
	Creators    []string // dc:creator; Info Author when there is exactly one
	Lang        string   // dc:language, and the language of title and description
	Identifier  string   // dc:identifier: the article id
	Keywords    string   // pdf:Keywords; Info Keywords
	Producer    string   // pdf:Producer; Info Producer
	CreatorTool string   // xmp:CreatorTool; Info Creator
	Created     time.Time
	Modified    time.Time // also the metadata date
	DocumentID  string    // "uuid:…"
	InstanceID  string    // "uuid:…"
}

// xmpDate formats t as an XMP date in UTC; pdfpatch.InfoDate gives the
// same instant in the PDF date syntax, and the two always agree to the
// second.
func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

const (
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsXMP     = "http://ns.adobe.com/xap/1.0/"
	nsPDF     = "http://ns.adobe.com/pdf/1.3/"
	nsXMPMM   = "http://ns.adobe.com/xap/1.0/mm/"
	nsPDFAID  = "http://www.aiim.org/pdfa/ns/id/"
	nsPDFUAID = "http://www.aiim.org/pdfua/ns/id/"
)

// packet renders the metadata as an XMP packet in UTF-8. The packet
// header carries neither the bytes nor the encoding attribute, which PDF/A
// forbids.
func (x xmpInfo) packet() []byte {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\"")
	for _, ns := range [...][2]string{{"dc", nsDC}, {"xmp", nsXMP}, {"pdf", nsPDF}, {"xmpMM", nsXMPMM}, {"pdfaid", nsPDFAID}, {"pdfuaid", nsPDFUAID}} {
		if (ns[0] == "pdfaid" || ns[0] == "xmpMM") && !x.Archive || ns[0] == "pdfuaid" && !x.UA {
			continue
		}
		b.WriteString("\n    xmlns:" + ns[0] + "=\"" + ns[1] + "\"")
	}
	b.WriteString(">\n")

	simple := func(name, value string) {
		b.WriteString("   <" + name + ">")
		xmlText(&b, value)
		b.WriteString("</" + name + ">\n")
	}
	alt := func(name, value string) {
		b.WriteString("   <" + name + "><rdf:Alt>")
		b.WriteString("<rdf:li xml:lang=\"x-default\">")
		xmlText(&b, value)
		b.WriteString("</rdf:li>")
		if x.Lang != "" {
			b.WriteString("<rdf:li xml:lang=\"")
			xmlText(&b, x.Lang)
			b.WriteString("\">")
			xmlText(&b, value)
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:Alt></" + name + ">\n")
	}
	list := func(name, kind string, values []string) {
		b.WriteString("   <" + name + "><rdf:" + kind + ">")
		for _, v := range values {
			b.WriteString("<rdf:li>")
			xmlText(&b, v)
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:" + kind + "></" + name + ">\n")
	}

	simple("dc:format", "application/pdf")
	if x.Title != "" {
		alt("dc:title", x.Title)
	}
	if len(x.Creators) > 0 {
		list("dc:creator", "Seq", x.Creators)
	}
	if x.Description != "" {
		alt("dc:description", x.Description)
	}
	if x.Lang != "" {
		list("dc:language", "Bag", []string{x.Lang})
	}
	if x.Identifier != "" {
		simple("dc:identifier", x.Identifier)
	}
	if x.Archive {
		simple("xmp:CreateDate", xmpDate(x.Created))
		simple("xmp:ModifyDate", xmpDate(x.Modified))
		simple("xmp:MetadataDate", xmpDate(x.Modified))
	}
	if x.CreatorTool != "" {
		simple("xmp:CreatorTool", x.CreatorTool)
	}
	if x.Producer != "" {
		simple("pdf:Producer", x.Producer)
	}
	if x.Keywords != "" {
		simple("pdf:Keywords", x.Keywords)
	}
	if x.Archive {
		simple("xmpMM:DocumentID", x.DocumentID)
		simple("xmpMM:InstanceID", x.InstanceID)
		simple("pdfaid:part", "2")
		simple("pdfaid:conformance", "B")
	}
	if x.UA {
		simple("pdfuaid:part", "1")
	}

	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString("<?xpacket end=\"w\"?>")
	return b.Bytes()
}

// xmlText writes s escaped for element content and attribute values.
func xmlText(b *bytes.Buffer, s string) {
	// EscapeText never fails on a bytes.Buffer.
	_ = xml.EscapeText(b, []byte(s))
}
