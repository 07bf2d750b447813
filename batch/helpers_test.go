package batch_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"printd/article"
	"printd/batch"
)

// memSink is an in-memory Resumer that counts what it was asked to do.
type memSink struct {
	mu       sync.Mutex
	files    map[string][]byte
	puts     map[string]int
	manifest bytes.Buffer
	prior    []string // manifests of "earlier runs"
	appends  int
	failPut  func(name string) error
	closed   bool
}

func newMemSink() *memSink {
	return &memSink{files: map[string][]byte{}, puts: map[string]int{}}
}

func (m *memSink) Put(_ context.Context, name string, pdf []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failPut != nil {
		if err := m.failPut(name); err != nil {
			return err
		}
	}
	m.files[name] = bytes.Clone(pdf)
	m.puts[name]++
	return nil
}

func (m *memSink) AppendManifest(_ context.Context, rows []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !bytes.HasSuffix(rows, []byte("\n")) {
		return fmt.Errorf("rows do not end a line: %q", rows)
	}
	m.manifest.Write(rows)
	m.appends++
	return nil
}

func (m *memSink) Close(context.Context) error { m.closed = true; return nil }
func (m *memSink) Abort() error                { return nil }

func (m *memSink) PriorManifests(_ context.Context, fn func(io.Reader) error) error {
	for _, p := range m.prior {
		if err := fn(strings.NewReader(p)); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSink) Sum(_ context.Context, name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	if !ok {
		return "", fs.ErrNotExist
	}
	return sha(b), nil
}

// nextRun makes the sink look like the output of a finished run.
func (m *memSink) nextRun() {
	m.prior = append(m.prior, m.manifest.String())
	m.manifest.Reset()
	m.puts = map[string]int{}
}

func (m *memSink) rows(t *testing.T) []batch.Row {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	return parseRows(t, m.manifest.Bytes())
}

func parseRows(t *testing.T, data []byte) []batch.Row {
	t.Helper()
	var rows []batch.Row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r batch.Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("manifest row %q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	return rows
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// fakePrinter writes a tiny stand-in PDF naming the article; it can be
// slowed down, blocked or made to panic per id.
type fakePrinter struct {
	delay func(id string) time.Duration
	block func(id string) <-chan struct{}
	panic string // id that panics
	lost  func(id string) []batch.LostPhoto

	mu      sync.Mutex
	started int
	presets map[string]string
	papers  map[string]string
	columns map[string]int
}

func (f *fakePrinter) print(ctx context.Context, a *article.Article, over article.Over, w io.Writer) (batch.Rendered, error) {
	f.mu.Lock()
	f.started++
	if f.presets == nil {
		f.presets, f.papers, f.columns = map[string]string{}, map[string]string{}, map[string]int{}
	}
	// the batch's paper and columns lie over the article's
	paper, columns := a.Options.Paper, a.Options.Columns
	if over.Options.Paper != "" {
		paper = over.Options.Paper
	}
	if over.Options.Columns != 0 {
		columns = over.Options.Columns
	}
	f.presets[a.ID], f.papers[a.ID], f.columns[a.ID] = a.Options.Preset, paper, columns
	f.mu.Unlock()
	if f.panic != "" && a.ID == f.panic {
		panic("boom")
	}
	if f.block != nil {
		if ch := f.block(a.ID); ch != nil {
			select {
			case <-ch:
			case <-ctx.Done():
				return batch.Rendered{}, ctx.Err()
			}
		}
	}
	if f.delay != nil {
		select {
		case <-time.After(f.delay(a.ID)):
		case <-ctx.Done():
			return batch.Rendered{}, ctx.Err()
		}
	}
	_, err := fmt.Fprintf(w, "%%PDF-fake\n%s\n%s\n", a.ID, a.Headline)
	r := batch.Rendered{Pages: 1}
	if f.lost != nil {
		r.Lost = f.lost(a.ID)
	}
	return r, err
}

func (f *fakePrinter) startedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.started
}

// small is a valid article with the given id.
func small(id string) string {
	b, _ := json.Marshal(map[string]any{
		"id":       id,
		"headline": "Headline of " + id,
		"body":     []map[string]string{{"type": "paragraph", "html": "Text of " + id + "."}},
	})
	return string(b)
}

// lines joins records into NDJSON.
func lines(recs ...string) string { return strings.Join(recs, "\n") + "\n" }
