package layout

import (
	"time"

	"printd/layout/locale"
)

// localeFor picks the CLDR locale of a BCP 47 tag (English when printd
// has none for it).
func localeFor(tag string) *locale.Locale { return locale.For(tag) }

// FormatDate prints t (in its own zone) in a date format: "long" as the
// article's language writes a date (CLDR's long date, in the locale's
// digits), "iso" or "numeric".
func FormatDate(lang, format string, t time.Time) string {
	switch format {
	case "iso":
		return t.Format("2006-01-02")
	case "numeric":
		return t.Format("02.01.2006")
	}
	return locale.For(lang).LongDate(t)
}

// joinNames lists authors by the locale's list pattern: "A", "A and B",
// "A, B, and C" in English.
func joinNames(l *locale.Locale, names []string) string { return l.List(names) }
