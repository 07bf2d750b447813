package hyphen

import (
	"slices"
	"strings"
)

// patternSets lists the embedded pattern sets by their hyph-utf8 tag,
// sorted, the GPL-only sets (gplSets) included when the build has them.
var patternSets = func() []string {
	s := append([]string{
		"af", "as", "be", "bg", "bn", "ca", "cy", "da", "de-1996", "el-monoton", "el-polyton",
		"en-gb", "en-us", "eo", "es", "et", "eu", "fi", "fr", "ga", "gl", "gu", "hi", "hr", "hsb",
		"hu", "hy", "ia", "is", "it", "ka", "kk", "kmr", "kn", "la", "lt", "lv", "ml", "mn-cyrl",
		"mr", "nb", "nl", "nn", "oc", "or", "pa", "pl", "pt", "rm", "ru", "sa", "sh-cyrl",
		"sh-latn", "sk", "sl", "sq", "sv", "ta", "te", "tk", "tr", "uk",
	}, gplSets...)
	slices.Sort(s)
	return s
}()

// aliases maps primary language subtags to the pattern set that serves
// them when its tag differs from the subtag.
var aliases = map[string]string{
	"de":  "de-1996",    // reformed spelling, every region
	"el":  "el-monoton", // monotonic Greek, the press's spelling since 1982
	"grc": "el-polyton",
	"mn":  "mn-cyrl",
	"no":  "nb",
	"ku":  "kmr", // Kurmanji, the Latin-script Kurdish the patterns cover
	"ms":  "id",  // the Indonesian patterns' authors say they serve Malay too
	"sh":  "sh-latn",
	"bs":  "sh-latn",
	"cnr": "sh-latn",
}

// britishRegions are the English-speaking regions whose spelling follows
// British rather than American usage.
var britishRegions = map[string]bool{
	"gb": true, "uk": true, "au": true, "ie": true, "nz": true, "za": true, "in": true,
}

// Languages returns the hyph-utf8 tags of the embedded pattern sets
// ("af", …, "de-1996", …, "en-gb", "en-us", …, "uk"), sorted. The caller
// owns the returned slice.
func Languages() []string {
	return slices.Clone(patternSets)
}

// patternSetFor maps a BCP 47 tag to the tag of the pattern set that serves
// it, or "" when none does. Matching is case-insensitive and accepts "_" as
// a subtag separator. Regions choose British or American English; the
// script chooses Serbian's Cyrillic (the default) or Latin patterns, and
// Greek's polytonic ones ("el-polyton"); other subtags are ignored.
func patternSetFor(tag string) string {
	tag = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(tag)), "_", "-")
	if _, ok := slices.BinarySearch(patternSets, tag); ok && tag != "" {
		return tag // a pattern set's own tag, such as "sh-cyrl"
	}
	primary, rest, _ := cutSubtag(tag)
	switch primary {
	case "en":
		if britishRegions[region(rest)] {
			return "en-gb"
		}
		return "en-us"
	case "sr":
		if script(rest) == "latn" {
			return "sh-latn"
		}
		return "sh-cyrl"
	case "el":
		if strings.Contains(rest, "polyton") {
			return "el-polyton"
		}
	}
	if a, ok := aliases[primary]; ok {
		primary = a
	}
	if _, ok := slices.BinarySearch(patternSets, primary); ok {
		return primary
	}
	return ""
}

// script returns the script subtag (four letters) that directly follows
// the primary language, or "".
func script(subtags string) string {
	s, _, _ := cutSubtag(subtags)
	if len(s) == 4 && isAlpha(s) {
		return s
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
