package segment

import (
	"slices"
	"sync"
	"testing"
)

// TestConcurrentFirstUse: goroutines that segment at once, each script's
// dictionary loading on first use, all get the same breaks (run with
// -race).
func TestConcurrentFirstUse(t *testing.T) {
	texts := map[string]string{
		"th": "ประเทศไทยมีประชากรประมาณหกสิบล้านคน",
		"lo": "ສະບາຍດີປະເທດລາວ",
		"km": "ព្រះរាជាណាចក្រកម្ពុជា",
		"my": "မြန်မာနိုင်ငံသည်",
		"ja": "日本語の文章を、正しく改行する。",
	}
	want := map[string][]Break{}
	for lang, text := range texts {
		want[lang] = Breaks(text, lang)
	}
	// fresh dictionaries, loaded by the goroutines below
	for _, d := range []*dictionary{thai, lao, khmer, burmese} {
		*d = dictionary{file: d.file}
	}
	var wg sync.WaitGroup
	for range 8 {
		for lang, text := range texts {
			wg.Go(func() {
				if got := Breaks(text, lang); !slices.Equal(got, want[lang]) {
					t.Errorf("%s: %v, want %v", lang, got, want[lang])
				}
			})
		}
	}
	wg.Wait()
}
