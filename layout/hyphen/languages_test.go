package hyphen

import (
	"slices"
	"strings"
	"testing"
)

// TestLanguagesWords checks every pattern set added beyond the first ten on
// common newspaper words. The expected breaks were checked by hand against
// each language's syllabification rules (the hyph-utf8 sets ship no test
// words); they are what TeX's patterns give, narrowed to 2 letters before
// and 3 after a break, so a word such as Czech "vláda" has none.
func TestLanguagesWords(t *testing.T) {
	tests := []struct {
		lang, set string
		want      []string // hyphenated forms; the word is the text without "-"
	}{
		{"cs", "cs", []string{"re-pub-lika", "vláda", "zpra-vo-daj-ství", "ne-moc-nice", "mi-nis-ter-stvo", "spo-leč-nost", "roz-hod-nutí", "uni-ver-zita"}},
		{"sk", "sk", []string{"re-pub-lika", "vláda", "spra-vo-daj-stvo", "ne-moc-nica", "mi-nis-ter-stvo", "spo-loč-nosť", "roz-hod-nu-tie", "uni-ver-zita"}},
		{"lv", "lv", []string{"val-dība", "in-for-mā-cija", "uni-ver-si-tāte", "pa-šval-dība", "mi-nis-trija", "sa-bied-rība", "li-kum-pro-jekts"}},
		{"lt", "lt", []string{"vy-riau-sybė", "in-for-ma-cija", "uni-ver-si-te-tas", "sa-vi-val-dybė", "mi-nis-te-rija", "vi-suo-menė"}},
		{"et", "et", []string{"va-lit-sus", "in-for-mat-sioon", "üli-kool", "mi-nis-tee-rium", "aja-kir-jan-dus", "oma-va-lit-sus"}},
		{"hu", "hu", []string{"kor-mány", "in-for-má-ció", "egye-tem", "mi-nisz-té-rium", "tár-sa-da-lom", "új-ság-író", "ön-kor-mány-zat"}},
		{"hr", "hr", []string{"vlada", "in-for-ma-cija", "sve-uči-li-šte", "mi-nis-tar-stvo", "druš-tvo", "no-vi-nar", "za-ko-no-dav-s-tvo"}},
		{"sl", "sl", []string{"vlada", "in-for-ma-cija", "uni-verza", "mi-ni-str-stvo", "družba", "no-vi-nar", "za-ko-no-daja"}},
		{"sr", "sh-cyrl", []string{"влада", "ин-фор-ма-ција", "уни-вер-зи-тет", "ми-ни-стар-ство", "дру-штво", "но-ви-нар"}},
		{"sr-Latn", "sh-latn", []string{"vlada", "in-for-ma-cija", "uni-ver-zi-tet", "mi-ni-star-stvo", "dru-štvo", "no-vi-nar"}},
		{"bg", "bg", []string{"пра-ви-тел-с-тво", "ин-фор-ма-ция", "уни-вер-си-тет", "ми-нис-тер-с-тво", "об-щес-тво", "жур-на-лист"}},
		{"nl", "nl", []string{"re-ge-ring", "in-for-ma-tie", "uni-ver-si-teit", "mi-nis-te-rie", "sa-men-le-ving", "ver-kie-zin-gen", "jour-na-list"}},
		{"sv", "sv", []string{"re-ge-ringen", "in-for-ma-tion", "uni-ver-si-tet", "de-par-te-men-tet", "sam-häl-let", "jour-na-list", "tid-ningen"}},
		{"da", "da", []string{"re-ge-rin-gen", "in-for-ma-tion", "uni-ver-si-tet", "mi-ni-ste-riet", "sam-fun-det", "jour-na-list", "avi-sen"}},
		{"nb", "nb", []string{"re-gje-rin-gen", "in-for-ma-sjon", "uni-ver-si-tet", "de-par-te-men-tet", "sam-fun-net", "jour-na-list", "avi-sen"}},
		{"nn", "nn", []string{"re-gje-ringa", "in-for-ma-sjon", "uni-ver-si-tet", "de-par-te-men-tet", "sam-fun-net", "jour-na-list", "avisa"}},
		{"fi", "fi", []string{"hal-li-tus", "in-for-maa-tio", "yli-opisto", "mi-nis-te-riö", "yh-teis-kunta", "toi-mit-taja", "sa-no-ma-lehti"}},
		{"tr", "tr", []string{"hü-kü-met", "bil-gi-sa-yar", "üni-ver-site", "ba-kan-lık", "top-lum", "ga-ze-teci", "se-çim-ler"}},
		{"el", "el-monoton", []string{"κυ-βέρ-νηση", "πλη-ρο-φο-ρία", "πα-νε-πι-στή-μιο", "υπουρ-γείο", "κοι-νω-νία", "δη-μο-σιο-γρά-φος"}},
		{"ca", "ca", []string{"go-vern", "in-for-ma-ció", "uni-ver-si-tat", "mi-nis-teri", "so-ci-e-tat", "pe-ri-o-dista", "elec-ci-ons"}},
		{"gl", "gl", []string{"go-berno", "in-for-ma-ción", "uni-ver-si-dade", "mi-nis-te-rio", "so-cie-dade", "xor-na-lista"}},
		{"eu", "eu", []string{"go-ber-nua", "in-for-ma-zioa", "uni-ber-tsi-ta-tea", "mi-nis-te-rioa", "gi-zar-tea", "ka-ze-ta-ria"}},
		{"ga", "ga", []string{"rial-tas", "fais-néis", "oll-scoil", "air-eacht", "sochaí", "iris-eoir", "nuachtán"}},
		{"cy", "cy", []string{"llywodr-aeth", "gwybod-aeth", "prif-ysgol", "gwein-idog", "cym-deithas", "newydd-iad-urwr"}},
		{"is", "is", []string{"rík-is-stjórn", "upp-lýs-ingar", "há-skóli", "ráðu-neyti", "sam-fé-lag", "blaða-maður"}},
		{"af", "af", []string{"re-ge-ring", "in-lig-ting", "uni-ver-si-teit", "mi-nis-te-rie", "sa-me-le-wing", "joer-na-lis", "koe-rant"}},
		{"id", "id", []string{"pe-me-rin-tah", "in-for-masi", "uni-ver-si-tas", "ke-men-te-rian", "ma-sya-ra-kat", "war-ta-wan"}},
		{"hi", "hi", []string{"सर-कार", "जा-न-कारी", "वि-श्व-वि-द्यालय", "मं-त्रालय", "समा-चार", "पत्र-कार"}},
		{"bn", "bn", []string{"সর-কার", "তথ্য", "বি-শ্ব-বি-দ্যা-লয়", "মন্ত্র-ণা-লয়", "সং-বা-দ-প-ত্র", "সাং-বা-দিক"}},
		{"ta", "ta", []string{"அர-சாங்-கம்", "தக-வல்", "பல்-க-லைக்-க-ழ-கம்", "அமைச்-ச-கம்", "செய்-தித்-தாள்", "பத்-தி-ரி-கை-யா-ளர்"}},
		{"mk", "mk", []string{"влада", "ин-фор-ма-ција", "уни-вер-зи-тет", "ми-нис-тер-ство", "оп-штес-тво", "но-ви-нар"}},
		{"be", "be", []string{"урад", "ін-фа-р-ма-цыя", "уні-ве-р-сі-тэт", "мі-ні-с-тэ-р-с-тва", "гра-ма-д-с-тва", "жу-р-на-ліст"}},
		{"sq", "sq", []string{"qe-ve-ria", "in-for-ma-cion", "uni-ver-si-teti", "mi-nis-tria", "sho-që-ria", "ga-ze-tari"}},
		{"ka", "ka", []string{"მთავ-რობა", "ინ-ფორ-მა-ცია", "უნი-ვერ-სი-ტეტი", "სა-მი-ნის-ტრო"}},
		{"hy", "hy", []string{"կա-ռա-վա-րություն", "տե-ղե-կատվություն", "հա-մալսա-րան", "նա-խա-րա-րություն"}},
		{"la", "la", []string{"uni-ver-si-tas", "re-spu-blica", "im-pe-ra-tor", "ci-vi-ta-tem"}},
		{"eo", "eo", []string{"re-g-ist-aro", "in-for-m-ado", "uni-ver-si-tato", "mi-ni-s-te-rio"}},
	}
	for _, tt := range tests {
		h := For(tt.lang)
		if built(tt.set) == "" && h == nil {
			continue // a GPL-only set, left out by the nogpl tag
		}
		if h.Lang() != tt.set {
			t.Errorf("For(%q).Lang() = %q, want %q", tt.lang, h.Lang(), tt.set)
			continue
		}
		for _, want := range tt.want {
			word := strings.ReplaceAll(want, "-", "")
			if got := hyphenated(h, word); got != want {
				t.Errorf("%s: %s, want %s", tt.lang, got, want)
			}
		}
	}
}

