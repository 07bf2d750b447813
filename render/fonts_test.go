package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"printd/article"
	"printd/fonts"
	"printd/layout"
	"printd/render/internal/pdffont"
)

func embeddedBook(t testing.TB) Book {
	t.Helper()
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return Book{Set: set}
}

// pageIDs names the standard pages in set.
func pageIDs(ps *pdffont.Pages, set pdffont.PageSet) []string {
	var ids []string
	for i := range pdffont.NumStandard {
		if set&(1<<i) != 0 {
			ids = append(ids, ps.Page(i).ID())
		}
	}
	return ids
}

// TestPlanFonts checks which standard pages a document's text is set in:
// the fewest that cover it, cp1252 first on a tie, and those already in
// use before any other.
func TestPlanFonts(t *testing.T) {
	serif := layout.FontKey{Family: fonts.SerifFamily}
	tests := []struct {
		name  string
		pages [][]string // the texts of each document page, all in serif
		want  []string
	}{
		{"English", [][]string{{"Hello, “world” — 2025", "naïve café"}}, []string{"cp1252"}},
		{"Russian", [][]string{{"Привет, «мир» — 2025", "№ 5"}}, []string{"cp1251"}},
		{"Russian with a French word", [][]string{{"Привет, мир", "café"}}, []string{"cp1252", "cp1251"}},
		{"Polish", [][]string{{"Łódź, Kraków"}}, []string{"cp1250"}},
		{"Greek", [][]string{{"Ελληνικά “x”"}}, []string{"cp1253"}},
		{"Turkish", [][]string{{"Güzel Ğ İstanbul"}}, []string{"cp1254"}},
		{"Latvian and Polish", [][]string{{"Rīga, Łódź"}}, []string{"cp1257"}},
		{"digits only", [][]string{{"2025"}}, []string{"cp1252"}},
		{"rouble sign only in a further page", [][]string{{"100 ₽"}}, []string{"cp1252"}},
		{"second page keeps the first's pages", [][]string{{"Привет"}, {"Hello", "world"}}, []string{"cp1251"}},
		{"second page adds what it needs", [][]string{{"Hello"}, {"Привет"}}, []string{"cp1252", "cp1251"}},
		{"nothing to set", [][]string{{""}}, nil},
	}
	book := embeddedBook(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &drawer{book: book}
			for _, texts := range tt.pages {
				var items []layout.Text
				for _, s := range texts {
					items = append(items, layout.Text{Text: s, Font: serif})
				}
				d.planFonts(items)
			}
			ff := d.text.faceFor(book, serif)
			if got := pageIDs(ff.pages, ff.active); !slices.Equal(got, tt.want) {
				t.Errorf("pages %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFacesShared checks that keys falling back on one face share its
// state, and that an unknown family has none.
func TestFacesShared(t *testing.T) {
	book := embeddedBook(t)
	var df docFonts
	mono := df.faceFor(book, layout.FontKey{Family: fonts.MonoFamily, Style: layout.Style(fonts.Regular)})
	monoItalic := df.faceFor(book, layout.FontKey{Family: fonts.MonoFamily, Style: layout.Style(fonts.Italic)})
	serif := df.faceFor(book, layout.FontKey{Family: fonts.SerifFamily})
	if mono == nil || mono != monoItalic || serif == mono {
		t.Errorf("mono %p, mono italic %p, serif %p: want mono shared, serif apart", mono, monoItalic, serif)
	}
	if len(df.faces) != 2 {
		t.Errorf("%d faces, want 2", len(df.faces))
	}
	if ff := df.faceFor(book, layout.FontKey{Family: "nonesuch"}); ff != nil {
		t.Error("an unknown family has a face")
	}
}

type run struct {
	text, page string
	pos        int
}

// TestRuns checks how a text item is split into runs of one page each, and
// where each run starts.
func TestRuns(t *testing.T) {
	book := embeddedBook(t)
	var df docFonts
	ff := df.faceFor(book, layout.FontKey{Family: fonts.SerifFamily})
	ps := ff.pages
	adv := func(s string) int { return ff.face.Width(s) }
	further := func(r rune) string {
		_, i := ps.Lookup(r)
		return ps.Page(i).ID()
	}
	const (
		cp1252 = 1 << 0
		cp1251 = 1 << 2
	)
	tests := []struct {
		name   string
		active pdffont.PageSet
		s      string
		want   []run
	}{
		{"one page", cp1252, "Hello “world”", []run{{"Hello “world”", "cp1252", 0}}},
		{"longest run first", cp1252 | cp1251, "Привет café", []run{
			{"Привет caf", "cp1251", 0}, {"é", "cp1252", adv("Привет caf")}}},
		{"inactive pages when no active one will do", cp1252, "Жук", []run{{"Жук", "cp1251", 0}}},
		{"further page keeps the space", cp1252, "₽ 100", []run{
			{"₽ ", further('₽'), 0}, {"100", "cp1252", adv("₽ ")}}},
		{"combining mark", cp1252, "e\u0301t", []run{
			{"e", "cp1252", 0}, {"\u0301", further('\u0301'), adv("e")}, {"t", "cp1252", adv("e\u0301")}}},
		{"missing character skipped, its advance kept", cp1252, "a中b", []run{
			{"a", "cp1252", 0}, {"b", "cp1252", adv("a中")}}},
		{"empty", cp1252, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ff.active = tt.active
			var got []run
			ff.runs(tt.s, func(text string, page, pos, _ int) {
				got = append(got, run{text, ps.Page(page).ID(), pos})
			})
			if !slices.Equal(got, tt.want) {
				t.Errorf("runs\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// fixtureDoc lays out a fixture article as seedDoc does the seed.
func fixtureDoc(t testing.TB, name string) (*layout.Document, Book) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	book := embeddedBook(t)
	ap, _ := article.ParsePaper("A4")
	p := layout.PaperOf(ap)
	doc, err := layout.Layout(&layout.Input{Article: a, Spec: layout.DefaultSpec(p, 2), Fonts: book})
	if err != nil {
		t.Fatal(err)
	}
	return doc, book
}

var fixtures = []string{"seed-article.json", "ru-article.json", "html-body-article.json"}

// textsOnly returns doc with nothing but its text.
func textsOnly(doc *layout.Document) *layout.Document {
	out := &layout.Document{}
	for _, p := range doc.Pages {
		out.Pages = append(out.Pages, layout.Page{Width: p.Width, Height: p.Height, Texts: p.Texts})
	}
	return out
}

// renderUTF8 draws the text of doc the way the renderer did before page
// fonts: each face registered whole as a UTF-8 font (fpdf subsets it per
// document), each item drawn in one piece (horizontally scaled when
// layout scaled it). It is the reference the page fonts must look and read
// like.
func renderUTF8(t testing.TB, doc *layout.Document, book Book) []byte {
	t.Helper()
	first := doc.Pages[0]
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: first.Width, Ht: first.Height}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	added := map[layout.FontKey]bool{}
	for _, p := range doc.Pages {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
		for _, tx := range p.Texts {
			if tx.Text == "" {
				continue
			}
			fam, style := "u"+tx.Font.Family, styleStr[tx.Font.Style&3]
			if !added[tx.Font] {
				pdf.AddUTF8FontFromBytes(fam, style, book.face(tx.Font).Data())
				added[tx.Font] = true
			}
			pdf.SetFont(fam, style, tx.Size)
			pdf.SetTextColor(int(tx.Color.R), int(tx.Color.G), int(tx.Color.B))
			if tx.Scale != 0 {
				pdf.RawWriteStr(strconv.FormatFloat(100*tx.Scale, 'f', 3, 64) + " Tz")
			}
			if tx.Tracking != 0 {
				pdf.RawWriteStr(charSpacing(tx) + " Tc")
			}
			pdf.Text(tx.X, tx.Y, tx.Text)
			if tx.Tracking != 0 {
				pdf.RawWriteStr("0 Tc")
			}
			if tx.Scale != 0 {
				pdf.RawWriteStr("100 Tz")
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func renderBuf(t testing.TB, doc *layout.Document, book Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(context.Background(), doc, book, nil, Meta{Title: "t"}, Options{}, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func run1(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out
}

// TestLooksAsUTF8Fonts renders the text of each fixture with page fonts and
// with whole UTF-8 fonts, and checks that the pages look the same, pixel
// for pixel, and read the same, word by word and box by box.
func TestLooksAsUTF8Fonts(t *testing.T) {
	tool(t, "pdftoppm")
	tool(t, "pdftotext")
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc, book := fixtureDoc(t, name)
			doc = textsOnly(doc)
			pages := writeTemp(t, "pages.pdf", renderBuf(t, doc, book))
			utf8 := writeTemp(t, "utf8.pdf", renderUTF8(t, doc, book))

			text := func(f string) string { // the words and their boxes, not the metadata
				out := string(run1(t, "pdftotext", "-bbox", "-enc", "UTF-8", f, "-"))
				_, body, _ := strings.Cut(out, "<body>")
				return body
			}
			got, want := text(pages), text(utf8)
			if got != want {
				t.Errorf("pdftotext -bbox differs:\n%s", firstDiff(got, want))
			}
			if words := strings.Count(got, "<word "); words < 200 {
				t.Errorf("only %d words", words)
			}
			for p := 1; p <= len(doc.Pages); p++ {
				raster := func(f string) []byte {
					return run1(t, "pdftoppm", "-r", "100", "-gray", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), f)
				}
				a, b := raster(pages), raster(utf8)
				if !bytes.Equal(a, b) {
					t.Errorf("page %d looks different (%d of %d bytes differ)", p, differing(a, b), len(a))
				}
			}
		})
	}
}

func differing(a, b []byte) int {
	n := max(len(a), len(b)) - min(len(a), len(b))
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "got:  " + g[i] + "\nwant: " + w[i]
		}
	}
	return "lengths differ"
}

// pdftotextRewrites reports characters pdftotext does not give back as
// they are whatever the font: it prints Unicode spaces as U+0020 and wraps
// right-to-left marks and embeddings in embedding controls.
func pdftotextRewrites(r rune) bool {
	if r != ' ' && unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp) {
		return true
	}
	return r == '\u200f' || r >= '\u202a' && r <= '\u202e'
}

// TestEveryCharacterReadsBack draws every character of every embedded face
// (bar control characters), each between two x's, and checks that
// pdftotext reads each line back exactly — and where pdftotext itself
// rewrites a character, exactly as from the whole UTF-8 fonts.
func TestEveryCharacterReadsBack(t *testing.T) {
	tool(t, "pdftotext")
	book := embeddedBook(t)
	set := book.Set
	doc := &layout.Document{}
	var lines []string
	var rewritten []rune
	const width, height, lead, perPage = 1200.0, 1600.0, 12.0, 130
	var page *layout.Page
	seen := map[*fonts.Face]bool{}
	for _, fam := range []*fonts.Family{set.Serif, set.Sans, set.Mono} {
		for s := range fonts.Style(4) {
			f := fam.Face(s)
			if seen[f] {
				continue
			}
			seen[f] = true
			var rs []rune
			for r := rune(0); r <= 0xFFFF; r++ {
				if f.Has(r) && !unicode.IsControl(r) {
					rs = append(rs, r)
					if pdftotextRewrites(r) && !slices.Contains(rewritten, r) {
						rewritten = append(rewritten, r)
					}
				}
			}
			for chunk := range slices.Chunk(rs, 40) {
				var b strings.Builder
				for _, r := range chunk {
					b.WriteByte('x')
					b.WriteRune(r)
				}
				b.WriteByte('x')
				if page == nil || len(page.Texts) == perPage {
					doc.Pages = append(doc.Pages, layout.Page{Width: width, Height: height})
					page = &doc.Pages[len(doc.Pages)-1]
				}
				y := lead * float64(len(page.Texts)+2)
				key := layout.FontKey{Family: fam.Name, Style: layout.Style(f.Style())}
				page.Texts = append(page.Texts, layout.Text{X: 20, Y: y, Text: b.String(), Font: key, Size: 9})
				lines = append(lines, b.String())
			}
		}
	}
	if len(seen) != 10 || len(lines) < 400 {
		t.Fatalf("%d faces, %d lines", len(seen), len(lines))
	}
	if len(rewritten) > 25 {
		t.Fatalf("%d characters exempt from the exact comparison", len(rewritten))
	}
	read := func(pdf []byte) []string {
		out := run1(t, "pdftotext", "-raw", "-enc", "UTF-8", writeTemp(t, "all.pdf", pdf), "-")
		return strings.Split(strings.ReplaceAll(string(out), "\f", ""), "\n")
	}
	got := read(renderBuf(t, doc, book))
	if len(got) < len(lines) {
		t.Fatalf("read %d lines, drew %d", len(got), len(lines))
	}
	// The lines pdftotext rewrites are compared with what it reads from the
	// same lines in whole UTF-8 fonts.
	refDoc := &layout.Document{Pages: []layout.Page{{Width: width, Height: height}}}
	var refLines []int
	i := 0
	for _, p := range doc.Pages {
		for _, tx := range p.Texts {
			if strings.ContainsFunc(tx.Text, pdftotextRewrites) {
				tx.Y = lead * float64(len(refLines)+2)
				refDoc.Pages[0].Texts = append(refDoc.Pages[0].Texts, tx)
				refLines = append(refLines, i)
			} else if got[i] != lines[i] {
				t.Errorf("line %d reads\n%+q, want\n%+q", i, got[i], lines[i])
			}
			i++
		}
	}
	if len(refLines) > 4*len(seen) || len(refLines) > perPage {
		t.Fatalf("%d lines not compared exactly", len(refLines))
	}
	ref := read(renderUTF8(t, refDoc, book))
	for j, i := range refLines {
		if got[i] != ref[j] {
			t.Errorf("line %d reads %+q, from UTF-8 fonts %+q", i, got[i], ref[j])
		}
	}
}

var pdffontsLine = regexp.MustCompile(`^([A-Z]{6})\+(\S+)\s+TrueType\s+Custom\s+yes\s+yes\s+no\s+\d+\s+0$`)

// TestFontsEmbedded checks with pdffonts that every font of each fixture
// is an embedded TrueType subset with a subset tag, one per face the text
// uses: the fixtures each need only one page per face.
func TestFontsEmbedded(t *testing.T) {
	tests := []struct {
		fixture string
		fonts   []string
	}{
		{"seed-article.json", []string{"NotoSans-Bold", "NotoSans-Regular", "NotoSerif-Bold", "NotoSerif-Regular"}},
		{"ru-article.json", []string{"NotoSans-Bold", "NotoSans-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-Regular"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			doc, book := fixtureDoc(t, tt.fixture)
			out := run1(t, "pdffonts", writeTemp(t, "f.pdf", renderBuf(t, doc, book)))
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			var got []string
			for _, l := range lines[2:] {
				m := pdffontsLine.FindStringSubmatch(l)
				if m == nil {
					t.Errorf("pdffonts: %q is not an embedded TrueType subset", l)
					continue
				}
				got = append(got, m[2])
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.fonts) {
				t.Errorf("fonts %v, want %v", got, tt.fonts)
			}
		})
	}
}

// TestFontRegistrationAllocs checks what registering the seed article's
// fonts costs a document: under 100 KB allocated, all of them together.
func TestFontRegistrationAllocs(t *testing.T) {
	doc, book := seedDoc(t)
	plan := &drawer{book: book}
	for _, p := range doc.Pages {
		plan.planFonts(p.Texts)
	}
	type use struct {
		ff   *faceFonts
		page int
	}
	var uses []use
	for _, ff := range plan.text.faces {
		for i := range pdffont.NumStandard {
			if ff.active&(1<<i) != 0 {
				uses = append(uses, use{ff, i})
				if _, err := ff.pages.Page(i).Font(); err != nil { // built once per process
					t.Fatal(err)
				}
			}
		}
	}
	if len(uses) < 4 {
		t.Fatalf("the seed uses %d page fonts", len(uses))
	}
	newPDF := func() *fpdf.Fpdf {
		return fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595, Ht: 842}})
	}
	// Bytes allocated per call of fn, as testing.AllocsPerRun counts
	// allocations: no other test runs meanwhile.
	perRun := func(fn func()) uint64 {
		const runs = 50
		fn()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range runs {
			fn()
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / runs
	}
	bare := perRun(func() { _ = newPDF() })
	reg := perRun(func() {
		d := &drawer{pdf: newPDF(), fonts: map[layout.FontKey]bool{}}
		for _, u := range uses {
			d.useFont(u.ff, u.page, 10)
		}
		if err := d.pdf.Error(); err != nil {
			t.Fatal(err)
		}
	})
	cost := int64(reg) - int64(bare)
	t.Logf("registering %d page fonts allocates %d B", len(uses), cost)
	if cost <= 0 || cost >= 100<<10 {
		t.Errorf("registering the seed's %d page fonts allocates %d B, want under 100 KB", len(uses), cost)
	}
}
