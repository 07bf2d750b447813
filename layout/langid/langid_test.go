package langid

import "testing"

func TestDetect(t *testing.T) {
	for want, text := range map[string]string{
		"en":      "The government said on Wednesday that it would present the budget to parliament next week, after the talks with the unions.",
		"es":      "El gobierno anunció el miércoles que presentará los presupuestos al parlamento la próxima semana, tras las negociaciones con los sindicatos.",
		"de":      "Die Regierung hat am Mittwoch angekündigt, dass sie den Haushalt in der nächsten Woche dem Parlament vorlegen wird.",
		"fr":      "Le gouvernement a annoncé mercredi qu'il présenterait le budget au Parlement la semaine prochaine, après les discussions avec les syndicats.",
		"cs":      "Vláda ve středu oznámila, že rozpočet předloží sněmovně příští týden, po jednání s odbory a zaměstnavateli.",
		"sk":      "Vláda v stredu oznámila, že rozpočet predloží parlamentu budúci týždeň, po rokovaní s odbormi a zamestnávateľmi.",
		"pl":      "Rząd zapowiedział w środę, że przedstawi budżet w Sejmie w przyszłym tygodniu, po rozmowach ze związkami zawodowymi.",
		"lv":      "Valdība trešdien paziņoja, ka nākamnedēļ iesniegs budžetu Saeimai, un tas notiks pēc sarunām ar arodbiedrībām.",
		"pt":      "O governo anunciou na quarta-feira que vai apresentar o orçamento ao parlamento na próxima semana, depois das negociações com os sindicatos.",
		"it":      "Il governo ha annunciato mercoledì che presenterà il bilancio al parlamento la prossima settimana, dopo le trattative con i sindacati.",
		"nl":      "De regering heeft woensdag aangekondigd dat zij de begroting volgende week aan het parlement zal voorleggen, na overleg met de vakbonden.",
		"tr":      "Hükümet çarşamba günü yaptığı açıklamada, sendikalarla yapılan görüşmelerin ardından bütçeyi gelecek hafta meclise sunacağını bildirdi.",
		"ru":      "Правительство в среду объявило, что представит бюджет в парламент на следующей неделе, после переговоров с профсоюзами.",
		"uk":      "Уряд у середу оголосив, що представить бюджет у парламенті наступного тижня, після переговорів із профспілками.",
		"bg":      "Правителството обяви в сряда, че ще внесе бюджета в парламента следващата седмица, след разговорите със синдикатите.",
		"sr":      "Влада је у среду саопштила да ће буџет поднети скупштини следеће недеље, након разговора са синдикатима.",
		"el":      "Η κυβέρνηση ανακοίνωσε την Τετάρτη ότι θα καταθέσει τον προϋπολογισμό στη Βουλή την επόμενη εβδομάδα.",
		"ar":      "أعلنت الحكومة يوم الأربعاء أنها ستقدم الميزانية إلى البرلمان في الأسبوع المقبل بعد المحادثات مع النقابات.",
		"fa":      "دولت روز چهارشنبه اعلام کرد که بودجه را هفته آینده پس از گفتگو با اتحادیه‌ها به مجلس ارائه می‌کند.",
		"hi":      "सरकार ने बुधवार को कहा कि वह यूनियनों के साथ बातचीत के बाद अगले सप्ताह संसद में बजट पेश करेगी।",
		"th":      "รัฐบาลประกาศเมื่อวันพุธว่าจะเสนองบประมาณต่อรัฐสภาในสัปดาห์หน้า",
		"ja":      "政府は水曜日、労働組合との協議の後、来週予算案を国会に提出すると発表した。",
		"zh":      "政府周三宣布，在与工会谈判之后，将于下周向议会提交预算。这是国家的重要时刻。",
		"zh-Hant": "政府週三宣布，在與工會談判之後，將於下週向議會提交預算。這是國家的重要時刻。",
		"ko":      "정부는 수요일 노조와의 협의를 거쳐 다음 주 국회에 예산안을 제출하겠다고 밝혔다.",
		"my":      "အစိုးရသည် လာမည့်အပတ်တွင် ဘတ်ဂျက်ကို လွှတ်တော်သို့ တင်သွင်းမည်ဟု ဗုဒ္ဓဟူးနေ့က ကြေညာခဲ့သည်။",
	} {
		if got := Detect(text); got != want {
			t.Errorf("Detect(%.40q…) = %q, want %q", text, got, want)
		}
	}
	for _, text := range []string{"", "12345 — 678", "OK", "Hello"} {
		if got := Detect(text); got != "" {
			t.Errorf("Detect(%q) = %q, want no answer", text, got)
		}
	}
}
