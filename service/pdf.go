package service

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"printd/engine"

	"github.com/gin-gonic/gin"

	"printd/adapt"
	"printd/article"
)

// postPDF is POST /v1/pdf: the article in the body, options in the query.
func (s *Server) postPDF(c *gin.Context) {
	if data, ok := s.jsonBody(c); ok {
		s.serveArticle(c, data, false, answerPDF)
	}
}

// jsonBody reads an article request's body within the body limit; on
// failure it has answered and returns false.
func (s *Server) jsonBody(c *gin.Context) ([]byte, bool) {
	if err := checkContentType(c.GetHeader("Content-Type")); err != nil {
		s.fail(c, err)
		return nil, false
	}
	data, err := readBody(c.Writer, c.Request, s.cfg.MaxBody)
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	return data, true
}

// postPreflight is POST /v1/preflight: the article and options as for
// /v1/pdf; the answer is the preflight report (JSON), no PDF.
func (s *Server) postPreflight(c *gin.Context) {
	if data, ok := s.jsonBody(c); ok {
		s.serveArticle(c, data, false, answerPreflight)
	}
}

// answer is what a request for one article gets back.
type answer uint8

const (
	answerPDF answer = iota
	answerPreflight
)

// preflight answers with the report of a planned article checked in a
// render slot under the render deadline.
func (s *Server) preflight(c *gin.Context, pl engine.Plan, warns []string) {
	ctx := c.Request.Context()
	release, why, err := s.limiter.acquire(ctx)
	if err != nil {
		if why != "" {
			s.metrics.rejections.WithLabelValues(string(why)).Inc()
		}
		s.fail(c, err)
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout)
	defer cancel()
	rep, err := s.printer.Check(ctx, pl)
	if err != nil {
		s.fail(c, err)
		return
	}
	rep.Warnings = append(append([]string{}, warns...), rep.Warnings...)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, rep)
}

// servePDF answers with the PDF of an article given as JSON. fromSource
// marks JSON that came from the article source, whose syntax errors are
// the source's fault (502), not the client's (400).
func (s *Server) servePDF(c *gin.Context, data []byte, fromSource bool) {
	s.serveArticle(c, data, fromSource, answerPDF)
}

// serveArticle answers a request for one article given as JSON. A PDF
// request whose ETag the client already has (304) or the cache holds is
// answered before the article is decoded. Any other is read (a CMS's shape
// converted first, whatever the query says), decoded, and its query
// problems and article problems reported together; then it is planned
// once and that plan rendered (or joined to an identical render under
// way) or checked.
func (s *Server) serveArticle(c *gin.Context, data []byte, fromSource bool, ans answer) {
	ctx := c.Request.Context()
	qo, qprobs := parseQuery(c.Request.URL.Query())
	formatName := c.Query("format")
	if fromSource && formatName == "" {
		formatName = s.cfg.ArticleFormat
	}
	format, ferr := adapt.ParseFormat(formatName)
	if ferr != nil {
		// without its format the body cannot be read at all
		s.fail(c, &article.ValidationError{Problems: append(qprobs, article.Problem{Path: "query.format", Message: "must be auto, printd, wordpress, ans or jsonld"})})
		return
	}
	inm := c.GetHeader("If-None-Match")
	var etag string
	if len(qprobs) == 0 && ans == answerPDF {
		etag = s.etagOf(data, qo, string(format))
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
	// A CMS's own JSON is mapped onto printd's first (always, so that a bad
	// query option does not turn into bogus article errors); what the
	// mapping dropped joins the warnings, and the response says which shape
	// was read.
	art, used, warns, err := adapt.DecodeOpts(data, string(format), article.DecodeOptions{Strict: qo.strict()})
	if used != "" && used != adapt.Printd {
		c.Header("X-Printd-Format", string(used))
	}
	if err != nil {
		var se *article.SyntaxError
		if fromSource && errors.As(err, &se) {
			err = fmt.Errorf("%w: its answer is not JSON: %v", errSource, se)
		}
		s.fail(c, withQueryProblems(err, qprobs))
		return
	}
	if len(qprobs) > 0 {
		s.fail(c, &article.ValidationError{Problems: qprobs})
		return
	}
	pl, err := s.printer.Plan(art, qo.over())
	if err != nil {
		s.fail(c, err)
		return
	}
	if ans == answerPreflight {
		s.preflight(c, pl, warns)
		return
	}
	if noneMatch(inm, etag, true) {
		s.notModified(c, etag)
		return
	}
	r, how, err := s.render(ctx, etag, pl, warns)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendPDF(c, etag, r, how)
}

// withQueryProblems puts the query's problems before an article's, so that
// a request with both hears of both; any other error stands alone when the
// query is fine.
func withQueryProblems(err error, qprobs []article.Problem) error {
	if len(qprobs) == 0 {
		return err
	}
	var ve *article.ValidationError
	if errors.As(err, &ve) {
		return &article.ValidationError{Problems: append(append([]article.Problem(nil), qprobs...), ve.Problems...)}
	}
	return err
}

func (s *Server) notModified(c *gin.Context, etag string) {
	s.cacheHeaders(c, etag)
	c.Status(http.StatusNotModified)
}

func (s *Server) sendPDF(c *gin.Context, etag string, r *rendered, how string) {
	switch {
	case !r.partial():
		s.cacheHeaders(c, etag)
	case !r.expires.IsZero():
		// Only photos that are gone for good were left out: the PDF is
		// cached until it expires, and a client may keep it as long, but
		// never have it confirmed later (no ETag), once the photo may be
		// back.
		c.Header("Cache-Control", s.partialCacheControl(r.expires))
	default:
		// A photo was left out, perhaps for a moment: no copy of this PDF
		// may be kept or confirmed later (no ETag), so that the next
		// request tries the photo again.
		c.Header("Cache-Control", "no-store")
	}
	if r.partial() {
		c.Header("X-Printd-Partial", warningsHeader([]string{partialHeader(r.lost)}))
	}
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

// partialCacheControl is the Cache-Control of a cached partial PDF: kept
// for the seconds it has left in the cache, privately when the service's
// own Cache-Control is private, and not at all when the service's own
// keeps nothing (none given, no-store or no-cache).
func (s *Server) partialCacheControl(expires time.Time) string {
	own := strings.ToLower(s.cfg.CacheControl)
	if own == "" || strings.Contains(own, "no-store") || strings.Contains(own, "no-cache") {
		return "no-store"
	}
	left := int64(math.Ceil(expires.Sub(s.now()).Seconds()))
	scope := "public"
	if strings.Contains(own, "private") {
		scope = "private"
	}
	return scope + ", max-age=" + strconv.FormatInt(max(left, 0), 10)
}

func (s *Server) cacheHeaders(c *gin.Context, etag string) {
	c.Header("ETag", etag)
	if s.cfg.CacheControl != "" {
		c.Header("Cache-Control", s.cfg.CacheControl)
	}
}