// TestRegionFallbacks checks that region and script subtags pick the
// pattern set their spelling needs.
func TestRegionFallbacks(t *testing.T) {
	for tag, want := range map[string]string{
		"pt-BR": "pt", "pt_PT": "pt", "en-GB": "en-gb", "en-AU": "en-gb", "en": "en-us", "en-US": "en-us",
		"sr": "sh-cyrl", "sr-Cyrl": "sh-cyrl", "sr-Latn": "sh-latn", "sr-Latn-RS": "sh-latn", "sr-RS": "sh-cyrl",
		"bs": "sh-latn", "no": "nb", "nb-NO": "nb", "nn": "nn", "el-GR": "el-monoton", "el-polyton": "el-polyton",
		"grc": "el-polyton", "de-CH": "de-1996", "cs-CZ": "cs", "lv-LV": "lv", "ms": "id", "mn": "mn-cyrl",
		"ro": "", "th": "", "zh-Hans": "", "ja": "", "": "",
	} {
		if got := For(tag).Lang(); got != built(want) {
			t.Errorf("For(%q).Lang() = %q, want %q", tag, got, want)
		}
	}
}

// built returns set, or "" when the build left it out (tag nogpl).
func built(set string) string {
	if set != "" && !slices.Contains(patternSets, set) {
		return ""
	}
	return set
}
