package service

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"printd/engine"
	"strings"

	"printd/adapt"
)

// etagOf is the strong ETag of a render: SHA-256, truncated to 128 bits,
// over the engine version, the profile files, the font files, the query's options in
// canonical form and the article JSON without white space between tokens.
// The article carries its own options object and the profiles and version
// fix every default, so this determines the resolved options and the PDF;
// and it is known before the article is decoded, so that 304s and cache
// hits cost one pass over the input.
func (s *Server) etagOf(data []byte, qo queryOptions, format ...string) string {
	h := sha256.New()
	fmt.Fprintf(h, "printd %s\x00%s\x00%s\x00", engine.Version, s.profileTag, qo.opts.Canonical())
	if s.fontTag != "" { // other fonts draw other PDFs: a copy made with them is not this one
		fmt.Fprintf(h, "fonts=%s\x00", s.fontTag)
	}
	if qo.allowMissing { // a PDF that may lack a photo is not one that may not
		fmt.Fprint(h, "missing-photos=allowed\x00")
	}
	for _, f := range format {
		if f != "" && f != adapt.Auto {
			fmt.Fprintf(h, "format=%s\x00", f)
		}
	}
	writeCompact(h, data)
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// writeCompact writes JSON to w without a byte-order mark and without the
// white space between tokens, so that the same document indented
// differently hashes the same. data has been parsed already; strings are
// copied as they are.
func writeCompact(w io.Writer, data []byte) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	start, inString := 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++ // the escaped byte cannot end the string
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			w.Write(data[start:i])
			start = i + 1
		}
	}
	if start < len(data) {
		w.Write(data[start:])
	}
}

// noneMatch reports whether an If-None-Match header matches etag: the tag
// in its comma-separated list, compared weakly (RFC 9110 13.1.2), or "*"
// when star is set.
func noneMatch(header, etag string, star bool) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" && star || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
