package article

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tableBuild collects one HTML table: its rows by section, the row being
// read and the caption.
type tableBuild struct {
	head, body, foot [][]Cell
	row              []Cell
	part             atom.Atom // atom.Thead, atom.Tbody or atom.Tfoot
	caption          runBuilder
	stray            runBuilder // text outside the cells
}

// endRow files the row being read under its section.
func (t *tableBuild) endRow() {
	if len(t.row) == 0 {
		return
	}
	switch t.part {
	case atom.Thead:
		t.head = append(t.head, t.row)
	case atom.Tfoot:
		t.foot = append(t.foot, t.row)
	default:
		t.body = append(t.body, t.row)
	}
	t.row = nil
}

// isTableTag reports the elements a table's structure is made of.
func isTableTag(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th,
		atom.Colgroup, atom.Col:
		return true
	}
	return false
}

// tableScope finds the table being read and the cell open in it; flat is
// true inside a table nested in a cell (its rows and cells are only lines
// of the outer cell).
func (p *bodyParser) tableScope() (tbl, cell *frame, flat bool) {
	for i := len(p.frames) - 1; i >= 0; i-- {
		f := p.frames[i]
		switch {
		case f.kind == framePlain && f.name == "table":
			flat = true
		case f.kind == frameCell:
			if cell == nil {
				cell = f
			}
		case f.kind == frameTable:
			return f, cell, flat
		}
	}
	return nil, nil, false
}

// tableStart handles the start tag of a table element; it reports whether
// it did (false: the element is treated as elsewhere in the body).
func (p *bodyParser) tableStart(z *html.Tokenizer, name string, a atom.Atom, hasAttr bool) bool {
	tbl, cell, flat := p.tableScope()
	if a == atom.Table {
		switch c := p.ctx(); {
		case c == nil:
			p.flush()
			if f := p.push(name, frameTable, closeNothing); f != nil {
				f.table = &tableBuild{part: atom.Tbody}
				f.sink = &f.table.stray
				return true
			}
			p.warn("flattened <table>")
			return true
		case cell != nil || (c.kind == frameTable && c == tbl):
			p.warn("flattened <table> nested in a table")
		default:
			p.warn("flattened <table>")
		}
		p.boundary()
		p.push(name, framePlain, closeBoundary)
		return true
	}
	if tbl == nil || flat || p.ctx() != tbl && p.ctx() != cell {
		return false // a table part outside a table read as one
	}
	t := tbl.table
	switch a {
	case atom.Caption:
		p.closeCell(tbl)
		if f := p.push(name, frameTableCaption, closeNothing); f != nil {
			f.sink = &t.caption
			f.ctx = f
		}
	case atom.Thead, atom.Tbody, atom.Tfoot:
		p.closeCell(tbl)
		t.endRow()
		t.part = a
	case atom.Tr:
		p.closeCell(tbl)
		t.endRow()
	case atom.Td, atom.Th:
		p.closeCell(tbl)
		f := p.push(name, frameCell, closeNothing)
		if f == nil {
			return true
		}
		f.ctx, f.sink = f, &f.runs
		f.cell = cellAttrs(z, hasAttr)
		f.cell.Header = a == atom.Th
		f.table = t
	case atom.Colgroup, atom.Col:
	}
	return true
}

// tableEnd handles the end tag of a table element; false when it is not
// one of the table being read.
func (p *bodyParser) tableEnd(name string, a atom.Atom) bool {
	tbl, cell, flat := p.tableScope()
	if tbl == nil || flat {
		return false
	}
	if a != atom.Table && p.ctx() != tbl && p.ctx() != cell && (p.ctx() == nil || p.ctx().kind != frameTableCaption) {
		return false
	}
	t := tbl.table
	switch a {
	case atom.Table:
		p.close(name)
	case atom.Caption:
		p.close(name)
	case atom.Td, atom.Th:
		p.closeCell(tbl)
	case atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot:
		p.closeCell(tbl)
		t.endRow()
		if a != atom.Tr {
			t.part = atom.Tbody
		}
	}
	return true
}

