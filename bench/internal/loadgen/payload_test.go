package loadgen

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// body reads the whole body p carries with id and checks its length
// against Size.
func body(t *testing.T, p Payload, id string) []byte {
	t.Helper()
	b, err := io.ReadAll(p.Reader(id))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != p.Size(id) {
		t.Fatalf("Size(%q) = %d, body has %d bytes", id, p.Size(id), len(b))
	}
	return b
}

func TestPayloadIDs(t *testing.T) {
	art := map[string]any{
		"id":       "a-1",
		"headline": "Quotes \" and \\ and <tags> & ünïcode",
		"body":     []any{map[string]any{"type": "p", "text": "id id id"}},
		"photo":    map[string]any{"src": "data:image/jpeg;base64,AAAA"},
	}
	p, err := NewPayload(art, "fallback")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "a-1" {
		t.Errorf("ID = %q, want the article's own a-1", p.ID)
	}
	if art["id"] != "a-1" {
		t.Errorf("NewPayload changed the caller's article: id %v", art["id"])
	}
	ids := []string{p.ID}
	for n := range 3 {
		ids = append(ids, p.ID+"-"+strconv.Itoa(n), p.ID+"-soak-"+strconv.Itoa(n+1000))
	}
	for _, id := range ids {
		var got map[string]any
		if err := json.Unmarshal(body(t, p, id), &got); err != nil {
			t.Fatalf("body with id %q is not JSON: %v", id, err)
		}
		if got["id"] != id {
			t.Errorf("id = %v, want %q", got["id"], id)
		}
		// Everything else comes through as it was.
		want := map[string]any{}
		for k, v := range art {
			want[k] = v
		}
		want["id"] = id
		if !reflect.DeepEqual(got, want) {
			t.Errorf("body with id %q decodes to\n%#v\nwant\n%#v", id, got, want)
		}
	}
}

func TestPayloadFallbackID(t *testing.T) {
	for _, art := range []map[string]any{
		{"headline": "no id"},
		{"id": "", "headline": "empty id"},
		{"id": 42.0, "headline": "numeric id"},
		nil,
	} {
		p, err := NewPayload(art, "load")
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != "load" {
			t.Errorf("%v: ID = %q, want the fallback", art, p.ID)
		}
		for _, id := range []string{p.ID, p.ID + "-7"} {
			var got map[string]any
			if err := json.Unmarshal(body(t, p, id), &got); err != nil {
				t.Fatalf("%v: body with id %q is not JSON: %v", art, id, err)
			}
			if got["id"] != id || got["headline"] != art["headline"] {
				t.Errorf("%v: body with id %q decodes to %v", art, id, got)
			}
		}
	}
}

func TestReadArticle(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`{"id":"x","headline":"h"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	art, err := ReadArticle(good)
	if err != nil || art["id"] != "x" || art["headline"] != "h" {
		t.Fatalf("ReadArticle = %v, %v", art, err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"id":`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadArticle(bad); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Errorf("ReadArticle(bad) error = %v, want one naming the file", err)
	}
	if _, err := ReadArticle(filepath.Join(dir, "missing.json")); !os.IsNotExist(err) {
		t.Errorf("ReadArticle(missing) error = %v, want not-exist", err)
	}
}
