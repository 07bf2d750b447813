package layout

import (
	"fmt"
	"strings"
	"time"
)

// locale holds the words printd prints itself, per language.
type locale struct {
	months [12]string // genitive where the language needs it ("19 ноября 2025")
	photo  string     // credit label
	page   string     // "page %d of %d"
	and    string     // joins the last two authors
	update string     // "Updated" before a later date
	dateFn func(l *locale, t time.Time) string
}

func dayMonthYear(l *locale, t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), l.months[t.Month()-1], t.Year())
}

func dayDotMonthYear(l *locale, t time.Time) string {
	return fmt.Sprintf("%d. %s %d", t.Day(), l.months[t.Month()-1], t.Year())
}

func dayDeMonthDeYear(l *locale, t time.Time) string {
	return fmt.Sprintf("%d de %s de %d", t.Day(), l.months[t.Month()-1], t.Year())
}

var locales = map[string]*locale{
	"en": {months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		photo: "Photo", page: "page %d of %d", and: "and", update: "Updated", dateFn: dayMonthYear},
	"ru": {months: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		photo: "Фото", page: "стр. %d из %d", and: "и", update: "Обновлено", dateFn: dayMonthYear},
	"uk": {months: [12]string{"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
		photo: "Фото", page: "стор. %d з %d", and: "і", update: "Оновлено", dateFn: dayMonthYear},
	"de": {months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		photo: "Foto", page: "Seite %d von %d", and: "und", update: "Aktualisiert", dateFn: dayDotMonthYear},
	"fr": {months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		photo: "Photo", page: "page %d sur %d", and: "et", update: "Mis à jour", dateFn: dayMonthYear},
	"es": {months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		photo: "Foto", page: "página %d de %d", and: "y", update: "Actualizado", dateFn: dayDeMonthDeYear},
	"it": {months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		photo: "Foto", page: "pagina %d di %d", and: "e", update: "Aggiornato", dateFn: dayMonthYear},
	"pl": {months: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		photo: "Fot.", page: "strona %d z %d", and: "i", update: "Zaktualizowano", dateFn: dayMonthYear},
	"pt": {months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		photo: "Foto", page: "página %d de %d", and: "e", update: "Atualizado", dateFn: dayDeMonthDeYear},
	"el": {months: [12]string{"Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"},
		photo: "Φωτογραφία", page: "σελ. %d από %d", and: "και", update: "Ενημερώθηκε", dateFn: dayMonthYear},
}

// localeFor picks the locale of a BCP 47 tag by its primary language,
// falling back to English.
func localeFor(tag string) *locale {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if l, ok := locales[primary]; ok {
		return l
	}
	return locales["en"]
}

// FormatDate prints t (in its own zone) in a date format: "long" as the
// article's language writes a date, "iso" or "numeric".
func FormatDate(lang, format string, t time.Time) string {
	switch format {
	case "iso":
		return t.Format("2006-01-02")
	case "numeric":
		return t.Format("02.01.2006")
	}
	l := localeFor(lang)
	return l.dateFn(l, t)
}

// joinNames lists authors as "A", "A and B", "A, B and C".
func joinNames(l *locale, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + l.and + " " + names[len(names)-1]
}
