package locale

import (
	"testing"
	"time"
)

var nov19 = time.Date(2025, 11, 19, 10, 0, 0, 0, time.UTC)

// TestLongDate checks dates against CLDR 47's long date format and month
// names (cldr-json cldr-dates-full ca-gregorian.json, dateFormats/long) and
// the default numbering system of each locale (numbers.json).
func TestLongDate(t *testing.T) {
	for tag, want := range map[string]string{
		"en":      "November 19, 2025",
		"en-GB":   "19 November 2025",
		"en-US":   "November 19, 2025",
		"ru":      "19 ноября 2025\u202fг.",
		"uk":      "19 листопада 2025\u202fр.",
		"de":      "19. November 2025",
		"fr":      "19 novembre 2025",
		"cs":      "19. listopadu 2025",
		"sk":      "19. novembra 2025",
		"pl":      "19 listopada 2025",
		"lv":      "2025. gada 19. novembris",
		"lt":      "2025 m. lapkričio 19 d.",
		"hu":      "2025. november 19.",
		"ja":      "2025年11月19日",
		"zh":      "2025年11月19日",
		"zh-Hant": "2025年11月19日",
		"zh-TW":   "2025年11月19日",
		"ko":      "2025년 11월 19일",
		"ar":      "19 نوفمبر 2025",
		"ar-EG":   "١٩ نوفمبر ٢٠٢٥",
		"ar-SA":   "١٩ نوفمبر ٢٠٢٥",
		"fa":      "۱۹ نوامبر ۲۰۲۵",
		"bn":      "১৯ নভেম্বর, ২০২৫",
		"hi":      "19 नवंबर 2025",
		"my":      "၂၀၂၅ နိုဝင်ဘာ ၁၉",
		"th":      "19 พฤศจิกายน ค.ศ. 2025",
		"he":      "19 בנובמבר 2025",
		"sr":      "19. новембар 2025.",
		"sr-Latn": "19. novembar 2025.",
		"el":      "19 Νοεμβρίου 2025",
		"pt-BR":   "19 de novembro de 2025",
		"pt-PT":   "19 de novembro de 2025",
		"xx":      "November 19, 2025",
		"":        "November 19, 2025",
	} {
		if got := For(tag).LongDate(nov19); got != want {
			t.Errorf("For(%q).LongDate = %q, want %q (locale %s)", tag, got, want, For(tag).Tag())
		}
	}
}

func TestList(t *testing.T) {
	names := []string{"A", "B", "C", "D"}
	for _, tt := range []struct {
		tag  string
		n    int
		want string
	}{
		{"en", 1, "A"}, {"en", 2, "A and B"}, {"en", 3, "A, B, and C"}, {"en-GB", 3, "A, B and C"},
		{"ru", 4, "A, B, C и D"}, {"zh", 3, "A、B和C"}, {"ja", 2, "A、B"}, {"de", 3, "A, B und C"},
		{"ar", 3, "A وB وC"}, {"cs", 2, "A a\u00a0B"},
	} {
		if got := For(tt.tag).List(names[:tt.n]); got != tt.want {
			t.Errorf("%s List(%d) = %q, want %q", tt.tag, tt.n, got, tt.want)
		}
	}
}

func TestQuotesLabelsPages(t *testing.T) {
	if q := For("fr").Quotes(); q.Open != "«" || q.Close != "»" {
		t.Errorf("fr quotes %+v", q)
	}
	if q := For("de").Quotes(); q.Open != "„" || q.Close != "“" {
		t.Errorf("de quotes %+v", q)
	}
	for tag, want := range map[string][3]string{
		"en":      {"Photo", "Updated", "page 2 of 5"},
		"cs":      {"Foto", "Aktualizováno", "strana 2 z 5"},
		"ar-EG":   {"تصوير", "آخر تحديث", "صفحة ٢ من ٥"},
		"ja":      {"写真", "更新", "2/5ページ"},
		"my":      {"ဓာတ်ပုံ", "ပြင်ဆင်ချိန်", "စာမျက်နှာ ၂/၅"},
		"zh-TW":   {"圖", "更新", "第2頁/共5頁"},
		"sr-Latn": {"Foto", "Ažurirano", "strana 2 od 5"},
		"no":      {"Foto", "Oppdatert", "side 2 av 5"},
	} {
		l := For(tag)
		if got := [3]string{l.Photo(), l.Updated(), l.PageOf(2, 5)}; got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
}

// TestEveryLocale formats with every generated locale: every pattern
// letter is one LongDate knows and every month is named.
func TestEveryLocale(t *testing.T) {
	for tag, d := range cldr {
		for m, name := range d.months {
			if name == "" {
				t.Errorf("%s: month %d unnamed", tag, m+1)
			}
		}
		l := &Locale{tag: tag, d: d, labels: labelsFor("en", "")}
		for _, c := range "EeQqwWDFgabBhHkKmsSAzZOvVXx" {
			if containsUnquoted(d.date, c) {
				t.Errorf("%s: pattern %q uses %c", tag, d.date, c)
			}
		}
		if got := l.LongDate(nov19); got == "" {
			t.Errorf("%s: empty date", tag)
		}
	}
}

func containsUnquoted(p string, c rune) bool {
	quoted := false
	for _, r := range p {
		if r == '\'' {
			quoted = !quoted
		} else if r == c && !quoted {
			return true
		}
	}
	return false
}
