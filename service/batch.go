package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

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
	format, err := adapt.ParseFormat(c.Query("format"))
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
		preset = "web"
	}
	opts := batch.Options{
		Workers: s.cfg.Concurrency,
		Preset:  preset,
		Engine:  "printd " + Version,
		// an article over the per-request limit fails alone
		MaxRecordBytes: s.cfg.MaxBody,
		Decode: func(data []byte) (*article.Article, []string, error) {
			art, _, warns, err := adapt.Decode(data, string(format))
			if art != nil {
				qo.apply(&art.Options)
			}
			return art, warns, err
		},
		Print: func(ctx context.Context, art *article.Article, w io.Writer) (batch.Rendered, error) {
			release, _, err := s.limiter.acquire(ctx)
			if err != nil {
				return batch.Rendered{}, err
			}
			defer release()
			ctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout)
			defer cancel()
			res, err := s.print(ctx, art, w)
			return batch.Rendered{Pages: res.Pages, Warnings: res.Warnings}, err
		},
	}
	sum, err := batch.Run(ctx, body, sink, opts)
	if err != nil && !errors.Is(err, batch.ErrInput) {
		// The status line is sent: a ZIP without its central directory and
		// a dropped connection tell the client it is incomplete.
		s.log.WarnContext(ctx, "batch aborted", "err", err, "rows", sum.Rows)
		sink.Abort()
		panic(http.ErrAbortHandler)
	}
	if err := sink.Close(ctx); err != nil {
		s.log.WarnContext(ctx, "batch close failed", "err", err)
		panic(http.ErrAbortHandler)
	}
	s.log.InfoContext(ctx, "batch", "rows", sum.Rows, "ok", sum.OK, "failed", sum.Failed, "pages", sum.Pages)
}
