package profile

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"printd/fonts"
)

// langTagRE is the shape of a BCP 47 language tag a profile may name
// families for: a primary language subtag of two or three letters and
// optional subtags (ur, zh-Hant, pa-Arab).
var langTagRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// scriptFamilies checks the profile's fonts.scripts against the fonts lib
// can see and returns them for the font set. Every problem is reported,
// each with the JSON path of its field: an unknown script code or a key
// that is no language tag, a family no font of lib belongs to, a family
// without the script's letters.
func (p *Profile) scriptFamilies(lib *fonts.Library) (*fonts.ScriptFamilies, []string) {
	if len(p.Fonts.Scripts) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(p.Fonts.Scripts))
	for k := range p.Fonts.Scripts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	sf := &fonts.ScriptFamilies{}
	for _, key := range keys {
		v := p.Fonts.Scripts[key]
		path := "fonts.scripts." + key
		sample, script, isScript := fonts.ScriptSample(key)
		switch {
		case isScript:
		case script != "":
			add("%s: %s is set in fonts.serif and fonts.sans, not by script", path, script)
			continue
		case fonts.IsScriptCode(key) || !langTagRE.MatchString(key):
			add("%s: unknown script code or language tag %q (scripts: %s; languages: a BCP 47 tag such as ur or zh-Hant)",
				path, key, strings.Join(fonts.ScriptCodes(), ", "))
			continue
		default:
			sample = -1 // a language's families may cover any script
		}
		if v.problem != "" {
			add("%s: %s", path, v.problem)
			continue
		}
		if v.Serif == "" && v.Sans == "" {
			add("%s: names no family (want a family name or {serif: …, sans: …})", path)
			continue
		}
		rf := fonts.RoleFamilies{}
		for _, role := range []struct {
			field, name string
			dst         *string
		}{{"serif", v.Serif, &rf.Serif}, {"sans", v.Sans, &rf.Sans}} {
			if role.name == "" {
				continue
			}
			family, found, has := lib.HasFamily(role.name, sample)
			switch {
			case !found:
				add("%s.%s: no font of family %q in %s%s", path, role.field, role.name, strings.Join(lib.Dirs(), ", "), suggest(lib, sample))
			case sample >= 0 && !has:
				add("%s.%s: family %q has no %s letters%s", path, role.field, family, script, suggest(lib, sample))
			default:
				*role.dst = family
			}
		}
		if isScript {
			sf.SetScript(key, rf)
		} else {
			sf.SetLang(key, rf)
		}
	}
	return sf, probs
}

// suggest lists a few installed families that have sample, for a message.
func suggest(lib *fonts.Library, sample rune) string {
	if sample < 0 {
		return ""
	}
	fams := lib.FamiliesWith(sample)
	if len(fams) == 0 {
		return "; no installed font has them"
	}
	if len(fams) > 8 {
		fams = append(fams[:8], "…")
	}
	return "; installed families that have them: " + strings.Join(fams, ", ")
}
