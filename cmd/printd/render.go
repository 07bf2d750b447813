package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"printd/adapt"
	"printd/article"
	"printd/engine"
	"printd/fonts"
	"printd/internal/outfile"
	"printd/photo"
	"printd/profile"
)

// cmdRender is `printd render`.
func cmdRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output PDF file, or - for standard output (default: the input name with .pdf)")
	var flagOpts optionFlags
	flagOpts.define(fs, article.DefaultPreset)
	var gray, strict optBool
	fs.Var(&gray, "grayscale", "render in shades of grey")
	fs.Var(&strict, "strict", "fail when a photo cannot be had, text does not fit --pages or no font has some of its characters, instead of a warning (default: on for proof)")
	var fetchOpts fetchFlags
	fetchOpts.define(fs)
	format := fs.String("format", "auto", "input format: auto, printd, wordpress, ans or jsonld")
	profiles := fs.String("profiles", "", "directory of publication profiles (YAML or JSON) besides the embedded default")
	fontDirs := fs.String("fonts", "", fontsUsage)
	preflight := fs.String("preflight", "", "write the preflight report (JSON) to this file, or - for standard error")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: printd render [flags] article.json|- [-o out.pdf|-]\n\nFlags (each also read from PRINTD_<NAME>):\n")
		fs.PrintDefaults()
	}
	pos, code, ok := parseCommand(fs, args, 1, stderr)
	if !ok {
		return code
	}
	over, ok := flagOpts.options(fs, stderr)
	if !ok {
		return 2
	}
	over.Grayscale, over.Strict = gray.v, strict.v
	if !fetchOpts.check(stderr) {
		return 2
	}
	var err error
	in := pos[0]
	var data []byte
	baseDir := "."
	if in == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, 64<<20))
	} else {
		data, err = os.ReadFile(in)
		baseDir = filepath.Dir(in)
	}
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 1
	}
	name := in
	if in == "-" {
		name = "<stdin>"
	}
	art, used, warns, err := adapt.Decode(data, *format)
	if err != nil {
		reportDecode(stderr, name, err)
		return 1
	}
	if used != adapt.Printd {
		fmt.Fprintf(stderr, "printd: %s: read as %s\n", name, used)
	}
	for _, w := range warns {
		fmt.Fprintf(stderr, "printd: warning: %s\n", w)
	}
	lib := fonts.Configured(*fontDirs)
	profs, err := profile.Load(*profiles, lib)
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 1
	}

	pc := photo.DefaultConfig()
	pc.Fetch.AllowFiles = true
	pc.Fetch.BaseDir = baseDir
	fetchOpts.apply(&pc.Fetch)
	printer, err := engine.New(engine.Config{Profiles: profs, Photos: photo.NewStore(pc), Fonts: lib})
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 1
	}
	pl, err := printer.Plan(art, article.Over{From: article.FromFlag, Options: over, AllowMissingPhotos: fetchOpts.allowMissingPhotos})
	if err != nil {
		reportDecode(stderr, name, err)
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	target := *out
	if target == "" {
		if in == "-" {
			target = "-"
		} else {
			target = strings.TrimSuffix(in, filepath.Ext(in)) + ".pdf"
		}
	}
	var w io.Writer = stdout
	var f *outfile.File
	if target != "-" {
		f, err = outfile.Create(target, outfile.Named)
		if err != nil {
			fmt.Fprintf(stderr, "printd: %v\n", err)
			return 1
		}
		defer f.Abort()
		w = f
	}
	res, err := printer.Render(ctx, pl, w)
	for _, wr := range res.Warnings {
		fmt.Fprintf(stderr, "printd: warning: %s\n", wr)
	}
	if *preflight != "" && (err == nil || res.Preflight.Status != "") {
		if werr := writeReport(*preflight, res.Preflight, stderr); werr != nil {
			fmt.Fprintf(stderr, "printd: preflight: %v\n", werr)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "printd: %s: %v\n", name, err)
		return 1
	}
	if f != nil {
		if err := f.Commit(); err != nil {
			fmt.Fprintf(stderr, "printd: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "printd: wrote %s (%s, %d bytes)\n", target, plural(res.Pages, "page"), res.Bytes)
	}
	return 0
}

// reportDecode prints a decoding or planning error the way compilers do: file:line:col
// for syntax errors, one line per problem for validation.
func reportDecode(w io.Writer, name string, err error) {
	var se *article.SyntaxError
	var ve *article.ValidationError
	var oe article.OptionErrors
	switch {
	case errors.As(err, &oe):
		for _, e := range oe {
			fmt.Fprintf(w, "printd: %s: %v\n", name, e)
		}
	case errors.As(err, &se):
		fmt.Fprintf(w, "printd: %s:%d:%d: %s\n", name, se.Line, se.Column, se.Msg)
	case errors.As(err, &ve):
		for _, p := range ve.Problems {
			fmt.Fprintf(w, "printd: %s: %s: %s\n", name, p.Path, p.Message)
		}
	default:
		fmt.Fprintf(w, "printd: %s: %v\n", name, err)
	}
}

// writeReport writes a preflight report as indented JSON.
func writeReport(path string, r engine.Report, stderr io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "-" {
		_, err = stderr.Write(b)
		return err
	}
	return outfile.WriteFile(path, b, outfile.Named)
}
