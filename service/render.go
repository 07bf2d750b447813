package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"printd/engine"
	"printd/internal/describe"
)

// render returns the PDF for key from an identical render under way or
// by rendering it in a render slot. how is "coalesced" or "miss".
func (s *Server) render(ctx context.Context, key string, pl engine.Plan, warns []string) (r *rendered, how string, err error) {
	if err := ctx.Err(); err != nil {
		// Gone already: the detached render would start before it noticed.
		return nil, "miss", fmt.Errorf("%w: %w", errClientGone, err)
	}
	r, shared, err := s.flight.do(ctx, key, func(ctx context.Context) (*rendered, error) {
		if r, ok := s.cache.get(key); ok { // cached just before this call began
			return r, nil
		}
		return s.renderSlot(ctx, key, pl, warns)
	})
	how = "miss"
	if shared {
		how = "coalesced"
	}
	s.metrics.cache.WithLabelValues(how).Inc()
	if err != nil && ctx.Err() != nil {
		return nil, how, fmt.Errorf("%w: %w", errClientGone, ctx.Err())
	}
	return r, how, err
}

// renderSlot waits for a render slot, renders under the render deadline
// and caches the result.
func (s *Server) renderSlot(ctx context.Context, key string, pl engine.Plan, warns []string) (*rendered, error) {
	release, why, err := s.limiter.acquire(ctx)
	if err != nil {
		if why != "" {
			s.metrics.rejections.WithLabelValues(string(why)).Inc()
		}
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout)
	defer cancel()
	start := time.Now()
	var buf bytes.Buffer
	res, err := s.printer.Render(ctx, pl, &buf)
	elapsed := time.Since(start)
	if s.countRender(ctx, res, err, elapsed) != "ok" {
		return nil, err
	}
	r := &rendered{
		pdf:         buf.Bytes(),
		pages:       res.Pages,
		warnings:    append(append([]string(nil), warns...), res.Warnings...),
		preflight:   res.Preflight.Summary(),
		disposition: contentDisposition(pl.Article()),
		lost:        res.Lost,
	}
	switch {
	case !r.partial():
		s.cache.add(key, r)
	case r.gone() && s.cfg.PartialCacheTTL > 0:
		// Every photo left out is gone for good: rendering again would
		// leave them out again, so the PDF is kept, for a short while
		// (someone may put the photo back).
		r.expires = s.now().Add(s.cfg.PartialCacheTTL)
		s.cache.add(key, r)
	}
	// Any other partial PDF left a photo out for a cause that may pass:
	// the next request tries it again.
	s.log.InfoContext(ctx, "rendered", "pages", r.pages, "bytes", len(r.pdf), "warnings", len(r.warnings),
		"seconds", elapsed.Seconds())
	return r, nil
}

// countRender counts one render in the metrics, whichever output it was made
// for (a PDF, an article of a ZIP batch, a merged PDF), with the photos it
// left out or failed on, and returns its outcome: ok, error, timeout or
// canceled.
func (s *Server) countRender(ctx context.Context, res engine.Result, err error, elapsed time.Duration) string {
	s.metrics.renderSeconds.Observe(elapsed.Seconds())
	s.countPhotos(ctx, res.Lost, err)
	if err != nil {
		outcome := "error"
		switch {
		case errors.Is(err, engine.ErrPhoto): // first: a photo that timed out is a photo problem (counted above)
		case errors.Is(err, context.DeadlineExceeded):
			outcome = "timeout"
		case errors.Is(err, context.Canceled):
			outcome = "canceled"
		}
		s.metrics.renders.WithLabelValues(outcome).Inc()
		s.log.DebugContext(ctx, "render failed", "outcome", outcome, "err", err, "seconds", elapsed.Seconds())
		return outcome
	}
	s.metrics.renders.WithLabelValues("ok").Inc()
	s.metrics.pages.Observe(float64(res.Pages))
	s.metrics.pdfBytes.Observe(float64(res.Bytes))
	return "ok"
}

// countPhotos counts in printd_photo_failures_total and logs the photos a
// render left out (lost) and the one that failed it (err is an
// engine.ErrPhoto), the same way for every output: a PDF, an article of
// a ZIP batch, the articles of a merged PDF.
func (s *Server) countPhotos(ctx context.Context, lost []*engine.PhotoError, err error) {
	s.metrics.photoFailures.Add(float64(len(lost)))
	for _, pe := range lost {
		s.logPhoto(ctx, "photo left out", pe)
	}
	if errors.Is(err, engine.ErrPhoto) {
		s.metrics.photoFailures.Inc()
		var pe *engine.PhotoError
		if errors.As(err, &pe) {
			s.logPhoto(ctx, "photo unavailable", pe)
		}
	}
}

// logPhoto logs a photo that could not be had with its whole cause (the
// response says only its field and reason), and the article of a batch
// it belongs to.
func (s *Server) logPhoto(ctx context.Context, msg string, pe *engine.PhotoError) {
	args := []any{"field", pe.Path, "src", describe.Source(pe.Src), "reason", pe.Reason, "err", pe.Err}
	if pe.Article != "" {
		args = append(args, "article", pe.Article)
	}
	s.log.WarnContext(ctx, msg, args...)
}
