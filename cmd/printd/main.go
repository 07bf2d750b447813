// Command printd turns article JSON into print-ready PDFs: `printd render`
// for one article, `printd serve` for the HTTP service.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `printd turns article JSON into print-ready PDFs.

Usage:
  printd render [flags] article.json|- [-o out.pdf|-]   render one article
  printd version                                       print the version

Run "printd render -h" for the flags of a command.
`

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "render":
		return cmdRender(args[1:], stdin, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionString())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "printd: unknown command %q\n\n%s", args[0], usage)
	return 2
}
