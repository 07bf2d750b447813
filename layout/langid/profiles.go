package langid

import "strings"

// profile is what tells one language from its neighbours in the same
// script: its most frequent function words and its distinctive letters.
type profile struct {
	tag     string
	words   map[string]bool
	letters string // letters that favour the language where they occur
	// alphabet, when set, lists every letter beyond ASCII the language
	// writes; others count against it (ľ is not Czech, ы not Ukrainian).
	alphabet string
}

func p(tag, words, letters, alphabet string) profile {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return profile{tag, m, letters, alphabet}
}

var latinLangs = []profile{
	p("en", "the of and to in is that for it with as was on are by this be from at have has he which", "", ""),
	p("de", "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an wird", "äöüß", "äöüß"),
	p("fr", "le la les de des et est un une du que dans pour qui sur au pas par ne se ce il aux", "àâçéèêëîïôùûœ", "àâçéèêëîïôùûüÿœæ"),
	p("es", "el la los las de del y en que un una por con para es se no al lo su como más", "ñáéíóú¿¡", "ñáéíóúü"),
	p("it", "il la le di che e un una per del della in è non con si da sono gli al nel", "àèéìòù", "àèéìíòóùú"),
	p("pt", "o a os as de do da dos das e que em um uma para com não no na por se é ao", "ãõçáâêéíóôú", "ãõçáàâêéíóôúü"),
	p("nl", "de het een en van in is dat op te met voor zijn niet aan er die ook om", "ĳ", "éëïöüèáó"),
	p("sv", "och i att det som en på är av för med till den inte har de ett om var", "åäö", "åäöé"),
	p("da", "og i at det som en på er af for med til den ikke har de et om var hvad også", "æøå", "æøåé"),
	p("nb", "og i å det som en på er av for med til den ikke har de et om var hva også", "æøå", "æøåéèêóòô"),
	p("nn", "og i å det som ein på er av for med til dei ikkje har eit om var kva også", "æøå", "æøåéèêóòô"),
	p("fi", "ja on ei se että oli hän mutta kun tai myös ovat ole sen joka vain", "äö", "äöåšž"),
	p("et", "ja on ei see et oli ta aga kui või ka nad mis oma ning ole", "õäöü", "õäöüšž"),
	p("hu", "a az és hogy nem is egy van meg de csak már volt mint ez el", "őűáéíóöú", "áéíóöőúüű"),
	p("pl", "i w nie na się z że do to jest jak o co ale od za po przez", "łąęśźżćń", "ąćęłńóśźż"),
	p("cs", "a se na je že v to s z do o jako ale pro by od ve jsou také", "řůě", "áčďéěíňóřšťúůýž"),
	p("sk", "a sa na je že v to s z do o ako ale pre by od vo sú aj však", "ľĺŕôä", "áäčďéíĺľňóôŕšťúýž"),
	p("sl", "in je se na da v za so z ki pa tudi ne bi po kot", "čšž", "čšžćđ"),
	p("hr", "i je u se na da za su od s koji što kao ne iz ali", "čćđšž", "čćđšž"),
	p("ro", "și de în a la cu care pe nu o un că din este pentru mai", "șțăâî", "ăâîșțşţ"),
	p("lv", "un ir ka no par uz ar kā tas bet arī to vai lai", "āēīūķļņģ", "āčēģīķļņšūž"),
	p("lt", "ir yra kad bet su iš į o tai kaip jo ar nuo už", "ąčęėįšųūž", "ąčęėįšųūž"),
	p("tr", "ve bir bu da de için ile olarak çok daha gibi en ama değil olan", "ğışçöü", "çğıöşüâîû"),
	p("ca", "el la els les de i que en un una per amb no és es del al", "àçèéíòóú·", "àçèéíïòóúü·"),
	p("gl", "o a os as de e que en un unha para con non do da por se é", "ñáéíóú", "áéíñóúü"),
	p("eu", "eta da ez du bat ere dira izan zen baina beste", "", "ñ"),
	p("ga", "agus an na ar a is le go i do bhí sé ní", "áéíóú", "áéíóú"),
	p("cy", "y yn a i ar yr o ei mae ac gan bod am wedi", "ŵŷ", "âêîôûŵŷäëïöüẅÿáéíóúàèìòù"),
	p("is", "og að í á er sem það til með um ekki en var af", "ðþæ", "áðéíóúýþæö"),
	p("af", "die en van in is het nie dat te op vir met wat sy", "ê", "êëéèîïôöûüáóúŉ"),
	p("id", "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke", "", "é"),
	p("sq", "të në e dhe një për me që është nga i si", "ëç", "çë"),
	p("vi", "là của và có được trong không những các cho một người đã", "ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"),
}

var cyrillicLangs = []profile{
	p("ru", "и в не на что с он как по это к но из у за от о", "ыэё", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
	p("uk", "і в на не що з та у до це як за від й", "іїєґ", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’"),
	p("be", "і ў на не што з у да гэта як па", "ў", "абвгдеёжзійклмнопрстуўфхцчшыьэюя’"),
	p("bg", "и на да в се от за е не че с по са", "ъ", "абвгдежзийклмнопрстуфхцчшщъьюя"),
	p("sr", "и у је да се на за не од са који су", "ђћџљњј", "абвгдђежзијклљмнњопрстћуфхцчџш"),
	p("mk", "и на да во се од за е не што со", "ѓќѕљњј", "абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
}

var arabicLangs = []profile{
	p("ar", "في من على إلى أن التي الذي عن مع هذا", "ةى", ""),
	p("fa", "و در به از که این را با است برای", "پچژگی", ""),
	p("ur", "کے میں کی اور سے کو ہے یہ نے", "ٹڈڑںےھ", ""),
}

var devanagariLangs = []profile{
	p("hi", "के है में की और को से का एक यह पर", "", ""),
	p("mr", "आहे आणि या च्या व हे की ते", "ळ", ""),
	p("ne", "र को मा छ छन् पनि गर्न", "", ""),
}
