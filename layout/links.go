package layout

import (
	"strconv"
	"strings"

	"printd/article"
)

// Links on paper: where the reader cannot click (the archive and proof
// presets), a link's address is printed after its text, in parentheses
// (LinksPrintInline), or as a numbered note listed at the article's end
// (LinksPrintFootnote). Addresses are printed in their readable form
// (article.DisplayURL) and break only at / . - ? & (wordBreaks), never
// with an added hyphen.

// LinksPrint is how a link's address is printed.
type LinksPrint uint8

const (
	LinksPrintOff LinksPrint = iota
	LinksPrintInline
	LinksPrintFootnote
)

// withAddresses returns runs with each link's address, or its note
// number, after the link's last run. A link whose text is its address is
// left as it is. runs itself is not changed.
func (c *composer) withAddresses(runs []article.Run) []article.Run {
	var out []article.Run
	for i := 0; i < len(runs); {
		r := runs[i]
		if r.Link == "" || r.Break {
			if out != nil {
				out = append(out, r)
			}
			i++
			continue
		}
		j := i + 1
		for j < len(runs) && runs[j].Link == r.Link && !runs[j].Break {
			j++
		}
		if sameAddress(article.PlainText(runs[i:j]), r.Link) {
			if out != nil {
				out = append(out, runs[i:j]...)
			}
			i = j
			continue
		}
		if out == nil {
			out = append(make([]article.Run, 0, len(runs)+4), runs[:i]...)
		}
		out = append(out, runs[i:j]...)
		if c.spec.PrintLinks == LinksPrintFootnote {
			out = append(out, article.Run{Text: strconv.Itoa(c.noteNumber(r.Link)), Style: article.Sup, Link: r.Link})
		} else {
			out = append(out, article.Run{Text: " (" + article.DisplayURL(r.Link) + ")", Link: r.Link})
		}
		i = j
	}
	if out == nil {
		return runs
	}
	return out
}

// noteNumber is the note number of a link's address, the same for every
// link to it.
func (c *composer) noteNumber(link string) int {
	for i, l := range c.linkNotes {
		if l == link {
			return i + 1
		}
	}
	c.linkNotes = append(c.linkNotes, link)
	return len(c.linkNotes)
}

// noteLines are the numbered notes' lines, one paragraph each: the
// number raised, then the address.
func (c *composer) noteLines(st TextStyle) [][]span {
	if len(c.linkNotes) == 0 {
		return nil
	}
	out := make([][]span, len(c.linkNotes))
	for i, l := range c.linkNotes {
		out[i] = spansFromRuns([]article.Run{{Text: strconv.Itoa(i + 1), Style: article.Sup},
			{Text: " " + article.DisplayURL(l), Link: l}}, st, "mono", st.Color)
	}
	return out
}

// sameAddress reports whether a link's text already shows its address
// (whatever its scheme, "www." and final slash), so that printing it again
// would only repeat it.
func sameAddress(text, link string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:"} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
	}
	t := norm(text)
	return t == norm(link) || t == norm(article.DisplayURL(link))
}
