package fonts

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"

	"printd/shaping"
)

// Library finds faces for the characters the embedded families lack
// (Arabic, Hebrew, Indic, Thai, Myanmar, CJK, symbols) among the fonts in
// a list of directories: those a newsroom configures first
// (--fonts / PRINTD_FONTS), then the system's (/usr/share/fonts).
//
// The directories are scanned once, on the first character that needs
// them, reading only each face's name, OS/2 and cmap tables; a face's file
// is mapped into memory and parsed when a character first picks it, and
// kept for the life of the process (a 20 MB CJK collection is opened
// once, never per document, and only the pages of the tables and glyphs
// used are read). A Library is safe for concurrent use.
type Library struct {
	dirs []string
	user int // dirs[:user] are the configured ones

	scanOnce sync.Once
	entries  []*entry

	mu     sync.Mutex
	files  map[string]fontFile    // font files mapped (or read), by path
	chosen map[choiceKey]*SysFace // the face each script bucket took first

	picked  sync.Map // pickKey → *SysFace: Pick's answers, read without the lock
	npicked atomic.Int32
}

// fontFile is a font file's bytes: mapped, or read where it cannot be.
type fontFile struct {
	data   []byte
	mapped bool
}

// pickKey is a Pick question, its language reduced to the Han variant.
type pickKey struct {
	r rune
	w Want
}

// maxPicked bounds Pick's memo (a character and a wish an entry); past it
// answers are worked out again each time.
const maxPicked = 1 << 16

// SystemFontDirs are the directories searched after the configured ones.
var SystemFontDirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}

// NewLibrary returns a library over the configured directories user
// followed by system (either may be empty). Nothing is read until a face
// is asked for.
func NewLibrary(user, system []string) *Library {
	l := &Library{files: map[string]fontFile{}, chosen: map[choiceKey]*SysFace{}}
	for _, d := range user {
		if d != "" {
			l.dirs = append(l.dirs, d)
		}
	}
	l.user = len(l.dirs)
	l.dirs = append(l.dirs, system...)
	return l
}

// Dirs returns the directories searched, configured ones first.
func (l *Library) Dirs() []string { return slices.Clone(l.dirs) }

// entry is one face of a font file, as the scan saw it.
type entry struct {
	path   string
	index  int
	family string
	weight int
	italic bool
	user   bool
	order  int      // scan order, for stable ties
	cover  []uint32 // sorted runes the face maps, as [start, end] pairs
	face   *SysFace // loaded on first use (under Library.mu)
	failed bool
}

func (e *entry) has(r rune) bool {
	c := e.cover
	i := sort.Search(len(c)/2, func(i int) bool { return c[2*i+1] >= uint32(r) })
	return i < len(c)/2 && c[2*i] <= uint32(r)
}

// Scan walks the directories (once per library) and returns how many
// faces it found.
func (l *Library) Scan() int {
	l.scanOnce.Do(l.scan)
	return len(l.entries)
}

// fontPaths lists the font files under dir, sorted; unreadable parts
// are skipped.
func fontPaths(dir string) []string {
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".ttf", ".otf", ".ttc", ".otc":
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	return paths
}

func (l *Library) scan() {
	seen := map[string]bool{}
	for i, dir := range l.dirs {
		for _, p := range fontPaths(dir) {
			real, err := filepath.EvalSymlinks(p)
			if err != nil || seen[real] {
				continue
			}
			seen[real] = true
			l.scanFile(p, i < l.user)
		}
	}
}

// scanFile adds the faces of one font file, reading only the tables that
// describe them.
func (l *Library) scanFile(path string, user bool) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	lds, err := ot.NewLoaders(f)
	if err != nil {
		return
	}
	var buf []byte
	for i, ld := range lds {
		if !ld.HasTable(ot.MustNewTag("glyf")) && !ld.HasTable(ot.MustNewTag("CFF ")) {
			continue // bitmap-only or CFF2: nothing printd can embed
		}
		var desc font.Description
		desc, buf = font.Describe(ld, buf)
		cover, err := cmapCoverage(ld)
		if err != nil || len(cover) == 0 {
			continue
		}
		l.entries = append(l.entries, &entry{path: path, index: i, family: desc.Family, weight: int(desc.Aspect.Weight),
			italic: desc.Aspect.Style != font.StyleNormal, user: user, order: len(l.entries), cover: cover})
	}
}

