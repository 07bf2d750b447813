package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"printd/fetch"
)

// maxIDLen bounds an article id in GET /v1/articles/{id}.pdf.
const maxIDLen = 200

// getArticlePDF is GET /v1/articles/{id}.pdf: the article is fetched from
// the configured article source, then served as POST /v1/pdf serves it.
func (s *Server) getArticlePDF(c *gin.Context) {
	if s.source == nil {
		s.fail(c, fmt.Errorf("%w: no article source is configured", errNotFound))
		return
	}
	id, ok := strings.CutSuffix(c.Param("file"), ".pdf")
	if !ok || !validID(id) {
		s.fail(c, fmt.Errorf("%w: an article path is /v1/articles/{id}.pdf with an id of 1–%d letters, digits, '.', '_' or '-'", errNotFound, maxIDLen))
		return
	}
	data, err := s.fetchArticle(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.servePDF(c, data, true)
}

// validID reports whether id matches [A-Za-z0-9._-]{1,200} and is not
// made of dots only (which would walk up the source's path).
func validID(id string) bool {
	if id == "" || len(id) > maxIDLen || strings.Trim(id, ".") == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// sourceURL is the article source's URL for id.
func (s *Server) sourceURL(id string) string {
	return strings.Replace(s.cfg.ArticleSource, "{id}", url.PathEscape(id), 1)
}

// fetchArticle fetches an article from the source under the photo fetch
// rules (retries included), bounded by MaxBody. A 404 or 410 from the source is
// errSourceMissing; any other failure is errSource, with a detail that
// names no internal address (the log has the full error).
func (s *Server) fetchArticle(ctx context.Context, id string) ([]byte, error) {
	data, err := s.source.Fetch(ctx, s.sourceURL(id))
	if err == nil {
		s.metrics.sourceFetches.WithLabelValues("ok").Inc()
		return data, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%w: %w", errClientGone, ctx.Err())
	}
	var fe *fetch.Error
	if errors.As(err, &fe) && fe.Reason == fetch.ReasonStatus && (fe.Status == http.StatusNotFound || fe.Status == http.StatusGone) {
		s.metrics.sourceFetches.WithLabelValues("not_found").Inc()
		return nil, fmt.Errorf("%w: %q", errSourceMissing, id)
	}
	s.metrics.sourceFetches.WithLabelValues("error").Inc()
	s.log.WarnContext(ctx, "article source failed", "id", id, "err", err)
	var detail string
	switch {
	case fe == nil:
		detail = "it could not be reached"
	case fe.Reason == fetch.ReasonStatus:
		detail = "it answered " + fe.Cause()
	case fe.Reason == fetch.ReasonTooLarge:
		detail = fmt.Sprintf("its answer exceeds the %d-byte limit", s.cfg.MaxBody)
	case fe.Reason == fetch.ReasonRefused, fe.Reason == fetch.ReasonScheme:
		detail = "its address is not allowed (allow-hosts, allow-http)"
	default:
		detail = "it could not be reached: " + fe.Cause()
	}
	return nil, fmt.Errorf("%w: %s", errSource, detail)
}
