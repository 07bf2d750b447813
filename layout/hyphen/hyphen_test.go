package hyphen

import (
	"slices"
	"strings"
	"testing"
)

// hyphenated renders word with "-" at every Points offset.
func hyphenated(h *Hyphenator, word string) string {
	var sb strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		sb.WriteString(word[last:p])
		sb.WriteByte('-')
		last = p
	}
	sb.WriteString(word[last:])
	return sb.String()
}

// TestPatternsPerLanguage checks words against the breaks the TeX
// patterns give, narrowed to 2 letters before and 3 after.
func TestPatternsPerLanguage(t *testing.T) {
	tests := []struct {
		lang string
		want []string // hyphenated forms; the word is the text without "-"
	}{
		{"en-US", []string{
			"hy-phen-ation", "re-lin-quish-ing", "al-go-rithm", "type-set-ting",
			"news-pa-per", "in-for-ma-tion", "beau-ti-ful", "in-ter-na-tional",
			"uni-ver-sity", "com-puter", "Hy-phen-ation",
		}},
		{"en-GB", []string{
			"hy-phen-a-tion", "be-ha-viour", "or-gan-isa-tion", "pro-gramme",
			"in-ter-na-tional", "col-our",
		}},
		{"ru", []string{
			"кон-фе-рен-ция", "ин-фор-ма-ция", "го-су-дар-ство", "про-грам-ми-ро-ва-ние",
			"без-опас-ность", "уни-вер-си-тет", "пе-ре-стройка", "объ-яв-ле-ние",
			"подъ-езд", "объ-еди-нён-ный", "Кон-фе-рен-ция",
		}},
		{"uk", []string{
			"кон-фе-рен-ція", "ін-фор-ма-ція", "дер-жава", "уні-вер-си-тет",
			"про-гра-му-ва-ння", "не-за-ле-жність", "Укра-їна", "па-м’я-тати",
		}},
		{"de", []string{
			"Sil-ben-tren-nung", "Zei-tung", "Recht-schrei-bung", "In-for-ma-tio-nen",
			"Bun-des-re-gie-rung", "Wis-sen-schaft", "Uni-ver-si-tät", "Stra-ßen-bahn",
			"Fuß-ball-spie-ler", "Größe",
		}},
		{"fr", []string{
			"hy-phé-na-tion", "in-for-ma-tion", "gou-ver-ne-ment", "uni-ver-sité",
			"dé-ve-lop-pe-ment", "ex-tra-or-di-nai-re-ment", "au-jour-d’hui", "au-jour-d'hui",
		}},
		{"es", []string{
			"in-for-ma-ción", "go-bierno", "uni-ver-si-dad", "co-no-ci-miento",
			"de-sa-rro-llo", "pe-rió-dico", "ex-tra-or-di-na-rio", "gue-rra",
		}},
		{"it", []string{
			"in-for-ma-zione", "go-verno", "uni-ver-sità", "co-no-scenza",
			"svi-luppo", "gior-nale", "straor-di-na-rio", "per-ché",
		}},
		{"pl", []string{
			"in-for-ma-cja", "uni-wer-sy-tet", "wia-do-mo-ści", "roz-wój",
			"ga-zeta", "nie-za-leż-ność", "przy-naj-mniej",
		}},
		{"pt-BR", []string{
			"in-for-ma-ção", "go-verno", "uni-ver-si-dade", "co-nhe-ci-mento",
			"de-sen-vol-vi-mento", "jor-nal", "ex-tra-or-di-ná-rio", "soft-ware",
		}},
	}
	for _, tt := range tests {
		h := For(tt.lang)
		if h == nil {
			t.Fatalf("For(%q) = nil", tt.lang)
		}
		for _, want := range tt.want {
			word := strings.ReplaceAll(want, "-", "")
			if got := hyphenated(h, word); got != want {
				t.Errorf("%s %q: got %q, want %q", tt.lang, word, got, want)
			}
		}
	}
}

// TestExceptions checks that the exception lists override the patterns.
func TestExceptions(t *testing.T) {
	tests := []struct {
		lang, want, fromPatterns string
	}{
		{"en-us", "present", "pre-sent"},
		{"en-us", "ta-ble", "table"},
		{"en-us", "as-so-ciate", "as-so-ci-ate"},
		{"en-us", "project", "pro-ject"},
		{"en-gb", "ma-nu-script", "manuscript"},
		{"pl", "przy-naj-mniej", "przy-najm-niej"},
		{"ru", "во-ткать", "вот-кать"},
	}
	for _, tt := range tests {
		h := For(tt.lang)
		word := strings.ReplaceAll(tt.want, "-", "")
		if got := hyphenated(h, word); got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.lang, word, got, tt.want)
		}
		if got := patternsOnly(t, h, word); got != tt.fromPatterns {
			t.Errorf("%s %q without exceptions: got %q, want %q", tt.lang, word, got, tt.fromPatterns)
		}
	}
}

