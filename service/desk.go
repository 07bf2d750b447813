package service

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"printd/article"
	"printd/desk"
	"printd/engine"
	"printd/profile"
)

// newDesk makes the proof desk's handler (Config.Desk).
func (s *Server) newDesk(profs *profile.Profiles) (http.Handler, error) {
	var auth desk.Auth
	if s.cfg.DeskAuth != "" {
		a, err := desk.LoadAuth(s.cfg.DeskAuth)
		if err != nil {
			return nil, err
		}
		auth = a
	}
	cfg := desk.Config{
		Auth:     auth,
		Profiles: profs.Names(),
		Version:  engine.Version,
		Options: desk.Options{
			Presets:  []string{engine.PresetWeb, engine.PresetArchive, engine.PresetProof},
			Papers:   []string{"A4", "Letter", "Tabloid", "Berliner"},
			Columns:  [2]int{1, 4},
			MaxPages: article.MaxPages,
			MaxBleed: article.MaxBleedMM,
		},
		Problem: func(err error) (int, []byte) {
			p := problemFor(err)
			body, _ := json.Marshal(p)
			return p.Status, body
		},
	}
	if s.source != nil {
		cfg.SourceTemplate = s.cfg.ArticleSource
		cfg.Source = func(ctx context.Context, id string) ([]byte, error) {
			if !validID(id) {
				return nil, fmt.Errorf("%w: an article id is 1–%d letters, digits, '.', '_' or '-' (got %q)", errNotFound, maxIDLen, id)
			}
			return s.fetchArticle(ctx, id)
		}
	}
	return desk.New(cfg), nil
}

// mountDesk serves the desk under desk.Prefix; the desk answers its own
// errors (401 before anything else).
func (s *Server) mountDesk(e *gin.Engine) {
	h := gin.WrapH(s.desk)
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		e.Handle(m, desk.Prefix, h)
		e.Handle(m, desk.Prefix+"/*path", h)
	}
}
