package linebreak

import "fmt"

// lineWidths caches the measures Break can need: head holds lines
// [0, len(head)) and every later line measures tail.
type lineWidths struct {
	head []float64
	tail float64
}

func (lw *lineWidths) at(line int32) float64 {
	if int(line) < len(lw.head) {
		return lw.head[line]
	}
	return lw.tail
}

// probeWidths reads the measures of lines [0, maxLines) — no paragraph can
// have more lines than it has breakpoints — and finds the first line from
// which they are all equal, so that lines past it can share active nodes.
func probeWidths(widths func(int) float64, maxLines int) (lineWidths, error) {
	check := func(i int) (float64, error) {
		w := widths(i)
		if !finite(w) || w < 0 {
			return 0, fmt.Errorf("line %d: %w %v", i, ErrInvalidMeasure, w)
		}
		return w, nil
	}
	var lw lineWidths
	if maxLines <= 0 {
		return lw, nil
	}
	tail, err := check(maxLines - 1)
	if err != nil {
		return lw, err
	}
	lw.tail = tail
	easy := maxLines - 1
	for easy > 0 {
		w, err := check(easy - 1)
		if err != nil {
			return lw, err
		}
		if w != tail {
			break
		}
		easy--
	}
	if easy > 0 {
		lw.head = make([]float64, easy)
		for i := range lw.head {
			if lw.head[i], err = check(i); err != nil {
				return lw, err
			}
		}
	}
	return lw, nil
}