func cmapCoverage(ld *ot.Loader) ([]uint32, error) {
	raw, err := ld.RawTable(ot.MustNewTag("cmap"))
	if err != nil {
		return nil, err
	}
	tb, _, err := tables.ParseCmap(raw)
	if err != nil {
		return nil, err
	}
	cm, _, err := font.ProcessCmap(tb, tables.FPNone)
	if err != nil {
		return nil, err
	}
	var runes []uint32
	it := cm.Iter()
	for it.Next() {
		r, g := it.Char()
		if g != 0 && !unicode.Is(unicode.Cc, r) {
			runes = append(runes, uint32(r))
		}
	}
	slices.Sort(runes)
	var out []uint32
	for _, r := range runes {
		if n := len(out); n > 0 && (out[n-1] == r || out[n-1]+1 == r) {
			out[n-1] = r
			continue
		}
		out = append(out, r, r)
	}
	return slices.Clip(out), nil
}

// Role is what a text is set as, for choosing between serif and sans.
type Role uint8

const (
	RoleSerif Role = iota // body text
	RoleSans              // headlines, captions, furniture
	RoleMono              // code and preformatted text
)

// Want says which face a character is wanted in.
type Want struct {
	Role   Role
	Bold   bool
	Italic bool
	Lang   string // the text's BCP 47 language, for Han (zh-Hans, zh-Hant, ja, ko)
	// Family, when not empty, is the only family to take the face from
	// (a profile's choice for the script, see ScriptFamilies).
	Family string
}

type choiceKey struct {
	bucket string // the character's script, or the character itself
	want   Want
}

// Pick returns the best face for r, or nil when no face in the library
// maps it. The choice depends on r's script (every character of a script
// takes the same face while that face has it), the language (Han), the
// role (serif or sans), the weight and the slant.
func (l *Library) Pick(r rune, w Want) *SysFace {
	w.Lang = hanVariant(w.Lang)
	// Once a bucket has its face, the answer for a character never
	// changes (faces that fail to load stay failed), so it is kept.
	pk := pickKey{r, w}
	if f, ok := l.picked.Load(pk); ok {
		return f.(*SysFace)
	}
	f := l.pick(r, w)
	if l.npicked.Load() < maxPicked {
		// counted once per key kept, so that the bound holds however
		// long the process runs
		if _, loaded := l.picked.LoadOrStore(pk, f); !loaded {
			l.npicked.Add(1)
		}
	}
	return f
}

func (l *Library) pick(r rune, w Want) *SysFace {
	l.Scan()
	key := choiceKey{bucket: scriptBucket(r), want: w}
	l.mu.Lock()
	defer l.mu.Unlock()
	if f := l.chosen[key]; f != nil && f.font.Has(r) {
		return f
	}
	cands := make([]*entry, 0, 8)
	for _, e := range l.entries {
		if !e.failed && e.has(r) && (w.Family == "" || strings.EqualFold(e.family, w.Family)) {
			cands = append(cands, e)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return better(cands[i], cands[j], w, r) })
	for _, e := range cands {
		f := l.load(e)
		if f == nil || !f.font.Has(r) {
			continue
		}
		if _, ok := l.chosen[key]; !ok {
			l.chosen[key] = f
		}
		return f
	}
	return nil
}

// load parses an entry's face (under l.mu), reading its file once.
func (l *Library) load(e *entry) *SysFace {
	if e.face != nil || e.failed {
		return e.face
	}
	file, ok := l.files[e.path]
	if !ok {
		data, mapped, err := mapFile(e.path)
		if err != nil {
			e.failed = true
			return nil
		}
		file = fontFile{data, mapped}
		l.files[e.path] = file
	}
	f, err := shaping.Load(file.data, e.index)
	if file.mapped {
		// The shaper copied the tables it reads: the file's pages it
		// read through the mapping are given back (the page cache keeps
		// them for the glyphs a PDF embeds).
		releaseMapped(file.data)
	}
	if err != nil {
		e.failed = true
		return nil
	}
	e.face = &SysFace{font: f, key: "@" + f.Name(), path: e.path, index: e.index}
	for _, o := range l.entries { // another file may hold a face of the same name
		if o != e && o.face != nil && o.face.key == e.face.key {
			e.face.key += fmt.Sprintf("#%d", e.order)
			break
		}
	}
	return e.face
}

// ByKey returns a loaded face by its key (SysFace.Key), or nil.
func (l *Library) ByKey(key string) *SysFace {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.entries {
		if e.face != nil && e.face.key == key {
			return e.face
		}
	}
	return nil
}

