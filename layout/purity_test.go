package layout

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPure keeps layout free of I/O and of the PDF writer: everything it
// decides must be testable without either.
func TestPure(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	// The packages layout is made of may not do I/O themselves…
	own, err := exec.Command(gobin, "list", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(own)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		for _, imp := range strings.Fields(imports) {
			switch imp {
			case "os", "os/exec", "net", "net/http", "io/ioutil", "syscall", "path/filepath":
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
	// …nor reach the PDF writer, the photo code or the transports at all.
	deps, err := exec.Command(gobin, "list", "-deps", "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(deps)) {
		if strings.Contains(dep, "fpdf") || strings.Contains(dep, "imaging") || strings.Contains(dep, "gin-gonic") ||
			dep == "net/http" || dep == "printd/render" || dep == "printd/photo" || dep == "printd/service" {
			t.Errorf("layout depends on %s", dep)
		}
	}
}
