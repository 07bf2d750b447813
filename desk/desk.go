package desk

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed assets
var assets embed.FS

// Prefix is where the desk is mounted: the page is Prefix, everything
// else is under Prefix + "/".
const Prefix = "/desk"

// Config is what the desk needs from the service.
type Config struct {
	// Auth is who may open the desk; the zero Auth lets everyone in.
	Auth Auth
	// Profiles are the publication profiles the server has, offered in the
	// profile menu (the article's "publication" field chooses one).
	Profiles []string
	// Source fetches an article's JSON by id from the article source; nil
	// when none is configured. Its errors are answered through Problem.
	Source func(ctx context.Context, id string) ([]byte, error)
	// SourceTemplate is the article source's URL template ("{id}" where
	// the id goes); it lets an editor paste the source's own URL.
	SourceTemplate string
	// Problem turns an error into the status and the JSON problem document
	// the service answers with; nil answers 502 with the error's text.
	Problem func(err error) (status int, body []byte)
	// Version is shown in the page's footer.
	Version string
	// Options describes the options the server takes (see Options).
	Options Options
}

// Options describes the render options the page offers. The service fills
// it from the option vocabulary it validates with.
type Options struct {
	Presets  []string `json:"presets"`
	Papers   []string `json:"papers"`
	Columns  [2]int   `json:"columns"` // smallest and largest
	MaxPages int      `json:"max_pages"`
	MaxBleed float64  `json:"max_bleed_mm"`
	// Fit lists the copyfit modes when the server has copyfit (empty:
	// it has none, and the page shows no copyfit control).
	Fit []string `json:"fit,omitempty"`
}

// handler serves the desk.
type handler struct {
	cfg    Config
	files  map[string]asset
	config []byte // GET /desk/api/config
}

type asset struct {
	data  []byte
	ctype string
	etag  string
}

// New returns the desk's handler for requests under Prefix.
func New(cfg Config) http.Handler {
	h := &handler{cfg: cfg, files: map[string]asset{}}
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		h.files[strings.TrimPrefix(p, "assets/")] = asset{data: data, ctype: contentType(p), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil {
		panic(err) // the embedded tree is part of the binary
	}
	page := h.files["index.html"]
	page.data = bytes.ReplaceAll(page.data, []byte("{{VERSION}}"), []byte(cfg.Version))
	h.files["index.html"] = page
	h.config, _ = json.Marshal(struct {
		Options
		Profiles      []string `json:"profiles"`
		ArticleSource bool     `json:"article_source"`
		Version       string   `json:"version"`
	}{cfg.Options, nonNil(cfg.Profiles), cfg.Source != nil, cfg.Version})
	return h
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".mjs", ".js":
		return "text/javascript; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "text/plain; charset=utf-8"
}

// csp keeps the page to its own origin: no inline script, nothing from
// elsewhere. pdf.js needs WebAssembly for colour profiles and blob:
// URLs for the PDF it prints.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-src 'self' blob:; object-src 'none'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if !h.cfg.Auth.allows(r) {
		hd.Add("WWW-Authenticate", `Basic realm="printd desk", charset="UTF-8"`)
		hd.Add("WWW-Authenticate", `Bearer realm="printd desk"`)
		hd.Set("Cache-Control", "no-store")
		http.Error(w, "401 unauthorized: the proof desk needs credentials", http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, Prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if h.cfg.Auth.Enabled() {
		hd.Set("Cache-Control", "private, no-cache")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	switch {
	case rest == "" || rest == "/":
		hd.Set("Content-Security-Policy", csp)
		h.serveAsset(w, r, "index.html")
	case rest == "/api/config":
		hd.Set("Content-Type", "application/json")
		_, _ = w.Write(h.config)
	case rest == "/api/source":
		h.serveSource(w, r)
	case strings.HasPrefix(rest, "/assets/"):
		h.serveAsset(w, r, strings.TrimPrefix(rest, "/assets/"))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := h.files[name]
	if !ok || name == "index.html" && !strings.HasSuffix(r.URL.Path, Prefix) && !strings.HasSuffix(r.URL.Path, Prefix+"/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.data))
}

// serveSource is GET /desk/api/source?ref=…: the article's JSON as the
// article source answers it, for an id or a URL that holds one.
func (h *handler) serveSource(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if h.cfg.Source == nil {
		http.Error(w, "404 no article source is configured (printd serve --article-source)", http.StatusNotFound)
		return
	}
	id := ArticleID(h.cfg.SourceTemplate, r.URL.Query().Get("ref"))
	data, err := h.cfg.Source(r.Context(), id)
	if err != nil {
		status, body := http.StatusBadGateway, []byte(err.Error())
		if h.cfg.Problem != nil {
			status, body = h.cfg.Problem(err)
			w.Header().Set("Content-Type", "application/problem+json")
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Printd-Article-Id", id)
	_, _ = w.Write(data)
}
