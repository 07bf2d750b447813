package service

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/pprof"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// route is one endpoint: its method, its path as the OpenAPI document
// writes it and as gin matches it, and its handler.
type route struct {
	method  string
	docPath string
	ginPath string
	handle  gin.HandlerFunc
}

// routeTable lists every endpoint but the optional /debug/pprof ones;
// every GET answers HEAD as well.
func (s *Server) routeTable() []route {
	table := []route{
		{http.MethodPost, "/v1/pdf", "/v1/pdf", s.postPDF},
		{http.MethodPost, "/v1/preflight", "/v1/preflight", s.postPreflight},
		{http.MethodPost, "/v1/batch", "/v1/batch", s.postBatch},
		{http.MethodGet, "/v1/articles/{id}.pdf", "/v1/articles/:file", s.getArticlePDF},
		{http.MethodGet, "/healthz", "/healthz", s.healthz},
		{http.MethodGet, "/readyz", "/readyz", s.readyz},
		{http.MethodGet, "/metrics", "/metrics", s.metricsHandler()},
		{http.MethodGet, "/openapi.json", "/openapi.json", serveOpenAPI},
	}
	for _, r := range table {
		if r.method == http.MethodGet {
			table = append(table, route{http.MethodHead, r.docPath, r.ginPath, headOf(r.handle)})
		}
	}
	return table
}

func (s *Server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode) // no route dump on standard output
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectFixedPath = false
	if err := e.SetTrustedProxies(nil); err != nil {
		panic(err) // nil is always accepted
	}
	e.Use(s.observe, s.recoverPanic)
	for _, r := range s.routeTable() {
		e.Handle(r.method, r.ginPath, r.handle)
	}
	if s.desk != nil {
		s.mountDesk(e)
	}
	if s.cfg.Pprof {
		e.GET("/debug/pprof/*name", servePprof)
		e.POST("/debug/pprof/symbol", gin.WrapF(pprof.Symbol))
	}
	e.NoRoute(func(c *gin.Context) {
		s.fail(c, fmt.Errorf("%w: no route %s", errNotFound, c.Request.URL.Path))
	})
	e.NoMethod(func(c *gin.Context) {
		s.fail(c, fmt.Errorf("%w: %s %s (allowed: %s)", errMethod, c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow")))
	})
	return e
}

// servePprof serves the runtime profiles under /debug/pprof/.
func servePprof(c *gin.Context) {
	switch c.Param("name") {
	case "/cmdline":
		pprof.Cmdline(c.Writer, c.Request)
	case "/profile":
		pprof.Profile(c.Writer, c.Request)
	case "/symbol":
		pprof.Symbol(c.Writer, c.Request)
	case "/trace":
		pprof.Trace(c.Writer, c.Request)
	default:
		pprof.Index(c.Writer, c.Request) // the index and every named profile
	}
}

// fail answers with the problem err maps to, and logs it: client errors at
// debug level, server errors at error level with the full error (which the
// client does not see).
func (s *Server) fail(c *gin.Context, err error) {
	ctx := c.Request.Context()
	p := problemFor(err)
	switch {
	case p.Status == statusClientClosed:
		s.log.InfoContext(ctx, "client went away", "err", err)
		c.AbortWithStatus(p.Status)
		return
	case p.Status == http.StatusServiceUnavailable || p.Status == http.StatusGatewayTimeout:
		s.warns.warn(ctx, p.Status, err) // at most a line a second under overload
	case p.Status >= 500:
		s.log.ErrorContext(ctx, "request failed", "status", p.Status, "err", err)
	default:
		s.log.DebugContext(ctx, "request refused", "status", p.Status, "err", err)
	}
	if p.Status == http.StatusInternalServerError {
		p.Detail = "internal error; the server log has it under this request_id"
	}
	p.Instance = c.Request.URL.Path
	p.RequestID = RequestID(ctx)
	if p.Status == http.StatusServiceUnavailable {
		c.Header("Retry-After", s.retryAfter())
	}
	c.Header("Cache-Control", "no-store")
	body, merr := json.Marshal(p)
	if merr != nil {
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"errors":[]}`)
		p.Status = http.StatusInternalServerError
	}
	c.Data(p.Status, "application/problem+json", body)
	c.Abort()
}

// retryAfter is the Retry-After of a 503, in whole seconds: the queue wait,
// at least one second.
func (s *Server) retryAfter() string {
	return strconv.Itoa(max(1, int(math.Ceil(s.cfg.QueueWait.Seconds()))))
}

// observe gives each request its ID, counts it and logs it.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	id := c.GetHeader("X-Request-ID")
	if !saneRequestID(id) {
		id = newRequestID()
	}
	c.Header("X-Request-ID", id)
	ctx := withRequestID(c.Request.Context(), id)
	c.Request = c.Request.WithContext(ctx)
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()

	c.Next()

	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := c.Writer.Status()
	elapsed := time.Since(start)
	s.metrics.requests.WithLabelValues(route, methodLabel(c.Request.Method), strconv.Itoa(status)).Inc()
	s.metrics.latency.WithLabelValues(route).Observe(elapsed.Seconds())
	level := slog.LevelInfo
	if strings.HasPrefix(route, "/healthz") || strings.HasPrefix(route, "/readyz") || strings.HasPrefix(route, "/metrics") {
		level = slog.LevelDebug
	}
	s.log.Log(ctx, level, "request",
		"method", c.Request.Method,
		"path", c.Request.URL.Path,
		"route", route,
		"status", status,
		"bytes", max(c.Writer.Size(), 0),
		"duration_ms", float64(elapsed.Microseconds())/1000,
		"remote", c.ClientIP(),
		"user_agent", c.Request.UserAgent(),
	)
}

// methodLabel keeps the method label's values few.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// recoverPanic turns a handler's panic into a 500 problem.
func (s *Server) recoverPanic(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.fail(c, fmt.Errorf("handler panicked: %v\n%s", v, debug.Stack()))
	}()
	c.Next()
}

// headOf answers HEAD as h answers GET, headers and status alike, without
// the body.
func headOf(h gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Writer = headWriter{c.Writer}
		h(c)
	}
}

// headWriter drops what is written as the body of a HEAD answer.
type headWriter struct{ gin.ResponseWriter }

func (w headWriter) Write(b []byte) (int, error) {
	w.ResponseWriter.WriteHeaderNow()
	return len(b), nil
}

func (w headWriter) WriteString(s string) (int, error) {
	w.ResponseWriter.WriteHeaderNow()
	return len(s), nil
}
