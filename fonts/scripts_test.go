package fonts

import "testing"

func TestScriptFamiliesFor(t *testing.T) {
	sf := &ScriptFamilies{}
	if sf.For('ب', "ar", RoleSerif) != "" || (*ScriptFamilies)(nil).For('ب', "ar", RoleSerif) != "" {
		t.Fatal("an empty ScriptFamilies names a family")
	}
	sf.SetScript("Arab", RoleFamilies{Serif: "Noto Naskh Arabic", Sans: "Noto Kufi Arabic"})
	sf.SetScript("Hant", RoleFamilies{Serif: "Noto Serif CJK TC"})
	sf.SetScript("Jpan", RoleFamilies{Serif: "Noto Serif CJK JP", Sans: "Noto Sans CJK JP"})
	sf.SetLang("ur", RoleFamilies{Serif: "Noto Nastaliq Urdu", Sans: "Noto Nastaliq Urdu"})
	for _, c := range []struct {
		r    rune
		lang string
		role Role
		want string
	}{
		{'ب', "ar", RoleSerif, "Noto Naskh Arabic"},
		{'ب', "ar", RoleSans, "Noto Kufi Arabic"},
		{'ب', "ar", RoleMono, "Noto Kufi Arabic"}, // mono takes the sans family
		{'ب', "ur-PK", RoleSerif, "Noto Nastaliq Urdu"},
		{'ب', "fa", RoleSans, "Noto Kufi Arabic"},
		{'國', "zh-Hant", RoleSerif, "Noto Serif CJK TC"},
		{'國', "zh-TW", RoleSerif, "Noto Serif CJK TC"},
		{'國', "zh-Hant", RoleSans, ""}, // not named: the library's choice
		{'国', "zh", RoleSerif, ""},     // Hans not named
		{'国', "ja", RoleSerif, "Noto Serif CJK JP"},
		{'の', "", RoleSans, "Noto Sans CJK JP"},
		{'क', "hi", RoleSerif, ""},
		{'a', "en", RoleSerif, ""},
	} {
		if got := sf.For(c.r, c.lang, c.role); got != c.want {
			t.Errorf("For(%q, %q, %d) = %q, want %q", c.r, c.lang, c.role, got, c.want)
		}
	}
}

func TestScriptCodes(t *testing.T) {
	for _, code := range ScriptCodes() {
		r, script, ok := ScriptSample(code)
		if !ok || script == "" {
			t.Fatalf("%s: not accepted", code)
		}
		if got := scriptCode(r, ""); got != code && script != "Han" {
			t.Errorf("%s: its sample %q files under %s", code, r, got)
		}
		if !IsScriptCode(code) {
			t.Errorf("%s is not of a script code's shape", code)
		}
	}
	for _, c := range []string{"Latn", "Grek", "Cyrl"} {
		if _, script, ok := ScriptSample(c); ok || script == "" {
			t.Errorf("%s: accepted, or not known as a script of the embedded families", c)
		}
	}
	for _, c := range []string{"arab", "ARAB", "Ar", "ur", "Arab1"} {
		if IsScriptCode(c) {
			t.Errorf("%q taken for a script code", c)
		}
	}
}

// TestScriptBucket checks the grouping Library.Pick keeps a face by: the
// letters of one script together, apart from other scripts', and every
// other character (Latin letters, symbols) on its own.
func TestScriptBucket(t *testing.T) {
	for _, c := range []struct {
		a, b rune
		same bool
	}{
		{'ب', 'ت', true}, {'ب', 'ש', false}, {'क', 'ख', true}, {'国', '國', true}, {'の', 'ノ', false},
		{'の', '国', false}, {'한', '국', true}, {'a', 'b', false}, {'€', '€', true}, {'€', '£', false},
	} {
		if got := scriptBucket(c.a) == scriptBucket(c.b); got != c.same {
			t.Errorf("%q and %q in one bucket: %v, want %v", c.a, c.b, got, c.same)
		}
	}
	for _, code := range []string{"arab", "ARAB", "Hani", "Hira", "Latn"} {
		if _, _, ok := ScriptSample(code); ok {
			t.Errorf("%q accepted as a profile's script code", code)
		}
	}
}
