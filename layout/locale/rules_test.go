package locale

import (
	"strings"
	"testing"
)

func TestFrenchSpacer(t *testing.T) {
	const n = "\u202f"
	for in, want := range map[string]string{
		"Pourquoi? Parce que!":          "Pourquoi" + n + "? Parce que" + n + "!",
		"Il a dit : «Non» ; puis rien.": "Il a dit" + n + ": «" + n + "Non" + n + "»" + n + "; puis rien.",
		"« Oui », dit-il.":              "«" + n + "Oui" + n + "», dit-il.",
		"À 10:30, voir https://x.fr":    "À 10:30, voir https://x.fr",
		"Quoi?!":                        "Quoi" + n + "?!",
		"Déjà" + n + "!":                "Déjà" + n + "!",
		"(?) et 50 %!":                  "(?) et 50 %" + n + "!",
		"Note\u00a0: ok":                "Note" + n + ": ok",
	} {
		var f FrenchSpacer
		if got := f.Space(in, 0); got != want {
			t.Errorf("%q → %q, want %q", in, strings.ReplaceAll(got, n, "⍽"), strings.ReplaceAll(want, n, "⍽"))
		}
	}
	// across pieces: "<em>vraiment</em>?" and "«<em>Non</em>»"
	var f FrenchSpacer
	got := f.Space("C'est vraiment", '?') + f.Space("?", 0)
	if want := "C'est vraiment" + n + "?"; got != want {
		t.Errorf("across pieces: %q, want %q", got, want)
	}
	f = FrenchSpacer{}
	got = f.Space("«", 'N') + f.Space("Non", 0xbb) + f.Space("»", 0)
	if want := "«" + n + "Non" + n + "»"; got != want {
		t.Errorf("across pieces: %q, want %q", got, want)
	}
}

func TestOneLetterWords(t *testing.T) {
	for tag, want := range map[string]string{
		"cs": "ksvzouai", "sk-SK": "ksvzouai", "pl": "wzioua", "ru": "вксуоиаяжз", "uk": "вузійао",
		"sr-Latn": "ksvzuioa", "en": "", "fr": "", "de": "",
	} {
		if got := OneLetterWords(tag); got != want {
			t.Errorf("OneLetterWords(%q) = %q, want %q", tag, got, want)
		}
	}
	if !FrenchSpaces("fr-FR") || FrenchSpaces("fr-CH") || FrenchSpaces("en") {
		t.Error("FrenchSpaces")
	}
}