// better orders candidate faces for r: configured fonts first, then the
// Han variant of the language, the role, weight and slant, and plain text
// families before display, UI and stylistic ones.
func better(a, b *entry, w Want, r rune) bool {
	if a.user != b.user {
		return a.user
	}
	if isHanLike(r) {
		if ha, hb := hanMatch(a.family, w.Lang), hanMatch(b.family, w.Lang); ha != hb {
			return ha
		}
	} else if w.Lang == "" {
		// A symbol in non-CJK text does not load a 20 MB CJK font when
		// a small one has it.
		if ca, cb := strings.Contains(a.family, "CJK"), strings.Contains(b.family, "CJK"); ca != cb {
			return cb
		}
	}
	letter := unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
	if !letter {
		if sa, sb := symbolFamily(a.family), symbolFamily(b.family); sa != sb {
			return sa
		}
	}
	if ra, rb := roleMatch(a.family, w.Role), roleMatch(b.family, w.Role); ra != rb {
		return ra > rb
	}
	if pa, pb := plainness(a.family), plainness(b.family); letter && pa != pb {
		return pa > pb
	}
	want := 400
	if w.Bold {
		want = 700
	}
	if da, db := absInt(a.weight-want), absInt(b.weight-want); da != db {
		return da < db
	}
	if a.italic != b.italic {
		return a.italic == w.Italic
	}
	if na, nb := strings.HasPrefix(a.family, "Noto"), strings.HasPrefix(b.family, "Noto"); na != nb {
		return na
	}
	return a.order < b.order
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// roleMatch scores how well a family suits a role: 2 a match, 1 neutral,
// 0 the other kind.
func roleMatch(family string, role Role) int {
	mono := strings.Contains(family, "Mono")
	serif := strings.Contains(family, "Serif") || strings.Contains(family, "Naskh") || strings.Contains(family, "Mincho") || strings.Contains(family, "Myeongjo") || strings.Contains(family, "Song")
	sans := strings.Contains(family, "Sans") || strings.Contains(family, "Gothic") || strings.Contains(family, "Kufi")
	switch role {
	case RoleMono:
		if mono {
			return 2
		}
		if sans {
			return 1
		}
		return 0
	case RoleSans:
		if mono {
			return 0
		}
		if sans && !serif {
			return 2
		}
		if !serif {
			return 1
		}
		return 0
	}
	if mono {
		return 0
	}
	if serif {
		return 2
	}
	return 1
}

// symbolFamily reports the families made for symbols, preferred for
// characters that are not letters.
func symbolFamily(family string) bool {
	return strings.Contains(family, "Symbols") || strings.Contains(family, "Math")
}

// plainness prefers families meant for running text: 2 plain, 1 a
// variant (UI, display, condensed), 0 a stylistic or historic one.
func plainness(family string) int {
	for _, s := range []string{"Looped", "Kufi", "Rashi", "Slanted", "Unjoined", "Old ", "Supplement", "Nastaliq", "Emoji", "Music", "Math"} {
		if strings.Contains(family, s) {
			return 0
		}
	}
	for _, s := range []string{" UI", "Display", "Condensed", "Expanded", "Mono"} {
		if strings.Contains(family, s) {
			return 1
		}
	}
	return 2
}

// hanVariant maps a language tag to the variant suffix of CJK families.
func hanVariant(lang string) string {
	prefix := func(p string) bool { return len(lang) >= len(p) && strings.EqualFold(lang[:len(p)], p) }
	suffix := func(p string) bool { return len(lang) >= len(p) && strings.EqualFold(lang[len(lang)-len(p):], p) }
	switch {
	case lang == "":
		return ""
	case prefix("ja"):
		return "JP"
	case prefix("ko"):
		return "KR"
	case prefix("zh"):
		hant := false
		for i := 0; i+4 <= len(lang); i++ {
			hant = hant || strings.EqualFold(lang[i:i+4], "hant")
		}
		if hant || suffix("-tw") || suffix("-mo") {
			return "TC"
		}
		if suffix("-hk") {
			return "HK"
		}
		return "SC"
	}
	return ""
}

func hanMatch(family, variant string) bool {
	if variant == "" {
		return strings.HasSuffix(family, " SC") // Simplified Chinese when nothing says otherwise
	}
	return strings.HasSuffix(family, " "+variant)
}

// isHanLike reports the characters whose glyphs differ by Han variant.
func isHanLike(r rune) bool {
	switch language.LookupScript(r) {
	case language.Han, language.Hiragana, language.Katakana, language.Hangul, language.Bopomofo:
		return true
	}
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// System returns the library over the system's font directories, shared
// by the whole process (scanned once, on first use).
func System() *Library { return systemLibrary() }

var systemLibrary = sync.OnceValue(func() *Library { return NewLibrary(nil, SystemFontDirs) })

// Configured returns a library for a list of font directories separated
// by the system's path-list separator (':'), searched before the system's;
// the shared System library when the list is empty. A process makes one
// and keeps it, so that each font is read once.
func Configured(dirs string) *Library {
	if strings.TrimSpace(dirs) == "" {
		return System()
	}
	return NewLibrary(filepath.SplitList(dirs), SystemFontDirs)
}
