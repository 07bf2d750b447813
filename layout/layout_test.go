package layout

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"printd/article"
)

// check asserts the invariants every document must satisfy.
func check(t *testing.T, name string, a *article.Article, spec Spec, doc *Document) {
	t.Helper()
	if len(doc.Pages) == 0 {
		t.Fatalf("%s: no pages", name)
	}
	content := spec.Content()
	wide := wideBlocks(doc)
	for pi, p := range doc.Pages {
		page := Rect{0, 0, p.Width, p.Height}
		for _, tx := range p.Texts {
			box := tx.Box()
			switch {
			case tx.Role == RoleMark:
				if !page.Contains(box, 0.01) || p.Trim.Intersects(box, 0.01) {
					t.Errorf("%s p%d: printer's mark %q at %+v not outside the trim", name, pi+1, tx.Text, box)
				}
			case tx.Role == RoleRunningFooter:
				if !page.Contains(box, 0.01) || box.Y < content.Bottom() {
					t.Errorf("%s p%d: running footer %q at %+v outside the bottom margin", name, pi+1, tx.Text, box)
				}
			case tx.Block >= 0 && wide[tx.Block]:
				if !content.Contains(box, 0.01) {
					t.Errorf("%s p%d: text %q of a float at %+v outside the type area %+v", name, pi+1, tx.Text, box, content)
				}
			case tx.Block >= 0:
				if !inAnyColumn(p.Columns, box) {
					t.Errorf("%s p%d: body text %q at %+v outside every column", name, pi+1, tx.Text, box)
				}
			default:
				if !content.Contains(box, 0.01) {
					t.Errorf("%s p%d: text %q at %+v outside the type area %+v", name, pi+1, tx.Text, box, content)
				}
			}
		}
		for _, im := range p.Images {
			if !content.Contains(im.Rect, 0.01) {
				t.Errorf("%s p%d: image %s at %+v outside the type area", name, pi+1, im.Src, im.Rect)
			}
		}
		checkOverlaps(t, fmt.Sprintf("%s p%d", name, pi+1), p)
		checkHeadingGaps(t, fmt.Sprintf("%s p%d", name, pi+1), p, a, spec, 2.25)
	}
	checkFiguresWhole(t, name, doc)
	checkBodyPicturesUncropped(t, name, a, doc)
	checkBodyText(t, name, a, doc)
	checkKeeps(t, name, a, doc)
}

func inAnyColumn(cols []Rect, box Rect) bool {
	for _, c := range cols {
		if c.Contains(box, 0.01) {
			return true
		}
	}
	return false
}

// checkOverlaps: no two text boxes and no text and image overlap.
func checkOverlaps(t *testing.T, where string, p Page) {
	t.Helper()
	texts := append([]Text(nil), p.Texts...)
	sort.Slice(texts, func(i, j int) bool { return texts[i].Box().Y < texts[j].Box().Y })
	for i := range texts {
		a := texts[i].Box()
		for j := i + 1; j < len(texts); j++ {
			b := texts[j].Box()
			if b.Y >= a.Bottom() {
				break
			}
			if a.Intersects(b, 0.05) {
				t.Errorf("%s: %q %+v overlaps %q %+v", where, texts[i].Text, a, texts[j].Text, b)
			}
		}
		for _, im := range p.Images {
			if a.Intersects(im.Rect, 0.05) {
				t.Errorf("%s: %q overlaps image %s", where, texts[i].Text, im.Src)
			}
		}
	}
}

// checkFiguresWhole: every image is on the page of its caption and above
// it (a lead photo set smaller by copyfit: beside it).
func checkFiguresWhole(t *testing.T, name string, doc *Document) {
	t.Helper()
	for pi, p := range doc.Pages {
		for _, im := range p.Images {
			for pj, q := range doc.Pages {
				for _, tx := range q.Texts {
					if (tx.Role == RoleCaption || tx.Role == RoleCredit) && tx.Block == im.Block {
						if pj != pi {
							t.Errorf("%s: image of block %d on page %d, its caption %q on page %d", name, im.Block, pi+1, tx.Text, pj+1)
						} else if under := tx.Y >= im.Bottom() && tx.X >= im.X-max(0, (captionMinW-im.W)/2)-0.01 && tx.X <= im.Right(); !under &&
							// a lead photo set smaller by copyfit has its caption beside it
							!(im.Block == -1 && tx.X > im.Right() && tx.Y >= im.Y && tx.Y <= im.Bottom()+0.01) {
							t.Errorf("%s: caption %q neither under its image nor beside it", name, tx.Text)
						}
					}
				}
			}
		}
	}
}

