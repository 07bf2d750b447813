package layout

import (
	"math"
	"strings"
	"testing"

	"printd/article"
)

// tableTexts are the texts of body block bi, by page.
func blockTexts(doc *Document, bi int) [][]Text {
	out := make([][]Text, len(doc.Pages))
	for pi, p := range doc.Pages {
		for _, tx := range p.Texts {
			if tx.Block == bi {
				out[pi] = append(out[pi], tx)
			}
		}
	}
	return out
}

func layoutFixture(t *testing.T, name, paper string, cols int) (*article.Article, Spec, *Document) {
	t.Helper()
	a := loadFixture(t, name)
	spec := DefaultSpec(mustPaper(t, paper), cols)
	doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t), Images: fixtureImages(a)})
	if err != nil {
		t.Fatal(err)
	}
	check(t, name, a, spec, doc)
	return a, spec, doc
}

// tableBlock finds the body block of the table with caption.
func tableBlock(t *testing.T, a *article.Article, caption string) int {
	for bi, b := range a.Body {
		if b.Type == article.TableBlock && b.Table.Caption == caption {
			return bi
		}
	}
	t.Fatalf("no table %q", caption)
	return -1
}

// TestTableCellsInColumns: each cell's text lies in its column's x range,
// the ranges in order and apart, the rows in order down the column; the
// header is repeated at the head of every column the table continues to.
func TestTableCellsInColumns(t *testing.T) {
	for _, cols := range []int{1, 2, 3} {
		a, spec, doc := layoutFixture(t, "table-article.json", "A4", cols)
		bi := tableBlock(t, a, "Service status")
		tb := a.Body[bi].Table
		rowOf := map[string]int{}
		for r, row := range tb.Rows {
			rowOf[article.PlainText(row[0].Runs)] = r
		}
		type colKey struct{ page, col int }
		lastRow := -1
		headers := map[colKey]float64{} // y of each repeated header
		firstRow := map[colKey]float64{}
		for pi, texts := range blockTexts(doc, bi) {
			p := doc.Pages[pi]
			// the cells of a line, by column and y
			type lineKey struct {
				col int
				y   float64
			}
			lines := map[lineKey][]Text{}
			for _, tx := range texts {
				if tx.Role == RoleTable || tx.Role == RoleTableHead {
					lk := lineKey{columnOf(p.Columns, tx.Box()), tx.Y}
					lines[lk] = append(lines[lk], tx)
				}
			}
			for _, tx := range texts {
				r, ok := rowOf[tx.Text]
				if !ok {
					if tx.Role == RoleTableHead && tx.Text == "Service" {
						k := colKey{pi, columnOf(p.Columns, tx.Box())}
						if _, seen := headers[k]; !seen {
							headers[k] = tx.Y
						}
					}
					continue
				}
				k := colKey{pi, columnOf(p.Columns, tx.Box())}
				if _, seen := firstRow[k]; !seen {
					firstRow[k] = tx.Y
				}
				if r != lastRow+1 {
					t.Errorf("%d col: row %d after row %d", cols, r, lastRow)
				}
				lastRow = r
				line := lines[lineKey{k.col, tx.Y}]
				if len(line) != 3 {
					t.Errorf("%d col: row %d has %d texts, want 3: %v", cols, r, len(line), line)
					continue
				}
				for c := 0; c < 3; c++ {
					// the status may wrap: its first line starts it
					if want := article.PlainText(tb.Rows[r][c].Runs); !strings.HasPrefix(want, line[c].Text) || c < 2 && line[c].Text != want {
						t.Errorf("%d col: row %d cell %d = %q, want %q", cols, r, c, line[c].Text, want)
					}
				}
				col := p.Columns[k.col]
				if line[0].X < col.X-eps || line[2].X+line[2].Width > col.Right()+0.01 {
					t.Errorf("%d col: row %d runs outside its column %v", cols, r, col)
				}
			}
		}
		if lastRow != len(tb.Rows)-1 {
			t.Errorf("%d col: last row %d, want %d", cols, lastRow, len(tb.Rows)-1)
		}
		if len(firstRow) < 2 {
			t.Errorf("%d col: the table takes %d columns, want a break", cols, len(firstRow))
		}
		for k, y := range firstRow {
			if hy, ok := headers[k]; !ok || hy >= y {
				t.Errorf("%d col: page %d column %d: rows without their header above (header %v at %.1f, row at %.1f)", cols, k.page+1, k.col+1, ok, hy, y)
			}
		}
		_ = spec
	}
}

func columnOf(cols []Rect, b Rect) int {
	for i, c := range cols {
		if b.X >= c.X-1 && b.X < c.Right() {
			return i
		}
	}
	return -1
}

