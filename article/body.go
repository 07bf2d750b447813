package article

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFrames bounds how many structural elements are tracked at once;
// deeper nesting is flattened into its enclosing block.
const maxFrames = 256

// ParseBodyHTML converts a body given as one HTML string into blocks:
// p h1–h6 blockquote ul ol li figure img figcaption pre hr table map onto
// paragraphs, headings (h1 becomes level 2, h5 and h6 level 4), quotes
// (a <cite> or <footer> inside gives the attribution), lists (a list inside
// an item nests in it, down to MaxListDepth levels; deeper ones are
// flattened into their enclosing list, with a warning), images (with the figure's caption), preformatted text,
// dividers and tables (thead/tbody/tfoot, th/td with colspan, rowspan and
// align, the caption or the figure's caption; leading rows of th only make
// the header when there is no thead; a table of one column is its cells as
// paragraphs, a table nested in a cell or in another block is flattened
// into lines, with a warning). Loose text and inline elements form paragraphs; containers
// such as div and section are descended into; scripts, styles, iframes,
// forms, objects and similar embedded content are dropped, each kind named
// once in the warnings. Empty paragraphs are dropped.
//
// As in ParseInline, a formatting element left open is an error; the blocks
// are still returned. More than DefaultMaxBlocks blocks is an error too.
func ParseBodyHTML(s string) ([]Block, []string, error) {
	return parseBodyHTML(s, DefaultMaxBlocks)
}

// tooManyBlocksError reports body HTML that yields more blocks than allowed.
type tooManyBlocksError struct{ max int }

func (e *tooManyBlocksError) Error() string { return fmt.Sprintf("more than %d blocks", e.max) }

func parseBodyHTML(s string, maxBlocks int) ([]Block, []string, error) {
	p := &bodyParser{maxBlocks: maxBlocks}
	z := html.NewTokenizer(strings.NewReader(s))
	for !p.full() {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, p.warnings, fmt.Errorf("body HTML: %w", err)
			}
			for len(p.frames) > 0 {
				p.pop()
			}
			p.flush()
			if p.full() {
				return p.blocks[:maxBlocks], p.warnings, &tooManyBlocksError{maxBlocks}
			}
			return p.blocks, p.warnings, p.format.unclosed()
		case html.TextToken:
			if !p.skip.active() {
				p.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if p.skip.active() {
				p.skip.startTag(string(name), tt == html.SelfClosingTagToken)
				continue
			}
			p.startTag(z, string(name), hasAttr, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			if p.skip.active() {
				p.skip.endTag(string(name))
				continue
			}
			p.endTag(string(name))
		}
	}
	return p.blocks[:maxBlocks], p.warnings, &tooManyBlocksError{maxBlocks}
}

type frameKind uint8

const (
	framePlain        frameKind = iota // only matches its end tag
	frameHeading                       // collects a heading
	frameQuote                         // collects a quote
	frameCite                          // collects the quote's attribution
	frameList                          // collects list items
	frameFigure                        // groups images with a caption
	frameCaption                       // collects the figure's caption
	framePre                           // collects preformatted text
	frameTable                         // collects a table's rows
	frameCell                          // collects a table cell
	frameTableCaption                  // collects a table's caption
)

// closeAction is what the end of a plain frame does to its surroundings.
type closeAction uint8

const (
	closeNothing closeAction = iota
	closeBoundary
	closeItem
)

// frame is an open element that matters to the block structure.
type frame struct {
	name    string // end tag that closes it; "h" for any heading
	kind    frameKind
	onClose closeAction
	ctx     *frame      // innermost collecting frame; nil in the open flow
	fig     *frame      // innermost figure whose images are being gathered
	sink    *runBuilder // where inline content goes (collecting frames)

	level   int        // heading
	runs    runBuilder // heading, quote, list's current item
	cite    runBuilder // quote
	ordered bool       // list
	items   []Item     // list
	sub     *SubList   // list: the list nested in the current item
	depth   int        // list: 1 for a list block, 2 for one nested in it…
	outer   *frame     // list: the list this one is nested in
	first   int        // figure: index of its first block
	images  []int      // figure: indexes of its image blocks
	caption runBuilder // figure
	pre     strings.Builder
	table   *tableBuild // table; for a cell, the table it is in
	cell    Cell        // cell: spans, alignment, header
}