// checkBodyPicturesUncropped: a body picture is shown whole unless the
// article gives its focus (then it may be trimmed around it).
func checkBodyPicturesUncropped(t *testing.T, name string, a *article.Article, doc *Document) {
	t.Helper()
	for pi, p := range doc.Pages {
		for _, im := range p.Images {
			if im.Block < 0 || im.Block >= len(a.Body) || a.Body[im.Block].Image == nil || a.Body[im.Block].Image.Focus != nil {
				continue
			}
			f := im.Full
			if math.Abs(f.X-im.X) > 0.01 || math.Abs(f.Y-im.Y) > 0.01 || math.Abs(f.W-im.W) > 0.01 || math.Abs(f.H-im.H) > 0.01 {
				t.Errorf("%s p%d: body picture of block %d cropped without a focus: shows %+v of %+v", name, pi+1, im.Block, im.Rect, f)
			}
		}
	}
}

// checkBodyText: every character of every body block is printed once, in
// order, and nothing else is printed in the body.
func checkBodyText(t *testing.T, name string, a *article.Article, doc *Document) {
	t.Helper()
	var want, got strings.Builder
	figures := map[int]*strings.Builder{}
	wide := wideBlocks(doc)
	for bi, b := range a.Body {
		if b.Type == article.ImageBlock || b.Type == article.TableBlock || wide[bi] {
			figures[bi] = &strings.Builder{} // floats, and tables (whose header repeats)
			continue
		}
		want.WriteString(letters(blockText(b)))
	}
	for _, p := range doc.Pages {
		for _, tx := range p.Texts {
			switch {
			case tx.Block < 0 || tx.Role == RoleBullet:
			case figures[tx.Block] != nil:
				figures[tx.Block].WriteString(tx.Text)
			default:
				text := tx.Text
				if tx.Role == RolePre {
					text = dropMarks(text)
				}
				got.WriteString(strings.TrimPrefix(text, "— "))
			}
		}
	}
	w, g := want.String(), letters(got.String())
	if g != w {
		i := 0
		for i < len(w) && i < len(g) && w[i] == g[i] {
			i++
		}
		lo := max(0, i-40)
		t.Errorf("%s: body text differs at byte %d:\nwant …%s…\n got …%s…", name, i, w[lo:min(len(w), i+40)], g[lo:min(len(g), i+40)])
	}
	for bi, fb := range figures {
		got := letters(dropMarks(fb.String()))
		switch b := a.Body[bi]; b.Type {
		case article.TableBlock:
			// every part in order (repeated headers in between)
			at := 0
			for _, part := range tableParts(b.Table) {
				k := strings.Index(got[at:], letters(part))
				if k < 0 {
					t.Errorf("%s: table body[%d]: %q missing or out of order", name, bi, part)
					break
				}
				at += k + len(letters(part))
			}
			continue
		case article.ImageBlock:
		default:
			if want := letters(blockText(b)); got != want {
				t.Errorf("%s: float body[%d] text differs:\nwant %s\n got %s", name, bi, want, got)
			}
			continue
		}
		im := a.Body[bi].Image
		if c := letters(im.Caption); !strings.Contains(letters(fb.String()), c) {
			t.Errorf("%s: figure body[%d] caption %q missing, got %q", name, bi, im.Caption, fb.String())
		}
	}
}

