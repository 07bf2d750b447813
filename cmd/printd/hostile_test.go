package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pngHeader is a PNG signature and IHDR declaring w×h pixels, and nothing
// else: a decompression bomb's calling card.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func dataURI(mime string, b []byte) string {
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b)
}

// TestHostileInput: odd and hostile articles give a PDF or a clean error
// naming the problem: never a panic, a hang or a broken PDF.
func TestHostileInput(t *testing.T) {
	seedJPEG, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed-photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	para := func(html string) string {
		b, _ := json.Marshal(html)
		return fmt.Sprintf(`{"headline": "H", "body": [{"type": "paragraph", "html": %s}]}`, b)
	}
	withPhoto := func(src string) string {
		return fmt.Sprintf(`{"headline": "H", "photo": {"src": %q, "caption": "c"}, "body": [{"type": "paragraph", "html": "text"}]}`, src)
	}
	long := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 18000) // ~1 MB
	// Over the 1 MiB per-field limit: a 5 MB paragraph, and a 50 MB data:
	// URI photo (37.5 MB of bytes in base64), refused while the article is
	// checked, before any of it is decoded. Under the race detector the
	// photo is 10 MB: parsing 50 MB would take it some 20 seconds.
	huge := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 5<<20/56)
	photoBytes := 37_500_000
	if raceEnabled {
		photoBytes = 7_500_000
	}
	bigJPEG := append(bytes.Clone(seedJPEG), make([]byte, photoBytes-len(seedJPEG))...)
	cases := []struct {
		name    string
		body    string
		wantErr string // empty: a PDF is expected
		warn    string // expected in stderr for a PDF
	}{
		{"emoji and astral", para("Fire 🔥 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 end"), "", "no font has"},
		{"controls", para("NUL\u0000 bell\u0007 tab\tvertical\u000b end"), "", ""},
		{"zero width and bidi", para("a\u200bb\u200cc\u200dd\u2060e\u202eevil\u202c\u2066x\u2069 end"), "", ""},
		{"right to left", `{"headline": "שלום", "lang": "he", "body": [{"type": "paragraph", "html": "مرحبا بالعالم and שלום"}]}`, "", ""}, // set when the system has Arabic and Hebrew fonts, reported when not
		{"long word", para(strings.Repeat("x", 400) + " " + strings.Repeat("Донбасс", 60)), "", ""},
		{"long url", para("see https://example.org/" + strings.Repeat("segment/", 50)), "", ""},
		{"big paragraph", para(long), "", ""},
		{"5 MB paragraph", para(huge), "body[0].html: longer than 1048576 bytes", ""},
		{"huge data URI photo", withPhoto(dataURI("image/jpeg", bigJPEG)), "photo.src: longer than 1048576 bytes", ""},
		{"too many blocks", `{"headline": "H", "body": [` + strings.TrimSuffix(strings.Repeat(`{"type": "divider"},`, 100001), ",") + `]}`, "body", ""},
		{"deep html", `{"headline": "H", "body": "` + strings.Repeat("<div>", 10000) + "deep" + strings.Repeat("</div>", 10000) + `"}`, "", ""},
		{"unknown block", `{"headline": "H", "body": [{"type": "chart"}]}`, "body[0].type", ""},
		{"absurd hints", `{"headline": "H", "photo": {"src": "x.jpg", "width": 1e12, "height": -5}, "body": [{"type": "divider"}]}`, "photo.width", ""},
		{"photo is html", withPhoto(dataURI("image/jpeg", []byte("<html><body>not an image</body></html>"))), "", "photo"},
		{"truncated jpeg", withPhoto(dataURI("image/jpeg", seedJPEG[:len(seedJPEG)/3])), "", ""},
		{"png bomb", withPhoto(dataURI("image/png", pngHeader(100000, 100000))), "", "photo"},
		{"invalid utf-8", "{\"headline\": \"bad \xff\xfe bytes\", \"body\": [{\"type\": \"divider\"}]}", "headline", ""},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".json")
			if err := os.WriteFile(src, []byte(c.body), 0o644); err != nil {
				t.Fatal(err)
			}
			out := src + ".pdf"
			start := time.Now()
			code, _, stderr := runCLI(t, "render", src, "-o", out)
			if d := time.Since(start); d > 60*time.Second {
				t.Errorf("took %v", d) // a hang guard, not a speed test
			}
			if strings.Contains(stderr, "panic") {
				t.Fatalf("panic: %s", stderr)
			}
			if c.wantErr != "" {
				if code != 1 || !strings.Contains(stderr, c.wantErr) {
					t.Errorf("exit %d, stderr %q; want an error naming %q", code, shorten(stderr), c.wantErr)
				}
				if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("output after a failed render: %v", err)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-64:], []byte("%%EOF")) {
				t.Fatalf("no complete PDF: %v", err)
			}
			if c.warn != "" && !strings.Contains(stderr, c.warn) {
				t.Errorf("stderr %q lacks a warning about %q", stderr, c.warn)
			}
		})
	}
}

// shorten keeps a failure message readable when stderr echoes a huge field.
func shorten(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
