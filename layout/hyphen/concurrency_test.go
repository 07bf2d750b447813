package hyphen

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestConcurrentFirstUse has many goroutines hit fresh Hyphenators at once,
// so the lazy loading races with lookups; run it with -race.
func TestConcurrentFirstUse(t *testing.T) {
	words := map[string][]string{
		"en-us": {"hyphenation", "relinquishing", "pro-Ukrainian", "NATO", "typesetting"},
		"ru":    {"конференция", "государство", "«объединённый»"},
		"pl":    {"przynajmniej", "informacja"},
		"fr":    {"aujourd’hui", "gouvernement"},
	}
	// Expected results come from the shared instances, loaded serially.
	want := map[string][][]Break{}
	for lang, ws := range words {
		for _, w := range ws {
			want[lang] = append(want[lang], For(lang).Breaks(w))
		}
	}
	fresh := map[string]*Hyphenator{}
	for lang := range words {
		fresh[lang] = &Hyphenator{lang: lang}
	}

	const goroutines = 32
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	start := make(chan struct{})
	for g := range goroutines {
		wg.Go(func() {
			<-start
			for round := range 20 {
				for lang, ws := range words {
					h := fresh[lang]
					for i, w := range ws {
						if (g+round+i)%2 == 0 {
							if got := h.Breaks(w); !slices.Equal(got, want[lang][i]) {
								errs <- fmt.Errorf("%s %q: got %v, want %v", lang, w, got, want[lang][i])
								return
							}
						} else {
							h.Points(w)
						}
					}
				}
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
