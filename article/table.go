package article

import "strings"

// Table limits: a table has at most MaxTableColumns columns (colspans
// counted) and a cell spans at most MaxRowSpan rows.
const (
	MaxTableColumns = 64
	MaxRowSpan      = 1000
)

// Align is a column's or a cell's horizontal alignment.
type Align string

const (
	AlignAuto    Align = ""        // from the content: numbers right, text left
	AlignLeft    Align = "left"    // flush left
	AlignCenter  Align = "center"  // centred
	AlignRight   Align = "right"   // flush right
	AlignDecimal Align = "decimal" // numbers lined up on the decimal point
)

// parseAlign reads an alignment name; ok is false for an unknown one.
func parseAlign(s string) (Align, bool) {
	switch a := Align(strings.ToLower(strings.TrimSpace(s))); a {
	case AlignAuto, AlignLeft, AlignCenter, AlignRight, AlignDecimal:
		return a, true
	case "centre", "middle":
		return AlignCenter, true
	case "start", "justify":
		return AlignLeft, true
	case "end", "char":
		if a == "char" {
			return AlignDecimal, true
		}
		return AlignRight, true
	}
	return AlignAuto, false
}

// Table is a table block: header rows printed at its head (and again at
// the head of every column or page it continues to), body rows, a caption
// above it and a credit (its source) below.
type Table struct {
	Caption string
	Credit  string
	Align   []Align // per column from the first; missing entries are AlignAuto
	Head    [][]Cell
	Rows    [][]Cell
}

// Cell is one table cell: inline text, how many columns and rows it
// spans (at least 1 each), its own alignment (AlignAuto: the column's) and
// whether it is a header cell within a body row (a row's label).
type Cell struct {
	Runs    []Run
	ColSpan int
	RowSpan int
	Align   Align
	Header  bool
}

// Columns is the number of grid columns the table's rows take, spans
// counted (cells carried down by a rowspan included).
func (t *Table) Columns() int {
	n := 0
	for _, part := range [][][]Cell{t.Head, t.Rows} {
		var carry []int // rows each column is still taken by from above
		for _, row := range part {
			col := 0
			next := func() {
				for col < len(carry) && carry[col] > 0 {
					col++
				}
			}
			for _, c := range row {
				next()
				span := max(c.ColSpan, 1)
				for k := 0; k < span; k++ {
					for col+k >= len(carry) {
						carry = append(carry, 0)
					}
					carry[col+k] = max(c.RowSpan, 1)
				}
				col += span
			}
			n = max(n, len(carry))
			for i := range carry {
				if carry[i] > 0 {
					carry[i]--
				}
			}
		}
	}
	return n
}

// TableTexts returns the runs of a table's cells in reading order: the
// header rows, then the body rows, each from the first cell.
func TableTexts(t *Table) [][]Run {
	var out [][]Run
	for _, part := range [][][]Cell{t.Head, t.Rows} {
		for _, row := range part {
			for _, c := range row {
				if len(c.Runs) > 0 {
					out = append(out, c.Runs)
				}
			}
		}
	}
	return out
}

var tableFields = []string{"type", "caption", "credit", "align", "head", "rows"}

// table converts a table block.
func (c *checker) table(n *node, path string) (Block, bool) {
	c.object(n, path, tableFields...)
	t := &Table{}
	t.Caption = c.text(n.get("caption"), member(path, "caption"))
	t.Credit = c.text(n.get("credit"), member(path, "credit"))
	if an := n.get("align"); !an.absent() {
		ap := member(path, "align")
		if an.kind != jsonArray {
			c.add(ap, "must be an array of left, center, right, decimal or null")
		} else {
			if len(an.vals) > MaxTableColumns {
				c.add(ap, "more than %d columns", MaxTableColumns)
			}
			for i, e := range an.vals {
				if i >= MaxTableColumns {
					break
				}
				t.Align = append(t.Align, c.align(e, index(ap, i)))
			}
		}
	}
	before := len(c.problems)
	if hn := n.get("head"); !hn.absent() {
		t.Head = c.tableRows(hn, member(path, "head"))
	}
	rn := n.get("rows")
	if rn.absent() {
		c.add(member(path, "rows"), "required")
		return Block{}, false
	}
	t.Rows = c.tableRows(rn, member(path, "rows"))
	if len(c.problems) > before {
		return Block{}, false
	}
	if len(t.Rows) == 0 {
		c.add(member(path, "rows"), "at least one row required")
		return Block{}, false
	}
	if cols := t.Columns(); cols > MaxTableColumns {
		c.add(member(path, "rows"), "more than %d columns", MaxTableColumns)
		return Block{}, false
	}
	return Block{Type: TableBlock, Table: t}, true
}

// align reads one alignment; null means from the content.
func (c *checker) align(n *node, path string) Align {
	if n.absent() {
		return AlignAuto
	}
	s, ok := c.str(n, path)
	if !ok {
		return AlignAuto
	}
	a, ok := parseAlign(s)
	if !ok {
		c.add(path, "must be left, center, right or decimal")
	}
	return a
}