type bodyParser struct {
	maxBlocks int
	blocks    []Block
	warnings  []string
	flow      runBuilder // loose inline content at the top level
	format    formatState
	skip      skipper
	frames    []*frame
	overflow  map[string]int // elements not tracked beyond maxFrames
}

func (p *bodyParser) full() bool { return len(p.blocks) > p.maxBlocks }

func (p *bodyParser) emit(b Block) { p.blocks = append(p.blocks, b) }

func (p *bodyParser) warn(msg string) {
	for _, w := range p.warnings {
		if w == msg {
			return
		}
	}
	p.warnings = append(p.warnings, msg)
}

func (p *bodyParser) top() *frame {
	if len(p.frames) == 0 {
		return nil
	}
	return p.frames[len(p.frames)-1]
}

// ctx is the innermost collecting frame, nil in the open flow.
func (p *bodyParser) ctx() *frame {
	if t := p.top(); t != nil {
		return t.ctx
	}
	return nil
}

func (p *bodyParser) figure() *frame {
	if t := p.top(); t != nil {
		return t.fig
	}
	return nil
}

// sink is where inline content goes now.
func (p *bodyParser) sink() *runBuilder {
	if c := p.ctx(); c != nil {
		return c.sink
	}
	return &p.flow
}

// flush ends the loose paragraph being collected in the open flow.
func (p *bodyParser) flush() {
	if runs := p.flow.runs(); len(runs) > 0 {
		p.emit(Block{Type: Paragraph, Runs: runs})
	}
	p.flow.reset()
}

// boundary marks the edge of a block element: in the open flow it ends the
// paragraph, inside a collecting element it separates lines.
func (p *bodyParser) boundary() {
	switch c := p.ctx(); {
	case c == nil:
		p.flush()
	case c.kind != framePre:
		c.sink.boundary()
	}
}

// item ends the list item being collected.
func (p *bodyParser) item() {
	c := p.ctx()
	if c == nil || c.kind != frameList {
		p.boundary()
		return
	}
	c.endItem()
}

// endItem ends a list frame's current item: its text and nested list.
func (f *frame) endItem() {
	if runs := f.runs.runs(); len(runs) > 0 || f.sub != nil {
		f.items = append(f.items, Item{Runs: runs, Sub: f.sub})
	}
	f.runs.reset()
	f.sub = nil
}

// push opens a frame, or returns nil when nesting is too deep, in which
// case the element is flattened into its surroundings.
func (p *bodyParser) push(name string, kind frameKind, onClose closeAction) *frame {
	if len(p.frames) >= maxFrames {
		if p.overflow == nil {
			p.overflow = make(map[string]int)
		}
		p.overflow[name]++
		return nil
	}
	f := &frame{name: name, kind: kind, onClose: onClose}
	if t := p.top(); t != nil {
		f.ctx, f.fig = t.ctx, t.fig
	}
	switch kind {
	case frameHeading, frameQuote, frameList:
		f.ctx, f.fig, f.sink = f, nil, &f.runs
	case frameCite:
		f.sink = &f.ctx.cite
		f.ctx = f
	case frameCaption:
		f.sink = &f.fig.caption
		f.ctx = f
	case framePre, frameTable, frameCell, frameTableCaption:
		f.ctx, f.fig = f, nil
	case frameFigure:
		f.fig, f.first = f, len(p.blocks)
	case framePlain:
		if f.ctx != nil {
			f.fig = nil
		}
	}
	p.frames = append(p.frames, f)
	return f
}

// nest opens the frame for an element that starts a block of its own in
// the open flow; elsewhere the element is only a boundary.
func (p *bodyParser) nest(name string, kind frameKind) *frame {
	if p.ctx() == nil {
		p.flush()
		return p.push(name, kind, closeNothing) // nil: too deep, flattened
	}
	p.boundary()
	p.push(name, framePlain, closeBoundary)
	return nil
}

