package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"printd/batch"
	"printd/engine"
	"printd/fetch"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"printd/article"
	"printd/fonts"
	"printd/photo"
	"printd/profile"
)

// Server is printd's HTTP service: routes, limits, caches and metrics over
// a Printer. Make one with New; it is safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	warns   *warnAggregator // the WARN lines of 503s and 504s
	printer printer

	router  *gin.Engine
	metrics *metrics
	limiter *limiter
	cache   *pdfCache
	flight  *flight
	source  *fetch.Fetcher // nil: no article source
	desk    http.Handler   // nil: the desk is off
	// profileTag fingerprints the profile files, part of every ETag.
	profileTag string
	// now is the clock of cached partial PDFs' expiry (time.Now; tests
	// move it).
	now func() time.Time
	// fontTag fingerprints the font files the printer may use, part of
	// every batch row's input hash.
	fontTag string

	loaded   atomic.Bool // fonts and profiles are loaded
	draining atomic.Bool // shutting down
}

// printer is what the server asks of the engine: plan a request once,
// then render or check that plan; merge several articles into one PDF.
// *engine.Printer is the one implementation.
type printer interface {
	Plan(art *article.Article, over article.Over) (engine.Plan, error)
	Render(ctx context.Context, pl engine.Plan, w io.Writer) (engine.Result, error)
	Check(ctx context.Context, pl engine.Plan) (engine.Report, error)
	PrintMerged(ctx context.Context, arts []*article.Article, labels []string, over article.Over, w io.Writer) (engine.Result, map[int]error, error)
}

// New makes a server from cfg, logging to logw (nil: standard error). It
// loads the fonts and profiles, so a server that exists is ready to
// render.
func New(cfg Config, logw io.Writer) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if logw == nil {
		logw = os.Stderr
	}
	logger, err := cfg.NewLogger(logw)
	if err != nil {
		return nil, err
	}
	if _, err := fonts.Embedded(); err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	lib := fonts.Configured(cfg.Fonts)
	profs, err := profile.Load(cfg.Profiles, lib)
	if err != nil {
		return nil, err
	}
	printer, err := engine.New(engine.Config{Profiles: profs, Photos: photo.NewStore(cfg.photoConfig()), Fonts: lib})
	if err != nil {
		return nil, err
	}
	tag, err := profile.Fingerprint(cfg.Profiles)
	if err != nil {
		return nil, fmt.Errorf("profiles: %w", err)
	}
	s := &Server{
		cfg:        cfg,
		log:        logger,
		warns:      newWarnAggregator(logger, warnEvery),
		printer:    printer,
		limiter:    newLimiter(cfg.concurrency(), cfg.Queue, cfg.QueueWait),
		now:        time.Now,
		flight:     newFlight(),
		profileTag: tag,
		fontTag:    lib.Fingerprint(),
	}
	s.cache = newPDFCache(cfg.CacheBytes, func() time.Time { return s.now() })
	if cfg.ArticleSource != "" {
		s.source = fetch.New(cfg.sourceConfig())
	}
	s.metrics = newMetrics(s)
	if cfg.Desk {
		if s.desk, err = s.newDesk(profs); err != nil {
			return nil, err
		}
	}
	s.router = s.routes()
	s.loaded.Store(true)
	return s, nil
}

// setupTag is what, besides an article and its options, shapes every PDF
// of this server: its profiles and fonts (batch.Options.Setup).
func (s *Server) setupTag() string { return batch.SetupTag(s.profileTag, s.fontTag) }

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.router }

// ready reports whether /readyz answers 200: everything loaded and not
// shutting down.
func (s *Server) ready() bool { return s.loaded.Load() && !s.draining.Load() }

// ListenAndServe listens on cfg.Addr and serves until ctx ends, then shuts
// down gracefully (see Serve).
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends. Then /readyz turns 503, the listener
// stays open for DrainDelay, is closed, and requests in flight get up to
// ShutdownGrace to finish before their connections are cut. It returns nil
// after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.router,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      s.cfg.QueueWait + s.cfg.RenderTimeout + s.cfg.PhotoTimeout + time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("listening", "addr", ln.Addr().String(), "version", engine.Version,
		"render_slots", cap(s.limiter.slots), "queue", s.cfg.Queue, "article_source", s.source != nil)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("draining", "delay", s.cfg.DrainDelay.String(), "grace", s.cfg.ShutdownGrace.String())
	if s.cfg.DrainDelay > 0 {
		time.Sleep(s.cfg.DrainDelay)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		s.log.Warn("grace period over; closing remaining connections", "err", err)
		_ = srv.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serr)
	}
	s.log.Info("stopped")
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