// checkKeeps: no widow or orphan, no heading last in a column.
func checkKeeps(t *testing.T, name string, a *article.Article, doc *Document) {
	t.Helper()
	type colKey struct{ page, col int }
	// lines of each paragraph block per column
	lines := map[int]map[colKey]map[float64]bool{}
	total := map[int]map[float64]int{}
	lastInCol := map[colKey]Text{}
	for pi, p := range doc.Pages {
		for _, tx := range p.Texts {
			if tx.Block < 0 {
				continue
			}
			ci := -1
			for i, c := range p.Columns {
				if c.Contains(tx.Box(), 0.01) {
					ci = i
				}
			}
			k := colKey{pi, ci}
			if last, ok := lastInCol[k]; !ok || tx.Y >= last.Y {
				lastInCol[k] = tx
			}
			if a.Body[tx.Block].Type != article.Paragraph {
				continue
			}
			if lines[tx.Block] == nil {
				lines[tx.Block] = map[colKey]map[float64]bool{}
				total[tx.Block] = map[float64]int{}
			}
			if lines[tx.Block][k] == nil {
				lines[tx.Block][k] = map[float64]bool{}
			}
			lines[tx.Block][k][tx.Y] = true
		}
	}
	for bi, cols := range lines {
		if len(cols) < 2 {
			continue
		}
		for k, ys := range cols {
			if len(ys) < 2 {
				t.Errorf("%s: paragraph body[%d] leaves %d line alone in column %d of page %d", name, bi, len(ys), k.col+1, k.page+1)
			}
		}
	}
	// The last text block may end a column (figures after it move up to
	// the top of their column rather than follow the article's end).
	lastBlock := len(a.Body) - 1
	for lastBlock > 0 && (a.Body[lastBlock].Type == article.ImageBlock || a.Body[lastBlock].Type == article.Divider) {
		lastBlock--
	}
	for k, tx := range lastInCol {
		if tx.Role == RoleHeading && tx.Block != lastBlock {
			t.Errorf("%s: heading %q ends column %d of page %d", name, tx.Text, k.col+1, k.page+1)
		}
	}
}

func TestFixtures(t *testing.T) {
	fb := testBook(t)
	for _, fx := range []string{"seed-article.json", "ru-article.json", "html-body-article.json"} {
		for _, paper := range []string{"A4", "Letter", "Tabloid", "160x240mm"} {
			for cols := 1; cols <= 4; cols++ {
				name := fmt.Sprintf("%s/%s/%dcol", fx, paper, cols)
				a := loadFixture(t, fx)
				spec := DefaultSpec(mustPaper(t, paper), cols)
				spec.DropCap = cols == 2
				if spec.Validate() != nil {
					continue // too many columns for the paper
				}
				doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: fb, Images: fixtureImages(a)})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				check(t, name, a, spec, doc)
				if len(doc.Missing) > 0 {
					t.Errorf("%s: missing glyphs %v", name, doc.Missing)
				}
			}
		}
	}
}

// TestGenerated lays out random articles: long and short paragraphs, long
// words and URLs, headings, quotes, lists and many images, in 1–4 columns.
func TestGenerated(t *testing.T) {
	fb := testBook(t)
	rng := rand.New(rand.NewSource(7))
	n := 60
	if testing.Short() {
		n = 15
	}
	for i := 0; i < n; i++ {
		a := randomArticle(rng)
		cols := 1 + rng.Intn(4)
		spec := DefaultSpec(mustPaper(t, "A4"), cols)
		spec.DropCap = i%2 == 0
		spec.ParagraphIndent = i%3 != 0
		doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: fb, Images: fixtureImages(a)})
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		check(t, fmt.Sprintf("generated %d (%d col)", i, cols), a, spec, doc)
	}
}

var vocabulary = strings.Fields("the of and to in a is that for it as was with be by on not he I this are or his from at which but have an they you were her she there been one all we their has would when if so no said what its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three states himself few house use during without again place around however home small found mrs thought went say part once general high upon school every don does got united left number course war until always away something fact though water less public put think almost hand enough far took head yet government system better set told nothing night end why called didn eyes find going look asked later knew point next program city business give group toward young days let room president side social given present several order national possible rather second face per among form important often things looked early white case john become large big need four within felt along children saw best church ever least power development light thing seemed family interest want members mind country area others although turned done open god service certain kind problem began different door thus help sense means whole matter perhaps itself york times law human line above name example action company hands local show whether five history gave today either act feet across taken past quite anyone having seen death experience body word half really field am car words already themselves information tell together college shall money period held keep sure probably free seems real behind cannot miss political air question making office brought whose special major heard problems ago became federal moment study available known result street economic boy position reason change south board individual job society areas west close turn love community true court force full seem am front")