// close handles the end tag of a framed element; it reports whether a
// frame (or an untracked deep element) was closed.
func (p *bodyParser) close(name string) bool {
	if p.overflow[name] > 0 {
		p.overflow[name]--
		p.boundary()
		return true
	}
	for i := len(p.frames) - 1; i >= 0; i-- {
		if p.frames[i].name == name {
			for len(p.frames) > i {
				p.pop()
			}
			return true
		}
	}
	return false
}

// pop closes the innermost frame and emits what it collected.
func (p *bodyParser) pop() {
	f := p.top()
	p.frames = p.frames[:len(p.frames)-1]
	switch f.kind {
	case framePlain:
		switch f.onClose {
		case closeBoundary:
			p.boundary()
		case closeItem:
			p.item()
		}
	case frameHeading:
		if text := CleanText(PlainText(f.runs.runs())); text != "" {
			p.emit(Block{Type: Heading, Level: f.level, Text: text})
		}
	case frameQuote:
		if runs := f.runs.runs(); len(runs) > 0 {
			cite := CleanText(PlainText(f.cite.runs()))
			p.emit(Block{Type: Quote, Runs: runs, Cite: cite})
		}
	case frameList:
		f.endItem()
		switch {
		case len(f.items) == 0:
		case f.outer != nil:
			// a nested list belongs to the outer list's current item; a
			// second one in the same item starts an item of its own
			if f.outer.sub != nil {
				f.outer.endItem()
			}
			f.outer.sub = &SubList{Ordered: f.ordered, Items: f.items}
		default:
			p.emit(Block{Type: List, Ordered: f.ordered, Items: f.items})
		}
	case frameFigure:
		p.flush()
		p.endFigure(f)
	case frameTable:
		p.endTable(f)
	case frameCell:
		f.endCell()
	case framePre:
		text := f.pre.String()
		if strings.HasPrefix(text, "\r\n") {
			text = text[2:]
		} else if strings.HasPrefix(text, "\n") {
			text = text[1:]
		}
		if text = preText(text); strings.TrimSpace(text) != "" {
			p.emit(Block{Type: Preformatted, Text: text})
		}
	}
}

// endFigure gives the figure's caption to its last image; without an
// image it becomes the attribution of a quote in the figure (the pull
// quote pattern) or else a paragraph of its own.
func (p *bodyParser) endFigure(f *frame) {
	runs := f.caption.runs()
	caption := CleanText(PlainText(runs))
	switch {
	case caption == "":
	case len(f.images) > 0:
		if img := p.blocks[f.images[len(f.images)-1]].Image; img.Caption == "" {
			img.Caption = caption
		}
	case len(p.blocks) > f.first && p.blocks[len(p.blocks)-1].Type == Quote &&
		p.blocks[len(p.blocks)-1].Cite == "":
		p.blocks[len(p.blocks)-1].Cite = caption
	case len(p.blocks) > f.first && p.blocks[len(p.blocks)-1].Type == TableBlock &&
		p.blocks[len(p.blocks)-1].Table.Caption == "":
		p.blocks[len(p.blocks)-1].Table.Caption = caption
	default:
		p.emit(Block{Type: Paragraph, Runs: runs})
	}
}

func (p *bodyParser) text(s string) {
	if c := p.ctx(); c != nil && c.kind == framePre {
		c.pre.WriteString(s)
		return
	}
	p.sink().text(s, p.format.style(), p.format.link())
}

