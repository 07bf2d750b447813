package archtest

// A rule says which printd packages the packages it covers may import.
// Paths are relative to the module; "x/..." covers x's subpackages (not x).
// The first rule that covers a package applies.
type rule struct {
	pkg string
	may []string
}

// rules, lowest layer first.
var rules = []rule{
	// Shared leaves: they import no other printd package but each other.
	{"internal/...", []string{"internal/..."}},

	// OpenType shaping (go-text/typesetting), below the fonts that use it.
	{"shaping", []string{"internal/..."}},

	// The article contract and the fonts' faces and metrics.
	{"article", []string{"internal/..."}},
	{"fonts", []string{"shaping", "internal/..."}},

	// Inputs: CMS adapters; every outbound fetch; photos (fetched through
	// fetch).
	{"adapt", []string{"article", "internal/..."}},
	{"fetch", []string{"internal/..."}},
	{"photo", []string{"fetch", "internal/..."}},

	// Typesetting: pure, boxes in points.
	{"layout", []string{"article", "internal/...", "layout/..."}},
	{"layout/...", []string{"internal/...", "layout/..."}},

	// The PDF writer: the only packages that know fpdf.
	{"render", []string{"fonts", "layout", "shaping", "internal/...", "render/internal/..."}},
	{"render/internal/pdffont", []string{"fonts", "internal/...", "render/internal/zstream"}},
	{"render/internal/...", []string{"internal/...", "render/internal/..."}},

	// Publication profiles and options.
	{"profile", []string{"article", "fonts", "layout", "internal/..."}},

	// The engine: plan, preflight, images, render; no transport.
	{"engine", []string{"adapt", "article", "fetch", "fonts", "layout", "photo", "profile", "render", "shaping", "internal/..."}},
	{"batch", []string{"adapt", "article", "engine", "fetch", "internal/..."}},

	// Transports.
	{"desk", []string{"adapt", "article", "engine", "fonts", "layout", "profile", "internal/..."}},
	{"service", []string{"adapt", "article", "batch", "desk", "engine", "fetch", "fonts", "layout", "photo", "profile", "render", "internal/..."}},
	{"cmd/...", []string{"adapt", "article", "batch", "desk", "engine", "fetch", "fonts", "layout", "photo", "profile", "render", "service", "internal/..."}},

	// Benchmarks and tools may use anything but the commands.
	{"bench/...", []string{"adapt", "article", "batch", "engine", "fetch", "fonts", "layout", "photo", "profile", "render", "service", "internal/...", "bench/..."}},
}

// only lists third-party imports (by path prefix) that belong to certain
// packages; test files are held to it too.
var only = []struct {
	prefix string
	pkgs   []string
}{
	{"codeberg.org/go-pdf/fpdf", []string{"render", "render/internal/..."}},
	{"github.com/gin-gonic/", []string{"service", "desk"}},
	{"github.com/prometheus/", []string{"service"}},
	{"github.com/disintegration/imaging", []string{"photo"}},
}

// impure are the standard packages layout may not import outside its
// tests: it does no I/O of its own.
var impure = []string{"os", "os/...", "net", "net/...", "syscall", "io/ioutil", "path/filepath", "plugin"}
