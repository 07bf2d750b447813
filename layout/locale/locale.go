package locale

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// data is what CLDR says about one locale (generated into cldr_data.go).
type data struct {
	date   string     // the Gregorian long date pattern, in CLDR's syntax
	months [12]string // month names in the context the pattern uses
	era    string     // abbreviated name of the common era, when the pattern has G
	digits string     // the ten digits of the default numbering system; "" for 0–9
	list   [4]string  // list pattern: two items, start, middle, end
	quotes [4]string  // quotation marks: open, close, inner open, inner close
}

// Locale formats what printd prints itself in one language: dates,
// numbers, lists of names, quotation marks and labels. A *Locale is
// immutable and may be shared.
type Locale struct {
	tag    string
	d      *data
	labels *labels
}

// For returns the locale of a BCP 47 tag: the most specific of
// language-Script-REGION, language-Script, language-REGION and language
// that printd has, with the scripts that a region or language implies
// (zh-TW → zh-Hant, sr-ME → sr-Latn); English (en) when the language is
// unknown. Tags are matched case-insensitively; "_" separates subtags too.
func For(tag string) *Locale {
	lang, scr, reg := parseTag(tag)
	if a, ok := languageAliases[lang]; ok {
		lang = a
	}
	if scr == "" {
		scr = impliedScript[lang+"-"+reg]
	}
	var cands []string
	if scr != "" && reg != "" {
		cands = append(cands, lang+"-"+scr+"-"+reg)
	}
	if scr != "" {
		cands = append(cands, lang+"-"+scr)
	}
	if reg != "" && (scr == "" || scr == defaultScript[lang]) {
		cands = append(cands, lang+"-"+reg)
	}
	cands = append(cands, lang)
	for _, c := range cands {
		if d, ok := cldr[c]; ok {
			return &Locale{tag: c, d: d, labels: labelsFor(lang, scr)}
		}
	}
	return &Locale{tag: "en", d: cldr["en"], labels: labelsFor("en", "")}
}

// Tag returns the CLDR locale chosen, such as "ar-EG", "sr-Latn" or "en".
func (l *Locale) Tag() string { return l.tag }

var languageAliases = map[string]string{
	"no": "nb", "iw": "he", "in": "id", "tl": "fil", "ji": "yi", "sh": "sr", "cnr": "sr", "kmr": "ku",
}

// impliedScript holds regions whose language is written in another script
// than the language's default.
var impliedScript = map[string]string{
	"zh-TW": "Hant", "zh-HK": "Hant", "zh-MO": "Hant", "sr-ME": "Latn", "sr-XK": "Latn",
}

// defaultScript is the script of each locale without a script subtag,
// where a tag may name a second one.
var defaultScript = map[string]string{"zh": "Hans", "sr": "Cyrl", "bs": "Latn", "uz": "Latn", "pa": "Guru"}

func parseTag(tag string) (lang, script, region string) {
	parts := strings.FieldsFunc(strings.TrimSpace(tag), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return "", "", ""
	}
	lang = strings.ToLower(parts[0])
	for _, p := range parts[1:] {
		switch {
		case len(p) == 1:
			return // extensions follow
		case len(p) == 4 && script == "" && region == "":
			script = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case (len(p) == 2 || len(p) == 3 && p[0] >= '0' && p[0] <= '9') && region == "":
			region = strings.ToUpper(p)
		}
	}
	if script == defaultScript[lang] {
		script = ""
	}
	return lang, script, region
}

// LongDate writes t (in its own zone) as the locale's long Gregorian date:
// "19 November 2025" (en-GB), "November 19, 2025" (en), "19 ноября 2025 г."
// (ru), "2025年11月19日" (ja, zh), "١٩ نوفمبر ٢٠٢٥" (ar-EG), in the digits
// of the locale's default numbering system.
func (l *Locale) LongDate(t time.Time) string {
	var b strings.Builder
	p := l.d.date
	for len(p) > 0 {
		c := p[0]
		if c == '\'' {
			// a quoted literal; '' is an apostrophe
			if len(p) > 1 && p[1] == '\'' {
				b.WriteByte('\'')
				p = p[2:]
				continue
			}
			end := strings.IndexByte(p[1:], '\'')
			if end < 0 {
				b.WriteString(p[1:])
				break
			}
			b.WriteString(p[1 : 1+end])
			p = p[2+end:]
			continue
		}
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			_, w := utf8.DecodeRuneInString(p)
			b.WriteString(p[:w])
			p = p[w:]
			continue
		}
		n := 1
		for n < len(p) && p[n] == c {
			n++
		}
		switch c {
		case 'd':
			l.writeNumber(&b, t.Day(), n)
		case 'M', 'L':
			if n >= 3 {
				b.WriteString(l.d.months[t.Month()-1])
			} else {
				l.writeNumber(&b, int(t.Month()), n)
			}
		case 'y':
			if n == 2 {
				l.writeNumber(&b, t.Year()%100, 2)
			} else {
				l.writeNumber(&b, t.Year(), n)
			}
		case 'G':
			b.WriteString(l.d.era)
		}
		p = p[n:]
	}
	return b.String()
}

// writeNumber writes n, zero-padded to width, in the locale's digits.
func (l *Locale) writeNumber(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(l.Digits(s))
}

// Number writes n in the locale's digits, without grouping.
func (l *Locale) Number(n int) string { return l.Digits(strconv.Itoa(n)) }

// Digits replaces the ASCII digits of s by the locale's own, when CLDR
// says the locale writes others by default (Arabic-Indic in ar-EG, Bengali
// in bn, Myanmar in my, Extended Arabic-Indic in fa).
func (l *Locale) Digits(s string) string {
	if l.d.digits == "" || strings.IndexFunc(s, func(r rune) bool { return '0' <= r && r <= '9' }) < 0 {
		return s
	}
	digits := []rune(l.d.digits)
	var b strings.Builder
	for _, r := range s {
		if '0' <= r && r <= '9' {
			r = digits[r-'0']
		}
		b.WriteRune(r)
	}
	return b.String()
}

// List joins items by the locale's standard list pattern: "A", "A and B",
// "A, B and C" in English, "A, B и C" in Russian, "A、B和C" in Chinese.
func (l *Locale) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return fill(l.d.list[0], items[0], items[1])
	}
	n := len(items)
	s := fill(l.d.list[3], items[n-2], items[n-1])
	for i := n - 3; i > 0; i-- {
		s = fill(l.d.list[2], items[i], s)
	}
	return fill(l.d.list[1], items[0], s)
}

func fill(pattern, a, b string) string {
	return strings.Replace(strings.Replace(pattern, "{0}", a, 1), "{1}", b, 1)
}

// Quotes are a locale's quotation marks.
type Quotes struct {
	Open, Close           string // “ ” in English, « » in French and Russian
	InnerOpen, InnerClose string // ‘ ’ in English, „ “ in Russian
}

// Quotes returns the locale's quotation marks.
func (l *Locale) Quotes() Quotes {
	q := l.d.quotes
	return Quotes{q[0], q[1], q[2], q[3]}
}

// Photo is the label before a photo credit: "Photo", "Фото", "写真".
func (l *Locale) Photo() string { return l.labels.photo }

// Updated is the label before the date of a later revision: "Updated".
func (l *Locale) Updated() string { return l.labels.updated }

// PageOf is the running footer's page count: "page 2 of 5", "стр. 2 из 5",
// "2/5ページ", in the locale's digits.
func (l *Locale) PageOf(page, pages int) string {
	return fill(l.labels.page, l.Number(page), l.Number(pages))
}