func (p *bodyParser) startTag(z *html.Tokenizer, name string, hasAttr, selfClosing bool) {
	a := atom.Lookup([]byte(name))
	class := classify(a)
	if c := p.ctx(); c != nil && c.kind == framePre {
		switch class {
		case tagFormat, tagDrop, tagVoidDrop:
		case tagBreak:
			c.pre.WriteByte('\n')
			return
		case tagPre:
			p.push(name, framePlain, closeNothing)
			return
		default:
			return
		}
	}
	if isTableTag(a) && p.tableStart(z, name, a, hasAttr) {
		return
	}
	switch class {
	case tagFormat:
		if !selfClosing {
			p.format.start(a, hrefOf(z, a, hasAttr))
		}
	case tagBreak:
		p.sink().lineBreak()
	case tagDrop:
		p.warn("dropped <" + name + ">")
		if !selfClosing || rawText(a) {
			p.skip.begin(name)
		}
	case tagVoidDrop:
		p.warn("dropped <" + name + ">")
	case tagBoundary:
		p.boundary()
	case tagHeading:
		if f := p.nest("h", frameHeading); f != nil {
			f.level = headingLevel(a)
		}
	case tagQuote:
		p.nest(name, frameQuote)
	case tagCite:
		switch c := p.ctx(); {
		case c != nil && c.kind == frameQuote:
			if p.push(name, frameCite, closeNothing) == nil {
				p.boundary()
			}
		case a == atom.Footer:
			p.boundary()
		}
	case tagList:
		c := p.ctx()
		switch {
		case c != nil && c.kind == frameList && c.depth < MaxListDepth:
			if f := p.push(name, frameList, closeNothing); f != nil {
				f.ordered, f.depth, f.outer = a == atom.Ol, c.depth+1, c
			} else {
				p.boundary()
			}
		case c != nil && c.kind == frameList:
			p.warn(fmt.Sprintf("lists nested deeper than %d levels flattened", MaxListDepth))
			p.item()
			p.push(name, framePlain, closeItem)
		default:
			if f := p.nest(name, frameList); f != nil {
				f.ordered, f.depth = a == atom.Ol, 1
			}
		}
	case tagItem:
		p.item()
	case tagFigure:
		p.nest(name, frameFigure)
	case tagCaption:
		if p.ctx() == nil && p.figure() != nil {
			p.push(name, frameCaption, closeNothing)
			return
		}
		p.boundary()
		p.push(name, framePlain, closeBoundary)
	case tagPre:
		p.nest(name, framePre)
	case tagRule:
		if p.ctx() == nil {
			p.flush()
			p.emit(Block{Type: Divider})
		} else {
			p.boundary()
		}
	case tagImage:
		p.image(z, hasAttr)
	}
}

func (p *bodyParser) endTag(name string) {
	a := atom.Lookup([]byte(name))
	class := classify(a)
	if c := p.ctx(); c != nil && c.kind == framePre {
		switch class {
		case tagFormat:
			p.format.end(a)
		case tagBreak:
			c.pre.WriteByte('\n')
		case tagPre:
			p.close(name)
		}
		return
	}
	if isTableTag(a) && p.tableEnd(name, a) {
		return
	}
	switch class {
	case tagFormat:
		p.format.end(a)
	case tagBreak:
		p.sink().lineBreak()
	case tagBoundary:
		p.boundary()
	case tagTable:
		if !p.close(name) {
			p.boundary()
		}
	case tagHeading:
		if !p.close("h") {
			p.boundary()
		}
	case tagQuote, tagList, tagFigure, tagCaption, tagPre:
		if !p.close(name) {
			p.boundary()
		}
	case tagCite:
		if !p.close(name) && a == atom.Footer {
			p.boundary()
		}
	case tagItem:
		p.item()
	}
}

// image emits an image block for an img element with a usable src.
func (p *bodyParser) image(z *html.Tokenizer, hasAttr bool) {
	img := &Image{}
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		switch string(key) {
		case "src":
			img.Src = strings.TrimSpace(string(val))
		case "alt":
			img.Alt = CleanText(string(val))
		case "width":
			img.Width = sizeAttr(string(val))
		case "height":
			img.Height = sizeAttr(string(val))
		}
	}
	if img.Src == "" {
		p.warn("dropped <img> without src")
		return
	}
	if checkSrc(img.Src) != "" {
		p.warn("dropped <img> with unsupported src")
		return
	}
	if p.ctx() == nil {
		p.flush()
	}
	if f := p.figure(); f != nil {
		f.images = append(f.images, len(p.blocks))
	}
	p.emit(Block{Type: ImageBlock, Image: img})
}

// sizeAttr reads a width or height attribute; anything but a plausible
// pixel count gives 0 (unknown).
func sizeAttr(s string) int {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	if err != nil || n < 0 || n > MaxImageSide {
		return 0
	}
	return n
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H3:
		return 3
	case atom.H4, atom.H5, atom.H6:
		return 4
	}
	return 2
}
