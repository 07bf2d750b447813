package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// job is one record on its way to a worker.
type job struct {
	seq   int // position among the shard's records, from 0
	rec   Record
	id    string
	name  string // file name given to it
	clash string // the name it would have had, if taken
	prior []Row  // earlier rows for the same file name (Options.Resume)
}

// result is a worker's row for job seq.
type result struct {
	seq int
	row Row
}

// engine is one Run's shared, read-only state.
type engine struct {
	opts    Options
	sink    Sink
	resumer Resumer // nil unless resuming
	array   bool
	fp      string // Options.fingerprint
}

// Run reads articles from in (NDJSON, or a JSON array when the first
// character that is not white space is '['), renders those of opts.Shard
// with opts.Workers workers, Puts each PDF into sink and appends one
// manifest row per non-empty record, in input order, as rows become final.
// A bad record fails alone and never stops the run.
//
// Run returns an error wrapping ErrUsage for bad options, ErrInput when the
// input could not be read to its end (rows before the damage are in the
// manifest), the context's error when ctx ends, or the sink's error. It
// never closes the sink: the caller Closes it when the run is complete (or
// after ErrInput, to keep the manifest of what could be read) and Aborts it
// otherwise, leaving the rows so far for a later Resume.
func Run(ctx context.Context, in io.Reader, sink Sink, opts Options) (Summary, error) {
	start := time.Now()
	if err := opts.Validate(); err != nil {
		return Summary{}, err
	}
	opts = opts.withDefaults()
	e := &engine{opts: opts, sink: sink, fp: opts.fingerprint()}
	var idx priorIndex
	if opts.Resume {
		r, ok := sink.(Resumer)
		if !ok {
			return Summary{}, fmt.Errorf("%w: this output cannot be resumed", ErrUsage)
		}
		var err error
		if idx, err = loadPrior(ctx, r); err != nil {
			return Summary{}, err
		}
		e.resumer = r
	}
	rr, err := newRecordReader(in, opts.MaxRecordBytes)
	if err != nil {
		return Summary{}, err
	}
	e.array = rr.isArray()

	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan job, opts.Buffer)
	results := make(chan result, opts.Workers)
	window := make(chan struct{}, opts.Window)
	var inputErr error
	g.Go(func() error {
		defer close(jobs)
		err := e.dispatch(gctx, rr, idx, jobs, window)
		if errors.Is(err, ErrInput) {
			inputErr = err // what was read is still rendered and recorded
			return nil
		}
		return err
	})
	var workers sync.WaitGroup
	for range opts.Workers {
		workers.Add(1)
		g.Go(func() error {
			defer workers.Done()
			return e.work(gctx, jobs, results)
		})
	}
	g.Go(func() error {
		workers.Wait()
		close(results)
		return nil
	})
	var sum Summary
	g.Go(func() error { return e.collect(gctx, results, window, &sum) })
	err = g.Wait()
	sum.Elapsed = time.Since(start)
	if err == nil {
		err = inputErr
	}
	return sum, err
}

// dispatch reads records, names every one of them (so that names do not
// depend on the shard) and sends the shard's records to the workers. A
// record waits for a window slot, freed when an older row is written.
func (e *engine) dispatch(ctx context.Context, rr recordReader, idx priorIndex, jobs chan<- job, window chan struct{}) error {
	names := newNamer()
	seq := 0
	for {
		rec, err := rr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var pk peek
		if rec.Err == nil {
			pk = peekRecord(rec.Data)
		}
		name, clash := names.name(pk.ID, pk.Headline, rec.Num)
		if !e.opts.Shard.has(pk.ID, rec.Num) {
			continue
		}
		j := job{seq: seq, rec: rec, id: pk.ID, name: name, clash: clash, prior: idx[name]}
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		seq++
	}
}

// work renders jobs until there are none.
func (e *engine) work(ctx context.Context, jobs <-chan job, results chan<- result) error {
	for j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, err := e.process(ctx, j)
		if err != nil {
			return err
		}
		select {
		case results <- result{seq: j.seq, row: row}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// collect writes rows in input order: a finished row waits in pending
// until every row before it is written. Rows that become ready together
// go to the manifest in one append.
func (e *engine) collect(ctx context.Context, results <-chan result, window chan struct{}, sum *Summary) error {
	pending := map[int]Row{}
	next := 0
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	var ready []Row
	for closed := false; !closed; {
		select {
		case r, ok := <-results:
			if !ok {
				closed = true
				break
			}
			pending[r.seq] = r.row
		drain:
			for {
				select {
				case r, ok := <-results:
					if !ok {
						closed = true
						break drain
					}
					pending[r.seq] = r.row
				default:
					break drain
				}
			}
		case <-ctx.Done():
			return ctx.Err()
		}
		buf.Reset()
		ready = ready[:0]
		for {
			row, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := enc.Encode(row); err != nil {
				return fmt.Errorf("manifest row for line %d: %w", row.Line, err)
			}
			ready = append(ready, row)
		}
		if len(ready) == 0 {
			continue
		}
		if err := e.sink.AppendManifest(ctx, buf.Bytes()); err != nil {
			return fmt.Errorf("manifest: %w", err)
		}
		for _, row := range ready {
			<-window
			sum.add(row)
			if e.opts.OnRow != nil {
				e.opts.OnRow(row)
			}
		}
	}
	if len(pending) > 0 && ctx.Err() == nil {
		return fmt.Errorf("batch: %d rows left waiting for row %d", len(pending), next)
	}
	return nil
}
