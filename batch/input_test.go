package batch

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func readAll(t *testing.T, in string, max int64) ([]Record, bool, error) {
	t.Helper()
	rr, err := NewReader(strings.NewReader(in), max)
	if err != nil {
		return nil, false, err
	}
	var out []Record
	for {
		r, err := rr.Next()
		if err == io.EOF {
			return out, rr.Array(), nil
		}
		if err != nil {
			return out, rr.Array(), err
		}
		out = append(out, r)
	}
}

func TestRecordReader(t *testing.T) {
	type want struct {
		num  int
		data string
		err  string
	}
	tests := []struct {
		name    string
		in      string
		array   bool
		want    []want
		wantErr string
	}{
		{
			name: "ndjson with blank lines, CRLF and no final newline",
			in:   "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}",
			want: []want{{1, `{"a":1}`, ""}, {4, `{"b":2}`, ""}, {5, `{"c":3}`, ""}},
		},
		{
			name: "byte order mark",
			in:   "\xef\xbb\xbf{\"a\":1}\n",
			want: []want{{1, `{"a":1}`, ""}},
		},
		{
			name: "a line too long fails alone",
			in:   "{\"a\":1}\n{\"long\":\"" + strings.Repeat("x", 100) + "\"}\n{\"c\":3}\n",
			want: []want{{1, `{"a":1}`, ""}, {2, "", "line longer than 64 bytes"}, {3, `{"c":3}`, ""}},
		},
		{
			name: "malformed lines are records too",
			in:   "not json\n{\"a\":\n",
			want: []want{{1, "not json", ""}, {2, `{"a":`, ""}},
		},
		{
			name: "empty input",
			in:   "\n\n",
		},
		{
			name:  "array",
			in:    "  \n[{\"a\":1},\n {\"b\":[1,2]} , null]\n",
			array: true,
			want:  []want{{1, `{"a":1}`, ""}, {2, `{"b":[1,2]}`, ""}, {3, "null", ""}},
		},
		{
			name:  "empty array",
			in:    "[]",
			array: true,
		},
		{
			name:    "array broken inside an element",
			in:      `[{"a":1}, {"b": tru}, {"c":3}]`,
			array:   true,
			want:    []want{{1, `{"a":1}`, ""}, {2, "", "byte"}},
			wantErr: "invalid character",
		},
		{
			name:    "array cut short",
			in:      `[{"a":1}, {"b":`,
			array:   true,
			want:    []want{{1, `{"a":1}`, ""}, {2, "", "ends early"}},
			wantErr: "ends early",
		},
		{
			name:    "array element too long",
			in:      `[{"a":1}, {"long": "` + strings.Repeat("x", 200) + `"}, {"c":3}]`,
			array:   true,
			want:    []want{{1, `{"a":1}`, ""}, {2, "", "longer than 64 bytes"}},
			wantErr: "element 2: longer than 64 bytes",
		},
		{
			name:    "data after the array",
			in:      `[{"a":1}] {"b":2}`,
			array:   true,
			want:    []want{{1, `{"a":1}`, ""}},
			wantErr: "after the array",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, array, err := readAll(t, tt.in, 64)
			if array != tt.array {
				t.Errorf("array = %v, want %v", array, tt.array)
			}
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInput)) {
				t.Errorf("error %v, want one with %q", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d records, want %d: %+v", len(got), len(tt.want), got)
			}
			var last int64
			for i, w := range tt.want {
				g := got[i]
				if g.Num != w.num || string(g.Data) != w.data {
					t.Errorf("record %d = %d %q, want %d %q", i, g.Num, g.Data, w.num, w.data)
				}
				if (g.Err == nil) != (w.err == "") || g.Err != nil && !strings.Contains(g.Err.Error(), w.err) {
					t.Errorf("record %d error %v, want %q", i, g.Err, w.err)
				}
				if g.End <= last || g.End > int64(len(tt.in)) {
					t.Errorf("record %d ends at %d after %d (input %d bytes)", i, g.End, last, len(tt.in))
				}
				last = g.End
			}
		})
	}
}

func TestPeekRecord(t *testing.T) {
	tests := []struct {
		in   string
		want peek
	}{
		{`{"id":" a-1 ","headline":"Hi"}`, peek{"a-1", "Hi"}},
		{`{"id":42,"headline":["x"]}`, peek{"42", ""}},
		{`{"id":null}`, peek{}},
		{`{"id":"x"`, peek{}},
		{`[1]`, peek{}},
	}
	for _, tt := range tests {
		if got := peekRecord([]byte(tt.in)); got != tt.want {
			t.Errorf("peekRecord(%s) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
