package article

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func cellText(c Cell) string { return PlainText(c.Runs) }

func TestTableFromBodyHTML(t *testing.T) {
	blocks, warnings, err := ParseBodyHTML(`<p>Before</p>
<table><caption>Oslo climate</caption>
<thead><tr><th>Month</th><th>High °C</th><th>Low °C</th></tr></thead>
<tbody>
<tr><th>Jan</th><td align="right">-1.2</td><td style="color:red; text-align: center">-6.8</td></tr>
<tr><td colspan="2">Feb to <b>Mar</b></td><td rowspan="2">dry</td></tr>
<tr><td>Apr<td>9.9</tr>
</tbody><tfoot><tr><td>Year</td><td>6.1</td><td>1.9</td></tr></tfoot></table><p>After</p>`)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("err %v, warnings %v", err, warnings)
	}
	if len(blocks) != 3 || blocks[0].Type != Paragraph || blocks[1].Type != TableBlock || blocks[2].Type != Paragraph {
		t.Fatalf("blocks = %+v", blocks)
	}
	tb := blocks[1].Table
	if tb.Caption != "Oslo climate" {
		t.Errorf("caption = %q", tb.Caption)
	}
	if len(tb.Head) != 1 || len(tb.Head[0]) != 3 || cellText(tb.Head[0][1]) != "High °C" {
		t.Errorf("head = %+v", tb.Head)
	}
	if len(tb.Rows) != 4 {
		t.Fatalf("rows = %d, want 4 (tfoot after tbody)", len(tb.Rows))
	}
	r0 := tb.Rows[0]
	if !r0[0].Header || r0[1].Align != AlignRight || r0[2].Align != AlignCenter || cellText(r0[1]) != "-1.2" {
		t.Errorf("row 0 = %+v", r0)
	}
	r1 := tb.Rows[1]
	if r1[0].ColSpan != 2 || r1[1].RowSpan != 2 || cellText(r1[0]) != "Feb to Mar" || r1[0].Runs[1].Style != Bold {
		t.Errorf("row 1 = %+v", r1)
	}
	if len(tb.Rows[2]) != 2 || cellText(tb.Rows[2][1]) != "9.9" {
		t.Errorf("row 2 (unclosed cells) = %+v", tb.Rows[2])
	}
	if cellText(tb.Rows[3][0]) != "Year" {
		t.Errorf("footer row = %+v", tb.Rows[3])
	}
	if n := tb.Columns(); n != 3 {
		t.Errorf("Columns = %d, want 3", n)
	}
}

func TestTableHeaderFromLeadingTH(t *testing.T) {
	blocks, _, _ := ParseBodyHTML(`<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>`)
	if len(blocks) != 1 || blocks[0].Table == nil {
		t.Fatalf("blocks = %+v", blocks)
	}
	tb := blocks[0].Table
	if len(tb.Head) != 1 || len(tb.Rows) != 1 || cellText(tb.Rows[0][1]) != "2" {
		t.Errorf("head %+v rows %+v", tb.Head, tb.Rows)
	}
}

func TestTableNestedAndFigure(t *testing.T) {
	blocks, warnings, _ := ParseBodyHTML(`<figure><table><tr><td>1<table><tr><td>in</td><td>ner</td></tr></table></td><td>2</td></tr></table><figcaption>Source table</figcaption></figure>`)
	if len(blocks) != 1 || blocks[0].Table == nil {
		t.Fatalf("blocks = %+v", blocks)
	}
	tb := blocks[0].Table
	if tb.Caption != "Source table" {
		t.Errorf("caption = %q, want the figure's", tb.Caption)
	}
	if got := cellText(tb.Rows[0][0]); got != "1\nin\nner" || cellText(tb.Rows[0][1]) != "2" {
		t.Errorf("cells = %q, %q", got, cellText(tb.Rows[0][1]))
	}
	if !reflect.DeepEqual(warnings, []string{"flattened <table> nested in a table"}) {
		t.Errorf("warnings = %v", warnings)
	}
}

func TestTableRowspanColumns(t *testing.T) {
	tb := &Table{Rows: [][]Cell{
		{{RowSpan: 3}, {}, {}},
		{{}, {ColSpan: 2}},
		{{}, {}},
	}}
	if n := tb.Columns(); n != 4 {
		t.Errorf("Columns = %d, want 4 (the rowspan pushes row 2's cells right)", n)
	}
}

