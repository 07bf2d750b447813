package batch

import (
	"strings"
	"testing"
)

func TestSafeStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nge-2025-11-19-zelensky", "nge-2025-11-19-zelensky"},
		{"A/B\\C", "a-b-c"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", ""},
		{".hidden", "hidden"},
		{"tab\there\x00nul\x1besc", "tab-here-nul-esc"},
		{"  spaced  out  ", "spaced-out"},
		{"Zelensky ‘not interested’ in plan", "zelensky-not-interested-in-plan"},
		{"Москва, 19 ноября", "москва-19-ноября"},
		{"snake_case.v2", "snake_case-v2"},
		{"\u0301accent-first", "accent-first"},
		{"bad\xffutf8", "bad-utf8"},
		{"---", ""},
		{strings.Repeat("ab", 100), strings.Repeat("ab", 48)},
		{strings.Repeat("я", 100), strings.Repeat("я", 48)},
	}
	for _, tt := range tests {
		got := safeStem(tt.in)
		if got != tt.want {
			t.Errorf("safeStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > maxStem {
			t.Errorf("safeStem(%q) is %d bytes", tt.in, len(got))
		}
	}
}

func TestNamer(t *testing.T) {
	type rec struct{ id, headline string }
	tests := []struct {
		name  string
		recs  []rec
		want  []string
		clash []string
	}{
		{
			name: "ids",
			recs: []rec{{"a", ""}, {"b", ""}},
			want: []string{"a.pdf", "b.pdf"},
		},
		{
			name:  "duplicates in input order",
			recs:  []rec{{"a", ""}, {"a", ""}, {"A", ""}, {"b", ""}},
			want:  []string{"a.pdf", "a-2.pdf", "a-3.pdf", "b.pdf"},
			clash: []string{"", "a.pdf", "a.pdf", ""},
		},
		{
			name: "a suffix already used by an id",
			recs: []rec{{"a-2", ""}, {"a", ""}, {"a", ""}},
			want: []string{"a-2.pdf", "a.pdf", "a-3.pdf"},
		},
		{
			name: "headline, then line",
			recs: []rec{{"", "Big News!"}, {"", ""}, {"../..", "/"}, {"", "Big news"}},
			want: []string{"big-news.pdf", "line-2.pdf", "line-3.pdf", "big-news-2.pdf"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNamer()
			for i, r := range tt.recs {
				got, clash := n.name(r.id, r.headline, i+1)
				if got != tt.want[i] {
					t.Errorf("record %d: name %q, want %q", i+1, got, tt.want[i])
				}
				if tt.clash != nil && clash != tt.clash[i] {
					t.Errorf("record %d: clash %q, want %q", i+1, clash, tt.clash[i])
				}
			}
		})
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    Shard
		wantErr bool
	}{
		{"", Shard{}, false},
		{"0/2", Shard{0, 2}, false},
		{" 3 / 4 ", Shard{3, 4}, false},
		{"0/1", Shard{0, 1}, false},
		{"2/2", Shard{}, true},
		{"-1/2", Shard{}, true},
		{"1/0", Shard{}, true},
		{"1", Shard{}, true},
		{"a/b", Shard{}, true},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if got := ManifestName(Shard{1, 3}); got != "manifest-shard-1-of-3.ndjson" {
		t.Errorf("ManifestName = %q", got)
	}
	if got := ManifestName(Shard{}); got != "manifest.ndjson" {
		t.Errorf("ManifestName = %q", got)
	}
}

func TestShardHasIsAPartition(t *testing.T) {
	const n = 3
	for num := 1; num <= 300; num++ {
		for _, id := range []string{"", "id-" + strings.Repeat("x", num%7) + string(rune('a'+num%26))} {
			count := 0
			for i := range n {
				if (Shard{i, n}).has(id, num) {
					count++
				}
			}
			if count != 1 {
				t.Fatalf("record %d id %q is in %d shards", num, id, count)
			}
		}
	}
	// An id keeps its shard whatever its line.
	s := Shard{1, 3}
	if s.has("stable", 1) != s.has("stable", 999) {
		t.Error("shard of an id depends on its line")
	}
}
