package adapt

import (
	"encoding/json"
	"strings"
	"testing"

	"printd/article"
)

// The regressions of real CMS payloads that printed wrongly: each case was
// seen on a third-party site.

// decodeBody decodes doc in format and returns its blocks in summary form.
func decodeBody(t *testing.T, doc, format string) ([]string, *article.Article, []string) {
	t.Helper()
	a, _, warnings, err := Decode([]byte(doc), format)
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, doc)
	}
	out := make([]string, len(a.Body))
	for i, b := range a.Body {
		out[i] = summary(b)
	}
	return out, a, warnings
}

func wantBlocks(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n got  %q\n want %q", got, want)
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestWordPressNestedList(t *testing.T) {
	content := `<ol><li>Steps<ol><li>open</li><li>close</li></ol></li><li>Done<ul><li>really</li></ul></li></ol>`
	got, _, _ := decodeBody(t, `{"title":{"rendered":"T"},"content":{"rendered":`+jsonString(content)+`}}`, "wordpress")
	wantBlocks(t, got, "ol: Steps {ol: open | close} | Done {ul: really}")
}