func randomWords(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch r := rng.Intn(200); {
		case r == 0:
			b.WriteString("https://example.org/a/very/long/path/that/does/not/break/easily/" + strings.Repeat("x", rng.Intn(60)))
		case r == 1:
			b.WriteString(strings.Repeat("supercalifragilistic", 1+rng.Intn(4)))
		case r < 6:
			b.WriteString("<b>" + vocabulary[rng.Intn(len(vocabulary))] + "</b>")
		default:
			b.WriteString(vocabulary[rng.Intn(len(vocabulary))])
		}
	}
	return b.String()
}

func randomArticle(rng *rand.Rand) *article.Article {
	var body strings.Builder
	blocks := 1 + rng.Intn(25)
	img := 0
	for i := 0; i < blocks; i++ {
		switch r := rng.Intn(20); {
		case r < 12:
			fmt.Fprintf(&body, "<p>%s</p>", randomWords(rng, 1+rng.Intn(160)))
		case r < 14:
			fmt.Fprintf(&body, "<h%d>%s</h%d>", 2+rng.Intn(3), randomWords(rng, 1+rng.Intn(10)), 2)
		case r < 15:
			fmt.Fprintf(&body, "<blockquote><p>%s</p></blockquote>", randomWords(rng, 5+rng.Intn(60)))
		case r < 16:
			body.WriteString("<ul>")
			for k := 0; k < 1+rng.Intn(5); k++ {
				fmt.Fprintf(&body, "<li>%s</li>", randomWords(rng, 1+rng.Intn(30)))
			}
			body.WriteString("</ul>")
		case r < 18:
			img++
			fmt.Fprintf(&body, `<figure><img src="img%d.jpg"><figcaption>%s</figcaption></figure>`, img, randomWords(rng, 3+rng.Intn(20)))
		case r < 19:
			fmt.Fprintf(&body, "<pre>%s</pre>", strings.Repeat("x := y + z // a long line of code\n", 1+rng.Intn(8)))
		default:
			body.WriteString("<hr>")
		}
	}
	doc := fmt.Sprintf(`{"headline": %q, "section": "News", "lang": "en", "body": %q}`, randomWords(rng, 3+rng.Intn(30)), body.String())
	a, err := article.Decode([]byte(doc))
	if err != nil {
		panic(err)
	}
	return a
}

// dropMarks removes the continuation marks of preformatted lines.
func dropMarks(s string) string {
	for _, m := range preMarks {
		s = strings.ReplaceAll(s, m, "")
	}
	return s
}

// checkHeadingGaps: a heading stands close to the paragraph it introduces —
// in a column, from the heading's last baseline to the paragraph's first,
// at most limit body lines: two when the blocks before it keep the grid
// (the heading's own space after it and the step to the grid; not a
// paragraph space as well), a quarter line more where a run of headings
// and figures at a column's head leaves the heading off the grid.
func checkHeadingGaps(t *testing.T, name string, p Page, a *article.Article, spec Spec, limit float64) {
	t.Helper()
	for _, h := range p.Texts {
		if h.Role != RoleHeading || h.Block < 0 || h.Block+1 >= len(a.Body) || a.Body[h.Block+1].Type != article.Paragraph {
			continue
		}
		col := Rect{}
		for _, c := range p.Columns {
			if h.X >= c.X-0.01 && h.X <= c.Right() {
				col = c
			}
		}
		next := -1.0
		for _, tx := range p.Texts {
			if tx.Block == h.Block+1 && tx.Y > h.Y && tx.X >= col.X-0.01 && tx.X < col.Right() && (next < 0 || tx.Y < next) {
				next = tx.Y
			}
		}
		if next < 0 {
			continue // the paragraph goes on in another column
		}
		// only the heading's last line
		last := true
		for _, o := range p.Texts {
			if o.Block == h.Block && o.Y > h.Y && o.Y < next {
				last = false
			}
		}
		if last && next-h.Y > limit*spec.Body.Leading+0.01 {
			t.Errorf("%s: %.1f pt from heading %q to its paragraph's first line (body leading %.2f)", name, next-h.Y, h.Text, spec.Body.Leading)
		}
	}
}
