package service

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// openAPI is the OpenAPI 3.1 description of the HTTP API, served at
// /openapi.json (docs/openapi.json is a copy).
//
//go:embed openapi.json
var openAPI string

// healthz is GET /healthz: 200 while the process serves.
func (s *Server) healthz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz is GET /readyz: 200 when fonts and profiles are loaded and the
// server is not shutting down, 503 otherwise.
func (s *Server) readyz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	switch {
	case s.draining.Load():
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "draining"})
	case !s.loaded.Load():
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "starting"})
	default:
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	}
}

// metricsHandler is GET /metrics over the server's own registry.
func (s *Server) metricsHandler() gin.HandlerFunc {
	h := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{ErrorLog: slogPromLogger{s}})
	return gin.WrapH(h)
}

// slogPromLogger routes promhttp's errors to the server log.
type slogPromLogger struct{ s *Server }

func (l slogPromLogger) Println(v ...any) { l.s.log.Error("metrics", "err", v) }

// serveOpenAPI is GET /openapi.json.
func serveOpenAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=3600")
	c.Data(http.StatusOK, "application/json", []byte(openAPI))
}
