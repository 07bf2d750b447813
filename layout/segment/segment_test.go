package segment

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// show renders text with "|" at each break.
func show(text string, bs []Break) string {
	var b strings.Builder
	last := 0
	for _, br := range bs {
		b.WriteString(text[last:br.Off])
		b.WriteByte('|')
		last = br.Off
	}
	b.WriteString(text[last:])
	return b.String()
}

func TestBreaks(t *testing.T) {
	for _, tt := range []struct{ lang, in, want string }{
		{"th", "ประเทศไทยมีประชากรประมาณหกสิบล้านคน", "ประเทศไทย|มี|ประชากร|ประมาณ|หก|สิบ|ล้าน|คน"},
		{"th", "เด็กๆเล่นกัน", "เด็กๆ|เล่น|กัน"},
		{"lo", "ສະບາຍດີປະເທດລາວ", "ສະບາຍດີ|ປະເທດ|ລາວ"},
		{"km", "ព្រះរាជាណាចក្រកម្ពុជា", "ព្រះរាជាណាចក្រ|កម្ពុជា"},
		{"my", "မြန်မာနိုင်ငံသည်", "မြန်မာနိုင်ငံ|သည်"},
		// kinsoku: 、。 closing brackets and small kana never start a line,
		// opening brackets never end one
		{"ja", "東京（とうきょう）で「ニュース」を読んだ。", "東|京|（と|う|きょ|う）|で|「ニュー|ス」|を|読|ん|だ。"},
		{"ja", "ＡＢＣとabcの混在", "ＡＢＣ|と|abc|の|混|在"},
		{"zh", "中国政府宣布，将于2025年举行会议。", "中|国|政|府|宣|布，|将|于|2025|年|举|行|会|议。"},
		// Korean: keep-all, Hangul words are not broken
		{"ko", "대한민국정부는", "대한민국정부는"},
		{"en", "well-known", "well-|known"},
	} {
		if got := show(tt.in, Breaks(tt.in, tt.lang)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.lang, got, tt.want)
		}
	}
}

// TestKinds: a break says what it separates.
func TestKinds(t *testing.T) {
	text := "日本とJapanの関係"
	kinds := map[string]Kind{}
	for _, b := range Breaks(text, "ja") {
		r, _ := utf8.DecodeRuneInString(text[b.Off:])
		kinds[string(r)] = b.Kind
	}
	if kinds["J"] != Mixed || kinds["の"] != Mixed || kinds["本"] != Ideograph {
		t.Errorf("kinds %v", kinds)
	}
	for _, b := range Breaks("ประเทศไทยมี", "th") {
		if b.Kind != Word {
			t.Errorf("Thai break %v", b)
		}
	}
}

// TestNoBreakInsideCluster: on the test texts, no break falls before a
// combining mark, after a leading vowel, a coeng or a virama, or before a
// character that may not start a line.
func TestNoBreakInsideCluster(t *testing.T) {
	for _, lang := range []string{"th", "lo", "km", "my", "ja"} {
		src, err := os.ReadFile("testdata/udhr-" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Fields(string(src)) {
			for _, b := range Breaks(w, lang) {
				if !boundaryOK(w, b.Off) {
					t.Errorf("%s: break inside a cluster: %s", lang, show(w, []Break{b}))
				}
				next, _ := utf8.DecodeRuneInString(w[b.Off:])
				prev, _ := utf8.DecodeLastRuneInString(w[:b.Off])
				if noLineStart(next) || noLineEnd(prev) {
					t.Errorf("%s: kinsoku: %s", lang, show(w, []Break{b}))
				}
			}
		}
	}
}

func TestNeeds(t *testing.T) {
	for in, want := range map[string]bool{"hello": false, "привет": false, "ไทย": true, "日本": true, "한국": false, "مرحبا": false} {
		if got := Needs(in); got != want {
			t.Errorf("Needs(%q) = %v", in, got)
		}
	}
}

func FuzzBreaks(f *testing.F) {
	f.Add("ประเทศไทยมีประชากร", "th")
	f.Add("東京（とうきょう）で", "ja")
	f.Add("ព្រះរាជាណាចក្រ", "km")
	f.Fuzz(func(t *testing.T, text, lang string) {
		starts := map[int]bool{}
		for i := range text {
			starts[i] = true
		}
		last := 0
		for _, b := range Breaks(text, lang) {
			if b.Off <= last || b.Off >= len(text) || !starts[b.Off] {
				t.Fatalf("bad break %d in %q (previous %d)", b.Off, text, last)
			}
			last = b.Off
		}
	})
}