// patternsOnly hyphenates a lower-case word with the trie alone, with the
// package's 2/3 minimum, bypassing the exception list.
func patternsOnly(t *testing.T, h *Hyphenator, word string) string {
	t.Helper()
	p, err := h.load()
	if err != nil {
		t.Fatal(err)
	}
	breaks := rawBreaks(p, word)
	runes := []rune(word)
	var sb strings.Builder
	for k, r := range runes {
		if k >= minBefore && len(runes)-k >= minAfter && slices.Contains(breaks, k) {
			sb.WriteByte('-')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// rawBreaks returns the rune indices where the patterns alone give an odd
// value, with no minimum.
func rawBreaks(p *patterns, word string) []int {
	low := []byte("." + strings.ToLower(word) + ".")
	levels := make([]uint8, len(low)+1)
	p.trie.match(low, levels)
	var ks []int
	k := 0
	for i := range word {
		if k > 0 && levels[1+i]&1 == 1 {
			ks = append(ks, k)
		}
		k++
	}
	return ks
}

func TestMinimumTwoBeforeThreeAfter(t *testing.T) {
	words := map[string][]string{
		"en-us": {"computer", "hyphenated", "rather", "happily", "teacher"},
		"ru":    {"конференции", "ручка", "молоко", "дорога", "книга", "ответы"},
		"de":    {"Zeitungen", "Abend", "Ofen", "Straße", "Tische"},
		"fr":    {"abeille", "âgée", "amusant", "aimable"},
	}
	trimmed := 0
	for lang, ws := range words {
		h := For(lang)
		p, err := h.load()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range ws {
			runes := []rune(w)
			var want []int
			for _, k := range rawBreaks(p, w) {
				if k >= minBefore && len(runes)-k >= minAfter {
					want = append(want, len(string(runes[:k])))
				} else {
					trimmed++
				}
			}
			if got := h.Points(w); !slices.Equal(got, want) {
				t.Errorf("%s %q: got %v, want %v", lang, w, got, want)
			}
		}
	}
	// The rule must have had something to remove for the test to mean anything.
	if trimmed == 0 {
		t.Error("no pattern break fell inside the 2/3 margins; pick other words")
	}
}

func TestFor(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "en-us"}, {"en-US", "en-us"}, {"EN", "en-us"}, {"en-CA", "en-us"},
		{"en-GB", "en-gb"}, {"en-AU", "en-gb"}, {"en-IE", "en-gb"}, {"en_gb", "en-gb"},
		{"en-Latn-GB", "en-gb"}, {"en-x-gb", "en-us"},
		{"ru", "ru"}, {"ru-RU", "ru"}, {"uk", "uk"}, {"uk-UA", "uk"},
		{"de", "de-1996"}, {"de-DE", "de-1996"}, {"de-AT", "de-1996"}, {"de-CH", "de-1996"},
		{"fr", "fr"}, {"fr-CA", "fr"}, {"es", "es"}, {"es-419", "es"}, {"it", "it"},
		{"pl", "pl"}, {"pt", "pt"}, {"pt-BR", "pt"}, {"pt-PT", "pt"},
		{"", ""}, {"zh-Hans", ""}, {"english", ""}, {"e", ""},
	}
	for _, tt := range tests {
		h := For(tt.tag)
		if got := h.Lang(); got != tt.want {
			t.Errorf("For(%q).Lang() = %q, want %q", tt.tag, got, tt.want)
		}
		if (h == nil) != (tt.want == "") {
			t.Errorf("For(%q) = %v, want nil: %v", tt.tag, h, tt.want == "")
		}
	}
	if For("de") != For("de-AT") {
		t.Error("For(de) and For(de-AT) differ")
	}
}

func TestLanguagesLoad(t *testing.T) {
	langs := Languages()
	want := patternSets
	if !slices.Equal(langs, want) || !slices.IsSorted(langs) || len(langs) < 60 {
		t.Fatalf("Languages() = %v, want %v", langs, want)
	}
	langs[0] = "xx"
	if Languages()[0] != "af" {
		t.Error("Languages returns shared storage")
	}
	for _, lang := range want {
		h := For(lang)
		if h.Lang() != lang {
			t.Errorf("For(%q).Lang() = %q", lang, h.Lang())
		}
		p, err := h.load()
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if len(p.trie.vals) == 0 || len(p.other)+countTrue(p.ascii[:]) < 20 {
			t.Errorf("%s: implausible pattern set: %d values, alphabet %d+%d",
				lang, len(p.trie.vals), countTrue(p.ascii[:]), len(p.other))
		}
	}
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func TestNilHyphenator(t *testing.T) {
	var h *Hyphenator
	if got := h.Points("hyphenation"); got != nil {
		t.Errorf("nil Points = %v", got)
	}
	if got := h.Breaks("pro-Ukrainian"); got != nil {
		t.Errorf("nil Breaks = %v", got)
	}
}
