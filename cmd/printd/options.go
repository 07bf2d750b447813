package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"

	"printd/article"
)

// optionFlags are the rendering options every command takes on its
// command line (--preset, --paper, --columns, --pages, --fit, --bleed). They are
// checked by the one validation of every entry point (article.Options.Check)
// and lie over the article's and the profile's options.
type optionFlags struct {
	preset, paper string
	columns       int
	pages         int
	fit           string
	bleed         optFloat
}

// define registers the flags; defPreset is the preset of articles that
// name none.
func (o *optionFlags) define(fs *flag.FlagSet, defPreset string) {
	webPaper, webCols := article.PresetSheet(article.PresetWeb)
	proofPaper, proofCols := article.PresetSheet(article.PresetProof)
	fs.StringVar(&o.preset, "preset", "", "preset: web, archive or proof (default "+defPreset+", unless the article names one)")
	fs.StringVar(&o.paper, "paper", "", fmt.Sprintf("paper: A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm\n(default: the publication profile's for the preset, else the article's, else %s; %s for proof)", webPaper, proofPaper))
	fs.IntVar(&o.columns, "columns", 0, fmt.Sprintf("body columns, %d–%d\n(default: the publication profile's for the preset, else the article's, else %d; %d for proof;\non another paper as many as hold about 55 characters: 3 on Tabloid, A3, Berliner)", article.MinColumns, article.MaxColumns, webCols, proofCols))
	fs.IntVar(&o.pages, "pages", 0, fmt.Sprintf("fixed page count, 0–%d (0: as many as the article needs); text that does not fit is overset:\na warning, an error with --strict or the proof preset", article.MaxPages))
	fs.StringVar(&o.fit, "fit", "", "copyfit: auto (pull a last page under a quarter full back: lead photo toward 16:9, leading ≤ 2 %, photo gap,\ncompact closing block, headline a size smaller, lead photo set smaller with its caption beside it)\nor off (default: auto, off for proof)")
	fs.Var(&o.bleed, "bleed", fmt.Sprintf("bleed in `millimetres`, 0–%d, proof preset only (default %g)", article.MaxBleedMM, article.DefaultBleedMM))
}

// options are the flags given (on the command line or in PRINTD_*), as
// options checked like every other entry point's; every problem is
// printed, and ok is false when there was one.
func (o *optionFlags) options(fs *flag.FlagSet, stderr io.Writer) (article.Options, bool) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var opts article.Options
	if given["preset"] {
		opts.Preset = o.preset
		if o.preset == "" {
			opts.Preset = " " // given but empty: not a preset
		}
	}
	if given["paper"] {
		opts.Paper = o.paper
		if o.paper == "" {
			opts.Paper = " "
		}
	}
	if given["columns"] {
		opts.Columns = o.columns
		if o.columns == 0 {
			opts.Columns = -1 // zero means "not given" in Options; given, it is out of range
		}
	}
	if given["pages"] {
		opts.Pages = o.pages
	}
	if given["bleed"] {
		opts.Bleed = o.bleed.v
	}
	if given["fit"] {
		opts.Fit = o.fit
		if o.fit == "" {
			opts.Fit = " "
		}
	}
	errs := opts.Check(article.Origin{Source: article.FromFlag})
	for _, e := range errs {
		fmt.Fprintf(stderr, "printd %s: %v\n", fs.Name(), e)
	}
	return opts, len(errs) == 0
}

// optFloat is a number flag that may be unset.
type optFloat struct{ v *float64 }

func (o *optFloat) String() string {
	if o == nil || o.v == nil {
		return ""
	}
	return strconv.FormatFloat(*o.v, 'g', -1, 64)
}

func (o *optFloat) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return err
	}
	o.v = &f
	return nil
}

// plural writes n and a noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
