package hyphen

import "strings"

// patternSets lists the embedded pattern sets by their hyph-utf8 tag, sorted.
var patternSets = [...]string{"de-1996", "en-gb", "en-us", "es", "fr", "it", "pl", "pt", "ru", "uk"}

// britishRegions are the English-speaking regions whose spelling follows
// British rather than American usage.
var britishRegions = map[string]bool{
	"gb": true, "uk": true, "au": true, "ie": true, "nz": true, "za": true, "in": true,
}

// Languages returns the hyph-utf8 tags of the embedded pattern sets
// ("de-1996", "en-gb", "en-us", "es", "fr", "it", "pl", "pt", "ru", "uk"),
// sorted. The caller owns the returned slice.
func Languages() []string {
	return append([]string(nil), patternSets[:]...)
}

// patternSetFor maps a BCP 47 tag to the tag of the pattern set that serves
// it, or "" when none does. Matching is case-insensitive and accepts "_" as
// a subtag separator; script and variant subtags are ignored.
func patternSetFor(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	primary, rest, _ := cutSubtag(tag)
	switch primary {
	case "en":
		if britishRegions[region(rest)] {
			return "en-gb"
		}
		return "en-us"
	case "de":
		return "de-1996"
	case "ru", "uk", "fr", "es", "it", "pl", "pt":
		return primary
	}
	return ""
}

// region returns the region subtag among the subtags that follow the
// primary language: the first of two letters or three digits.
func region(subtags string) string {
	for subtags != "" {
		var s string
		s, subtags, _ = cutSubtag(subtags)
		if len(s) == 1 {
			return "" // extensions and private use follow a singleton
		}
		if len(s) == 2 && isAlpha(s) || len(s) == 3 && isNumeric(s) {
			return s
		}
	}
	return ""
}

func cutSubtag(s string) (subtag, rest string, found bool) {
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func isNumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
