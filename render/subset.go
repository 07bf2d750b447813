package render

import (
	"bytes"
	"crypto/sha256"
)

// fpdf names an embedded UTF-8 font "utf8" + its family key. printd's
// family keys start with "st+" (see fpdfFamily), so the name reads
// "utf8st+…"; subsetTags rewrites the six bytes "utf8st" into a tag of six
// capital letters, the PDF convention that marks a subset font (fpdf does
// embed only the glyphs used). The rewrite keeps every length, so the
// cross-reference offsets stay valid. The tag is derived from the document
// itself, so the same input keeps giving the same bytes.
const fpdfNamePrefix = "/utf8st+"

func fpdfFamily(family string) string { return "st+" + family }

func subsetTags(pdf []byte) []byte {
	if !bytes.Contains(pdf, []byte(fpdfNamePrefix)) {
		return pdf
	}
	sum := sha256.Sum256(pdf)
	out := pdf
	i := 0
	n := 0
	for {
		j := bytes.Index(out[i:], []byte(fpdfNamePrefix))
		if j < 0 {
			break
		}
		at := i + j + 1 // after the slash
		end := at + len(fpdfNamePrefix) - 1
		for end < len(out) && !isDelim(out[end]) {
			end++
		}
		tag := tagFor(sum, out[at+len(fpdfNamePrefix)-1:end])
		copy(out[at:at+6], tag[:])
		i = end
		n++
	}
	return out
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '/', '<', '>', '[', ']', '(', ')', '{', '}', '%':
		return true
	}
	return false
}

// tagFor makes the six-letter tag of one font: the same font name in the
// same document always gets the same tag.
func tagFor(doc [32]byte, name []byte) [6]byte {
	h := sha256.New()
	h.Write(doc[:])
	h.Write(name)
	sum := h.Sum(nil)
	var t [6]byte
	for k := range t {
		t[k] = 'A' + sum[k]%26
	}
	return t
}
