package service

import (
	"math"
	"net/url"
	"strconv"

	"printd/article"
)

// queryOptions are the options given in a query string; they override the
// article's "options" object field by field.
type queryOptions struct {
	opts article.Options
	// allowMissing is allow-missing-photos: not an article option but the
	// client's choice for this request (article.Over.AllowMissingPhotos).
	allowMissing bool
}

// queryOptionNames are the query parameters read as options, in the order
// problems are reported. Other parameters are ignored.
var queryOptionNames = []string{"preset", "paper", "columns", "grayscale", "bleed", "strict", "pages", "fit", "allow-missing-photos"}

// parseQuery reads the options of a query string. Problems name the
// parameter as "query.<name>".
func parseQuery(q url.Values) (queryOptions, []article.Problem) {
	var qo queryOptions
	var probs []article.Problem
	add := func(name, msg string) {
		probs = append(probs, article.Problem{Path: "query." + name, Message: msg})
	}
	for _, name := range queryOptionNames {
		vs, ok := q[name]
		if !ok {
			continue
		}
		if len(vs) != 1 {
			add(name, "given more than once")
			continue
		}
		v := vs[0]
		switch name {
		case "preset":
			qo.opts.Preset = v
			if v == "" {
				add(name, "must be web, archive or proof")
			}
		case "paper":
			qo.opts.Paper = v
			if v == "" {
				qo.opts.Paper = " " // checked below: not a paper
			}
		case "fit":
			qo.opts.Fit = v
			if v == "" {
				qo.opts.Fit = " " // checked below: not a setting
			}
		case "columns", "pages":
			n, err := strconv.Atoi(v)
			if err != nil {
				add(name, "must be an integer")
				continue
			}
			if name == "pages" {
				qo.opts.Pages = n
			} else {
				if n == 0 {
					n = -1 // zero means "not given" in Options; given, it is out of range
				}
				qo.opts.Columns = n
			}
		case "allow-missing-photos":
			b, err := parseQueryBool(v)
			if err != nil {
				add(name, "must be true or false")
				continue
			}
			qo.allowMissing = b
		case "grayscale", "strict":
			b, err := parseQueryBool(v)
			if err != nil {
				add(name, "must be true or false")
				continue
			}
			if name == "grayscale" {
				qo.opts.Grayscale = &b
			} else {
				qo.opts.Strict = &b
			}
		case "bleed":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				add(name, "must be a number of millimetres")
				continue
			}
			qo.opts.Bleed = &f
		}
	}
	// Ranges and canonical forms are the one validation of every entry point.
	for _, e := range qo.opts.Check(article.Origin{Source: article.FromQuery}) {
		probs = append(probs, article.Problem{Path: e.Path(), Message: e.Msg})
	}
	return qo, probs
}

// parseQueryBool accepts what a query string usually carries: true/false,
// 1/0, yes/no, on/off, and an empty value (?grayscale) as true.
func parseQueryBool(v string) (bool, error) {
	switch v {
	case "", "1", "true", "True", "TRUE", "yes", "on":
		return true, nil
	case "0", "false", "False", "FALSE", "no", "off":
		return false, nil
	}
	return false, strconv.ErrSyntax
}

// over is the query's options as a layer over the article's.
func (qo queryOptions) over() article.Over {
	return article.Over{From: article.FromQuery, Options: qo.opts, AllowMissingPhotos: qo.allowMissing}
}

// strict reports whether the query asks for strict checking.
func (qo queryOptions) strict() bool {
	return qo.opts.Strict != nil && *qo.opts.Strict
}
