package fonts

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// ScriptFamilies names, per script (an ISO 15924 code such as Arab, Deva,
// Hans) or per language (a BCP 47 tag such as ur or zh-Hant), the library
// families that script's or language's text is set in, one for serif
// roles and one for sans. A publication profile builds one at load time;
// it is read-only afterwards.
type ScriptFamilies struct {
	scripts map[string]RoleFamilies
	langs   map[string]RoleFamilies
}

// RoleFamilies are the family names for the serif roles (body, headline,
// standfirst) and the sans roles (captions, byline, furniture; also
// preformatted text). An empty name leaves that role to the library's own
// choice.
type RoleFamilies struct {
	Serif, Sans string
}

// scriptCodes maps the ISO 15924 codes a profile may name to the Unicode
// script of their letters and a letter to test coverage with. Hans, Hant,
// Jpan and Kore are Han text by language (zh-Hans, zh-Hant, ja, ko), kana
// (Jpan) and Hangul (Kore).
var scriptCodes = map[string]struct {
	script string
	sample rune
}{
	"Arab": {"Arabic", 'ب'}, "Hebr": {"Hebrew", 'ש'}, "Deva": {"Devanagari", 'क'}, "Beng": {"Bengali", 'ক'},
	"Taml": {"Tamil", 'க'}, "Telu": {"Telugu", 'క'}, "Knda": {"Kannada", 'ಕ'}, "Mlym": {"Malayalam", 'ക'},
	"Gujr": {"Gujarati", 'ક'}, "Guru": {"Gurmukhi", 'ਕ'}, "Orya": {"Oriya", 'କ'}, "Sinh": {"Sinhala", 'ක'},
	"Thai": {"Thai", 'ก'}, "Laoo": {"Lao", 'ກ'}, "Khmr": {"Khmer", 'ក'}, "Mymr": {"Myanmar", 'က'},
	"Tibt": {"Tibetan", 'ཀ'}, "Geor": {"Georgian", 'ა'}, "Armn": {"Armenian", 'ա'}, "Ethi": {"Ethiopic", 'አ'},
	"Syrc": {"Syriac", 'ܐ'}, "Thaa": {"Thaana", 'ހ'},
	"Hans": {"Han", '国'}, "Hant": {"Han", '國'}, "Jpan": {"Han", 'の'}, "Kore": {"Han", '한'},
}

// embeddedScripts are set in the profile's own serif and sans families.
var embeddedScripts = map[string]string{"Latn": "Latin", "Grek": "Greek", "Cyrl": "Cyrillic"}

// ScriptCodes lists the ISO 15924 codes ScriptFamilies accepts, sorted.
func ScriptCodes() []string {
	out := make([]string, 0, len(scriptCodes))
	for c := range scriptCodes {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// ScriptSample returns a letter of the script with ISO 15924 code code,
// for testing whether a family covers it, and false for a code
// ScriptFamilies does not accept. For Latn, Grek and Cyrl (set in the
// profile's own families) it returns the script's name and false.
func ScriptSample(code string) (rune, string, bool) {
	if s, ok := scriptCodes[code]; ok {
		return s.sample, s.script, true
	}
	return 0, embeddedScripts[code], false
}

// IsScriptCode reports a key of the shape of an ISO 15924 code: four
// letters, the first upper case, the others lower.
func IsScriptCode(key string) bool {
	if len(key) != 4 {
		return false
	}
	for i, r := range key {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) || (i == 0) != unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// SetScript names the families of the script with ISO 15924 code code
// (one ScriptSample accepts).
func (sf *ScriptFamilies) SetScript(code string, rf RoleFamilies) {
	if sf.scripts == nil {
		sf.scripts = map[string]RoleFamilies{}
	}
	sf.scripts[code] = rf
}

// SetLang names the families of text in language tag (any script).
func (sf *ScriptFamilies) SetLang(tag string, rf RoleFamilies) {
	if sf.langs == nil {
		sf.langs = map[string]RoleFamilies{}
	}
	sf.langs[strings.ToLower(tag)] = rf
}

// Empty reports a ScriptFamilies that names nothing (nil included).
func (sf *ScriptFamilies) Empty() bool {
	return sf == nil || len(sf.scripts)+len(sf.langs) == 0
}

// For returns the family r is to be set in for text in language lang and
// role, or "" when nothing is named for it: the language's entry first
// (the whole tag, then shorter prefixes: zh-Hant-TW, zh-Hant, zh), then
// the script's.
func (sf *ScriptFamilies) For(r rune, lang string, role Role) string {
	if sf.Empty() {
		return ""
	}
	if len(sf.langs) > 0 && lang != "" {
		tag := strings.ToLower(lang)
		for {
			if rf, ok := sf.langs[tag]; ok {
				if f := rf.pick(role); f != "" {
					return f
				}
				break
			}
			i := strings.LastIndexByte(tag, '-')
			if i < 0 {
				break
			}
			tag = tag[:i]
		}
	}
	if len(sf.scripts) == 0 {
		return ""
	}
	if code := scriptCode(r, lang); code != "" {
		return sf.scripts[code].pick(role)
	}
	return ""
}

func (rf RoleFamilies) pick(role Role) string {
	if role == RoleSerif {
		return rf.Serif
	}
	return rf.Sans
}

// scriptCode returns the ISO 15924 code ScriptFamilies files r under in
// text of language lang, or "".
func scriptCode(r rune, lang string) string {
	if isHanLike(r) {
		switch {
		case unicode.Is(unicode.Hangul, r):
			return "Kore"
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			return "Jpan"
		}
		switch hanVariant(lang) {
		case "JP":
			return "Jpan"
		case "KR":
			return "Kore"
		case "TC", "HK":
			return "Hant"
		}
		return "Hans"
	}
	for _, code := range scriptOrder {
		if unicode.Is(unicode.Scripts[scriptCodes[code].script], r) {
			return code
		}
	}
	return ""
}

// scriptOrder is scriptCodes' non-Han codes, in a fixed order.
var scriptOrder = func() []string {
	var out []string
	for c, s := range scriptCodes {
		if s.script != "Han" {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}()
