package locale

// labels are the words printd prints that CLDR does not hold: the photo
// credit's label, the label of a revision date and the running footer's
// page count ({0} the page, {1} the number of pages). They are translated
// per language; a language without an entry gets the English ones.
type labels struct {
	photo, updated, page string
}

// labelsFor returns the labels of a language (and script, where the
// language is written in two).
func labelsFor(lang, script string) *labels {
	if l, ok := labelTable[lang+"-"+script]; ok && script != "" {
		return l
	}
	if l, ok := labelTable[lang]; ok {
		return l
	}
	return labelTable["en"]
}

var labelTable = map[string]*labels{
	"af":      {"Foto", "Bygewerk", "bladsy {0} van {1}"},
	"ar":      {"تصوير", "آخر تحديث", "صفحة {0} من {1}"},
	"az":      {"Foto", "Yeniləndi", "səhifə {0}/{1}"},
	"be":      {"Фота", "Абноўлена", "старонка {0} з {1}"},
	"bg":      {"Снимка", "Актуализирано", "стр. {0} от {1}"},
	"bn":      {"ছবি", "হালনাগাদ", "পৃষ্ঠা {0}/{1}"},
	"bs":      {"Foto", "Ažurirano", "stranica {0} od {1}"},
	"ca":      {"Foto", "Actualitzat", "pàgina {0} de {1}"},
	"cs":      {"Foto", "Aktualizováno", "strana {0} z {1}"},
	"cy":      {"Llun", "Diweddarwyd", "tudalen {0} o {1}"},
	"da":      {"Foto", "Opdateret", "side {0} af {1}"},
	"de":      {"Foto", "Aktualisiert", "Seite {0} von {1}"},
	"el":      {"Φωτογραφία", "Ενημερώθηκε", "σελ. {0} από {1}"},
	"en":      {"Photo", "Updated", "page {0} of {1}"},
	"eo":      {"Foto", "Ĝisdatigita", "paĝo {0} el {1}"},
	"es":      {"Foto", "Actualizado", "página {0} de {1}"},
	"et":      {"Foto", "Uuendatud", "lk {0}/{1}"},
	"eu":      {"Argazkia", "Eguneratua", "{0}/{1} orrialdea"},
	"fa":      {"عکس", "به‌روزرسانی", "صفحهٔ {0} از {1}"},
	"fi":      {"Kuva", "Päivitetty", "sivu {0}/{1}"},
	"fil":     {"Larawan", "Na-update", "pahina {0} ng {1}"},
	"fr":      {"Photo", "Mis à jour", "page {0} sur {1}"},
	"ga":      {"Grianghraf", "Nuashonraithe", "leathanach {0} de {1}"},
	"gl":      {"Foto", "Actualizado", "páxina {0} de {1}"},
	"he":      {"צילום", "עודכן", "עמוד {0} מתוך {1}"},
	"hi":      {"फ़ोटो", "अपडेट", "पृष्ठ {0}/{1}"},
	"hr":      {"Foto", "Ažurirano", "stranica {0} od {1}"},
	"hu":      {"Fotó", "Frissítve", "{0}/{1}. oldal"},
	"hy":      {"Լուսանկարը", "Թարմացվել է", "էջ {0}/{1}"},
	"id":      {"Foto", "Diperbarui", "halaman {0} dari {1}"},
	"is":      {"Mynd", "Uppfært", "bls. {0} af {1}"},
	"it":      {"Foto", "Aggiornato", "pagina {0} di {1}"},
	"ja":      {"写真", "更新", "{0}/{1}ページ"},
	"ka":      {"ფოტო", "განახლდა", "გვერდი {0}/{1}"},
	"kk":      {"Фото", "Жаңартылды", "{0}/{1} бет"},
	"km":      {"រូបថត", "ធ្វើបច្ចុប្បន្នភាព", "ទំព័រ {0}/{1}"},
	"ko":      {"사진", "업데이트", "{0}/{1}쪽"},
	"lo":      {"ຮູບ", "ອັບເດດ", "ໜ້າ {0}/{1}"},
	"lt":      {"Nuotr.", "Atnaujinta", "{0} psl. iš {1}"},
	"lv":      {"Foto", "Atjaunināts", "{0}. lappuse no {1}"},
	"mk":      {"Фото", "Ажурирано", "страница {0} од {1}"},
	"mr":      {"फोटो", "अद्यतनित", "पृष्ठ {0}/{1}"},
	"ms":      {"Foto", "Dikemas kini", "halaman {0} daripada {1}"},
	"my":      {"ဓာတ်ပုံ", "ပြင်ဆင်ချိန်", "စာမျက်နှာ {0}/{1}"},
	"nb":      {"Foto", "Oppdatert", "side {0} av {1}"},
	"ne":      {"तस्बिर", "अद्यावधिक", "पृष्ठ {0}/{1}"},
	"nl":      {"Foto", "Bijgewerkt", "pagina {0} van {1}"},
	"nn":      {"Foto", "Oppdatert", "side {0} av {1}"},
	"pl":      {"Fot.", "Zaktualizowano", "strona {0} z {1}"},
	"pt":      {"Foto", "Atualizado", "página {0} de {1}"},
	"ro":      {"Foto", "Actualizat", "pagina {0} din {1}"},
	"ru":      {"Фото", "Обновлено", "стр. {0} из {1}"},
	"sk":      {"Foto", "Aktualizované", "strana {0} z {1}"},
	"sl":      {"Foto", "Posodobljeno", "stran {0} od {1}"},
	"sq":      {"Foto", "Përditësuar", "faqja {0} nga {1}"},
	"sr":      {"Фото", "Ажурирано", "страна {0} од {1}"},
	"sr-Latn": {"Foto", "Ažurirano", "strana {0} od {1}"},
	"sv":      {"Foto", "Uppdaterad", "sida {0} av {1}"},
	"sw":      {"Picha", "Imesasishwa", "ukurasa {0} kati ya {1}"},
	"ta":      {"படம்", "புதுப்பிக்கப்பட்டது", "பக்கம் {0}/{1}"},
	"th":      {"ภาพ", "ปรับปรุง", "หน้า {0}/{1}"},
	"tr":      {"Fotoğraf", "Güncellendi", "sayfa {0}/{1}"},
	"uk":      {"Фото", "Оновлено", "стор. {0} з {1}"},
	"ur":      {"تصویر", "تازہ کاری", "صفحہ {0} از {1}"},
	"uz":      {"Surat", "Yangilandi", "{0}/{1}-bet"},
	"vi":      {"Ảnh", "Cập nhật", "trang {0}/{1}"},
	"zh":      {"图", "更新", "第{0}页/共{1}页"},
	"zh-Hant": {"圖", "更新", "第{0}頁/共{1}頁"},
}