// tableRows converts an array of rows, each an array of cells.
func (c *checker) tableRows(n *node, path string) [][]Cell {
	if n.kind != jsonArray {
		c.add(path, "must be an array of rows (arrays of cells)")
		return nil
	}
	var rows [][]Cell
	for i, rn := range n.vals {
		rp := index(path, i)
		if rn.kind != jsonArray {
			c.add(rp, "must be an array of cells")
			continue
		}
		if len(rn.vals) == 0 {
			c.add(rp, "at least one cell required")
			continue
		}
		if len(rn.vals) > MaxTableColumns {
			c.add(rp, "more than %d cells", MaxTableColumns)
			continue
		}
		row := make([]Cell, 0, len(rn.vals))
		for k, cn := range rn.vals {
			row = append(row, c.cell(cn, index(rp, k)))
		}
		rows = append(rows, row)
	}
	return rows
}

var cellFields = []string{"html", "colspan", "rowspan", "align", "header"}

// cell converts one cell: inline HTML, or an object with html and the
// cell's spans, alignment and header flag. An empty cell is kept: its
// place in the grid matters.
func (c *checker) cell(n *node, path string) Cell {
	cell := Cell{ColSpan: 1, RowSpan: 1}
	switch {
	case n.absent():
		return cell
	case n.kind == jsonString || n.kind == jsonRuns:
		cell.Runs = c.cellInline(n, path)
		return cell
	case n.kind != jsonObject:
		c.add(path, "must be inline HTML or an object with html")
		return cell
	}
	c.object(n, path, cellFields...)
	cell.Runs = c.cellInline(n.get("html"), member(path, "html"))
	if v, ok := c.integer(n.get("colspan"), member(path, "colspan"), 1, MaxTableColumns, "must be 1–64"); ok {
		cell.ColSpan = v
	}
	if v, ok := c.integer(n.get("rowspan"), member(path, "rowspan"), 1, MaxRowSpan, "must be 1–1000"); ok {
		cell.RowSpan = v
	}
	cell.Align = c.align(n.get("align"), member(path, "align"))
	cell.Header, _ = c.boolean(n.get("header"), member(path, "header"))
	return cell
}

// cellInline converts a cell's inline content; absent is an empty cell.
func (c *checker) cellInline(n *node, path string) []Run {
	if n.absent() {
		return nil
	}
	return c.inline(n, path)
}

// DocTable is a table block's members in a Doc.
type DocTable struct {
	Caption string      `json:"caption,omitempty"`
	Credit  string      `json:"credit,omitempty"`
	Align   []Align     `json:"align,omitempty"`
	Head    [][]DocCell `json:"head,omitempty"`
	Rows    [][]DocCell `json:"rows"`
}

// DocCell is a table cell: inline HTML (or Runs), spans, alignment and
// the header flag. Zero spans mean 1.
type DocCell struct {
	HTML    string
	Runs    []Run
	ColSpan int
	RowSpan int
	Align   Align
	Header  bool
}

// MarshalJSON writes a plain cell as its HTML string, any other as an
// object.
func (cl DocCell) MarshalJSON() ([]byte, error) {
	h := cl.HTML
	if cl.Runs != nil {
		h = RunsHTML(cl.Runs)
	}
	if cl.ColSpan <= 1 && cl.RowSpan <= 1 && cl.Align == AlignAuto && !cl.Header {
		return marshal(h)
	}
	return marshal(struct {
		HTML    string `json:"html"`
		ColSpan int    `json:"colspan,omitempty"`
		RowSpan int    `json:"rowspan,omitempty"`
		Align   Align  `json:"align,omitempty"`
		Header  bool   `json:"header,omitempty"`
	}{h, max(cl.ColSpan, 0), max(cl.RowSpan, 0), cl.Align, cl.Header})
}

func (t *DocTable) members(o docObj) {
	o.set("caption", strNode(t.Caption))
	o.set("credit", strNode(t.Credit))
	if t.Align != nil {
		arr := &node{kind: jsonArray}
		for _, a := range t.Align {
			if a == AlignAuto {
				arr.vals = append(arr.vals, &node{kind: jsonNull})
			} else {
				arr.vals = append(arr.vals, rawStr(string(a)))
			}
		}
		o.set("align", arr)
	}
	if t.Head != nil {
		o.set("head", docRowsTree(t.Head))
	}
	o.set("rows", docRowsTree(t.Rows))
}

func docRowsTree(rows [][]DocCell) *node {
	arr := &node{kind: jsonArray}
	for _, r := range rows {
		rn := &node{kind: jsonArray}
		for _, cl := range r {
			in := inlineNode(cl.HTML, cl.Runs, true)
			if cl.ColSpan <= 1 && cl.RowSpan <= 1 && cl.Align == AlignAuto && !cl.Header {
				rn.vals = append(rn.vals, in)
				continue
			}
			co := newDocObj()
			co.set("html", in)
			co.set("colspan", intNode(cl.ColSpan))
			co.set("rowspan", intNode(cl.RowSpan))
			o := string(cl.Align)
			co.set("align", strNode(o))
			co.set("header", boolNode(cl.Header))
			rn.vals = append(rn.vals, co.n)
		}
		arr.vals = append(arr.vals, rn)
	}
	return arr
}
