package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard selects part of the input so that N independent runs (for
// example the pods of an indexed job) share it: shard Index of Count.
//
// An article with an id belongs to shard fnv1a64(id) % Count, so it stays
// in its shard when lines are added, removed or reordered, and every copy
// of a duplicated id lands in the same shard. An article without an id,
// or a record too broken to read one from, belongs to shard
// record % Count, its 1-based line (NDJSON) or element (array) number.
//
// Every shard still reads the whole input and names every article, so
// file names are the same whichever shard writes them and shards may share
// an output; each writes its own manifest (see ManifestName).
type Shard struct {
	Index, Count int
}

// ParseShard parses "i/n" with 0 <= i < n. The empty string is the whole
// input.
func ParseShard(s string) (Shard, error) {
	if strings.TrimSpace(s) == "" {
		return Shard{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want i/n", s)
	}
	i, ierr := strconv.Atoi(strings.TrimSpace(is))
	n, nerr := strconv.Atoi(strings.TrimSpace(ns))
	if ierr != nil || nerr != nil {
		return Shard{}, fmt.Errorf("shard %q: want i/n with whole numbers", s)
	}
	sh := Shard{Index: i, Count: n}
	if err := sh.validate(); err != nil {
		return Shard{}, err
	}
	return sh, nil
}

func (s Shard) validate() error {
	if s == (Shard{}) {
		return nil
	}
	if s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return fmt.Errorf("shard %d/%d: want 0 <= i < n", s.Index, s.Count)
	}
	return nil
}

// String is the i/n form, or "" for the whole input.
func (s Shard) String() string {
	if s.Count <= 1 {
		return ""
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// has reports whether the record numbered num with the given id belongs
// to the shard.
func (s Shard) has(id string, num int) bool {
	if s.Count <= 1 {
		return true
	}
	if id != "" {
		h := fnv.New64a()
		h.Write([]byte(id))
		return h.Sum64()%uint64(s.Count) == uint64(s.Index)
	}
	return num%s.Count == s.Index
}

// ManifestName is the manifest's name in the output: manifest.ndjson for
// the whole input, manifest-shard-I-of-N.ndjson for a shard.
func ManifestName(s Shard) string {
	if s.Count <= 1 {
		return "manifest.ndjson"
	}
	return fmt.Sprintf("manifest-shard-%d-of-%d.ndjson", s.Index, s.Count)
}
