package fetch

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// decodeDataURI decodes an RFC 2397 data: URI. The encoded payload length is
// checked against limit before anything is decoded, and the decoded length
// again afterwards.
func decodeDataURI(src string, limit int64) ([]byte, error) {
	rest := src[len("data:"):]
	comma := strings.IndexByte(rest, ',')
	if comma < 0 {
		return nil, fmt.Errorf("%w: data URI without comma", ErrMalformed)
	}
	meta, payload := rest[:comma], rest[comma+1:]
	isBase64 := false
	for _, param := range strings.Split(meta, ";") {
		if strings.EqualFold(strings.TrimSpace(param), "base64") {
			isBase64 = true
		}
	}

	// Base64 expands 3 bytes to 4; percent-encoding at most 1 to 3. Allow a
	// little slack for line breaks before decoding, then check exactly.
	maxEncoded := 3*limit + 3
	if isBase64 {
		maxEncoded = int64(base64.StdEncoding.EncodedLen(int(limit)))*9/8 + 64
	}
	if int64(len(payload)) > maxEncoded {
		return nil, fmt.Errorf("%w: data URI payload of %d characters exceeds %d-byte limit", ErrTooLarge, len(payload), limit)
	}

	var data []byte
	if isBase64 {
		if strings.IndexByte(payload, '%') >= 0 {
			p, err := url.PathUnescape(payload)
			if err != nil {
				return nil, fmt.Errorf("%w: data URI: %v", ErrMalformed, err)
			}
			payload = p
		}
		var err error
		if data, err = decodeBase64(payload); err != nil {
			return nil, fmt.Errorf("%w: data URI: %v", ErrMalformed, err)
		}
	} else {
		p, err := url.PathUnescape(payload)
		if err != nil {
			return nil, fmt.Errorf("%w: data URI: %v", ErrMalformed, err)
		}
		data = []byte(p)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: data URI decodes to %d bytes, limit %d", ErrTooLarge, len(data), limit)
	}
	return data, nil
}

// decodeBase64 accepts standard or URL-safe alphabets, with or without
// padding, ignoring ASCII whitespace.
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	return enc.DecodeString(s)
}
