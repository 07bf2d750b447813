package adapt

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"printd/article"
)

var fuzzFormats = []string{Auto, string(Printd), string(WordPress), string(ANS), string(JSONLD)}

func FuzzConvert(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range names {
		data := readFixture(f, filepath.Base(name))
		for i := range fuzzFormats {
			f.Add(data, uint8(i))
		}
	}
	for _, s := range []string{
		wpPost(`"content":{"rendered":"[caption]<img src=x>[/caption][gallery][embed]//y[/embed]<figure class=\"wp-block-gallery\"><figure><img srcset=\"a 1w, b 9999w\"></figure></figure><iframe src=/z>"}`),
		ansStory(`"content_elements":[{"type":"list","items":[{"type":"list","items":[{"type":"text","content":"<b>x"}]}]},{"type":"image","url":"https://x.org/p","width":-1,"focal_point":[1,"2"]}]`),
		ldArticle(`"image":[{"@id":"#i"},{"width":"1e9"}],"author":[{"@id":"#a"}],"@graph":[{"@id":"#a","name":{"@value":"N"}}]`),
		`{"@context":"https://schema.org","headline":"H","body":"x"}`,
		`[[[{"@type":"Article"}]]]`,
	} {
		for i := range fuzzFormats {
			f.Add([]byte(s), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, fi uint8) {
		format := fuzzFormats[int(fi)%len(fuzzFormats)]
		out, used, warnings, err := Convert(data, format)
		if err != nil {
			var se *article.SyntaxError
			var ve *article.ValidationError
			switch {
			case errors.Is(err, ErrAmbiguous), errors.As(err, &se):
			case errors.As(err, &ve):
				if len(ve.Problems) == 0 {
					t.Fatal("validation error without problems")
				}
			default:
				t.Fatalf("unexpected error %T: %v", err, err)
			}
			return
		}
		if used == Printd {
			if string(out) != string(data) {
				t.Fatal("printd input changed")
			}
			return
		}
		for _, w := range warnings {
			if !strings.HasPrefix(w, string(used)+": ") {
				t.Fatalf("warning %q does not name the format %s", w, used)
			}
		}
		// Adapted output is well-formed, and every field the adapter fills
		// from metadata is valid; only the headline and body can be found
		// wanting (missing, empty, or over a limit).
		viaJSON, _, err := article.DecodeOpts(out, article.DecodeOptions{})
		// The direct path (the Go value, validated without JSON) gives the
		// same article, or fails alike.
		direct, _, _, derr := Decode(data, format)
		if (err == nil) != (derr == nil) {
			t.Fatalf("through JSON: %v; direct: %v\n%s", err, derr, out)
		}
		if err == nil && !reflect.DeepEqual(viaJSON, direct) {
			t.Fatalf("through JSON and direct differ:\n%+v\n%+v\n%s", viaJSON, direct, out)
		}
		if err == nil {
			return
		}
		var ve *article.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("adapted output does not decode: %v\n%s", err, out)
		}
		for _, p := range ve.Problems {
			if p.Path != "headline" && !strings.HasPrefix(p.Path, "body") &&
				!strings.Contains(p.Message, "longer than") && !strings.Contains(p.Message, "exceeds") {
				t.Fatalf("adapter produced an invalid field: %v\n%s", p, out)
			}
		}
	})
}
