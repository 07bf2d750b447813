package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"printd/article"
)

// DefaultPreset is given to articles that name no preset of their own:
// article.DefaultBatchPreset, the same on the command line and over HTTP.
const DefaultPreset = article.DefaultBatchPreset

// DefaultMaxRecordBytes bounds one input record (one NDJSON line).
const DefaultMaxRecordBytes = 32 << 20

// Rendered is what a PrintFunc reports about a finished PDF.
type Rendered struct {
	Pages    int
	Warnings []string
	// Lost are the photos the PDF was written without; they go to the
	// row (and its warnings should say so too).
	Lost []LostPhoto
}

// PrintFunc renders art with over laid over its options (and over its
// publication profile's) and writes the complete PDF to w, or writes
// nothing and returns an error. It must be safe for concurrent use.
type PrintFunc func(ctx context.Context, art *article.Article, over article.Over, w io.Writer) (Rendered, error)

// Options control Run.
type Options struct {
	// Print renders one article; required.
	Print PrintFunc
	// Decode turns one record into an article with its warnings; nil
	// means article.DecodeOpts with the default limits (printd's own input). The CLI and
	// the service pass the CMS adapters' decoder here.
	Decode func(data []byte) (*article.Article, []string, error)
	// Workers render in parallel; 0 means GOMAXPROCS.
	Workers int
	// Buffer is how many records may wait for a worker; 0 means Workers.
	// Besides them, each worker holds one article and its PDF.
	Buffer int
	// Window bounds the records between the oldest unfinished one and the
	// newest read, so that finished rows waiting for a slow one stay few;
	// 0 means 64 per worker, and never less than Workers+Buffer.
	Window int
	// Preset is given to articles without one; "" means DefaultPreset.
	Preset string
	// Over is laid over every article's options and its profile's, field
	// by field where it is given: the command line's paper and columns, or
	// all a query string gives (preset, paper, columns, grayscale, bleed,
	// strict, pages, fit). It reaches the PrintFunc as an article.Over
	// from From, and every field of it is part of each row's input hash.
	Over article.Options
	// From is where Over came from: article.FromFlag (the command line,
	// the zero value's meaning) or article.FromQuery.
	From article.Source
	// Decoder names what Decode makes of a record (the input format:
	// "wordpress", "ans"…; "" or "auto" for the default). It is part of
	// each row's input hash: the same record read as another format is
	// another article.
	Decoder string
	// Setup fingerprints the rest of what shapes every PDF besides the
	// record, the options and the engine: the publication profiles and
	// the fonts the printer was given. It is part of each row's input
	// hash, so that a resumed run renders again what other profiles or
	// fonts made. SetupTag makes it.
	Setup string
	// AllowMissingPhotos lets an article whose photo could not be had be
	// written without it (with a warning) instead of failing, in the
	// archive preset too; it reaches the PrintFunc in its article.Over.
	AllowMissingPhotos bool
	// Shard keeps one part of the input; the zero Shard keeps all of it.
	Shard Shard
	// Resume skips articles whose PDF an earlier run left in the sink with
	// the hash its manifest recorded. The sink must be a Resumer.
	Resume bool
	// Engine names the renderer and its version. It is part of each row's
	// input hash, so that a resumed run renders again what an older
	// engine made.
	Engine string
	// MaxRecordBytes bounds one record; 0 means DefaultMaxRecordBytes. A
	// longer NDJSON line fails alone; a longer array element ends the
	// input (ErrInput), as nothing after it can be found without reading
	// it.
	MaxRecordBytes int64
	// OnRow, if set, sees every row as it becomes final, in input order,
	// from a single goroutine.
	OnRow func(Row)
}

// ErrUsage marks options Run cannot work with.
var ErrUsage = errors.New("batch: bad options")

// Validate reports options Run would refuse.
func (o Options) Validate() error {
	if o.Print == nil {
		return fmt.Errorf("%w: no printer", ErrUsage)
	}
	if o.Workers < 0 || o.Buffer < 0 || o.Window < 0 || o.MaxRecordBytes < 0 {
		return fmt.Errorf("%w: negative worker, buffer, window or record size", ErrUsage)
	}
	ao := o.Over
	probs := ao.Normalize("")
	if o.Preset != "" {
		def := article.Options{Preset: o.Preset}
		probs = append(probs, def.Normalize("")...)
	}
	if len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, p := range probs {
			msgs[i] = p.String()
		}
		return fmt.Errorf("%w: %s", ErrUsage, strings.Join(msgs, "; "))
	}
	if err := o.Shard.validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	return nil
}

// withDefaults fills the zero fields.
func (o Options) withDefaults() Options {
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Buffer == 0 {
		o.Buffer = o.Workers
	}
	if o.Window == 0 {
		o.Window = 64 * o.Workers
	}
	o.Window = max(o.Window, o.Workers+o.Buffer)
	if o.MaxRecordBytes == 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if o.Preset == "" {
		o.Preset = DefaultPreset
	}
	if p, ok := article.ParsePreset(o.Preset); ok {
		o.Preset = p
	}
	o.Over.Normalize("") // canonical names: a4 and A4 are one paper, one hash
	return o
}

// SetupTag is Options.Setup for a printer given the publication
// profiles and fonts with these fingerprints (profile.Fingerprint,
// fonts.Library.Fingerprint).
func SetupTag(profiles, fonts string) string {
	return "profiles=" + profiles + ";fonts=" + fonts
}

// fingerprint is what, besides the record itself, decides a PDF's bytes:
// the engine, every option laid over the articles, the decoder and the
// printer's setup. Options not given add nothing, so that a run with only
// a preset, paper and columns keeps the hashes earlier versions wrote.
func (o Options) fingerprint() string {
	ov := o.Over
	fp := "engine=" + o.Engine + "\npreset=" + o.Preset + "\npaper=" + ov.Paper + "\ncolumns=" + strconv.Itoa(ov.Columns) + "\n"
	if o.AllowMissingPhotos { // a PDF that may lack photos is not one that may not
		fp += "missing-photos=allowed\n"
	}
	if ov.Preset != "" || ov.Grayscale != nil || ov.Bleed != nil || ov.Strict != nil || ov.Pages != 0 || ov.Fit != "" {
		fp += "options=" + ov.Canonical() + "\n"
	}
	if d := strings.ToLower(o.Decoder); d != "" && d != "auto" {
		fp += "decoder=" + d + "\n"
	}
	if o.Setup != "" {
		fp += "setup=" + o.Setup + "\n"
	}
	return fp
}
