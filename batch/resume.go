package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// priorIndex holds the rows of earlier manifests that name a PDF, by file
// name.
type priorIndex map[string][]Row

// loadPrior reads every earlier manifest of the sink. Rows that are not
// complete lines (a run killed while writing one), unreadable, failed or
// missing a hash are ignored.
func loadPrior(ctx context.Context, r Resumer) (priorIndex, error) {
	idx := priorIndex{}
	err := r.PriorManifests(ctx, func(m io.Reader) error {
		br := bufio.NewReaderSize(m, 64<<10)
		for {
			line, err := br.ReadBytes('\n')
			if err != nil {
				if errors.Is(err, io.EOF) {
					return nil // a last line without its newline is partial
				}
				return err
			}
			var row Row
			if json.Unmarshal(bytes.TrimSpace(line), &row) != nil {
				continue
			}
			if row.Status != StatusOK && row.Status != StatusSkipped || row.File == "" || row.SHA256 == "" || row.Input == "" {
				continue
			}
			idx.add(row)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read earlier manifests: %w", err)
	}
	return idx, nil
}

func (idx priorIndex) add(row Row) {
	for _, p := range idx[row.File] {
		if p.SHA256 == row.SHA256 && p.Input == row.Input {
			return
		}
	}
	row.Line, row.ID, row.Offset = 0, "", 0
	idx[row.File] = append(idx[row.File], row)
}

// passing reports whether a photo was left out for a cause that may pass
// (its PDF is then rendered again, to try the photo again).
func passing(lost []LostPhoto) bool {
	for _, l := range lost {
		if !l.Gone {
			return true
		}
	}
	return false
}

// keep returns the earlier row whose PDF is still there, unchanged, for
// the same input, and lacks no photo that may be had now, if any.
func keep(ctx context.Context, r Resumer, name, input string, cands []Row) (Row, bool) {
	var match []Row
	for _, p := range cands {
		if p.Input == input && !passing(p.Lost) {
			match = append(match, p)
		}
	}
	if len(match) == 0 {
		return Row{}, false
	}
	sum, err := r.Sum(ctx, name)
	if err != nil {
		return Row{}, false // missing or unreadable: render it again
	}
	for _, p := range match {
		if p.SHA256 == sum {
			return p, true
		}
	}
	return Row{}, false
}
