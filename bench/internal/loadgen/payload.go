package loadgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"strings"
)

// ReadArticle reads the article JSON at path as a generic object, so that
// a command can adjust fields (the photo, say) before building a Payload.
func ReadArticle(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var art map[string]any
	if err := json.Unmarshal(data, &art); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return art, nil
}

// Payload is an encoded article split around the value of its id, so that
// each request can carry its own id without encoding the article (and a
// possibly large inline photo) again.
type Payload struct {
	before, after []byte // before ends with the id's opening quote, after starts with its closing one
	// ID is the article's own id, or the fallback given to NewPayload
	// when it has none.
	ID string
}

// idToken stands for the id while the article is encoded; it cannot
// occur in real text, and encodes to an escaped string that is easy to
// find.
const idToken = "\x00printd-loadgen-id\x00"

// NewPayload encodes art with a placeholder id. The article's "id", when
// it is a non-empty string, becomes p.ID; otherwise fallbackID does. art
// itself is left as it was.
func NewPayload(art map[string]any, fallbackID string) (Payload, error) {
	id, _ := art["id"].(string)
	if id == "" {
		id = fallbackID
	}
	art = maps.Clone(art)
	if art == nil {
		art = map[string]any{}
	}
	art["id"] = idToken
	enc, err := json.Marshal(art)
	if err != nil {
		return Payload{}, err
	}
	tok, _ := json.Marshal(idToken)
	i := bytes.Index(enc, tok)
	if i < 0 {
		return Payload{}, errors.New("cannot place the article id")
	}
	return Payload{before: enc[:i+1], after: enc[i+len(tok)-1:], ID: id}, nil
}

// Size is the length in bytes of the body carrying id.
func (p Payload) Size(id string) int { return len(p.before) + len(id) + len(p.after) }

// Reader reads the body carrying id. The id is written as it is, so it
// must need no JSON escaping (letters, digits, '-' and the like).
func (p Payload) Reader(id string) io.Reader {
	return io.MultiReader(bytes.NewReader(p.before), strings.NewReader(id), bytes.NewReader(p.after))
}
