package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "printd"

// pkg is what go list says about one package.
type pkg struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	cmd := exec.Command(gobin, "list", "-json=ImportPath,Imports,TestImports,XTestImports", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

// matches reports whether the module-relative path rel is covered by
// pattern ("x" or "x/...").
func matches(pattern, rel string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return strings.HasPrefix(rel, base+"/")
	}
	return rel == pattern
}

func ruleFor(rel string) (rule, bool) {
	for _, r := range rules {
		if matches(r.pkg, rel) {
			return r, true
		}
	}
	return rule{}, false
}

func rel(path string) (string, bool) {
	return strings.CutPrefix(path, module+"/")
}

// TestImportRules checks every package of the module against rules, only
// and impure.
func TestImportRules(t *testing.T) {
	for _, p := range listPackages(t) {
		name, ok := rel(p.ImportPath)
		if !ok {
			t.Errorf("%s is outside the module", p.ImportPath)
			continue
		}
		r, ok := ruleFor(name)
		if !ok {
			t.Errorf("%s has no import rule: add it to internal/archtest/rules.go", name)
			continue
		}
		for _, imp := range p.Imports {
			if in, ok := rel(imp); ok && !slices.ContainsFunc(r.may, func(m string) bool { return matches(m, in) }) {
				t.Errorf("%s imports %s; its rule (%s) allows %v", name, in, r.pkg, r.may)
			}
		}
		all := slices.Concat(p.Imports, p.TestImports, p.XTestImports)
		for _, imp := range all {
			for _, o := range only {
				if strings.HasPrefix(imp, o.prefix) && !slices.ContainsFunc(o.pkgs, func(m string) bool { return matches(m, name) }) {
					t.Errorf("%s imports %s, which only %v may use", name, imp, o.pkgs)
				}
			}
		}
		if name == "layout" || matches("layout/...", name) {
			for _, imp := range p.Imports {
				if slices.ContainsFunc(impure, func(m string) bool { return matches(m, imp) || m == imp }) {
					t.Errorf("%s imports %s: layout does no I/O", name, imp)
				}
			}
		}
	}
}

// TestRulesMatchSomething keeps the rules honest: a rule for a package
// that is gone is dead weight, except the ones named for packages the
// project plans (fetch).
func TestRulesMatchSomething(t *testing.T) {
	pkgs := listPackages(t)
	planned := map[string]bool{"fetch": true}
	for _, r := range rules {
		if planned[r.pkg] {
			continue
		}
		found := slices.ContainsFunc(pkgs, func(p pkg) bool {
			name, _ := rel(p.ImportPath)
			return matches(r.pkg, name)
		})
		if !found {
			t.Errorf("rule %s covers no package", r.pkg)
		}
	}
}

func TestMatches(t *testing.T) {
	for _, tt := range []struct {
		pattern, rel string
		want         bool
	}{
		{"layout", "layout", true}, {"layout", "layout/hyphen", false}, {"layout/...", "layout/hyphen", true},
		{"layout/...", "layout", false}, {"layout/...", "layouts/x", false}, {"os/...", "os/exec", true},
	} {
		if got := matches(tt.pattern, tt.rel); got != tt.want {
			t.Errorf("matches(%q, %q) = %v", tt.pattern, tt.rel, got)
		}
	}
}

// TestLayoutPure checks everything layout is built from, not only what it
// imports itself: none of it may reach the file system, the network, the
// PDF writer, photos or the transports.
func TestLayoutPure(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	cmd := exec.Command(gobin, "list", "-deps", module+"/layout")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, module+"/layout/linebreak") {
		t.Fatalf("go list -deps printd/layout gave %d packages, not layout's", len(deps))
	}
	for _, dep := range deps {
		bad := dep == "net/http" || dep == "os/exec" || dep == "plugin"
		for _, o := range only {
			bad = bad || strings.HasPrefix(dep, o.prefix)
		}
		for _, p := range []string{"render", "photo", "engine", "service", "batch", "desk", "cmd/printd", "fetch"} {
			bad = bad || dep == module+"/"+p
		}
		if bad {
			t.Errorf("layout depends on %s", dep)
		}
	}
}