// TestTableColumnRanges: across all rows of a table the x ranges of its
// columns do not overlap and come in order; numbers line up on the
// decimal point.
func TestTableColumnRanges(t *testing.T) {
	a, _, doc := layoutFixture(t, "table-article.json", "A4", 2)
	bi := tableBlock(t, a, "Oslo: monthly climate means")
	tb := a.Body[bi].Table
	ncol := tb.Columns()
	lo := make([]float64, ncol)
	hi := make([]float64, ncol)
	for i := range lo {
		lo[i], hi[i] = math.Inf(1), math.Inf(-1)
	}
	cellCol := map[string]int{} // texts found in one column only
	for _, row := range append(tb.Head, tb.Rows...) {
		for c, cell := range row {
			text := article.PlainText(cell.Runs)
			if prev, ok := cellCol[text]; ok && prev != c {
				cellCol[text] = -1
				continue
			}
			cellCol[text] = c
		}
	}
	texts := blockTexts(doc, bi)
	// the decimal marks of the High column at one x
	marks := map[float64]bool{}
	f := testBook(t).Face(FontKey{"sans", Regular})
	for _, page := range texts {
		for _, tx := range page {
			c, ok := cellCol[tx.Text]
			if !ok || c < 0 || tx.Role == RoleCaption || tx.Role == RoleCredit {
				continue // a word of a wrapped cell
			}
			lo[c] = min(lo[c], tx.X)
			hi[c] = max(hi[c], tx.X+tx.Width)
			if c == 1 && tx.Role == RoleTable {
				pre, _, _ := strings.Cut(tx.Text, ".")
				marks[math.Round((tx.X+measure(f, pre, tx.Size))*100)/100] = true
			}
		}
	}
	for c := 0; c+1 < ncol; c++ {
		if !(hi[c] < lo[c+1]) {
			t.Errorf("column %d [%.1f, %.1f] runs into column %d [%.1f, %.1f]", c, lo[c], hi[c], c+1, lo[c+1], hi[c+1])
		}
	}
	if len(marks) != 1 {
		t.Errorf("decimal marks of the High column at %v, want one x", marks)
	}
}

// TestTableWide: the 12-column table on A4 in two columns is set across
// the page, smaller than the body tables, inside the type area, every
// cell printed.
func TestTableWide(t *testing.T) {
	a, spec, doc := layoutFixture(t, "table-article.json", "A4", 2)
	bi := tableBlock(t, a, "Regional freight by month, tonnes")
	content := spec.Content()
	var got []string
	left, right := math.Inf(1), math.Inf(-1)
	for _, page := range blockTexts(doc, bi) {
		for _, tx := range page {
			if tx.Role != RoleTable && tx.Role != RoleTableHead {
				continue
			}
			got = append(got, tx.Text)
			left, right = min(left, tx.X), max(right, tx.X+tx.Width)
			if !content.Contains(tx.Box(), 0.01) {
				t.Errorf("%q at %v outside the type area", tx.Text, tx.Box())
			}
			if tx.Size >= spec.Caption.Size || tx.Size < tableMinSize-eps {
				t.Errorf("%q set at %.2f pt, want smaller than %.2f and at least %.2f", tx.Text, tx.Size, spec.Caption.Size, tableMinSize)
			}
		}
	}
	if right-left < spec.ColumnWidth()*1.5 {
		t.Errorf("table %.0f pt wide, want across the page (column %.0f)", right-left, spec.ColumnWidth())
	}
	var want []string
	for _, r := range article.TableTexts(a.Body[bi].Table) {
		want = append(want, article.PlainText(r))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cells\n got %v\nwant %v", got, want)
	}
}

// TestTableSpans: a colspan cell spans its columns, a rowspan cell's rows
// stay together and the hairline between them stops at it.
func TestTableSpans(t *testing.T) {
	a, _, doc := layoutFixture(t, "table-html-article.json", "A4", 2)
	bi := -1
	for i, b := range a.Body {
		if b.Type == article.TableBlock {
			bi = i
		}
	}
	if bi < 0 || a.Body[bi].Table.Caption != "Berths and their depths" {
		t.Fatalf("no table with the figure's caption: %+v", a.Body)
	}
	at := map[string]Text{}
	for _, page := range blockTexts(doc, bi) {
		for _, tx := range page {
			if _, seen := at[tx.Text]; !seen {
				at[tx.Text] = tx
			}
		}
	}
	fish, depth, opens := at["Fish market quay"], at["Depth m"], at["Opens"]
	if fish.Text == "" || depth.Text == "" {
		t.Fatalf("cells missing: %v", at)
	}
	if fish.X+fish.Width <= depth.X {
		t.Errorf("the colspan cell ends at %.1f, before the second column at %.1f", fish.X+fish.Width, depth.X)
	}
	if fish.X+fish.Width >= opens.X {
		t.Errorf("the colspan cell runs into the third column")
	}
	// "Friday, …" spans Berth 2 and Berth 3: its lines reach into row 3
	b2, b3 := at["Berth 2"], at["Berth 3"]
	if !(b2.Y < b3.Y) {
		t.Errorf("rows out of order")
	}
}

// TestTableRowTallerThanPage: a table laid out as a page (a cell of a
// thousand words) is set as paragraphs, all inside the columns, with a
// warning, rather than run off the page.
func TestTableRowTallerThanPage(t *testing.T) {
	long := strings.Repeat("The quay was rebuilt in six weeks after the storm. ", 200)
	a := &article.Article{Headline: "Layout table", Dir: "ltr", Body: []article.Block{{Type: article.TableBlock, Table: &article.Table{
		Rows: [][]article.Cell{{{Runs: []article.Run{{Text: "Menu"}}, ColSpan: 1, RowSpan: 1}, {Runs: []article.Run{{Text: long}}, ColSpan: 1, RowSpan: 1}}},
	}}}}
	for _, cols := range []int{1, 2, 3} {
		spec := DefaultSpec(mustPaper(t, "A4"), cols)
		doc, err := Layout(&Input{Article: a, Spec: spec, Fonts: testBook(t)})
		if err != nil {
			t.Fatal(err)
		}
		check(t, "layout table", a, spec, doc)
		if !strings.Contains(strings.Join(doc.Warnings, "\n"), "body[0]: a table row taller than a page") {
			t.Errorf("%d col: warnings %v", cols, doc.Warnings)
		}
	}
}
