package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"printd/engine"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"printd/adapt"
	"printd/article"
	"printd/batch"
)

// postBatch is POST /v1/batch: NDJSON (or a JSON array) of articles in,
// streamed; a ZIP of one PDF per article plus manifest.ndjson out, streamed
// as the articles finish. Every article gets the service's per-article
// limits: a render slot, the render deadline, the article size limit. A bad
// article fails alone and is reported in the manifest. The body as a whole
// is bounded by batch-max-body.
func (s *Server) postBatch(c *gin.Context) {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(c.GetHeader("Content-Type"), ";")[0]))
	switch ct {
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/json":
	default:
		s.fail(c, fmt.Errorf("%w: %q; send application/x-ndjson", errMediaType, ct))
		return
	}
	// format= chooses the output here (zip, the default, or pdf: one merged
	// PDF); input= the shape of the articles. An input shape given as
	// format= is still understood.
	out, input := "zip", c.Query("input")
	switch f := strings.ToLower(c.Query("format")); f {
	case "", "zip":
	case "pdf":
		out = "pdf"
	default:
		if input == "" {
			input = f
		}
	}
	format, err := adapt.ParseFormat(input)
	if err != nil {
		s.fail(c, &article.ValidationError{Problems: []article.Problem{{Path: "query.format", Message: "must be auto, printd, wordpress, ans or jsonld"}}})
		return
	}
	qo, qprobs := parseQuery(c.Request.URL.Query())
	if len(qprobs) > 0 {
		s.fail(c, &article.ValidationError{Problems: qprobs})
		return
	}
	if c.Request.ContentLength > s.cfg.BatchMaxBody {
		s.fail(c, fmt.Errorf("%w: over %d bytes", errTooLarge, s.cfg.BatchMaxBody))
		return
	}
	body := http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.BatchMaxBody)
	ctx := c.Request.Context()
	if out == "pdf" {
		s.mergedPDF(c, body, format, qo)
		return
	}
	counted := &batch.CountingReader{R: body}
	in, err := s.readAhead(c, counted)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "application/zip")
	c.Header("Content-Disposition", `attachment; filename="printd-batch.zip"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	sink, err := batch.NewZip(c.Writer, "manifest.ndjson")
	if err != nil {
		s.fail(c, err)
		return
	}
	preset := qo.opts.Preset
	if preset == "" {
		preset = article.DefaultBatchPreset
	}
	opts := batch.Options{
		Workers: s.cfg.Concurrency,
		Preset:  preset,
		Engine:  "printd " + engine.Version,
		// the query's options and the client's choice of missing photos
		// reach every article's Over and the rows' input hashes
		Over:               qo.opts,
		From:               article.FromQuery,
		AllowMissingPhotos: qo.allowMissing,
		Decoder:            string(format),
		Setup:              s.setupTag(),
		// an article over the per-request limit fails alone
		MaxRecordBytes: s.cfg.MaxBody,
		Decode: func(data []byte) (*article.Article, []string, error) {
			art, _, warns, err := adapt.Decode(data, string(format))
			return art, warns, err
		},
		Print: func(ctx context.Context, art *article.Article, over article.Over, w io.Writer) (batch.Rendered, error) {
			release, _, err := s.limiter.acquire(ctx)
			if err != nil {
				return batch.Rendered{}, err
			}
			defer release()
			ctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout)
			defer cancel()
			pl, err := s.printer.Plan(art, over)
			if err != nil { // an article's own problem, before any render
				return batch.Rendered{}, err
			}
			start := time.Now()
			res, err := s.printer.Render(ctx, pl, w)
			for _, pe := range res.Lost {
				pe.Article = art.ID // for the log; the manifest row names its line
			}
			var pe *engine.PhotoError
			if errors.As(err, &pe) {
				pe.Article = art.ID
			}
			s.countRender(ctx, res, err, time.Since(start)) // a render like any other, in the metrics
			return batch.Rendered{Pages: res.Pages, Warnings: res.Warnings, Lost: batch.LostPhotos(res.Lost)}, err
		},
	}
	sum, err := batch.Run(ctx, in, sink, opts)
	if err != nil && !errors.Is(err, batch.ErrInput) {
		// The status line is sent: a ZIP without its central directory and
		// a dropped connection tell the client it is incomplete.
		s.log.WarnContext(ctx, "batch aborted", "err", err, "rows", sum.Rows)
		sink.Abort()
		panic(http.ErrAbortHandler)
	}
	// The body could not be read to its end (a read error, a body over
	// batch-max-body, a JSON array broken beyond repair): the rows read
	// are kept, and the trailer says the batch is not whole, and why.
	if err != nil {
		s.log.WarnContext(ctx, "batch input cut short", "err", err, "rows", sum.Rows, "input_bytes", counted.N)
	}
	trailer, terr := batch.NewTrailer(sum, counted.N, err).Encode()
	if terr == nil {
		terr = sink.AppendManifest(ctx, trailer)
	}
	if terr != nil {
		s.log.WarnContext(ctx, "batch trailer failed", "err", terr)
		sink.Abort()
		panic(http.ErrAbortHandler)
	}
	if err := sink.Close(ctx); err != nil {
		s.log.WarnContext(ctx, "batch close failed", "err", err)
		panic(http.ErrAbortHandler)
	}
	s.log.InfoContext(ctx, "batch", "rows", sum.Rows, "ok", sum.OK, "failed", sum.Failed, "pages", sum.Pages)
}

// readAhead reads the batch body ahead, up to the per-article body limit,
// before the first byte of the answer. A body that ends within it is whole
// in memory, and the answer is streamed as its articles finish, with any
// client, even one that reads nothing of the answer until it has sent
// everything. A longer body is read on while the answer streams, which
// Go's HTTP/1 server allows only in full-duplex mode: without it the
// server, on writing the answer's first bytes, reads up to 256 KiB of
// the unread body away and closes it, and the articles in it were lost.
// (Such a long body needs a client that reads the answer while it sends,
// as curl and Go's client do; HTTP/2 is full duplex always.) A body that
// cannot be read this far fails with a problem, before any byte of a ZIP.
func (s *Server) readAhead(c *gin.Context, body io.Reader) (io.Reader, error) {
	var buf bytes.Buffer
	if n := c.Request.ContentLength; n > 0 {
		buf.Grow(int(min(n, s.cfg.MaxBody) + 1)) // room to see the end without growing
	}
	if _, err := buf.ReadFrom(io.LimitReader(body, s.cfg.MaxBody+1)); err != nil {
		return nil, bodyError(c.Request, err, s.cfg.BatchMaxBody)
	}
	head := buf.Bytes()
	if int64(len(head)) <= s.cfg.MaxBody {
		return bytes.NewReader(head), nil
	}
	if err := http.NewResponseController(c.Writer).EnableFullDuplex(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		// ErrNotSupported: not net/http's HTTP/1 server, the one that drops bodies
		return nil, fmt.Errorf("batch: full duplex: %w", err)
	}
	return io.MultiReader(bytes.NewReader(head), body), nil
}

// maxMerged bounds the articles of one merged PDF, which is built in
// memory.
const maxMerged = 1000

// mergedPDF answers POST /v1/batch?format=pdf: every good article of the
// body (NDJSON or a JSON array, read by the batch reader as the ZIP batch
// reads it) in one PDF, a bookmark per article; the records that failed
// are listed in X-Printd-Failed (and the whole request fails only when
// none could be rendered). The body is read to its end before anything is
// rendered: one that cannot be is a problem, never a shorter PDF.
func (s *Server) mergedPDF(c *gin.Context, body io.Reader, format adapt.Format, qo queryOptions) {
	ctx := c.Request.Context()
	var arts []*article.Article
	var labels []string
	var failures []string
	rr, err := batch.NewReader(body, s.cfg.MaxBody)
	for err == nil {
		var rec batch.Record
		rec, err = rr.Next()
		if err != nil {
			break
		}
		if len(arts)+len(failures) >= maxMerged {
			s.fail(c, fmt.Errorf("%w: more than %d articles for one merged PDF", errTooLarge, maxMerged))
			return
		}
		label := rec.Label(rr.Array())
		if rec.Err != nil {
			failures = append(failures, label+": "+rec.Err.Error())
			continue
		}
		art, _, _, derr := adapt.Decode(rec.Data, string(format))
		if derr != nil {
			failures = append(failures, label+": "+firstLine(derr.Error()))
			continue
		}
		if art.Options.Preset == "" {
			art.Options.Preset = article.DefaultBatchPreset
		}
		arts = append(arts, art)
		labels = append(labels, label)
	}
	if err != io.EOF {
		s.fail(c, bodyError(c.Request, err, s.cfg.BatchMaxBody))
		return
	}
	if len(arts) == 0 {
		s.fail(c, &article.ValidationError{Problems: []article.Problem{{Path: "body", Message: "no article could be read: " + strings.Join(failures, "; ")}}})
		return
	}
	release, why, err := s.limiter.acquire(ctx)
	if err != nil {
		if why != "" {
			s.metrics.rejections.WithLabelValues(string(why)).Inc()
		}
		s.fail(c, err)
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout*time.Duration(min(len(arts), 60)))
	defer cancel()
	var buf bytes.Buffer
	start := time.Now()
	res, failed, err := s.printer.PrintMerged(ctx, arts, labels, qo.over(), &buf)
	s.countRender(ctx, res, err, time.Since(start)) // one render, one PDF
	for i, ferr := range failed {
		var pe *engine.PhotoError
		if errors.As(ferr, &pe) {
			pe.Article = labels[i]
		}
		s.countPhotos(ctx, nil, ferr)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	for i, ferr := range failed {
		failures = append(failures, labels[i]+": "+firstLine(ferr.Error()))
	}
	sort.Strings(failures)
	h := c.Writer.Header()
	if len(failures) > 0 {
		h.Set("X-Printd-Failed", warningsHeader(failures))
	}
	if len(res.Warnings) > 0 {
		h.Set("X-Printd-Warnings", warningsHeader(res.Warnings))
	}
	if len(res.Lost) > 0 {
		h.Set("X-Printd-Partial", warningsHeader([]string{partialHeader(res.Lost)}))
	}
	h.Set("X-Printd-Pages", strconv.Itoa(res.Pages))
	h.Set("Content-Disposition", `inline; filename="printd-batch.pdf"`)
	h.Set("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
