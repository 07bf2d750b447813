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
  printd batch [flags] articles.ndjson|- --out DIR|out.zip|URL   render many articles
  printd serve [flags]                                 run the HTTP service
  printd healthcheck [--addr http://127.0.0.1:8080]    check a running service (exit 0/1)
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
	case "batch":
		return cmdBatch(args[1:], stdin, stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stderr)
	case "healthcheck":
		return cmdHealthcheck(args[1:], stdout, stderr)
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
