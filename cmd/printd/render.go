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
	"printd/internal/outfile"
	"printd/photo"
	"printd/profile"
)

// cmdRender is `printd render`.
func cmdRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output PDF file, or - for standard output (default: the input name with .pdf)")
	paper := fs.String("paper", "", "paper: A4, Letter, Tabloid, Berliner or WIDTHxHEIGHTmm (default A4)")
	columns := fs.Int("columns", 0, "body columns, 1–4 (default 2)")
	preset := fs.String("preset", "", "preset: web, archive or proof (default web)")
	var gray, strict optBool
	fs.Var(&gray, "grayscale", "render in shades of grey")
	fs.Var(&strict, "strict", "fail when a photo cannot be had instead of leaving it out")
	allowHosts := fs.String("allow-hosts", "", "comma-separated hosts or CIDRs photos may be fetched from even when private")
	allowHTTP := fs.Bool("allow-http", false, "allow plain http:// photo URLs")
	format := fs.String("format", "auto", "input format: auto, printd, wordpress, ans or jsonld")
	profiles := fs.String("profiles", "", "directory of publication profiles (YAML or JSON) besides the embedded default")
	preflight := fs.String("preflight", "", "write the preflight report (JSON) to this file, or - for standard error")
	pages := fs.Int("pages", 0, "fixed page count; text that does not fit is reported as overset")
	bleed := fs.Float64("bleed", -1, "bleed in millimetres (proof preset; default 3)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: printd render [flags] article.json|- [-o out.pdf|-]\n\nFlags (each also read from PRINTD_<NAME>):\n")
		fs.PrintDefaults()
	}
	pos, code, ok := parseCommand(fs, args, 1, stderr)
	if !ok {
		return code
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
	if *paper != "" {
		art.Options.Paper = *paper
	}
	if *columns != 0 {
		art.Options.Columns = *columns
	}
	if *preset != "" {
		art.Options.Preset = *preset
	}
	if gray.v != nil {
		art.Options.Grayscale = gray.v
	}
	if strict.v != nil {
		art.Options.Strict = strict.v
	}
	if *pages > 0 {
		art.Options.Pages = *pages
	}
	if *bleed >= 0 {
		art.Options.Bleed = bleed
	}
	profs, err := profile.Load(*profiles)
	if err != nil {
		fmt.Fprintf(stderr, "printd: %v\n", err)
		return 1
	}

	pc := photo.DefaultConfig()
	pc.AllowFiles = true
	pc.BaseDir = baseDir
	pc.AllowHTTP = *allowHTTP
	if *allowHosts != "" {
		pc.AllowHosts = strings.Split(*allowHosts, ",")
	}
	printer := engine.New(engine.Config{Profiles: profs, Photos: photo.NewStore(pc)})

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
	res, err := printer.Print(ctx, art, w)
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
		fmt.Fprintf(stderr, "printd: wrote %s (%d pages, %d bytes)\n", target, res.Pages, res.Bytes)
	}
	return 0
}

// reportDecode prints a decoding error the way compilers do: file:line:col
// for syntax errors, one line per problem for validation.
func reportDecode(w io.Writer, name string, err error) {
	var se *article.SyntaxError
	var ve *article.ValidationError
	switch {
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
