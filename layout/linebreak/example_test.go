package linebreak_test

import (
	"fmt"
	"strings"

	"printd/layout/linebreak"
)

// Words are boxes measured with the font, spaces are glue, and the
// paragraph ends with ParagraphEnd. Each line is then set by walking its
// items and asking the line for glue widths.
func ExampleBreak() {
	const charWidth = 5.0
	words := strings.Fields("the quick brown fox jumps over the lazy dog and runs far away")
	var items []linebreak.Item
	for i, w := range words {
		if i > 0 {
			items = append(items, linebreak.GlueItem(3.33, 1.67, 1.11))
		}
		items = append(items, linebreak.BoxItem(charWidth*float64(len(w))))
	}
	items = append(items, linebreak.ParagraphEnd()...)

	lines, err := linebreak.Break(items, linebreak.Widths(120), linebreak.DefaultParams())
	if err != nil {
		panic(err)
	}
	for _, l := range lines {
		var text []string
		width := 0.0
		for i := l.Start; i < l.End; i++ {
			switch items[i].Kind {
			case linebreak.Box:
				text = append(text, words[i/2])
				width += items[i].Width
			case linebreak.Glue:
				width += l.GlueWidth(items[i])
			}
		}
		fmt.Printf("%-28s ratio %5.2f set %.1f\n", strings.Join(text, " "), l.Ratio, width)
	}
	// Output:
	// the quick brown fox jumps    ratio  0.25 set 120.0
	// over the lazy dog and runs   ratio -0.30 set 120.0
	// far away                     ratio  0.00 set 120.0
}