// closeCell closes the cell open in tbl, if any, with what is open in it.
func (p *bodyParser) closeCell(tbl *frame) {
	for i := len(p.frames) - 1; i >= 0 && p.frames[i] != tbl; i-- {
		if k := p.frames[i].kind; k == frameCell || k == frameTableCaption {
			for len(p.frames) > i {
				p.pop()
			}
			return
		}
	}
}

// cellAttrs reads a cell's colspan, rowspan and alignment (the align
// attribute or a text-align style).
func cellAttrs(z *html.Tokenizer, hasAttr bool) Cell {
	c := Cell{ColSpan: 1, RowSpan: 1}
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		switch string(key) {
		case "colspan":
			if n, err := strconv.Atoi(strings.TrimSpace(string(val))); err == nil && n > 1 {
				c.ColSpan = min(n, MaxTableColumns)
			}
		case "rowspan":
			n, err := strconv.Atoi(strings.TrimSpace(string(val)))
			switch {
			case err != nil:
			case n == 0: // to the end of the section
				c.RowSpan = MaxRowSpan
			case n > 1:
				c.RowSpan = min(n, MaxRowSpan)
			}
		case "align":
			if a, ok := parseAlign(string(val)); ok {
				c.Align = a
			}
		case "style":
			if a, ok := styleAlign(string(val)); ok {
				c.Align = a
			}
		}
	}
	return c
}

// styleAlign reads text-align from an inline style.
func styleAlign(style string) (Align, bool) {
	for _, decl := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "text-align") {
			return parseAlign(v)
		}
	}
	return AlignAuto, false
}

// endCell files a closed cell frame's cell in its table's row.
func (f *frame) endCell() {
	c := f.cell
	c.Runs = f.runs.runs()
	f.table.row = append(f.table.row, c)
}

// endTable turns a closed table frame into blocks: a table block, or for a
// table of one column (a layout table, a box) its cells as paragraphs.
func (p *bodyParser) endTable(f *frame) {
	t := f.table
	t.endRow()
	head, rows := t.head, append(t.body, t.foot...)
	if len(head) == 0 {
		// no <thead>: leading rows of <th> only are the header
		k := 0
		for k < len(rows)-1 && allHeader(rows[k]) {
			k++
		}
		if k > 0 {
			head, rows = rows[:k], rows[k:]
		}
	}
	if len(rows) == 0 {
		rows, head = head, nil
	}
	tb := &Table{Caption: CleanText(PlainText(t.caption.runs())), Head: head, Rows: rows}
	defer func() {
		if runs := t.stray.runs(); len(runs) > 0 {
			p.emit(Block{Type: Paragraph, Runs: runs})
		}
	}()
	if len(TableTexts(tb)) == 0 {
		if tb.Caption != "" {
			p.emit(Block{Type: Paragraph, Runs: []Run{{Text: tb.Caption}}})
		}
		return
	}
	cols := tb.Columns()
	if cols <= 1 || cols > MaxTableColumns {
		if cols > 1 {
			p.warn("flattened <table> wider than " + strconv.Itoa(MaxTableColumns) + " columns")
		}
		if tb.Caption != "" {
			p.emit(Block{Type: Paragraph, Runs: []Run{{Text: tb.Caption}}})
		}
		for _, part := range [][][]Cell{head, rows} {
			for _, row := range part {
				var runs []Run
				for _, c := range row {
					if len(c.Runs) == 0 {
						continue
					}
					if len(runs) > 0 {
						runs = append(runs, Run{Break: true})
					}
					runs = append(runs, c.Runs...)
				}
				if len(runs) > 0 {
					p.emit(Block{Type: Paragraph, Runs: runs})
				}
			}
		}
		return
	}
	p.emit(Block{Type: TableBlock, Table: tb})
}

// allHeader reports whether every cell of a row is a header cell.
func allHeader(row []Cell) bool {
	for _, c := range row {
		if !c.Header {
			return false
		}
	}
	return len(row) > 0
}
