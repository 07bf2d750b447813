package service

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"printd/article"
)

// postPDF is POST /v1/pdf: the article in the body, options in the query.
func (s *Server) postPDF(c *gin.Context) {
	if err := checkContentType(c.GetHeader("Content-Type")); err != nil {
		s.fail(c, err)
		return
	}
	data, err := readBody(c.Writer, c.Request, s.cfg.MaxBody)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.servePDF(c, data, false)
}

// servePDF answers with the PDF of an article given as JSON. A request
// whose ETag the client already has (304) or the cache holds is answered
// before the article is decoded; any other is decoded, its query options
// applied and checked, then rendered (or joins an identical render under
// way). fromSource marks JSON that came from the article source, whose
// syntax errors are the source's fault (502), not the client's (400).
func (s *Server) servePDF(c *gin.Context, data []byte, fromSource bool) {
	ctx := c.Request.Context()
	qo, qprobs := parseQuery(c.Request.URL.Query())
	inm := c.GetHeader("If-None-Match")
	var etag string
	if len(qprobs) == 0 {
		etag = s.etagOf(data, qo.opts)
		// Only valid input was ever given this tag, so a client's copy of
		// it needs no decoding to be confirmed ("*" confirms nothing).
		if noneMatch(inm, etag, false) {
			s.notModified(c, etag)
			return
		}
		if r, ok := s.cache.get(etag); ok {
			s.metrics.cache.WithLabelValues("hit").Inc()
			s.sendPDF(c, etag, r, "hit")
			return
		}
	}
	art, warns, err := article.DecodeOpts(data, article.DecodeOptions{Strict: qo.strict()})
	if err != nil {
		var se *article.SyntaxError
		var ve *article.ValidationError
		switch {
		case fromSource && errors.As(err, &se):
			err = fmt.Errorf("%w: its answer is not JSON: %v", errSource, se)
		case errors.As(err, &ve) && len(qprobs) > 0:
			err = &article.ValidationError{Problems: append(qprobs, ve.Problems...)}
		}
		s.fail(c, err)
		return
	}
	if len(qprobs) > 0 {
		s.fail(c, &article.ValidationError{Problems: qprobs})
		return
	}
	qo.apply(&art.Options)
	if _, err := s.printer.Plan(art); err != nil {
		s.fail(c, optionsError(err, qo))
		return
	}
	if noneMatch(inm, etag, true) {
		s.notModified(c, etag)
		return
	}
	r, how, err := s.render(ctx, etag, art, warns)
	if err != nil {
		s.fail(c, renderError(err, art, qo))
		return
	}
	s.sendPDF(c, etag, r, how)
}

func (s *Server) notModified(c *gin.Context, etag string) {
	s.cacheHeaders(c, etag)
	c.Status(http.StatusNotModified)
}

func (s *Server) sendPDF(c *gin.Context, etag string, r *rendered, how string) {
	s.cacheHeaders(c, etag)
	h := c.Writer.Header()
	h.Set("Content-Disposition", r.disposition)
	h.Set("Content-Length", strconv.Itoa(len(r.pdf)))
	h.Set("X-Printd-Pages", strconv.Itoa(r.pages))
	h.Set("X-Printd-Cache", how)
	if r.preflight != "" {
		h.Set("X-Printd-Preflight", r.preflight)
	}
	if len(r.warnings) > 0 {
		h.Set("X-Printd-Warnings", warningsHeader(r.warnings))
	}
	c.Data(http.StatusOK, "application/pdf", r.pdf)
}

func (s *Server) cacheHeaders(c *gin.Context, etag string) {
	c.Header("ETag", etag)
	if s.cfg.CacheControl != "" {
		c.Header("Cache-Control", s.cfg.CacheControl)
	}
}
