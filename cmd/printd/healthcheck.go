package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// cmdHealthcheck is `printd healthcheck`: GET /healthz of a running
// server, exit status 0 when it answers 200 and 1 otherwise. It is the
// container's HEALTHCHECK, as the image has no curl.
func cmdHealthcheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "http://127.0.0.1:8080", "server to check: a URL, or a listen address such as :8080")
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: printd healthcheck [--addr http://127.0.0.1:8080]\n\nFlags (each also read from PRINTD_<NAME>):\n")
		fs.PrintDefaults()
	}
	if _, code, ok := parseCommand(fs, args, 0, stderr); !ok {
		return code
	}
	u, err := healthURL(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "printd healthcheck: %v\n", err)
		return 2
	}
	client := &http.Client{
		Timeout:   *timeout,
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}
	resp, err := client.Get(u)
	if err != nil {
		fmt.Fprintf(stderr, "printd healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "printd healthcheck: %s: %s\n", u, resp.Status)
		return 1
	}
	fmt.Fprintf(stdout, "ok\n")
	return 0
}

// healthURL makes the /healthz URL from --addr: a URL is used as it is
// (with /healthz appended unless its path names it); a listen address like
// ":8080" or "0.0.0.0:8080" (the server's PRINTD_ADDR) is reached on the
// loopback.
func healthURL(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if !strings.Contains(addr, "://") {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return "", fmt.Errorf("addr %q: %w", addr, err)
		}
		switch host {
		case "", "0.0.0.0", "::":
			host = "127.0.0.1"
		}
		addr = "http://" + net.JoinHostPort(host, port)
	}
	addr = strings.TrimSuffix(addr, "/")
	if !strings.HasSuffix(addr, "/healthz") {
		addr += "/healthz"
	}
	return addr, nil
}
