package service

import (
	"errors"
	"fmt"
	"printd/engine"
	"strings"

	"printd/article"
)

// fieldsError attaches field paths to an error that has none of its own
// (invalid options, an unavailable photo).
type fieldsError struct {
	err    error
	fields []article.Problem
}

func (e *fieldsError) Error() string { return e.err.Error() }
func (e *fieldsError) Unwrap() error { return e.err }

// optionsError gives an ErrOptions error the path of the option it is
// about: "query.<name>" when the query set it, "options.<name>" otherwise.
func optionsError(err error, qo queryOptions) error {
	if !errors.Is(err, engine.ErrOptions) {
		return err
	}
	msg := err.Error()
	rest := strings.TrimPrefix(msg, engine.ErrOptions.Error()+": ")
	path, text := "options", rest
	if name, tail, ok := strings.Cut(rest, ": "); ok && !strings.ContainsAny(name, " \t") {
		text = tail
		switch {
		case name == "publication":
			path = name
		case qo.given[name]:
			path = "query." + name
		default:
			path = "options." + name
		}
	}
	return &fieldsError{err: err, fields: []article.Problem{{Path: path, Message: text}}}
}

// renderError gives errors about a field of the article its path.
func renderError(err error, art *article.Article, qo queryOptions) error {
	switch {
	case errors.Is(err, engine.ErrOptions):
		return optionsError(err, qo)
	case errors.Is(err, engine.ErrPhoto):
		return &fieldsError{err: err, fields: []article.Problem{{Path: photoPath(err, art), Message: err.Error()}}}
	}
	return err
}

// photoPath finds which image of the article an ErrPhoto is about.
func photoPath(err error, art *article.Article) string {
	msg := err.Error()
	if art.Photo != nil && art.Photo.Src != "" && strings.Contains(msg, engine.ShortSrc(art.Photo.Src)) {
		return "photo.src"
	}
	for i, b := range art.Body {
		if b.Type == article.ImageBlock && b.Image != nil && b.Image.Src != "" && strings.Contains(msg, engine.ShortSrc(b.Image.Src)) {
			return fmt.Sprintf("body[%d].src", i)
		}
	}
	return "photo"
}
