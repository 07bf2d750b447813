package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"printd/article"
	"printd/internal/outfile"
)

// process turns one job into its row. Only a sink failure or the end of
// ctx is an error; everything wrong with the article is a failed row.
func (e *engine) process(ctx context.Context, j job) (row Row, err error) {
	label := j.rec.Label(e.array)
	row = Row{Line: j.rec.Num, ID: j.id, Status: StatusFailed, Offset: j.rec.End}
	if j.rec.Err != nil {
		row.Error = label + ": " + j.rec.Err.Error()
		return row, nil
	}
	row.Input = e.inputHash(j.rec.Data)
	if e.resumer != nil && len(j.prior) > 0 {
		if old, ok := keep(ctx, e.resumer, j.name, row.Input, j.prior); ok {
			row.Status, row.File = StatusSkipped, j.name
			row.Pages, row.Bytes, row.SHA256, row.Warnings, row.Lost = old.Pages, old.Bytes, old.SHA256, old.Warnings, old.Lost
			return row, nil
		}
	}
	decode := e.opts.Decode
	if decode == nil {
		decode = func(data []byte) (*article.Article, []string, error) {
			return article.DecodeOpts(data, article.DecodeOptions{})
		}
	}
	art, warns, err := decode(j.rec.Data)
	if err != nil {
		describe(&row, label, e.array, err)
		return row, nil
	}
	e.apply(art)
	var buf bytes.Buffer
	r, err := e.print(ctx, art, &buf)
	if err != nil {
		if ctx.Err() != nil {
			return row, ctx.Err()
		}
		row.Error = label + ": " + err.Error()
		return row, nil
	}
	if buf.Len() == 0 {
		row.Error = label + ": the printer wrote nothing"
		return row, nil
	}
	if err := e.sink.Put(ctx, j.name, buf.Bytes()); err != nil {
		if ctx.Err() != nil {
			return row, ctx.Err()
		}
		if errors.Is(err, outfile.ErrRefused) { // a link or device under its name: this article alone
			row.Error = fmt.Sprintf("%s: write %s: %v", label, j.name, err)
			return row, nil
		}
		return row, fmt.Errorf("%s: write %s: %w", label, j.name, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	row.Status, row.File = StatusOK, j.name
	row.Pages, row.Bytes, row.SHA256 = r.Pages, int64(buf.Len()), hex.EncodeToString(sum[:])
	if j.clash != "" {
		row.Warnings = append(row.Warnings, fmt.Sprintf("file name %s was taken by an earlier article; written as %s", j.clash, j.name))
	}
	row.Warnings = append(row.Warnings, warns...)
	row.Warnings = append(row.Warnings, r.Warnings...)
	row.Lost = r.Lost
	return row, nil
}

// print calls the printer, turning a panic into an error so that one
// article cannot end the batch.
func (e *engine) print(ctx context.Context, art *article.Article, buf *bytes.Buffer) (r Rendered, err error) {
	defer func() {
		if p := recover(); p != nil {
			buf.Reset()
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return e.opts.Print(ctx, art, e.over(), buf)
}

// apply gives an article that names no preset the batch's: a default
// under the article's own choice.
func (e *engine) apply(art *article.Article) {
	if art.Options.Preset == "" {
		art.Options.Preset = e.opts.Preset
	}
}

// over is the batch's options, laid over every article's own and its
// profile's.
func (e *engine) over() article.Over {
	from := e.opts.From
	if from == article.FromDefault {
		from = article.FromFlag
	}
	return article.Over{From: from, Options: e.opts.Over, AllowMissingPhotos: e.opts.AllowMissingPhotos}
}

// inputHash identifies what a PDF was made from: the record and the
// options that shape it.
func (e *engine) inputHash(data []byte) string {
	h := sha256.New()
	h.Write([]byte(e.fp))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// describe fills a failed row from a decoding error: the position of a
// syntax error, or every validation problem.
func describe(row *Row, label string, array bool, err error) {
	var se *article.SyntaxError
	var ve *article.ValidationError
	switch {
	case errors.As(err, &se) && !array:
		// An NDJSON record is one line: its own line 1 is the input's.
		row.Error = fmt.Sprintf("line %d, column %d: %s", row.Line+se.Line-1, se.Column, se.Msg)
	case errors.As(err, &se):
		row.Error = fmt.Sprintf("%s: line %d, column %d: %s", label, se.Line, se.Column, se.Msg)
	case errors.As(err, &ve):
		msgs := make([]string, len(ve.Problems))
		for i, p := range ve.Problems {
			msgs[i] = p.String()
			row.Problems = append(row.Problems, Problem{Path: p.Path, Message: p.Message})
		}
		row.Error = label + ": " + strings.Join(msgs, "; ")
	default:
		row.Error = label + ": " + err.Error()
	}
}
