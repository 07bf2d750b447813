package loadgen

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// PDFURL is the /v1/pdf endpoint under the server's base URL, with query
// (without its '?') added when it is not empty.
func PDFURL(base, query string) string {
	target := strings.TrimSuffix(base, "/") + "/v1/pdf"
	if query != "" {
		target += "?" + query
	}
	return target
}

// NewClient is an HTTP client for driving a server on loopback: no proxy,
// no transparent compression, and up to idle keep-alive connections kept
// for reuse. dial, when not nil, opens the connections.
func NewClient(timeout time.Duration, idle int, dial func(ctx context.Context, network, addr string) (net.Conn, error)) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         dial,
			MaxIdleConns:        idle,
			MaxIdleConnsPerHost: idle,
			DisableCompression:  true,
		},
	}
}

// Result is the outcome of one request.
type Result struct {
	Status  int           // HTTP status; 0 when no answer came
	Latency time.Duration // from sending the request to the end of the answer
	Err     error         // failure to send or to read the whole answer
	Detail  string        // start of the body of an answer other than 200
}

// OK reports whether the request got a whole 200 answer.
func (r Result) OK() bool { return r.Err == nil && r.Status == http.StatusOK }

// String describes the outcome as "status N, <error> <detail>".
func (r Result) String() string {
	return fmt.Sprintf("status %d, %v %s", r.Status, r.Err, r.Detail)
}

// maxDetail bounds Result.Detail.
const maxDetail = 512

// Post sends p carrying id to target as application/json, reads the whole
// answer and reports the outcome. The body can be replayed, so the
// transport may resend it when a reused keep-alive connection turns out
// to be closed before anything was written.
func (p Payload) Post(ctx context.Context, client *http.Client, target, id string) Result {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, p.Reader(id))
	if err != nil {
		return Result{Err: err}
	}
	req.ContentLength = int64(p.Size(id))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(p.Reader(id)), nil }
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return Result{Err: err, Latency: time.Since(start)}
	}
	defer resp.Body.Close()
	var detail []byte
	if resp.StatusCode != http.StatusOK {
		detail, _ = io.ReadAll(io.LimitReader(resp.Body, maxDetail))
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return Result{Status: resp.StatusCode, Latency: time.Since(start), Err: err, Detail: string(detail)}
}
