package fetch

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestFetchDataURI(t *testing.T) {
	png := pngBytes(t, 3, 2)
	b64 := base64.StdEncoding.EncodeToString(png)
	wrapped := strings.Join(splitEvery(b64, 20), "\n")
	tests := []struct {
		name    string
		src     string
		want    []byte
		wantErr error
	}{
		{"base64", "data:image/png;base64," + b64, png, nil},
		{"base64 upper-case scheme and params", "DATA:image/png;charset=x;BASE64," + b64, png, nil},
		{"base64 unpadded", "data:image/png;base64," + strings.TrimRight(b64, "="), png, nil},
		{"base64 url alphabet", "data:image/png;base64," + base64.RawURLEncoding.EncodeToString(png), png, nil},
		{"base64 with line breaks", "data:image/png;base64," + wrapped, png, nil},
		{"base64 percent-escaped", "data:image/png;base64," + url.QueryEscape(b64), png, nil},
		{"percent-encoded", "data:image/png," + url.PathEscape(string(png)), png, nil},
		{"no media type", "data:,hello%20world", []byte("hello world"), nil},
		{"no comma", "data:image/png;base64", nil, ErrMalformed},
		{"bad base64", "data:image/png;base64,@@@@", nil, ErrMalformed},
		{"bad escape", "data:image/png,%zz", nil, ErrMalformed},
	}
	f := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Fetch(context.Background(), tt.src)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Fatalf("decoded %d bytes, want %d", len(got), len(tt.want))
			}
		})
	}
}

func TestDataURILimits(t *testing.T) {
	const limit = 300
	tests := []struct {
		name    string
		payload []byte
		encode  func([]byte) string
		wantErr bool
		early   bool // refused from the encoded length, before decoding
	}{
		{"base64 at limit", make([]byte, limit), base64Prefix, false, false},
		{"base64 one over", make([]byte, limit+1), base64Prefix, true, false},
		{"base64 far over", make([]byte, 100*limit), base64Prefix, true, true},
		{"percent at limit", make([]byte, limit), percentPrefix, false, false},
		{"percent one over", make([]byte, limit+1), percentPrefix, true, false},
		{"plain far over", bytes.Repeat([]byte{'a'}, 4*limit), func(b []byte) string { return "data:," + string(b) }, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeDataURI(tt.encode(tt.payload), limit)
			if tt.wantErr {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("error = %v, want ErrTooLarge", err)
				}
				if early := strings.Contains(err.Error(), "payload"); early != tt.early {
					t.Fatalf("refused before decoding = %v, want %v (%v)", early, tt.early, err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, tt.payload) {
				t.Fatalf("got %d bytes, %v", len(got), err)
			}
		})
	}
}

func base64Prefix(b []byte) string {
	return "data:application/octet-stream;base64," + base64.StdEncoding.EncodeToString(b)
}

func percentPrefix(b []byte) string {
	return "data:application/octet-stream," + url.PathEscape(string(b))
}

func splitEvery(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}
