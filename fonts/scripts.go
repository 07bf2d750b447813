package fonts

import (
	"sort"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/language"
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

// scripts are the scripts the library keeps together, each with the name
// messages give it and a letter to test a family's coverage with. A
// character's script is go-text's (language.LookupScript: Unicode's
// Scripts.txt), and a script is keyed by its ISO 15924 code as go-text
// encodes it. Every letter of one of these scripts takes the same face
// while that face has it (Library.Pick; other characters choose their face
// one by one), and a profile names the families of each by its code
// (ScriptFamilies) — but for Han, kana and Hangul, which have no sample:
// a profile names their text by language, Hans, Hant, Jpan and Kore
// (hanCodes).
var scripts = map[language.Script]struct {
	name   string
	sample rune
}{
	language.Arabic: {"Arabic", 'ب'}, language.Hebrew: {"Hebrew", 'ש'}, language.Devanagari: {"Devanagari", 'क'},
	language.Bengali: {"Bengali", 'ক'}, language.Tamil: {"Tamil", 'க'}, language.Telugu: {"Telugu", 'క'},
	language.Kannada: {"Kannada", 'ಕ'}, language.Malayalam: {"Malayalam", 'ക'}, language.Gujarati: {"Gujarati", 'ક'},
	language.Gurmukhi: {"Gurmukhi", 'ਕ'}, language.Oriya: {"Oriya", 'କ'}, language.Sinhala: {"Sinhala", 'ක'},
	language.Thai: {"Thai", 'ก'}, language.Lao: {"Lao", 'ກ'}, language.Khmer: {"Khmer", 'ក'},
	language.Myanmar: {"Myanmar", 'က'}, language.Tibetan: {"Tibetan", 'ཀ'}, language.Georgian: {"Georgian", 'ა'},
	language.Armenian: {"Armenian", 'ա'}, language.Ethiopic: {"Ethiopic", 'አ'}, language.Syriac: {"Syriac", 'ܐ'},
	language.Thaana: {"Thaana", 'ހ'},
	language.Han:    {name: "Han"}, language.Hiragana: {name: "Hiragana"}, language.Katakana: {name: "Katakana"},
	language.Hangul: {name: "Hangul"},
}

// hanCodes are the codes a profile names Han, kana and Hangul text by,
// each with a letter to test coverage with: zh-Hans, zh-Hant, ja and ko
// text (Jpan also kana, Kore also Hangul, whatever the language).
var hanCodes = map[string]rune{"Hans": '国', "Hant": '國', "Jpan": 'の', "Kore": '한'}

// scriptBucket groups characters that should take the same face: by
// script for the letters of scripts, by character for everything else.
func scriptBucket(r rune) string {
	if s := language.LookupScript(r); scripts[s].name != "" {
		return s.String()
	}
	return string(r)
}

// embeddedScripts are set in the profile's own serif and sans families.
var embeddedScripts = map[string]string{"Latn": "Latin", "Grek": "Greek", "Cyrl": "Cyrillic"}

// ScriptCodes lists the ISO 15924 codes ScriptFamilies accepts, sorted.
func ScriptCodes() []string {
	out := make([]string, 0, len(scripts))
	for s, info := range scripts {
		if info.sample != 0 {
			out = append(out, s.String())
		}
	}
	for c := range hanCodes {
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
	if r, ok := hanCodes[code]; ok {
		return r, "Han", true
	}
	if s, err := language.ParseScript(code); err == nil && s.String() == code && scripts[s].sample != 0 {
		return scripts[s].sample, scripts[s].name, true
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
	s := language.LookupScript(r)
	if isHanLike(r) {
		switch s {
		case language.Hangul:
			return "Kore"
		case language.Hiragana, language.Katakana:
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
	if scripts[s].sample != 0 {
		return s.String()
	}
	return ""
}
