package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// piece is one raw item of inline content before whitespace is collapsed:
// text in a style, a forced break (<br>), or a soft break (the edge of a
// block element inside inline content), which turns into a line break only
// between two pieces of text and never doubles up.
type piece struct {
	text  string
	style Style
	link  string
	kind  pieceKind
}

type pieceKind uint8

const (
	textPiece pieceKind = iota
	hardBreak
	softBreak
)

// runBuilder collects inline content and turns it into runs with HTML's
// whitespace rules.
type runBuilder struct {
	pieces []piece
}

func (b *runBuilder) text(s string, style Style, link string) {
	if s != "" {
		b.pieces = append(b.pieces, piece{text: s, style: style, link: link})
	}
}

func (b *runBuilder) lineBreak() { b.pieces = append(b.pieces, piece{kind: hardBreak}) }

func (b *runBuilder) boundary() {
	if n := len(b.pieces); n > 0 && b.pieces[n-1].kind != softBreak {
		b.pieces = append(b.pieces, piece{kind: softBreak})
	}
}

func (b *runBuilder) reset() { b.pieces = b.pieces[:0] }

// runs collapses whitespace as HTML does (runs of ASCII whitespace become
// one space, none at the start or end of a line, no-break spaces kept),
// drops stray control characters, merges neighbours of the same style and
// link, and trims breaks at both ends. The result is nil when nothing but
// whitespace (no-break spaces included) was collected.
func (b *runBuilder) runs() []Run {
	var (
		out     []Run
		cur     []byte // text of the run being built
		curSty  Style
		curLink string
		open    bool // cur belongs to a run not yet in out
		space   bool // the last character written is a space
		line    bool // something was written since the last break
		soft    bool // a soft break waits for the next character
		visible bool // something other than whitespace was written
	)
	flush := func() {
		if open && len(cur) > 0 {
			out = append(out, Run{Text: string(cur), Style: curSty, Link: curLink})
		}
		cur, open = cur[:0], false
	}
	trimSpace := func() {
		if !space {
			return
		}
		space = false
		if open && len(cur) > 0 {
			cur = cur[:len(cur)-1]
			return
		}
		if n := len(out); n > 0 && !out[n-1].Break {
			out[n-1].Text = out[n-1].Text[:len(out[n-1].Text)-1]
			if out[n-1].Text == "" {
				out = out[:n-1]
			}
		}
	}
	breakLine := func() {
		trimSpace()
		flush()
		if len(out) > 0 {
			out = append(out, Run{Break: true})
		}
		line, soft = false, false
	}
	write := func(p *piece, r rune) {
		if !open || p.style != curSty || p.link != curLink {
			flush()
			curSty, curLink, open = p.style, p.link, true
		}
		cur = utf8.AppendRune(cur, r)
	}
	size := 0
	for _, p := range b.pieces {
		size += len(p.text)
	}
	cur = make([]byte, 0, size)
	for i := range b.pieces {
		p := &b.pieces[i]
		switch p.kind {
		case hardBreak:
			breakLine()
			continue
		case softBreak:
			soft = soft || line
			continue
		}
		for _, r := range p.text {
			switch {
			case isHTMLSpace(r):
				if line && !space {
					write(p, ' ')
					space = true
				}
			case isStrayControl(r):
			default:
				if soft {
					breakLine()
				}
				write(p, r)
				space, line = false, true
				visible = visible || !unicode.IsSpace(r)
			}
		}
	}
	if !visible {
		return nil
	}
	trimSpace()
	flush()
	for len(out) > 0 && out[len(out)-1].Break {
		out = out[:len(out)-1]
	}
	return out
}

// PlainText returns the text of runs, with "\n" for each forced break.
func PlainText(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Break {
			b.WriteByte('\n')
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}