const tableArticle = `{"headline": "H", "body": [{"type": "table", "caption": "Status", "credit": "Ops",
 "align": ["left", null, "decimal"],
 "head": [["Service", "State", "Uptime %"]],
 "rows": [["api", "<b>up</b>", "99.95"], [{"html": "db", "header": true}, {"html": "down", "colspan": 2}],
  [{"html": "cache", "rowspan": 1, "align": "right"}, "", "100"]]}]}`

func TestTableFromJSON(t *testing.T) {
	a, err := Decode([]byte(tableArticle))
	if err != nil {
		t.Fatal(err)
	}
	tb := a.Body[0].Table
	if a.Body[0].Type != TableBlock || tb == nil {
		t.Fatalf("block = %+v", a.Body[0])
	}
	if tb.Caption != "Status" || tb.Credit != "Ops" || !reflect.DeepEqual(tb.Align, []Align{AlignLeft, AlignAuto, AlignDecimal}) {
		t.Errorf("table = %+v", tb)
	}
	if !tb.Rows[1][0].Header || tb.Rows[1][1].ColSpan != 2 || tb.Rows[2][0].Align != AlignRight || tb.Rows[2][1].Runs != nil {
		t.Errorf("rows = %+v", tb.Rows)
	}
	if tb.Rows[0][1].Runs[0].Style != Bold {
		t.Errorf("inline HTML in a cell not parsed: %+v", tb.Rows[0][1])
	}
}

func TestTableProblems(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"type": "table"}`, "body[0].rows: required"},
		{`{"type": "table", "rows": []}`, "body[0].rows: at least one row required"},
		{`{"type": "table", "rows": ["a"]}`, "body[0].rows[0]: must be an array of cells"},
		{`{"type": "table", "rows": [[]]}`, "body[0].rows[0]: at least one cell required"},
		{`{"type": "table", "rows": [[1]]}`, "body[0].rows[0][0]: must be inline HTML or an object with html"},
		{`{"type": "table", "rows": [[{"html": "a", "colspan": 0}]]}`, "body[0].rows[0][0].colspan: must be 1–64"},
		{`{"type": "table", "rows": [[{"html": "a", "rowspan": 2.5}]]}`, "body[0].rows[0][0].rowspan: must be a whole number"},
		{`{"type": "table", "rows": [["a"]], "align": ["middle", "sideways"]}`, "body[0].align[1]: must be left, center, right or decimal"},
		{`{"type": "table", "rows": [["<i>a"]]}`, "body[0].rows[0][0]: unclosed <i>"},
		{`{"type": "table", "head": "x", "rows": [["a"]]}`, "body[0].head: must be an array of rows (arrays of cells)"},
		{`{"type": "table", "rows": [[{"html": "a", "colspan": 40}, {"html": "b", "colspan": 40}]]}`, "body[0].rows: more than 64 columns"},
	} {
		_, err := Decode([]byte(`{"headline": "H", "body": [` + tc.body + `]}`))
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a ValidationError", tc.body, err)
			continue
		}
		if !strings.Contains(ve.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.body, ve, tc.want)
		}
	}
}

func TestTableDocMatchesJSON(t *testing.T) {
	d := &Doc{Headline: "H", Body: DocBody{Blocks: []DocBlock{{Type: TableBlock, Table: &DocTable{
		Caption: "Status", Credit: "Ops", Align: []Align{AlignLeft, AlignAuto, AlignDecimal},
		Head: [][]DocCell{{{HTML: "Service"}, {HTML: "State"}, {HTML: "Uptime %"}}},
		Rows: [][]DocCell{{{HTML: "api"}, {Runs: []Run{{Text: "up", Style: Bold}}}, {HTML: "99.95"}},
			{{HTML: "db", Header: true}, {HTML: "down", ColSpan: 2}},
			{{HTML: "cache", Align: AlignRight}, {}, {HTML: "100"}}},
	}}}}}
	fromDoc, _, err := FromDoc(d, DecodeOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	js, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, _, err := DecodeOpts(js, DecodeOptions{Strict: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	if !reflect.DeepEqual(fromDoc.Body, fromJSON.Body) {
		t.Errorf("Doc and its JSON differ:\n%+v\n%+v\n%s", fromDoc.Body[0].Table, fromJSON.Body[0].Table, js)
	}
	want, _ := Decode([]byte(tableArticle))
	if !reflect.DeepEqual(fromDoc.Body, want.Body) {
		t.Errorf("Doc differs from the JSON article:\n%+v\n%+v", fromDoc.Body[0].Table, want.Body[0].Table)
	}
}
